import { sql, type ExpressionBuilder } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import type { AddressLevel, DB } from '../../app/db/schema.js';
import { scopePrefix } from '../../app/policy.js';
import { addressGrams } from './places.text.js';

type Eb = ExpressionBuilder<DB & { a: DB['addresses'] }, 'a'>;

/** Columns other modules need of an address (AddressSummary). */
const SUMMARY = ['a.id', 'a.parent_id', 'a.level', 'a.name', 'a.full_name', 'a.division_code', 'a.jurisdiction_id', 'a.lat', 'a.lon', 'a.path'] as const;

// Siblings in their own order, then by the number their name starts with (2号楼 before 10号楼).
const naturalOrder = sql<number>`nullif(substring(a.name from '^[0-9]+'), '')::int`;

export interface MatchNode {
  id: number;
  parent_id: number | null;
  level: AddressLevel;
  name: string;
  full_name: string;
  division_code: string | null;
  jurisdiction_id: number;
  lat: number | null;
  lon: number | null;
  path: string;
  has_children: boolean;
}

export function createPlacesRepository(db: Queryable) {
  /** Addresses inside the actor's scope: the address's jurisdiction lies in the actor's subtree. */
  function scoped(actor: Actor) {
    return db.selectFrom('addresses as a').innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id').where('a.archived_at', 'is', null).where('j.path', 'like', scopePrefix(actor));
  }

  function childCount(actor: Actor) {
    return (eb: Eb) =>
      eb
        .selectFrom('addresses as c')
        .innerJoin('jurisdictions as cj', 'cj.id', 'c.jurisdiction_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.parent_id', '=', 'a.id')
        .where('c.archived_at', 'is', null)
        .where('cj.path', 'like', scopePrefix(actor))
        .as('child_count');
  }

  function full(actor: Actor) {
    return scoped(actor)
      .leftJoin('divisions as d', 'd.code', 'a.division_code')
      .select([...SUMMARY, 'a.sort', 'j.name as jurisdiction_name', 'd.name as division_name', childCount(actor)]);
  }

  const hasChildren = (eb: Eb) => eb.exists(eb.selectFrom('addresses as c').select('c.id').whereRef('c.parent_id', '=', 'a.id').where('c.archived_at', 'is', null)).as('has_children');

  return {
    find(actor: Actor, id: number) {
      return full(actor).where('a.id', '=', id).executeTakeFirst();
    },

    listChildren(actor: Actor, parentId: number) {
      return full(actor).where('a.parent_id', '=', parentId).orderBy('a.sort').orderBy(naturalOrder).orderBy('a.name').orderBy('a.id').limit(2000).execute();
    },

    /** The top-most addresses the actor can see: visible, with a parent the actor cannot see (or none). */
    listRoots(actor: Actor) {
      return full(actor)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('addresses as p')
                .innerJoin('jurisdictions as pj', 'pj.id', 'p.jurisdiction_id')
                .select('p.id')
                .whereRef('p.id', '=', 'a.parent_id')
                .where('p.archived_at', 'is', null)
                .where('pj.path', 'like', scopePrefix(actor)),
            ),
          ),
        )
        .orderBy('a.path')
        .limit(2000)
        .execute();
    },

    /** Names of the given addresses whatever the scope (they appear in full names anyway). */
    namesOf(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('addresses as a').innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id').select(['a.id', 'a.level', 'a.name', 'a.division_code', 'j.path as jurisdiction_path']).where('a.id', 'in', ids).execute();
    },

    async counts(actor: Actor, path: string) {
      const under = `${path}%`;
      const scope = scopePrefix(actor);
      const { rows } = await sql<{ persons: number; houses: number; units: number }>`
        select
          (select count(*) from persons p join addresses x on x.id = p.current_address_id join jurisdictions pj on pj.id = p.jurisdiction_id
            where x.path like ${under} and p.archived_at is null and pj.path like ${scope})::int as persons,
          (select count(*) from houses h join addresses x on x.id = h.address_id join jurisdictions hj on hj.id = h.jurisdiction_id
            where x.path like ${under} and hj.path like ${scope})::int as houses,
          (select count(*) from units u join addresses x on x.id = u.address_id join jurisdictions uj on uj.id = u.jurisdiction_id
            where x.path like ${under} and u.archived_at is null and uj.path like ${scope})::int as units`.execute(db);
      return rows[0]!;
    },

    /** Addresses whose normalised full name contains every bigram of the query, shortest first. */
    search(actor: Actor, grams: string[], singleChar: string | null, limit: number) {
      let q = scoped(actor).select(SUMMARY);
      q = singleChar ? q.where('a.name', 'like', `%${singleChar}%`) : q.where(sql<boolean>`a.grams @> ${grams}::text[]`);
      return q.orderBy(sql`cardinality(a.grams)`).orderBy('a.path').limit(limit).execute();
    },

    /** Matcher: named places (county … compound) sharing bigrams with the query, most shared first. */
    candidatePlaces(actor: Actor, grams: string[], limit: number) {
      return scoped(actor)
        .select([...SUMMARY, hasChildren, sql<number>`(select count(*) from unnest(a.grams) g where g = any(${grams}::text[]))::int`.as('hits')])
        .where(sql<boolean>`a.grams && ${grams}::text[]`)
        .where('a.level', 'in', ['county', 'town', 'community', 'compound'])
        .orderBy('hits', 'desc')
        .orderBy(sql`length(a.full_name)`)
        .limit(limit)
        .$castTo<MatchNode & { hits: number }>()
        .execute();
    },

    /**
     * Matcher: visible children of `parentIds`, and grandchildren of `grandparentIds` (a community's
     * buildings in its compounds, a building's rooms in its units), in one query.
     */
    childrenOf(actor: Actor, parentIds: number[], grandparentIds: number[] = []): Promise<MatchNode[]> {
      if (parentIds.length === 0 && grandparentIds.length === 0) return Promise.resolve([]);
      return scoped(actor)
        .select([...SUMMARY, hasChildren])
        // One array of parent ids (an init plan), so the parent index serves the whole lookup.
        .where(sql<boolean>`a.parent_id = any(${parentIds}::bigint[] || array(select m.id from addresses m where m.parent_id = any(${grandparentIds}::bigint[]) and m.archived_at is null))`)
        .orderBy('a.sort')
        .orderBy('a.id')
        .limit(5000)
        .$castTo<MatchNode>()
        .execute();
    },

    divisionChain(code: string) {
      return sql<{ code: string; name: string }>`
        with recursive chain as (
          select code, name, parent_code from divisions where code = ${code}
          union all select d.code, d.name, d.parent_code from divisions d join chain c on d.code = c.parent_code)
        select code, name from chain order by length(code)`
        .execute(db)
        .then((r) => r.rows);
    },

    findDivision(code: string) {
      return db.selectFrom('divisions').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirst();
    },

    listDivisions(parentCode: string | null) {
      return db
        .selectFrom('divisions as d')
        .select(['d.code', 'd.name', 'd.level', 'd.parent_code', (eb) => eb.selectFrom('divisions as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.parent_code', '=', 'd.code').as('child_count')])
        .where('d.parent_code', parentCode === null ? 'is' : '=', parentCode)
        .orderBy('d.code')
        .execute();
    },

    findJurisdictionInScope(actor: Actor, id: number) {
      return db.selectFrom('jurisdictions').select(['id', 'path', 'name']).where('id', '=', id).where('archived_at', 'is', null).where('path', 'like', scopePrefix(actor)).executeTakeFirst();
    },

    async siblingNamed(parentId: number | null, name: string, exceptId: number | null): Promise<boolean> {
      let q = db.selectFrom('addresses').select('id').where('name', '=', name).where('archived_at', 'is', null);
      q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
      if (exceptId !== null) q = q.where('id', '<>', exceptId);
      return !!(await q.executeTakeFirst());
    },

    async insert(values: { parentId: number | null; parentPath: string; parentFullName: string; level: AddressLevel; name: string; divisionCode: string | null; jurisdictionId: number; lat: number | null; lon: number | null; sort: number }) {
      const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('addresses', 'id'))::int as id`.execute(db);
      const id = rows[0]!.id;
      const fullName = `${values.parentFullName}${values.name}`;
      await db
        .insertInto('addresses')
        .values({
          id,
          parent_id: values.parentId,
          level: values.level,
          name: values.name,
          full_name: fullName,
          path: `${values.parentPath}${id}/`,
          division_code: values.divisionCode,
          jurisdiction_id: values.jurisdictionId,
          lat: values.lat,
          lon: values.lon,
          grams: addressGrams(fullName),
          sort: values.sort,
        })
        .execute();
      return id;
    },

    update(id: number, values: { name?: string; divisionCode?: string | null; jurisdictionId?: number; lat?: number | null; lon?: number | null; sort?: number }) {
      return db
        .updateTable('addresses')
        .set({
          ...(values.name !== undefined ? { name: values.name } : {}),
          ...(values.divisionCode !== undefined ? { division_code: values.divisionCode } : {}),
          ...(values.jurisdictionId !== undefined ? { jurisdiction_id: values.jurisdictionId } : {}),
          ...(values.lat !== undefined ? { lat: values.lat } : {}),
          ...(values.lon !== undefined ? { lon: values.lon } : {}),
          ...(values.sort !== undefined ? { sort: values.sort } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    },

    /** After a rename: the full names and grams of the address and everything below it (archived rows too). */
    async renameSubtree(path: string, oldFullName: string, newFullName: string): Promise<number> {
      const rows = await db.selectFrom('addresses').select(['id', 'full_name']).where('path', 'like', `${path}%`).execute();
      const ids: number[] = [];
      const names: string[] = [];
      const grams: string[] = [];
      for (const r of rows) {
        const name = r.full_name.startsWith(oldFullName) ? newFullName + r.full_name.slice(oldFullName.length) : r.full_name;
        ids.push(r.id);
        names.push(name);
        // Normalised text holds no '|', so it can carry each row's gram list through unnest.
        grams.push(addressGrams(name).join('|'));
      }
      for (let i = 0; i < ids.length; i += 5000) {
        await sql`
          update addresses a set full_name = v.full_name, grams = string_to_array(v.grams, '|'), updated_at = now()
          from unnest(${ids.slice(i, i + 5000)}::bigint[], ${names.slice(i, i + 5000)}::text[], ${grams.slice(i, i + 5000)}::text[]) as v(id, full_name, grams)
          where a.id = v.id`.execute(db);
      }
      return ids.length;
    },

    /** What still hangs on an address: live children, people, houses, units. */
    async usage(id: number) {
      const { rows } = await sql<{ children: number; persons: number; houses: number; units: number }>`
        select
          (select count(*) from addresses where parent_id = ${id} and archived_at is null)::int as children,
          ((select count(*) from persons where current_address_id = ${id} and archived_at is null)
            + (select count(*) from person_addresses where address_id = ${id}))::int as persons,
          (select count(*) from houses where address_id = ${id})::int as houses,
          (select count(*) from units where address_id = ${id} and archived_at is null)::int as units`.execute(db);
      return rows[0]!;
    },

    archive(id: number) {
      return db.updateTable('addresses').set({ archived_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    },
  };
}

export type PlacesRepository = ReturnType<typeof createPlacesRepository>;
