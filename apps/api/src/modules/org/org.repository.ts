import { sql } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import type { GeoPolygon } from '../../app/db/schema.js';
import { scopePrefix } from '../../app/policy.js';
import type { JurisdictionKind } from '@fengqiao/shared';

export interface JurisdictionRow {
  id: number;
  parent_id: number | null;
  kind: JurisdictionKind;
  name: string;
  code: string | null;
  path: string;
  center_lat: number | null;
  center_lon: number | null;
  boundary: GeoPolygon | null;
  sort: number;
  child_count: number;
  user_count: number;
}

export function createOrgRepository(db: Queryable) {
  function jurisdictionsQuery() {
    return db
      .selectFrom('jurisdictions as j')
      .select([
        'j.id',
        'j.parent_id',
        'j.kind',
        'j.name',
        'j.code',
        'j.path',
        'j.center_lat',
        'j.center_lon',
        'j.boundary',
        'j.sort',
        (eb) => eb.selectFrom('jurisdictions as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.parent_id', '=', 'j.id').where('c.archived_at', 'is', null).as('child_count'),
        (eb) => eb.selectFrom('users as u').select(eb.fn.countAll<number>().as('n')).whereRef('u.jurisdiction_id', '=', 'j.id').where('u.active', '=', true).as('user_count'),
      ])
      .where('j.archived_at', 'is', null);
  }

  return {
    async listJurisdictions(actor: Actor): Promise<JurisdictionRow[]> {
      const rows = await jurisdictionsQuery().where('j.path', 'like', scopePrefix(actor)).orderBy('j.sort').orderBy('j.id').execute();
      return rows as JurisdictionRow[];
    },

    async findJurisdiction(actor: Actor, id: number): Promise<JurisdictionRow | undefined> {
      const row = await jurisdictionsQuery().where('j.id', '=', id).where('j.path', 'like', scopePrefix(actor)).executeTakeFirst();
      return row as JurisdictionRow | undefined;
    },

    async insertJurisdiction(values: { parentId: number; parentPath: string; kind: JurisdictionKind; name: string; code: string | null; centerLat: number | null; centerLon: number | null; boundary: GeoPolygon | null; sort: number }) {
      const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('jurisdictions', 'id'))::int as id`.execute(db);
      const id = rows[0]!.id;
      await db
        .insertInto('jurisdictions')
        .values({
          id,
          parent_id: values.parentId,
          kind: values.kind,
          name: values.name,
          code: values.code,
          path: `${values.parentPath}${id}/`,
          center_lat: values.centerLat,
          center_lon: values.centerLon,
          boundary: values.boundary ? JSON.stringify(values.boundary) : null,
          sort: values.sort,
        })
        .execute();
      return id;
    },

    updateJurisdiction(id: number, values: { name?: string; code?: string | null; centerLat?: number | null; centerLon?: number | null; boundary?: GeoPolygon | null; sort?: number }) {
      return db
        .updateTable('jurisdictions')
        .set({
          ...(values.name !== undefined ? { name: values.name } : {}),
          ...(values.code !== undefined ? { code: values.code } : {}),
          ...(values.centerLat !== undefined ? { center_lat: values.centerLat } : {}),
          ...(values.centerLon !== undefined ? { center_lon: values.centerLon } : {}),
          ...(values.boundary !== undefined ? { boundary: values.boundary ? JSON.stringify(values.boundary) : null } : {}),
          ...(values.sort !== undefined ? { sort: values.sort } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    },

    archiveJurisdiction(id: number) {
      return db.updateTable('jurisdictions').set({ archived_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    },

    async countDepartmentsAt(jurisdictionId: number): Promise<number> {
      const row = await db.selectFrom('departments').select((eb) => eb.fn.countAll<number>().as('n')).where('jurisdiction_id', '=', jurisdictionId).where('archived_at', 'is', null).executeTakeFirstOrThrow();
      return row.n;
    },

    /** Departments serving the actor: attached inside the actor's subtree or to one of its ancestors (a county 司法局 serves every station). */
    listDepartments(actor: Actor, id?: number) {
      let q = db
        .selectFrom('departments as d')
        .innerJoin('jurisdictions as j', 'j.id', 'd.jurisdiction_id')
        .select(['d.id', 'd.name', 'd.kind', 'd.jurisdiction_id', 'j.name as jurisdiction_name', 'd.contact_name', 'd.phone', 'd.address', 'j.path'])
        .where('d.archived_at', 'is', null)
        .where((eb) => eb.or([eb('j.path', 'like', scopePrefix(actor)), eb(sql.val(actor.jurisdictionPath), 'like', sql<string>`j.path || '%'`)]));
      if (id !== undefined) q = q.where('d.id', '=', id);
      return q.orderBy('j.path').orderBy('d.id').execute();
    },

    async insertDepartment(values: { name: string; kind: string; jurisdictionId: number; contactName: string | null; phone: string | null; address: string | null }) {
      const row = await db
        .insertInto('departments')
        .values({ name: values.name, kind: values.kind, jurisdiction_id: values.jurisdictionId, contact_name: values.contactName, phone: values.phone, address: values.address })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    updateDepartment(id: number, values: { name?: string; kind?: string; jurisdictionId?: number; contactName?: string | null; phone?: string | null; address?: string | null }) {
      return db
        .updateTable('departments')
        .set({
          ...(values.name !== undefined ? { name: values.name } : {}),
          ...(values.kind !== undefined ? { kind: values.kind } : {}),
          ...(values.jurisdictionId !== undefined ? { jurisdiction_id: values.jurisdictionId } : {}),
          ...(values.contactName !== undefined ? { contact_name: values.contactName } : {}),
          ...(values.phone !== undefined ? { phone: values.phone } : {}),
          ...(values.address !== undefined ? { address: values.address } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    },

    archiveDepartment(id: number) {
      return db.updateTable('departments').set({ archived_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    },

    async countUsersOfDepartment(id: number): Promise<number> {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('department_id', '=', id).where('active', '=', true).executeTakeFirstOrThrow();
      return row.n;
    },
  };
}
