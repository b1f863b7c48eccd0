import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import type { UnitKind } from '../../app/db/schema.js';
import { scopePrefix } from '../../app/policy.js';
import { addressDescendantsPattern, containsPattern } from '../people/scope.js';
import type { UnitsFilter } from './units.schemas.js';

export interface UnitsQuery extends UnitsFilter {
  subtreePath: string | null;
  addressPath: string | null;
}

export interface UnitValues {
  name: string;
  kind: UnitKind;
  creditCode: string | null;
  creditCodeOk: boolean | null;
  addressId: number | null;
  jurisdictionId: number;
  legalRepresentative: string | null;
  contactPhone: string | null;
  employees: number | null;
  keyPlace: boolean;
  notes: string | null;
}

const COLUMNS = [
  'u.id',
  'u.name',
  'u.kind',
  'u.credit_code',
  'u.credit_code_ok',
  'u.address_id',
  'a.full_name as address_name',
  'u.jurisdiction_id',
  'j.name as jurisdiction_name',
  'u.legal_representative',
  'u.contact_phone',
  'u.employees',
  'u.key_place',
  'u.notes',
  'u.archived_at',
  'u.created_at',
  'u.updated_at',
] as const;

export function createUnitsRepository(db: Queryable) {
  function base(actor: Actor) {
    return db
      .selectFrom('units as u')
      .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
      .leftJoin('addresses as a', 'a.id', 'u.address_id')
      .where('j.path', 'like', scopePrefix(actor));
  }

  function filtered(actor: Actor, f: UnitsQuery) {
    let q = base(actor);
    if (!f.includeArchived) q = q.where('u.archived_at', 'is', null);
    if (f.q) {
      const like = containsPattern(f.q);
      q = q.where((eb) => eb.or([eb('u.name', 'ilike', like), eb('u.credit_code', 'ilike', like), eb('u.legal_representative', 'ilike', like), eb('a.full_name', 'ilike', like)]));
    }
    if (f.kind) q = q.where('u.kind', '=', f.kind);
    if (f.keyPlace) q = q.where('u.key_place', '=', true);
    if (f.creditWarning) q = q.where('u.credit_code_ok', '=', false);
    if (f.subtreePath) q = q.where('j.path', 'like', `${f.subtreePath}%`);
    if (f.addressId) {
      const id = f.addressId;
      const pattern = f.addressPath ? addressDescendantsPattern(f.addressPath) : null;
      q = q.where((eb) => (pattern ? eb.or([eb('u.address_id', '=', id), eb('a.path', 'like', pattern)]) : eb('u.address_id', '=', id)));
    }
    return q;
  }

  function row(v: UnitValues) {
    return {
      name: v.name,
      kind: v.kind,
      credit_code: v.creditCode,
      credit_code_ok: v.creditCodeOk,
      address_id: v.addressId,
      jurisdiction_id: v.jurisdictionId,
      legal_representative: v.legalRepresentative,
      contact_phone: v.contactPhone,
      employees: v.employees,
      key_place: v.keyPlace,
      notes: v.notes,
    };
  }

  return {
    async list(actor: Actor, f: UnitsQuery, page: { page: number; pageSize: number }) {
      const q = filtered(actor, f);
      const [items, total] = await Promise.all([
        q.select(COLUMNS).orderBy('u.key_place', 'desc').orderBy('u.name').orderBy('u.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: total.n };
    },

    listAll(actor: Actor, f: UnitsQuery) {
      return filtered(actor, f).select(COLUMNS).orderBy('j.path').orderBy('u.name').orderBy('u.id').limit(100_000).execute();
    },

    /** Archived units stay readable by id: the record is kept, only the lists leave it out. */
    find(actor: Actor, id: number) {
      return base(actor).select(COLUMNS).where('u.id', '=', id).executeTakeFirst();
    },

    async insert(values: UnitValues) {
      const r = await db.insertInto('units').values(row(values)).returning('id').executeTakeFirstOrThrow();
      return r.id;
    },

    update(id: number, values: UnitValues) {
      return db
        .updateTable('units')
        .set({ ...row(values), updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },

    archive(id: number) {
      return db.updateTable('units').set({ archived_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    },
  };
}

export type UnitRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createUnitsRepository>['find']>>>;
