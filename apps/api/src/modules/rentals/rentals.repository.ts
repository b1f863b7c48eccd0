import { sql } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { scopePrefix } from '../../app/policy.js';
import { anyFlag, flagConditions, flaggedRentalHouses } from './rentals.flags.js';
import type { RentalAccess } from './rentals.policies.js';
import type { FlagClock } from './rentals.rules.js';
import type { RentalsFilter } from './rentals.schemas.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const PENDING = sql<boolean>`((t.check_out is null and t.verified_at is null) or (t.check_out is not null and t.checkout_verified_at is null))`;

/** All SQL of rental housing. Every read goes through an access (jurisdiction subtree or own houses). */
export function createRentalsRepository(db: Queryable) {
  function filtered(access: RentalAccess, clock: FlagClock, filter: RentalsFilter, subtreePath: string | null) {
    let q = flaggedRentalHouses(db, access, clock);
    if (filter.status !== 'all') q = q.where('b.status', '=', filter.status);
    if (subtreePath) q = q.where('b.jurisdiction_path', 'like', `${subtreePath}%`);
    if (filter.q) {
      const like = `%${escapeLike(filter.q)}%`;
      q = q.where((eb) => eb.or([eb('b.address', 'ilike', like), eb('b.landlord_name', 'ilike', like), eb(sql<string>`array_to_string(b.tenant_names, ' ')`, 'ilike', like)]));
    }
    if (filter.flag) q = q.where(filter.flag === 'flagged' ? anyFlag(clock) : flagConditions(clock)[filter.flag]);
    return q;
  }

  return {
    async list(access: RentalAccess, clock: FlagClock, filter: RentalsFilter, subtreePath: string | null, page: { page: number; pageSize: number }) {
      const q = filtered(access, clock, filter, subtreePath);
      const [items, total] = await Promise.all([
        q.orderBy('b.address').orderBy('b.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
        db.selectFrom(q.as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: total.n };
    },

    /** The ledger: one row per current tenancy, and one for each house nobody rents now. */
    ledger(access: RentalAccess, clock: FlagClock, filter: RentalsFilter, subtreePath: string | null) {
      return db
        .selectFrom(filtered(access, clock, filter, subtreePath).as('f'))
        .leftJoin('tenancies as t', (join) => join.onRef('t.rental_house_id', '=', 'f.id').on('t.check_out', 'is', null))
        .leftJoin('persons as p', 'p.id', 't.person_id')
        .selectAll('f')
        .select(['t.id as tenancy_id', 't.check_in', 't.verified_at', 'p.name as tenant_name', 'p.id_number_masked as tenant_id_masked', 'p.phone as tenant_phone'])
        .orderBy('f.jurisdiction_path')
        .orderBy('f.address')
        .orderBy('t.check_in')
        .orderBy('t.id')
        .limit(100_000)
        .execute();
    },

    find(access: RentalAccess, clock: FlagClock, id: number) {
      return flaggedRentalHouses(db, access, clock).where('b.id', '=', id).executeTakeFirst();
    },

    /** The bare row, locked for the rest of the transaction so check-ins to one house queue up. */
    lockHouse(id: number) {
      return db.selectFrom('rental_houses').select(['id', 'status', 'jurisdiction_id']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    },

    tenancies(rentalHouseIds: number[], options: { closedSince?: string } = {}) {
      if (rentalHouseIds.length === 0) return Promise.resolve([]);
      let q = db
        .selectFrom('tenancies as t')
        .innerJoin('persons as p', 'p.id', 't.person_id')
        .leftJoin('users as ru', 'ru.id', 't.reported_by')
        .leftJoin('users as vu', 'vu.id', 't.verified_by')
        .leftJoin('users as cu', 'cu.id', 't.checkout_verified_by')
        .selectAll('t')
        .select(['p.name as person_name', 'p.id_number_masked', 'p.phone as person_phone', 'ru.display_name as reported_by_name', 'vu.display_name as verified_by_name', 'cu.display_name as checkout_verified_by_name'])
        .where('t.rental_house_id', 'in', rentalHouseIds);
      // Stays that ended long ago and were verified are history; pending ones always show.
      if (options.closedSince) q = q.where((eb) => eb.or([eb('t.check_out', 'is', null), eb('t.check_out', '>=', options.closedSince!), eb('t.checkout_verified_at', 'is', null)]));
      return q.orderBy(sql`t.check_out is null`, 'desc').orderBy('t.check_in', 'desc').orderBy('t.id', 'desc').execute();
    },

    agreements(rentalHouseIds: number[]) {
      if (rentalHouseIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('responsibility_agreements as ra')
        .leftJoin('stored_files as sf', 'sf.id', 'ra.file_id')
        .select(['ra.id', 'ra.rental_house_id', 'ra.signed_on', 'ra.expires_on', 'ra.file_id', 'ra.created_at', 'sf.original_name', 'sf.mime'])
        .where('ra.rental_house_id', 'in', rentalHouseIds)
        .orderBy('ra.expires_on', 'desc')
        .orderBy('ra.id', 'desc')
        .execute();
    },

    landlordUser(id: number) {
      return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id).executeTakeFirst();
    },

    /** A tenancy with the house it belongs to, if the access reaches that house. */
    findTenancy(access: RentalAccess, id: number) {
      const q = db
        .selectFrom('tenancies as t')
        .innerJoin('rental_houses as rh', 'rh.id', 't.rental_house_id')
        .innerJoin('jurisdictions as j', 'j.id', 'rh.jurisdiction_id')
        .select(['t.id', 't.rental_house_id', 't.person_id', 't.check_in', 't.check_out', 't.verified_at', 't.checkout_verified_at', 'rh.jurisdiction_id', 'rh.landlord_user_id'])
        .where('t.id', '=', id);
      return (access.mode === 'scope' ? q.where('j.path', 'like', access.prefix) : q.where('rh.landlord_user_id', '=', access.userId)).executeTakeFirst();
    },

    findAgreementFile(access: RentalAccess, id: number) {
      const q = db
        .selectFrom('responsibility_agreements as ra')
        .innerJoin('rental_houses as rh', 'rh.id', 'ra.rental_house_id')
        .innerJoin('jurisdictions as j', 'j.id', 'rh.jurisdiction_id')
        .leftJoin('stored_files as sf', 'sf.id', 'ra.file_id')
        .select(['ra.id', 'ra.rental_house_id', 'rh.jurisdiction_id', 'sf.sha256', 'sf.mime', 'sf.original_name'])
        .where('ra.id', '=', id);
      return (access.mode === 'scope' ? q.where('j.path', 'like', access.prefix) : q.where('rh.landlord_user_id', '=', access.userId)).executeTakeFirst();
    },

    pending(actor: Actor, clock: FlagClock, subtreePath: string | null, page: { page: number; pageSize: number }) {
      let q = db
        .selectFrom('tenancies as t')
        .innerJoin('rental_houses as rh', 'rh.id', 't.rental_house_id')
        .innerJoin('houses as h', 'h.id', 'rh.house_id')
        .innerJoin('addresses as a', 'a.id', 'h.address_id')
        .innerJoin('jurisdictions as j', 'j.id', 'rh.jurisdiction_id')
        .innerJoin('persons as p', 'p.id', 't.person_id')
        .innerJoin('persons as lp', 'lp.id', 'rh.landlord_person_id')
        .where('j.path', 'like', scopePrefix(actor))
        .where(PENDING);
      if (subtreePath) q = q.where('j.path', 'like', `${subtreePath}%`);
      return Promise.all([
        q
          .select(['t.id', 't.rental_house_id', 't.check_in', 't.check_out', 't.reported_via', 'a.full_name as address', 'j.name as jurisdiction_name', 'lp.name as landlord_name', 'p.id as person_id', 'p.name as person_name', 'p.id_number_masked'])
          .orderBy(sql`coalesce(t.check_out, t.check_in)`)
          .orderBy('t.id')
          .limit(page.pageSize)
          .offset((page.page - 1) * page.pageSize)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]).then(([items, total]) => ({ items, total: total.n, clock }));
    },

    findJurisdictionInScope(actor: Actor, id: number) {
      return db.selectFrom('jurisdictions').select(['id', 'path']).where('id', '=', id).where('path', 'like', scopePrefix(actor)).executeTakeFirst();
    },

    findHouseInScope(actor: Actor, id: number) {
      return db
        .selectFrom('houses as h')
        .innerJoin('jurisdictions as j', 'j.id', 'h.jurisdiction_id')
        .select(['h.id', 'h.address_id', 'h.jurisdiction_id', 'h.use', 'h.owner_person_id', 'h.occupant_limit'])
        .where('h.id', '=', id)
        .where('j.path', 'like', scopePrefix(actor))
        .executeTakeFirst();
    },

    rentalOfHouse(houseId: number) {
      return db.selectFrom('rental_houses').select('id').where('house_id', '=', houseId).executeTakeFirst();
    },

    findPersonInScope(actor: Actor, id: number) {
      return db
        .selectFrom('persons as p')
        .innerJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id')
        .select(['p.id', 'p.name'])
        .where('p.id', '=', id)
        .where('p.archived_at', 'is', null)
        .where('j.path', 'like', scopePrefix(actor))
        .executeTakeFirst();
    },

    findPersonByHash(hash: string) {
      return db.selectFrom('persons').select(['id', 'name']).where('id_number_hash', '=', hash).executeTakeFirst();
    },

    findLandlordUserInScope(actor: Actor, id: number) {
      return db
        .selectFrom('users as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select(['u.id'])
        .where('u.id', '=', id)
        .where('u.role', '=', 'landlord')
        .where('u.active', '=', true)
        .where('j.path', 'like', scopePrefix(actor))
        .executeTakeFirst();
    },

    landlordAccounts(actor: Actor) {
      return db
        .selectFrom('users as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select(['u.id', 'u.display_name', 'u.username', 'j.name as jurisdiction_name'])
        .where('u.role', '=', 'landlord')
        .where('u.active', '=', true)
        .where('j.path', 'like', scopePrefix(actor))
        .orderBy('j.path')
        .orderBy('u.display_name')
        .limit(1000)
        .execute();
    },

    openTenancyOf(rentalHouseId: number, personId: number) {
      return db.selectFrom('tenancies').select('id').where('rental_house_id', '=', rentalHouseId).where('person_id', '=', personId).where('check_out', 'is', null).executeTakeFirst();
    },

    countOpenTenancies(rentalHouseId: number) {
      return db
        .selectFrom('tenancies')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('rental_house_id', '=', rentalHouseId)
        .where('check_out', 'is', null)
        .executeTakeFirstOrThrow()
        .then((r) => r.n);
    },
  };
}

export type RentalsRepository = ReturnType<typeof createRentalsRepository>;
export type RentalRow = NonNullable<Awaited<ReturnType<RentalsRepository['find']>>>;
export type TenancyRow = Awaited<ReturnType<RentalsRepository['tenancies']>>[number];
export type AgreementRow = Awaited<ReturnType<RentalsRepository['agreements']>>[number];
export type LedgerRow = Awaited<ReturnType<RentalsRepository['ledger']>>[number];
export type PendingRow = Awaited<ReturnType<RentalsRepository['pending']>>['items'][number];
