// OWNED BY the cases-core helper. Contract used by other modules (keep the signature):
import type { UserActor } from '../../app/actor.js';
import { recordAudit } from '../../app/audit.js';
import type { Queryable, Tx } from '../../app/db/database.js';
import type { CaseResolution, CaseStage } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { scheduleFollowups } from '../followups/followups.schedule.js';
import { addCalendarDays, addWorkingDays } from './cases.deadlines.js';

export interface MoveCaseInput {
  to: CaseStage;
  reason?: string | null;
  /** Required when `to` is 'closed'. */
  resolution?: CaseResolution | null;
}

export const transitionNotAllowed = (from: CaseStage, to: CaseStage) =>
  errors.conflict('case.transition_not_allowed', {
    zh: `矛盾纠纷当前阶段（${from}）不能变更为 ${to}`,
    en: `A case in stage ${from} may not move to ${to}`,
  });

/**
 * When a stage entered now is due: the deadline row for (stage, the stage it came from) wins
 * over the stage's generic row; none (closed) means no deadline.
 */
export async function stageDueAt(db: Queryable, stage: CaseStage, fromStage: CaseStage | null, enteredAt: Date): Promise<Date | null> {
  const rows = await db.selectFrom('case_stage_deadlines').select(['from_stage', 'days', 'working_days']).where('stage', '=', stage).execute();
  const rule = rows.find((r) => fromStage !== null && r.from_stage === fromStage) ?? rows.find((r) => r.from_stage === null);
  if (!rule) return null;
  return rule.working_days ? addWorkingDays(db, enteredAt, rule.days) : addCalendarDays(enteredAt, rule.days);
}

/**
 * Moves a case (already locked in scope by the caller) to another stage when case_transitions
 * allows it (409 `case.transition_not_allowed` otherwise), records a case_events row and the
 * audit event, sets the new stage deadline, and on entering 'closed' schedules the follow-ups.
 */
export async function moveCase(trx: Tx, actor: UserActor, caseId: number, input: MoveCaseInput, audit: { ip: string; requestId: string }): Promise<void> {
  const current = await trx.selectFrom('dispute_cases').select(['stage', 'jurisdiction_id']).where('id', '=', caseId).forUpdate().executeTakeFirst();
  if (!current) throw errors.notFound();
  const from = current.stage;
  const rule = await trx.selectFrom('case_transitions').select(['action', 'reason_required']).where('from_stage', '=', from).where('to_stage', '=', input.to).executeTakeFirst();
  if (!rule) throw transitionNotAllowed(from, input.to);
  const reason = input.reason?.trim() || null;
  if (rule.reason_required && !reason) throw errors.field('reason', 'required', { zh: '此项变更须说明理由', en: 'is required for this move' });
  const closing = input.to === 'closed';
  const resolution = input.resolution ?? null;
  if (closing && !resolution) throw errors.field('resolution', 'required', { zh: '办结时须选择办结结果', en: 'is required to close a case' });
  if (!closing && resolution) throw errors.field('resolution', 'not_applicable', { zh: '只有办结时才填写办结结果', en: 'applies to closing only' });

  const now = new Date();
  const dueAt = await stageDueAt(trx, input.to, from, now);
  const reopening = rule.action === 'reopen';
  // The result of a closed case is the why of its closing, else the resolution's name.
  const result = closing ? (reason ?? (await trx.selectFrom('case_resolutions').select('name_zh').where('code', '=', resolution!).executeTakeFirstOrThrow()).name_zh) : null;
  await trx
    .updateTable('dispute_cases')
    .set({
      stage: input.to,
      stage_entered_at: now,
      stage_due_at: dueAt,
      updated_at: now,
      ...(closing ? { resolution, closed_at: now, result } : {}),
      ...(reopening ? { resolution: null, closed_at: null, result: null } : {}),
    })
    .$if(reopening, (qb) => qb.set((eb) => ({ reopened_count: eb('reopened_count', '+', 1) })))
    .where('id', '=', caseId)
    .execute();
  await trx
    .insertInto('case_events')
    .values({ case_id: caseId, action: rule.action, from_stage: from, to_stage: input.to, resolution, reason, actor_user_id: actor.userId, actor_name: actor.displayName, at: now })
    .execute();
  await recordAudit(trx, { actor, ip: audit.ip, requestId: audit.requestId }, [
    {
      action: 'case.stage_changed',
      entityType: 'dispute_case',
      entityId: caseId,
      jurisdictionId: current.jurisdiction_id,
      change: { action: rule.action, stage: { from, to: input.to }, reason, resolution, dueAt: dueAt?.toISOString() ?? null },
    },
  ]);
  if (closing) await scheduleFollowups(trx, caseId, now);
}
