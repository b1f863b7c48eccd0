import { sql } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import type { HouseUse } from '../../app/db/schema.js';
import { scopePrefix } from '../../app/policy.js';
import { addressDescendantsPattern, containsPattern } from '../people/scope.js';
import type { HousesFilter } from './houses.schemas.js';

export interface HousesQuery extends HousesFilter {
  subtreePath: string | null;
  addressPath: string | null;
}

export function createHousesRepository(db: Queryable) {
  function base(actor: Actor) {
    return db
      .selectFrom('houses as h')
      .innerJoin('jurisdictions as j', 'j.id', 'h.jurisdiction_id')
      .innerJoin('addresses as a', 'a.id', 'h.address_id')
      .leftJoin('persons as o', 'o.id', 'h.owner_person_id')
      .leftJoin('rental_houses as rh', 'rh.house_id', 'h.id')
      .where('j.path', 'like', scopePrefix(actor));
  }

  function filtered(actor: Actor, f: HousesQuery) {
    let q = base(actor);
    if (f.q) {
      const like = containsPattern(f.q);
      q = q.where((eb) => eb.or([eb('a.full_name', 'ilike', like), eb('o.name', 'ilike', like)]));
    }
    if (f.use) q = q.where('h.use', '=', f.use);
    if (f.rental) q = q.where('rh.status', '=', 'active');
    if (f.subtreePath) q = q.where('j.path', 'like', `${f.subtreePath}%`);
    if (f.addressId) {
      const id = f.addressId;
      const pattern = f.addressPath ? addressDescendantsPattern(f.addressPath) : null;
      q = q.where((eb) => (pattern ? eb.or([eb('h.address_id', '=', id), eb('a.path', 'like', pattern)]) : eb('h.address_id', '=', id)));
    }
    return q
      .select([
        'h.id',
        'h.address_id',
        'a.full_name as address_name',
        'a.path as address_path',
        'h.use',
        'h.area_m2',
        'h.occupant_limit',
        'h.owner_person_id',
        'o.name as owner_name',
        'h.jurisdiction_id',
        'j.name as jurisdiction_name',
        'rh.id as rental_house_id',
        'rh.status as rental_status',
        'h.notes',
        'h.created_at',
        'h.updated_at',
      ])
      .select((eb) =>
        eb
          .selectFrom('persons as p')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('p.current_address_id', '=', 'h.address_id')
          .where('p.archived_at', 'is', null)
          .as('occupant_count'),
      );
  }

  return {
    async list(actor: Actor, f: HousesQuery, page: { page: number; pageSize: number }) {
      const [items, total] = await Promise.all([
        filtered(actor, f).orderBy('a.full_name').orderBy('h.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
        filtered(actor, f)
          .clearSelect()
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items, total: total.n };
    },

    listAll(actor: Actor, f: HousesQuery) {
      return filtered(actor, f).orderBy('a.full_name').orderBy('h.id').limit(100_000).execute();
    },

    find(actor: Actor, id: number) {
      return filtered(actor, { subtreePath: null, addressPath: null, rental: false })
        .where('h.id', '=', id)
        .executeTakeFirst();
    },

    async addressChain(addressId: number) {
      const { rows } = await sql<{ id: number; level: string; name: string }>`
        with recursive chain as (
          select id, parent_id, level, name, 0 as depth from addresses where id = ${addressId}
          union all
          select a.id, a.parent_id, a.level, a.name, c.depth + 1 from addresses a join chain c on a.id = c.parent_id where c.depth < 20
        )
        select id, level, name from chain order by depth desc`.execute(db);
      return rows;
    },

    personsByIds(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('persons').select(['id', 'name', 'category', 'gender', 'birth_date', 'id_number_masked', 'phone']).where('id', 'in', ids).execute();
    },

    occupants(addressId: number) {
      return db
        .selectFrom('persons')
        .select(['id', 'name', 'category', 'gender', 'birth_date', 'id_number_masked', 'phone'])
        .where('current_address_id', '=', addressId)
        .where('archived_at', 'is', null)
        .orderBy('birth_date')
        .orderBy('id')
        .limit(500)
        .execute();
    },

    rental(houseId: number) {
      return db
        .selectFrom('rental_houses as rh')
        .innerJoin('persons as lp', 'lp.id', 'rh.landlord_person_id')
        .select(['rh.id', 'rh.landlord_person_id', 'lp.name as landlord_name', 'rh.occupant_limit', 'rh.registered_on', 'rh.status'])
        .where('rh.house_id', '=', houseId)
        .executeTakeFirst();
    },

    latestAgreement(rentalHouseId: number) {
      return db.selectFrom('responsibility_agreements').select(['signed_on', 'expires_on']).where('rental_house_id', '=', rentalHouseId).orderBy('expires_on', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    },

    tenancies(rentalHouseId: number) {
      return db
        .selectFrom('tenancies as t')
        .innerJoin('persons as p', 'p.id', 't.person_id')
        .select(['t.id', 't.person_id', 'p.name as person_name', 'p.id_number_masked', 't.check_in', 't.check_out', 't.verified_at'])
        .where('t.rental_house_id', '=', rentalHouseId)
        .orderBy(sql`t.check_out is null`, 'desc')
        .orderBy('t.check_in', 'desc')
        .limit(500)
        .execute();
    },

    async houseAtAddress(addressId: number) {
      return db.selectFrom('houses').select('id').where('address_id', '=', addressId).executeTakeFirst();
    },

    async insert(values: { addressId: number; jurisdictionId: number; use: HouseUse; ownerPersonId: number | null; areaM2: number | null; occupantLimit: number | null; notes: string | null }) {
      const row = await db
        .insertInto('houses')
        .values({
          address_id: values.addressId,
          jurisdiction_id: values.jurisdictionId,
          use: values.use,
          owner_person_id: values.ownerPersonId,
          area_m2: values.areaM2,
          occupant_limit: values.occupantLimit,
          notes: values.notes,
        })
        .onConflict((oc) => oc.column('address_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    update(id: number, values: { use?: HouseUse; ownerPersonId?: number | null; areaM2?: number | null; occupantLimit?: number | null; notes?: string | null }) {
      return db
        .updateTable('houses')
        .set({
          ...(values.use !== undefined ? { use: values.use } : {}),
          ...(values.ownerPersonId !== undefined ? { owner_person_id: values.ownerPersonId } : {}),
          ...(values.areaM2 !== undefined ? { area_m2: values.areaM2 } : {}),
          ...(values.occupantLimit !== undefined ? { occupant_limit: values.occupantLimit } : {}),
          ...(values.notes !== undefined ? { notes: values.notes } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type HouseRow = Awaited<ReturnType<ReturnType<typeof createHousesRepository>['listAll']>>[number];
