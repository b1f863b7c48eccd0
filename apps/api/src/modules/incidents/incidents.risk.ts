import { sql } from 'kysely';
import type { AuditEventInput } from '../../app/audit.js';
import type { Tx } from '../../app/db/database.js';
import type { RiskFactor, RiskTermKind, WarningLevel } from '../../app/db/schema.js';
import { pathIds } from '../../app/policy.js';
import { LEVEL_RANK, LEVEL_ZH } from '../warnings/warnings.core.js';
import { publishWarningEvent } from '../board/board.events.js';
import { computeRisk, levelFor, readRiskSettings, warningReason, type EscalationLevel, type RiskEvidence, type RiskSettings } from './incidents.risk.rules.js';

type Audit = (event: AuditEventInput) => void;

export interface RiskResult {
  score: number;
  factors: RiskFactor[];
  level: WarningLevel | null;
  /** The escalation warning raised or upgraded by this scoring, if any. */
  warningId: number | null;
}

interface Loaded {
  id: number;
  kind: string;
  category_code: string;
  category_name: string;
  parent_code: string | null;
  dispute_type: string | null;
  dispute_type_name: string | null;
  summary: string;
  narrative: string;
  jurisdiction_id: number;
  jurisdiction_path: string;
  risk_score: number | null;
  settings: unknown;
  terms: [string, RiskTermKind, number][];
  /**
   * Earlier incidents linked to this one: the same standard address or caller phone inside the
   * window, or a shared repeat cluster (address, phone or party).
   */
  links: { link: 'address' | 'phone' | 'cluster'; id: number }[];
  /** Its parties, with the earlier incidents of those linked to a person record. */
  parties: { name: string; injured: boolean; person_id: number | null; link_key: string | null; earlier: number }[];
}

/**
 * The incident locked for scoring with everything the score needs, in one round trip, from the
 * PL/pgSQL function `incident_risk_evidence` (migration 0008): its plan is cached per connection,
 * which saves the two-thirds of this query's cost that planning would take on every intake.
 */
async function load(trx: Tx, id: number): Promise<Loaded | undefined> {
  const r = await sql<{ evidence: Loaded | null }>`select incident_risk_evidence(${id}) as evidence`.execute(trx);
  return r.rows[0]?.evidence ?? undefined;
}

function evidenceOf(i: Loaded): RiskEvidence {
  const ids = (link: string) => new Set(i.links.filter((x) => x.link === link).map((x) => x.id));
  // Identified parties (a person record or an identity number), each human once.
  const persons = new Map<string, { name: string; earlier: number }>();
  for (const p of i.parties) if (p.link_key !== null) persons.set(p.link_key, { name: p.name, earlier: p.earlier });
  return {
    categoryCode: i.category_code,
    parentCategoryCode: i.parent_code,
    categoryName: i.category_name,
    disputeType: i.dispute_type,
    disputeTypeName: i.dispute_type_name,
    text: `${i.summary}\n${i.narrative}`,
    repetition: { total: new Set(i.links.map((x) => x.id)).size, address: ids('address').size, phone: ids('phone').size, cluster: ids('cluster').size },
    injuredParties: [...new Set(i.parties.filter((p) => p.injured).map((p) => p.name))],
    partyHistory: [...persons.values()],
  };
}

/** The station chief over a jurisdiction: a chief at its ancestor of kind 'station'. */
async function stationChief(trx: Tx, jurisdictionPath: string): Promise<number | null> {
  const row = await trx
    .selectFrom('users as u')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select('u.id')
    .where('u.role', '=', 'chief')
    .where('u.active', '=', true)
    .where('j.kind', '=', 'station')
    .where('u.jurisdiction_id', 'in', pathIds(jurisdictionPath))
    .orderBy('u.id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Raises, upgrades or leaves the incident's escalation warning. At most one is live per incident. */
async function warn(trx: Tx, i: Loaded, s: RiskSettings, score: number, factors: RiskFactor[], level: EscalationLevel, audit: Audit): Promise<number | null> {
  const reason = warningReason(score, factors);
  const deadline = sql<string>`current_date + ${s.deadlineDays[level]}::int`;
  const last = await trx
    .selectFrom('warnings')
    .select(['id', 'level', 'status', 'jurisdiction_id'])
    .where('incident_id', '=', i.id)
    .where('source', '=', 'escalation')
    .orderBy(sql`status <> 'closed'`, 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  // A live warning is upgraded; a closed one is not raised again unless the grade rises above it.
  if (last && LEVEL_RANK[level] <= LEVEL_RANK[last.level]) return null;
  if (last && last.status !== 'closed') {
    await trx.updateTable('warnings').set({ level, reason, deadline, updated_at: new Date() }).where('id', '=', last.id).execute();
    await trx.insertInto('warning_events').values({ warning_id: last.id, actor_name: '系统', from_status: last.status, to_status: last.status, note: `升级为${LEVEL_ZH[level]}预警：${reason}` }).execute();
    audit({ action: 'warning.raised', entityType: 'warning', entityId: last.id, jurisdictionId: last.jurisdiction_id, change: { source: 'escalation', level: { from: last.level, to: level }, score, reason, incidentId: i.id } });
    await publishWarningEvent(trx, 'warning.upgraded', last.id);
    return last.id;
  }
  const owner = await stationChief(trx, i.jurisdiction_path);
  const w = await trx
    .insertInto('warnings')
    .values({ source: 'escalation', incident_id: i.id, cluster_id: null, level, reason, owner_user_id: owner, deadline, jurisdiction_id: i.jurisdiction_id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('warning_events').values({ warning_id: w.id, actor_name: '系统', from_status: null, to_status: 'open', note: reason }).execute();
  audit({ action: 'warning.raised', entityType: 'warning', entityId: w.id, jurisdictionId: i.jurisdiction_id, change: { source: 'escalation', level, score, reason, ownerUserId: owner, incidentId: i.id } });
  await publishWarningEvent(trx, 'warning.raised', w.id);
  return w.id;
}

/**
 * (Re)computes a dispute incident's escalation score in the caller's transaction, stores it with
 * its factors, and raises or upgrades the incident's escalation warning when the score reaches
 * the threshold. Other kinds are not scored (a stale score is cleared). Returns null for them.
 */
export async function scoreIncident(trx: Tx, incidentId: number, audit: Audit): Promise<RiskResult | null> {
  const i = await load(trx, incidentId);
  if (!i) return null;
  if (i.kind !== 'dispute') {
    if (i.risk_score !== null) await trx.updateTable('incidents').set({ risk_score: null, risk_factors: null }).where('id', '=', i.id).execute();
    return null;
  }
  const settings = readRiskSettings(i.settings);
  const terms = i.terms.map(([term, kind, points]) => ({ term, kind, points }));
  const { score, factors } = computeRisk(evidenceOf(i), settings, terms);
  await trx.updateTable('incidents').set({ risk_score: score, risk_factors: JSON.stringify(factors) }).where('id', '=', i.id).execute();
  const level = levelFor(score, settings);
  const warningId = level ? await warn(trx, i, settings, score, factors, level, audit) : null;
  return { score, factors, level, warningId };
}
