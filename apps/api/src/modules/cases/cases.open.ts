import type { Actor, RequestContext, UserActor } from '../../app/actor.js';
import type { AuditEventInput } from '../../app/audit.js';
import type { Queryable, Tx } from '../../app/db/database.js';
import type { CaseSource } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { can, pathIds, scopePrefix } from '../../app/policy.js';
import { publishIncidentEvent } from '../board/board.events.js';
import { stageDueAt } from './cases.lifecycle.js';
import { copyIncidentParties, insertCaseParties, type CasePartyValues } from './cases.parties.js';

/** Roles that may carry a case (the responsible officer) and lead it (包案领导). */
export const OFFICER_ROLES = ['chief', 'officer', 'auxiliary'] as const;
export const LEADER_ROLES = ['chief', 'officer'] as const;

export const incidentHasCase = () =>
  errors.conflict('case.incident_has_case', { zh: '该警情已转为矛盾纠纷，不能重复建档', en: 'This incident already opened a dispute case' });

/** The station whose subtree holds the case's people: the station above (or at) the jurisdiction, else the jurisdiction itself. */
export async function stationPath(db: Queryable, jurisdictionPath: string): Promise<string> {
  const ids = pathIds(jurisdictionPath);
  const station = await db.selectFrom('jurisdictions').select('path').where('id', 'in', ids).where('kind', '=', 'station').executeTakeFirst();
  return station?.path ?? jurisdictionPath;
}

/** Active users of a station subtree with one of the roles, by name. */
export function caseUsers(db: Queryable, subtree: string, roles: readonly string[]) {
  return db
    .selectFrom('users as u')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select(['u.id', 'u.display_name as name', 'u.role', 'j.name as jurisdiction_name'])
    .where('j.path', 'like', `${subtree}%`)
    .where('u.active', '=', true)
    .where('u.role', 'in', roles as never[])
    .orderBy('u.role')
    .orderBy('u.display_name')
    .execute();
}

/** The user named in `field` when they may carry (or lead) cases of this station; else 400 naming the field. */
export async function requireCaseUser(db: Queryable, subtree: string, userId: number | null | undefined, field: string, roles: readonly string[]): Promise<number | null> {
  if (!userId) return null;
  const row = await db
    .selectFrom('users as u')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select('u.id')
    .where('u.id', '=', userId)
    .where('u.active', '=', true)
    .where('u.role', 'in', roles as never[])
    .where('j.path', 'like', `${subtree}%`)
    .executeTakeFirst();
  if (!row) throw errors.field(field, 'not_in_station', { zh: '须为本案所属派出所的民警', en: "must be police of the case's station" });
  return row.id;
}

export async function checkCodes(db: Queryable, disputeType: string | undefined, riskDomain: string | null | undefined): Promise<void> {
  if (disputeType && !(await db.selectFrom('mediation_dispute_types').select('code').where('code', '=', disputeType).executeTakeFirst())) {
    throw errors.field('disputeType', 'not_found', { zh: '纠纷类型不存在', en: 'unknown dispute type' });
  }
  if (riskDomain && !(await db.selectFrom('risk_domains').select('code').where('code', '=', riskDomain).executeTakeFirst())) {
    throw errors.field('riskDomain', 'not_found', { zh: '风险领域不存在', en: 'unknown risk domain' });
  }
}

export interface NewCase {
  title: string;
  summary: string;
  source: CaseSource;
  sourceIncidentId: number | null;
  sourceClusterId: number | null;
  sourceNote: string | null;
  disputeType: string;
  riskDomain: string | null;
  officerUserId: number | null;
  leaderUserId: number | null;
  addressId: number | null;
  addressText: string | null;
  lat: number | null;
  lon: number | null;
  jurisdictionId: number;
}

/** 'JF' + the Beijing year + a six-digit number from dispute_case_no_seq. */
async function nextCaseNo(trx: Tx): Promise<string> {
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const { n } = await trx.selectNoFrom((eb) => eb.fn<string>('nextval', [eb.val('dispute_case_no_seq')]).as('n')).executeTakeFirstOrThrow();
  return `JF${year}${String(n).padStart(6, '0')}`;
}

/** Inserts the case in stage 'registered' with its deadline and the opening event; returns its id and number. */
export async function insertCase(trx: Tx, actor: UserActor, v: NewCase): Promise<{ id: number; caseNo: string }> {
  const now = new Date();
  const caseNo = await nextCaseNo(trx);
  const { id } = await trx
    .insertInto('dispute_cases')
    .values({
      case_no: caseNo,
      title: v.title,
      summary: v.summary,
      source: v.source,
      source_incident_id: v.sourceIncidentId,
      source_cluster_id: v.sourceClusterId,
      source_note: v.sourceNote,
      dispute_type: v.disputeType,
      risk_domain: v.riskDomain,
      stage: 'registered',
      stage_entered_at: now,
      stage_due_at: await stageDueAt(trx, 'registered', null, now),
      officer_user_id: v.officerUserId,
      leader_user_id: v.leaderUserId,
      address_id: v.addressId,
      address_text: v.addressText,
      lat: v.lat,
      lon: v.lon,
      jurisdiction_id: v.jurisdictionId,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('case_events').values({ case_id: id, action: 'open', from_stage: null, to_stage: 'registered', reason: v.sourceNote, actor_user_id: actor.userId, actor_name: actor.displayName, at: now }).execute();
  return { id, caseNo };
}

/** The incident in the actor's scope, locked, with what a case copies from it. */
export async function lockIncidentForCase(trx: Tx, actor: Actor, incidentId: number, field: string) {
  const row = await trx
    .selectFrom('incidents as i')
    .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
    .select(['i.id', 'i.summary', 'i.narrative', 'i.dispute_type', 'i.risk_domain', 'i.address_id', 'i.address_text', 'i.lat', 'i.lon', 'i.jurisdiction_id', 'j.path', 'i.outcome', 'i.dispute_case_id'])
    .where('i.id', '=', incidentId)
    .where('j.path', 'like', scopePrefix(actor))
    .forUpdate('i')
    .executeTakeFirst();
  if (!row) throw errors.field(field, 'not_found', { zh: '警情不存在或不在您的辖区内', en: 'incident not found in your jurisdiction' });
  return row;
}

/** Makes the incident the case's source: its link, its outcome (when none yet) and its pointer to the case. */
export async function attachSourceIncident(trx: Tx, actor: UserActor, caseId: number, incident: { id: number; outcome: string | null }): Promise<void> {
  await trx.insertInto('case_incidents').values({ case_id: caseId, incident_id: incident.id, reason: 'source', linked_by: actor.userId }).onConflict((oc) => oc.doNothing()).execute();
  await trx
    .updateTable('incidents')
    .set({ dispute_case_id: caseId, ...(incident.outcome === null ? { outcome: 'dispute_case' as const, outcome_at: new Date(), outcome_by: actor.userId } : {}) })
    .where('id', '=', incident.id)
    .execute();
  await publishIncidentEvent(trx, 'incident.updated', incident.id);
}

/** The source incident's parties (copied) and the parties the opener named. */
export async function addOpeningParties(trx: Tx, caseId: number, incidentId: number | null, parties: CasePartyValues[]): Promise<void> {
  if (incidentId !== null) await copyIncidentParties(trx, caseId, incidentId);
  await insertCaseParties(trx, caseId, parties);
}

/**
 * The incident outcome 'dispute_case' opens the case (once): called inside the transaction that
 * records the outcome. The officer recording it carries the case; the dispute type defaults to
 * 'other' when the incident has none.
 */
export async function openCaseForIncidentOutcome(trx: Tx, ctx: RequestContext, incidentId: number, audit: (event: AuditEventInput) => void): Promise<number | null> {
  const actor = ctx.actor;
  if (actor.kind !== 'user' || !can(actor, 'cases.manage')) return null;
  const incident = await lockIncidentForCase(trx, actor, incidentId, 'incidentId');
  if (incident.dispute_case_id !== null) return incident.dispute_case_id;
  const station = await stationPath(trx, incident.path);
  const officer = (OFFICER_ROLES as readonly string[]).includes(actor.role) ? await requireCaseUser(trx, station, actor.userId, 'officerUserId', OFFICER_ROLES).catch(() => null) : null;
  const created = await insertCase(trx, actor, {
    title: incident.summary,
    summary: incident.narrative,
    source: 'incident',
    sourceIncidentId: incident.id,
    sourceClusterId: null,
    sourceNote: null,
    disputeType: incident.dispute_type ?? 'other',
    riskDomain: incident.risk_domain,
    officerUserId: officer,
    leaderUserId: null,
    addressId: incident.address_id,
    addressText: incident.address_text,
    lat: incident.lat,
    lon: incident.lon,
    jurisdictionId: incident.jurisdiction_id,
  });
  await attachSourceIncident(trx, actor, created.id, { id: incident.id, outcome: 'dispute_case' });
  await addOpeningParties(trx, created.id, incident.id, []);
  audit({ action: 'case.opened', entityType: 'dispute_case', entityId: created.id, jurisdictionId: incident.jurisdiction_id, change: { caseNo: created.caseNo, source: 'incident', sourceIncidentId: incident.id, via: 'incident_outcome' } });
  return created.id;
}
