import { sql } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import type { IncidentKind } from '../../app/db/schema.js';
import { scopePrefix } from '../../app/policy.js';
import { incidentFilter, resolveIncidentFilter } from './incidents.filters.js';
import type { ListIncidentsQuery } from './incidents.schemas.js';
import { standardSeconds } from './incidents.timing.js';

export interface IncidentValues {
  channel: string;
  externalRef: string | null;
  receivedAt: Date;
  categoryCode: string;
  kind: IncidentKind;
  riskDomain: string | null;
  disputeType: string | null;
  summary: string;
  narrative: string;
  callerName: string | null;
  callerPhone: string | null;
  addressText: string | null;
  addressId: number | null;
  addressConfidence: number | null;
  lat: number | null;
  lon: number | null;
  jurisdictionId: number;
  createdBy: number | null;
  apiKeyId: number | null;
}

const COLUMNS = [
  'i.id',
  'i.channel',
  'i.external_ref',
  'i.received_at',
  'i.category_code',
  'c.name_zh as category_name',
  'i.kind',
  'i.risk_domain',
  'i.dispute_type',
  'i.summary',
  'i.narrative',
  'i.caller_name',
  'i.caller_phone',
  'i.address_text',
  'i.address_id',
  'a.full_name as address_name',
  'i.address_confidence',
  'i.lat',
  'i.lon',
  'i.jurisdiction_id',
  'j.name as jurisdiction_name',
  'i.status',
  'i.dispatched_at',
  'i.arrived_at',
  'i.handled_at',
  'i.closed_at',
  'i.created_at',
  'i.risk_score',
  'i.risk_factors',
  'i.outcome',
  'i.case_number',
  'i.case_category_code',
  'i.outcome_note',
  'i.outcome_at',
  'i.case_solved_at',
  'i.dispute_case_id',
  standardSeconds('dispatch_seconds').as('dispatch_limit_seconds'),
  standardSeconds('arrive_seconds').as('arrive_limit_seconds'),
  'i.address_corrected_at',
  'cu.display_name as address_corrected_by_name',
] as const;

export function createIncidentsRepository(db: Queryable) {
  function base(actor: Actor) {
    return db
      .selectFrom('incidents as i')
      .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
      .innerJoin('incident_categories as c', 'c.code', 'i.category_code')
      .leftJoin('addresses as a', 'a.id', 'i.address_id')
      .leftJoin('users as cu', 'cu.id', 'i.address_corrected_by')
      .where('j.path', 'like', scopePrefix(actor));
  }

  return {
    async list(actor: Actor, f: ListIncidentsQuery) {
      // Filters (text search, places in scope, warnings …): incidents.filters.ts.
      const q = base(actor).where(incidentFilter(await resolveIncidentFilter(db, actor, f)));
      const [items, total] = await Promise.all([
        q.select(COLUMNS).orderBy('i.received_at', 'desc').orderBy('i.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: total.n };
    },

    /** The incident locked for a change (status, outcome, parties, address), or undefined outside the actor's scope. */
    lockInScope(actor: Actor, id: number) {
      return db
        .selectFrom('incidents as i')
        .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
        .select(['i.id', 'i.kind', 'i.status', 'i.channel', 'i.jurisdiction_id', 'i.received_at', 'i.dispatched_at', 'i.arrived_at', 'i.handled_at', 'i.closed_at', 'i.outcome', 'i.case_number', 'i.case_category_code', 'i.outcome_note', 'i.address_id', 'i.caller_phone'])
        .where('j.path', 'like', scopePrefix(actor))
        .where('i.id', '=', id)
        .forUpdate('i')
        .executeTakeFirst();
    },

    find(actor: Actor, id: number) {
      return base(actor).select(COLUMNS).where('i.id', '=', id).executeTakeFirst();
    },

    /** Inserts the incident; with `claimed`, also points that idempotency key at it, in the same statement. */
    async insert(v: IncidentValues, claimed?: { scope: string; key: string }) {
      const insert = (q: typeof db) =>
        q.insertInto('incidents')
        .values({
          channel: v.channel,
          external_ref: v.externalRef,
          received_at: v.receivedAt,
          category_code: v.categoryCode,
          kind: v.kind,
          risk_domain: v.riskDomain,
          dispute_type: v.disputeType,
          summary: v.summary,
          narrative: v.narrative,
          caller_name: v.callerName,
          caller_phone: v.callerPhone,
          address_text: v.addressText,
          address_id: v.addressId,
          address_confidence: v.addressConfidence,
          lat: v.lat,
          lon: v.lon,
          jurisdiction_id: v.jurisdictionId,
          created_by: v.createdBy,
          api_key_id: v.apiKeyId,
        })
        .returning('id');
      if (!claimed) return (await insert(db).executeTakeFirstOrThrow()).id;
      const r = await db
        .with('i', () => insert(db))
        .with('k', (qb) => qb.updateTable('idempotency_keys').set((eb) => ({ incident_id: eb.selectFrom('i').select('i.id') })).where('scope', '=', claimed.scope).where('key', '=', claimed.key))
        .selectFrom('i')
        .select('i.id')
        .executeTakeFirstOrThrow();
      return r.id;
    },

    /**
     * Claims an idempotency key. Returns true when this transaction inserted it; when another
     * transaction holds the same key uncommitted, PostgreSQL blocks here until it ends.
     */
    async claimKey(scope: string, key: string, requestHash: string) {
      const r = await db.insertInto('idempotency_keys').values({ scope, key, request_hash: requestHash }).onConflict((oc) => oc.doNothing()).returning('key').executeTakeFirst();
      return r !== undefined;
    },

    setKeyIncident(scope: string, key: string, incidentId: number) {
      return db.updateTable('idempotency_keys').set({ incident_id: incidentId }).where('scope', '=', scope).where('key', '=', key).execute();
    },

    findKey(scope: string, key: string) {
      return db.selectFrom('idempotency_keys').select(['request_hash', 'incident_id']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    },

    /**
     * Intake's writes in one statement (SQL function incident_intake, migration 0012): the key
     * check and claim (a concurrent twin waits on the key until the first ends), the insert, the
     * key pointing at it and the board event; with `finish`, also the repeat linking and the audit
     * events. Alone it is its own transaction; in a transaction it is part of it.
     */
    async intake(p: {
      scope: string;
      key: string;
      hash: string;
      incident: IncidentValues;
      finish: boolean;
      partyKeys: string[];
      actor: { userId: number | null; apiKeyId: number | null; name: string; role: string; ip: string | null; requestId: string | null };
      versions: { codes: number; match: number };
    }) {
      const { rows } = await sql<{ r: { status: 'created' | 'replay' | 'mismatch' | 'pending' | 'stale'; id: number | null } }>`select incident_intake(${JSON.stringify(p)}::jsonb) as r`.execute(db);
      return rows[0]!.r;
    },

    // Code-table look-ups used to validate intake.
    channelExists: async (code: string) => !!(await db.selectFrom('channels').select('code').where('code', '=', code).executeTakeFirst()),
    findCategory: (code: string) => db.selectFrom('incident_categories').select(['code', 'kind', 'active']).where('code', '=', code).executeTakeFirst(),
    riskDomainExists: async (code: string) => !!(await db.selectFrom('risk_domains').select('code').where('code', '=', code).executeTakeFirst()),
    disputeTypeExists: async (code: string) => !!(await db.selectFrom('mediation_dispute_types').select('code').where('code', '=', code).executeTakeFirst()),
  };
}

export type IncidentRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createIncidentsRepository>['find']>>>;
