import { sql } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import type { PersonCategory } from '../../app/db/schema.js';
import { scopePrefix } from '../../app/policy.js';
import type { IdentityColumns } from './people.core.js';
import type { PeopleFilter } from './people.schemas.js';
import { addressDescendantsPattern, containsPattern } from './scope.js';

export interface PeopleQuery extends PeopleFilter {
  /** Keyed hash of an exact identity number typed into the search box. */
  idHash?: string | null;
  subtreePath: string | null;
  addressPath?: string | null;
}

export function createPeopleRepository(db: Queryable) {
  function base(actor: Actor) {
    return db
      .selectFrom('persons as p')
      .innerJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id')
      .leftJoin('addresses as a', 'a.id', 'p.current_address_id')
      .where('j.path', 'like', scopePrefix(actor))
      .where('p.archived_at', 'is', null);
  }
  const columns = [
    'p.id',
    'p.name',
    'p.category',
    'p.gender',
    'p.birth_date',
    'p.id_number_masked',
    'p.phone',
    'p.current_address_id',
    'a.full_name as address_name',
    'p.jurisdiction_id',
    'j.name as jurisdiction_name',
    'p.household_place',
    'p.updated_at',
  ] as const;

  function filtered(actor: Actor, f: PeopleQuery) {
    let q = base(actor);
    if (f.idHash) q = q.where('p.id_number_hash', '=', f.idHash);
    else if (f.q) {
      const like = containsPattern(f.q);
      q = q.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('p.phone', 'like', like)]));
    }
    if (f.category) q = q.where('p.category', '=', f.category);
    if (f.subtreePath) q = q.where('j.path', 'like', `${f.subtreePath}%`);
    if (f.addressId) {
      const id = f.addressId;
      const pattern = f.addressPath ? addressDescendantsPattern(f.addressPath) : null;
      q = q.where((eb) => (pattern ? eb.or([eb('p.current_address_id', '=', id), eb('a.path', 'like', pattern)]) : eb('p.current_address_id', '=', id)));
    }
    return q;
  }

  return {
    async list(actor: Actor, f: PeopleQuery, page: { page: number; pageSize: number }) {
      const q = filtered(actor, f);
      const [items, total] = await Promise.all([
        q.select(columns).orderBy('a.full_name').orderBy('p.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: total.n };
    },

    listAll(actor: Actor, f: PeopleQuery) {
      return filtered(actor, f).select(columns).orderBy('a.full_name').orderBy('p.id').limit(100_000).execute();
    },

    find(actor: Actor, id: number) {
      return base(actor)
        .leftJoin('code_tables as ct', (join) => join.on('ct.table_name', '=', 'ethnicity').onRef('ct.code', '=', 'p.ethnicity_code'))
        .select([...columns, 'p.ethnicity_code', 'ct.name as ethnicity_name', 'p.notes', 'p.created_at', 'j.path as jurisdiction_path'])
        .where('p.id', '=', id)
        .executeTakeFirst();
    },

    findSealed(actor: Actor, id: number) {
      return base(actor).select(['p.id', 'p.jurisdiction_id', 'p.id_number_enc', 'p.id_number_masked']).where('p.id', '=', id).executeTakeFirst();
    },

    /** Whoever holds this identity number, in scope or not (the number is unique nationwide). */
    findByIdHash(hash: string) {
      return db.selectFrom('persons').select(['id']).where('id_number_hash', '=', hash).executeTakeFirst();
    },

    findInScopeById(actor: Actor, id: number) {
      return base(actor).select(['p.id']).where('p.id', '=', id).executeTakeFirst();
    },

    addresses(personId: number) {
      return db
        .selectFrom('person_addresses as pa')
        .innerJoin('addresses as a', 'a.id', 'pa.address_id')
        .select(['pa.id', 'pa.address_id', 'a.full_name as address_name', 'pa.kind', 'pa.from_date', 'pa.to_date', 'pa.source'])
        .where('pa.person_id', '=', personId)
        .orderBy('pa.from_date', 'desc')
        .orderBy('pa.id', 'desc')
        .execute();
    },

    tenancies(personId: number) {
      return db
        .selectFrom('tenancies as t')
        .innerJoin('rental_houses as rh', 'rh.id', 't.rental_house_id')
        .innerJoin('houses as h', 'h.id', 'rh.house_id')
        .innerJoin('addresses as a', 'a.id', 'h.address_id')
        .innerJoin('persons as lp', 'lp.id', 'rh.landlord_person_id')
        .select(['t.id', 't.rental_house_id', 'rh.house_id', 'a.full_name as address_name', 'lp.name as landlord_name', 't.check_in', 't.check_out', 't.verified_at'])
        .where('t.person_id', '=', personId)
        .orderBy('t.check_in', 'desc')
        .orderBy('t.id', 'desc')
        .execute();
    },

    ownedHouses(personId: number) {
      return db
        .selectFrom('houses as h')
        .innerJoin('addresses as a', 'a.id', 'h.address_id')
        .select(['h.id', 'a.full_name as address_name', 'h.use'])
        .where('h.owner_person_id', '=', personId)
        .orderBy('a.full_name')
        .limit(200)
        .execute();
    },

    async houseAt(addressId: number): Promise<number | null> {
      const row = await db.selectFrom('houses').select('id').where('address_id', '=', addressId).executeTakeFirst();
      return row?.id ?? null;
    },

    update(id: number, values: { name?: string; category?: PersonCategory; phone?: string | null; ethnicityCode?: string | null; householdPlace?: string | null; notes?: string | null; sealed?: IdentityColumns }) {
      return db
        .updateTable('persons')
        .set({
          ...(values.name !== undefined ? { name: values.name } : {}),
          ...(values.category !== undefined ? { category: values.category } : {}),
          ...(values.phone !== undefined ? { phone: values.phone } : {}),
          ...(values.ethnicityCode !== undefined ? { ethnicity_code: values.ethnicityCode } : {}),
          ...(values.householdPlace !== undefined ? { household_place: values.householdPlace } : {}),
          ...(values.notes !== undefined ? { notes: values.notes } : {}),
          ...(values.sealed ?? {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    },

    openAddress(personId: number, kind: 'residence' | 'household' | 'work') {
      return db.selectFrom('person_addresses').select(['id', 'address_id', 'from_date']).where('person_id', '=', personId).where('kind', '=', kind).where('to_date', 'is', null).orderBy('from_date', 'desc').execute();
    },

    closeAddresses(ids: number[], toDate: string) {
      if (ids.length === 0) return Promise.resolve();
      return db.updateTable('person_addresses').set({ to_date: toDate }).where('id', 'in', ids).execute();
    },

    insertAddress(values: { personId: number; addressId: number; kind: 'residence' | 'household' | 'work'; fromDate: string; source: string }) {
      return db.insertInto('person_addresses').values({ person_id: values.personId, address_id: values.addressId, kind: values.kind, from_date: values.fromDate, source: values.source }).execute();
    },

    setCurrentAddress(personId: number, addressId: number, jurisdictionId: number) {
      return db.updateTable('persons').set({ current_address_id: addressId, jurisdiction_id: jurisdictionId, updated_at: new Date() }).where('id', '=', personId).execute();
    },

    /** Today in Beijing, as the database sees it: calendar dates of residence are local dates. */
    async today(): Promise<string> {
      const { rows } = await sql<{ d: string }>`select to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as d`.execute(db);
      return rows[0]!.d;
    },
  };
}

export type PersonRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createPeopleRepository>['find']>>>;
export type PersonListRow = Awaited<ReturnType<ReturnType<typeof createPeopleRepository>['listAll']>>[number];
