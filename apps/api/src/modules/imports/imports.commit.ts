import { sql } from 'kysely';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Tx } from '../../app/db/database.js';
import { sealIdNumber, upsertPerson, type IdentityColumns } from '../people/people.core.js';
import type { ImportKind } from './imports.layouts.js';
import type { ResolvedAddress, Resolved } from './imports.validate.js';

export interface CommitCounts {
  created: number;
  updated: number;
  [extra: string]: number;
}

const BATCH = 1000;

/** People in batches: 100,000 rows must commit in well under a minute. */
async function commitPeople(trx: Tx, identity: IdentityCipher, rows: Resolved[], userId: number, today: string): Promise<CommitCounts> {
  let created = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => ({ r, sealed: typeof r.idNumber === 'string' ? sealIdNumber(identity, r.idNumber) : null, address: r.address as ResolvedAddress }));
    const hashes = batch.flatMap((b) => (b.sealed ? [b.sealed.id_number_hash] : []));
    const existing = hashes.length
      ? new Map((await trx.selectFrom('persons').select(['id', 'id_number_hash', 'current_address_id']).where('id_number_hash', 'in', hashes).execute()).map((p) => [p.id_number_hash!, p]))
      : new Map<string, { id: number; current_address_id: number | null }>();
    const fresh = batch.filter((b) => !b.sealed || !existing.has(b.sealed.id_number_hash));
    const known = batch.filter((b) => b.sealed && existing.has(b.sealed.id_number_hash));
    if (fresh.length) {
      const inserted = await trx
        .insertInto('persons')
        .values(
          fresh.map((b) => ({
            name: b.r.name as string,
            category: b.r.category as 'registered' | 'floating' | 'tenant',
            ...((b.sealed ?? {}) as Partial<IdentityColumns>),
            phone: (b.r.phone as string | null) ?? null,
            household_place: (b.r.householdPlace as string | null) ?? null,
            current_address_id: b.address.id,
            jurisdiction_id: b.address.jurisdictionId,
            notes: (b.r.notes as string | null) ?? null,
            created_by: userId,
          })),
        )
        .returning(['id', 'current_address_id'])
        .execute();
      await trx
        .insertInto('person_addresses')
        .values(inserted.map((p) => ({ person_id: p.id, address_id: p.current_address_id!, kind: 'residence' as const, from_date: today, source: 'import' })))
        .execute();
      created += inserted.length;
    }
    for (const b of known) {
      const before = existing.get(b.sealed!.id_number_hash)!;
      await trx
        .updateTable('persons')
        .set({ name: b.r.name as string, phone: (b.r.phone as string | null) ?? undefined, current_address_id: b.address.id, jurisdiction_id: b.address.jurisdictionId, updated_at: new Date() })
        .where('id', '=', before.id)
        .execute();
      if (before.current_address_id !== b.address.id) {
        await trx.updateTable('person_addresses').set({ to_date: today }).where('person_id', '=', before.id).where('kind', '=', 'residence').where('to_date', 'is', null).execute();
        await trx.insertInto('person_addresses').values({ person_id: before.id, address_id: b.address.id, kind: 'residence', from_date: today, source: 'import' }).execute();
      }
      updated++;
    }
  }
  return { created, updated };
}

async function upsertHouse(trx: Tx, address: ResolvedAddress, values: { use: 'own' | 'rental' | 'vacant' | 'business' | 'other'; ownerPersonId?: number | null; area?: number | null; occupantLimit?: number | null }) {
  const row = await trx
    .insertInto('houses')
    .values({ address_id: address.id, jurisdiction_id: address.jurisdictionId, use: values.use, owner_person_id: values.ownerPersonId ?? null, area_m2: values.area ?? null, occupant_limit: values.occupantLimit ?? null })
    .onConflict((oc) =>
      oc.column('address_id').doUpdateSet({
        use: values.use,
        ...(values.ownerPersonId ? { owner_person_id: values.ownerPersonId } : {}),
        ...(values.area ? { area_m2: values.area } : {}),
        ...(values.occupantLimit ? { occupant_limit: values.occupantLimit } : {}),
        updated_at: new Date(),
      }),
    )
    .returning(['id', sql<boolean>`xmax = 0`.as('inserted')])
    .executeTakeFirstOrThrow();
  return row;
}

export async function commitRows(trx: Tx, identity: IdentityCipher, kind: ImportKind, rows: Resolved[], userId: number, today: string): Promise<CommitCounts> {
  switch (kind) {
    case 'people':
      return commitPeople(trx, identity, rows, userId, today);
    case 'houses': {
      let created = 0;
      let updated = 0;
      for (const r of rows) {
        const address = r.address as ResolvedAddress;
        const owner = r.ownerName
          ? await upsertPerson(trx, identity, { name: r.ownerName as string, category: 'registered', idNumber: (r.ownerIdNumber as string | null) ?? null, phone: (r.ownerPhone as string | null) ?? null, jurisdictionId: address.jurisdictionId }, userId)
          : null;
        const house = await upsertHouse(trx, address, { use: r.use as 'own', ownerPersonId: owner?.id ?? null, area: r.area as number | null, occupantLimit: r.occupantLimit as number | null });
        if (house.inserted) created++;
        else updated++;
      }
      return { created, updated };
    }
    case 'units': {
      let created = 0;
      let updated = 0;
      for (const r of rows) {
        const address = r.address as ResolvedAddress | null;
        const creditCode = (r.creditCode as string | undefined) ?? null;
        const existing = creditCode ? await trx.selectFrom('units').select('id').where('credit_code', '=', creditCode).where('archived_at', 'is', null).executeTakeFirst() : undefined;
        const values = {
          name: r.name as string,
          kind: r.kind as 'shop',
          credit_code: creditCode,
          credit_code_ok: creditCode ? (r.creditCodeOk as boolean) : null,
          address_id: address?.id ?? null,
          legal_representative: r.legalRepresentative as string | null,
          contact_phone: r.phone as string | null,
          employees: r.employees as number | null,
          key_place: r.keyPlace as boolean,
        };
        if (existing) {
          await trx.updateTable('units').set({ ...values, ...(address ? { jurisdiction_id: address.jurisdictionId } : {}), updated_at: new Date() }).where('id', '=', existing.id).execute();
          updated++;
        } else {
          if (!address) throw new Error('a new unit needs an address');
          await trx.insertInto('units').values({ ...values, jurisdiction_id: address.jurisdictionId }).execute();
          created++;
        }
      }
      return { created, updated };
    }
    case 'rentals': {
      let created = 0;
      let updated = 0;
      let tenancies = 0;
      for (const r of rows) {
        const address = r.address as ResolvedAddress;
        const landlord = r.landlordName
          ? await upsertPerson(trx, identity, { name: r.landlordName as string, category: 'registered', idNumber: (r.landlordIdNumber as string | null) ?? null, phone: (r.landlordPhone as string | null) ?? null, jurisdictionId: address.jurisdictionId }, userId)
          : null;
        const house = await upsertHouse(trx, address, { use: 'rental', ownerPersonId: landlord?.id ?? null, occupantLimit: r.occupantLimit as number | null });
        let rental = await trx.selectFrom('rental_houses').select('id').where('house_id', '=', house.id).executeTakeFirst();
        if (!rental) {
          if (!landlord) throw new Error('a new rental house needs its landlord');
          rental = await trx
            .insertInto('rental_houses')
            .values({ house_id: house.id, landlord_person_id: landlord.id, jurisdiction_id: address.jurisdictionId, ...(r.occupantLimit ? { occupant_limit: r.occupantLimit as number } : {}), registered_on: today })
            .returning('id')
            .executeTakeFirstOrThrow();
          created++;
        } else {
          await trx.updateTable('rental_houses').set({ ...(landlord ? { landlord_person_id: landlord.id } : {}), ...(r.occupantLimit ? { occupant_limit: r.occupantLimit as number } : {}), status: 'active', updated_at: new Date() }).where('id', '=', rental.id).execute();
          updated++;
        }
        if (r.tenantName) {
          const tenant = await upsertPerson(trx, identity, { name: r.tenantName as string, category: 'tenant', idNumber: r.tenantIdNumber as string, phone: (r.tenantPhone as string | null) ?? null, currentAddressId: address.id, jurisdictionId: address.jurisdictionId }, userId);
          const open = await trx.selectFrom('tenancies').select('id').where('rental_house_id', '=', rental.id).where('person_id', '=', tenant.id).where('check_out', 'is', null).executeTakeFirst();
          if (!open) {
            await trx.insertInto('tenancies').values({ rental_house_id: rental.id, person_id: tenant.id, check_in: r.checkIn as string, reported_by: userId, reported_via: 'import' }).execute();
            tenancies++;
          }
        }
      }
      return { created, updated, tenancies };
    }
  }
}
