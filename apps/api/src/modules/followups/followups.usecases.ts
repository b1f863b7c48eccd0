import type { RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Database, Queryable } from '../../app/db/database.js';
import type { FollowupKind } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { authorize, can, scopePrefix } from '../../app/policy.js';
import { moveCase } from '../cases/cases.lifecycle.js';
import { caseInScope } from '../cases/cases.scope.js';
import { shanghaiDay } from './followups.days.js';
import type { CaseFollowupsDto, FollowupDto, PlanInput, RecordInput } from './followups.schemas.js';

/** The reason a relapse gives the reopening (case_events.reason, shown on the case's timeline). */
export const RELAPSE_REASON = '回访发现纠纷复发 relapse on follow-up';

export const alreadyRecorded = () => errors.conflict('followup.already_recorded', { zh: '该回访已记录，不能重复记录', en: 'This follow-up visit has already been recorded' });
export const caseNotClosed = () =>
  errors.conflict('followup.case_not_closed', { zh: '案件已重新办理，本次回访不再需要', en: 'The case was reopened: this follow-up visit is no longer due' });

async function listFollowups(db: Queryable, caseId: number, today: string): Promise<FollowupDto[]> {
  const rows = await db
    .selectFrom('case_followups as f')
    .leftJoin('users as a', 'a.id', 'f.assigned_user_id')
    .leftJoin('users as d', 'd.id', 'f.done_by')
    .innerJoin('followup_plan as p', 'p.kind', 'f.kind')
    .select(['f.id', 'f.case_id', 'f.kind', 'f.due_on', 'f.assigned_user_id', 'a.display_name as assigned_name', 'f.done_at', 'd.display_name as done_by_name', 'f.finding', 'f.relapse', 'f.relapse_incident_id', 'f.created_at'])
    .where('f.case_id', '=', caseId)
    .orderBy('f.created_at', 'desc')
    .orderBy('f.due_on')
    .orderBy('p.sort')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    kind: r.kind,
    dueOn: r.due_on,
    assignedUserId: r.assigned_user_id,
    assignedName: r.assigned_name,
    doneAt: r.done_at?.toISOString() ?? null,
    doneByName: r.done_by_name,
    finding: r.finding,
    relapse: r.relapse,
    relapseIncidentId: r.relapse_incident_id,
    overdue: r.done_at === null && r.due_on < today,
    scheduledAt: r.created_at.toISOString(),
  }));
}

async function readPlan(db: Queryable) {
  const rows = await db.selectFrom('followup_plan').select(['kind', 'offset_days', 'sort']).orderBy('sort').execute();
  return { items: rows.map((r) => ({ kind: r.kind, offsetDays: r.offset_days, sort: r.sort })) };
}

export function createFollowupsUseCases(deps: { db: Database }) {
  const { db } = deps;

  async function caseFollowups(ctx: RequestContext, caseId: number, q: Queryable = db): Promise<CaseFollowupsDto> {
    const c = await caseInScope(q, ctx.actor, caseId);
    return { caseId, stage: c.stage, items: await listFollowups(q, caseId, shanghaiDay(new Date())), abilities: { record: can(ctx.actor, 'cases.followup') && c.stage === 'closed' } };
  }

  return {
    async list(ctx: RequestContext, caseId: number): Promise<CaseFollowupsDto> {
      authorize(ctx.actor, 'cases.view');
      return caseFollowups(ctx, caseId);
    },

    /**
     * Records a visit. A relapse reopens the case (moveCase → assessing), links the new incident
     * (case_incidents reason 'relapse') and cancels the case's other open visits: they belonged to
     * a closure that no longer holds, and the next closure schedules a fresh set.
     */
    async record(ctx: RequestContext, followupId: number, input: RecordInput) {
      authorize(ctx.actor, 'cases.followup');
      const actor = ctx.actor;
      if (actor.kind !== 'user') throw errors.forbidden();
      const { relapsed, caseId } = await audited(db, ctx, async (trx, audit) => {
        const ref = await trx.selectFrom('case_followups').select('case_id').where('id', '=', followupId).executeTakeFirst();
        if (!ref) throw errors.notFound();
        const c = await caseInScope(trx, actor, ref.case_id, { lock: true });
        const f = await trx.selectFrom('case_followups').select(['id', 'kind', 'due_on', 'done_at']).where('id', '=', followupId).forUpdate().executeTakeFirstOrThrow();
        if (f.done_at) throw alreadyRecorded();
        if (c.stage !== 'closed') throw caseNotClosed();
        if (input.incidentId !== undefined && !input.relapse) {
          throw errors.field('incidentId', 'relapse_only', { zh: '只有发现复发时才关联新警情', en: 'links an incident only when a relapse is recorded' });
        }
        if (input.incidentId !== undefined) {
          const incident = await trx
            .selectFrom('incidents as i')
            .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
            .select('i.id')
            .where('i.id', '=', input.incidentId)
            .where('j.path', 'like', scopePrefix(actor))
            .executeTakeFirst();
          if (!incident) throw errors.field('incidentId', 'not_found', { zh: '辖区内没有这条警情', en: 'is not an incident in your jurisdiction' });
        }
        const now = new Date();
        await trx
          .updateTable('case_followups')
          .set({ done_at: now, done_by: actor.userId, finding: input.finding, relapse: input.relapse, relapse_incident_id: input.incidentId ?? null })
          .where('id', '=', followupId)
          .execute();
        audit({
          action: 'case.followup_recorded',
          entityType: 'case_followup',
          entityId: followupId,
          jurisdictionId: c.jurisdiction_id,
          change: { caseId: c.id, kind: f.kind, dueOn: f.due_on, relapse: input.relapse, incidentId: input.incidentId ?? null },
        });
        if (!input.relapse) return { relapsed: false, caseId: c.id };
        const cancelled = await trx
          .deleteFrom('case_followups')
          .where('case_id', '=', c.id)
          .where('done_at', 'is', null)
          .returning(['id', 'kind', 'due_on'])
          .execute();
        if (input.incidentId !== undefined) {
          await trx
            .insertInto('case_incidents')
            .values({ case_id: c.id, incident_id: input.incidentId, reason: 'relapse', linked_by: actor.userId })
            .onConflict((oc) => oc.columns(['case_id', 'incident_id']).doNothing())
            .execute();
        }
        await moveCase(trx, actor, c.id, { to: 'assessing', reason: RELAPSE_REASON }, { ip: ctx.ip, requestId: ctx.requestId });
        audit({
          action: 'case.relapsed',
          entityType: 'dispute_case',
          entityId: c.id,
          jurisdictionId: c.jurisdiction_id,
          change: { followupId, incidentId: input.incidentId ?? null, cancelledFollowups: cancelled.map((x) => ({ id: x.id, kind: x.kind, dueOn: x.due_on })) },
        });
        return { relapsed: true, caseId: c.id };
      });
      const after = await caseFollowups(ctx, caseId);
      return { ...after, relapsed };
    },

    async getPlan(ctx: RequestContext) {
      authorize(ctx.actor, 'cases.settings');
      return readPlan(db);
    },

    /** Replaces the plan: each kind at most once, in the order given. Takes effect at the next closure. */
    async putPlan(ctx: RequestContext, input: PlanInput) {
      authorize(ctx.actor, 'cases.settings');
      const kinds = input.items.map((i) => i.kind);
      const dup = kinds.findIndex((k, i) => kinds.indexOf(k) !== i);
      if (dup >= 0) throw errors.field(`items.${dup}.kind`, 'duplicate', { zh: '每种回访只能出现一次', en: 'each kind of visit may appear once' });
      await audited(db, ctx, async (trx, audit) => {
        const before = await trx.selectFrom('followup_plan').select(['kind', 'offset_days']).orderBy('sort').forUpdate().execute();
        await trx.deleteFrom('followup_plan').execute();
        await trx
          .insertInto('followup_plan')
          .values(input.items.map((i, index) => ({ kind: i.kind, offset_days: i.offsetDays, sort: index + 1 })))
          .execute();
        const snapshot = (rows: { kind: FollowupKind; offsetDays: number }[]) => rows.map((r) => `${r.kind}+${r.offsetDays}`);
        audit({
          action: 'case.settings_updated',
          entityType: 'followup_plan',
          jurisdictionId: ctx.actor.jurisdictionId,
          change: { followupPlan: { from: snapshot(before.map((b) => ({ kind: b.kind, offsetDays: b.offset_days }))), to: snapshot(input.items) } },
        });
      });
      return readPlan(db);
    },
  };
}
