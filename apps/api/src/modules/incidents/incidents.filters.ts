import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import type { DB, IncidentsTable } from '../../app/db/schema.js';
import { AppError } from '../../app/errors.js';
import { scopePrefix } from '../../app/policy.js';
import { addressDescendantsPattern, containsPattern } from '../people/scope.js';
import { checkPhone } from './incidents.core.js';
import type { IncidentFilterQuery } from './incidents.schemas.js';

/**
 * The incident list's filters, shared by the list, the Excel export and the saved filters: first
 * resolved against the actor's scope (places named by id must lie in it), then applied as one
 * WHERE on any query over `incidents as i`.
 */
export interface ResolvedIncidentFilter {
  f: IncidentFilterQuery;
  /** Jurisdiction subtrees the incident must lie in (station and/or jurisdiction filter). */
  subtrees: string[];
  /** The filtered standard address and the addresses below it. */
  address: { id: number; descendants: string } | null;
  callerPhone: string | null;
  text: { words: string; pattern: string; indexable: boolean; phone: string | null; addressIds: number[] } | null;
}

/** Most standard addresses a text search follows (a place name shared by more is too vague). */
const TEXT_ADDRESS_LIMIT = 2000;
const PHONE_LIKE = /^\+?\d[\d-]{6,}$/;
/**
 * pg_trgm takes trigrams from runs of word characters. The embedded cluster is initialised with
 * LC_CTYPE C.UTF-8, where Chinese characters are word characters, so any run of three letters,
 * digits or Chinese characters can use incidents_text_trgm_idx. Shorter searches (most two-character
 * Chinese words) yield no trigram: ILIKE would read the whole index, so they scan with strpos
 * instead (about 2.5× faster than that index path, measured on 200,000 incidents). On a server whose
 * ctype is plain C, Chinese runs take the slower index path but still answer correctly.
 */
const TRIGRAM_RUN = /[\p{L}\p{N}]{3}/u;
// Words that end the parts of a Chinese address: 路 街 巷 号 村 组 栋 幢 单元 室 小区 …
const ADDRESS_LIKE = /[路街巷弄号村组栋幢楼室苑园庄镇乡区里]/;

/** 404 naming the field: a place outside the scope answers as one that does not exist. */
function notInScope(field: string, what: { zh: string; en: string }) {
  return new AppError('not_found', 404, { zh: `${what.zh}不存在或不在您的辖区内`, en: `${what.en} not found in your jurisdiction` }, [
    { path: field, rule: 'not_in_scope', message: { zh: `${what.zh}不存在或不在您的辖区内`, en: `${what.en} not found in your jurisdiction` } },
  ]);
}

/**
 * A jurisdiction the filter may name: inside the actor's scope, or one of its ancestors (the
 * actor's own station), which then filters nothing beyond the scope itself.
 */
async function placeFilter(db: Queryable, actor: Actor, id: number, field: string, station: boolean): Promise<string> {
  const place = await db.selectFrom('jurisdictions').select(['path', 'kind']).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
  const visible = place && (place.path.startsWith(actor.jurisdictionPath) || actor.jurisdictionPath.startsWith(place.path));
  if (!place || !visible || (station && place.kind !== 'station')) {
    throw notInScope(field, station ? { zh: '派出所', en: 'station' } : { zh: '辖区', en: 'jurisdiction' });
  }
  return place.path;
}

async function textFilter(db: Queryable, actor: Actor, q: string): Promise<ResolvedIncidentFilter['text']> {
  const pattern = containsPattern(q);
  const compact = q.replace(/\s+/g, '');
  const phone = PHONE_LIKE.test(compact) ? compact : null;
  let addressIds: number[] = [];
  if (q.length >= 2 && ADDRESS_LIKE.test(q)) {
    const rows = await db
      .selectFrom('addresses as a')
      .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
      .select('a.id')
      .where('a.full_name', 'ilike', pattern)
      .where('a.archived_at', 'is', null)
      .where('j.path', 'like', scopePrefix(actor))
      .limit(TEXT_ADDRESS_LIMIT)
      .execute();
    addressIds = rows.map((r) => r.id);
  }
  return { words: q, pattern, indexable: TRIGRAM_RUN.test(q), phone, addressIds };
}

export async function resolveIncidentFilter(db: Queryable, actor: Actor, f: IncidentFilterQuery): Promise<ResolvedIncidentFilter> {
  const subtrees: string[] = [];
  if (f.stationId) subtrees.push(await placeFilter(db, actor, f.stationId, 'stationId', true));
  if (f.jurisdictionId) subtrees.push(await placeFilter(db, actor, f.jurisdictionId, 'jurisdictionId', false));
  let address: ResolvedIncidentFilter['address'] = null;
  if (f.addressId) {
    const row = await db
      .selectFrom('addresses as a')
      .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
      .select(['a.id', 'a.path'])
      .where('a.id', '=', f.addressId)
      .where('j.path', 'like', scopePrefix(actor))
      .executeTakeFirst();
    if (!row) throw notInScope('addressId', { zh: '标准地址', en: 'address' });
    address = { id: row.id, descendants: addressDescendantsPattern(row.path) };
  }
  const callerPhone = f.callerPhone ? checkPhone(f.callerPhone) : null;
  const text = f.q ? await textFilter(db, actor, f.q) : null;
  return { f, subtrees, address, callerPhone, text };
}

type IncidentEb = ExpressionBuilder<DB & { i: IncidentsTable }, 'i'>;

/** A live warning on the incident: its repeat cluster's or its own escalation warning. */
function liveWarning(eb: IncidentEb) {
  return eb.or([
    eb.exists(
      eb
        .selectFrom('repeat_cluster_incidents as rci')
        .innerJoin('warnings as w', 'w.cluster_id', 'rci.cluster_id')
        .select(sql<number>`1`.as('one'))
        .whereRef('rci.incident_id', '=', 'i.id')
        .where('w.status', '<>', 'closed'),
    ),
    eb.exists(
      eb
        .selectFrom('warnings as w')
        .select(sql<number>`1`.as('one'))
        .whereRef('w.incident_id', '=', 'i.id')
        .where('w.source', '=', 'escalation')
        .where('w.status', '<>', 'closed'),
    ),
  ]);
}

/**
 * The WHERE of a resolved filter. The text test repeats the index expression
 * `(summary || ' ' || narrative)` exactly so that ILIKE '%…%' uses incidents_text_trgm_idx; the
 * phone and address alternatives are indexed too (equality and `= any(array)`), so PostgreSQL can
 * combine the three in one bitmap OR. Text without trigrams (Chinese words) is scanned (TRIGRAM_RUN).
 */
export function incidentFilter(r: ResolvedIncidentFilter) {
  return (eb: IncidentEb): Expression<SqlBool> => {
    const { f } = r;
    const all: Expression<SqlBool>[] = [];
    if (f.from) all.push(eb('i.received_at', '>=', new Date(f.from)));
    if (f.to) all.push(eb('i.received_at', '<', new Date(f.to)));
    if (f.channel) all.push(eb('i.channel', '=', f.channel));
    if (f.kind) all.push(eb('i.kind', '=', f.kind));
    if (f.categoryCode) {
      const code = f.categoryCode;
      all.push(eb.or([eb('i.category_code', '=', code), eb('i.category_code', 'in', eb.selectFrom('incident_categories').select('code').where('parent_code', '=', code))]));
    }
    for (const path of r.subtrees) {
      all.push(eb('i.jurisdiction_id', 'in', eb.selectFrom('jurisdictions').select('id').where('path', 'like', `${path}%`)));
    }
    if (f.status) all.push(eb('i.status', '=', f.status));
    if (f.outcome) all.push(f.outcome === 'none' ? eb('i.outcome', 'is', null) : eb('i.outcome', '=', f.outcome));
    if (r.address) {
      const { id, descendants } = r.address;
      all.push(eb('i.address_id', 'in', eb.selectFrom('addresses').select('id').where((a) => a.or([a('id', '=', id), a('path', 'like', descendants)]))));
    }
    if (r.callerPhone) all.push(eb('i.caller_phone', '=', r.callerPhone));
    if (f.hasWarning !== undefined) all.push(f.hasWarning ? liveWarning(eb) : eb.not(liveWarning(eb)));
    if (f.disputeType) all.push(eb('i.dispute_type', '=', f.disputeType));
    if (f.riskDomain) all.push(eb('i.risk_domain', '=', f.riskDomain));
    if (r.text) {
      const { words, pattern, indexable, phone, addressIds } = r.text;
      const any: Expression<SqlBool>[] = [
        indexable ? sql<SqlBool>`(i.summary || ' ' || i.narrative) ilike ${pattern}` : sql<SqlBool>`strpos(lower(i.summary || ' ' || i.narrative), lower(${words})) > 0`,
      ];
      if (phone) any.push(eb('i.caller_phone', '=', phone));
      if (addressIds.length > 0) any.push(sql<SqlBool>`i.address_id = any(${addressIds}::bigint[])`);
      all.push(eb.or(any));
    }
    return eb.and(all);
  };
}
