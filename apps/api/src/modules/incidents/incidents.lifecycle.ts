import type { Actor, RequestContext } from '../../app/actor.js';
import { audited, diff } from '../../app/audit.js';
import type { Database, Queryable } from '../../app/db/database.js';
import type { IncidentOutcome, IncidentStatus } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { authorize } from '../../app/policy.js';
import type { OutcomeInput, StatusInput, TransitionsDto } from './incidents.lifecycle.schemas.js';
import { INCIDENT_STATUSES, type IncidentDto } from './incidents.schemas.js';
import { createIncidentsUseCases } from './incidents.usecases.js';
import { createIncidentsRepository } from './incidents.repository.js';
import { publishIncidentEvent } from '../board/board.events.js';
import { openCaseForIncidentOutcome } from '../cases/cases.open.js';

/** A status step's own timestamp column; 'received' keeps the intake time. */
const STEP_COLUMN = {
  received: 'received_at',
  dispatched: 'dispatched_at',
  arrived: 'arrived_at',
  handled: 'handled_at',
  closed: 'closed_at',
} as const satisfies Record<IncidentStatus, string>;

/** A step entered by hand may run a few seconds ahead of our clock (the officer's device), no more. */
export const STEP_FUTURE_TOLERANCE_MS = 10_000;

/** The outcome is recorded by the officer on the scene or after: from arrival (or a desk handling) until closure. */
const OUTCOME_STATUSES: readonly IncidentStatus[] = ['arrived', 'handled'];
const CASE_OUTCOMES: readonly IncidentOutcome[] = ['administrative_case', 'criminal_case'];

const transitionNotAllowed = (from: IncidentStatus, to: IncidentStatus) =>
  errors.conflict('incidents.transition_not_allowed', {
    zh: `警情当前状态（${from}）不能变更为 ${to}`,
    en: `An incident in status ${from} may not move to ${to}`,
  });

function createLifecycleRepository(db: Queryable) {
  return {
    /** The incident locked for a change, or undefined outside the actor's scope. */
    lock: (actor: Actor, id: number) => createIncidentsRepository(db).lockInScope(actor, id),

    transitionAllowed: async (from: IncidentStatus, to: IncidentStatus, channel: string) =>
      !!(await db
        .selectFrom('incident_status_transitions')
        .select('id')
        .where('from_status', '=', from)
        .where('to_status', '=', to)
        .where((eb) => eb.or([eb('channel', 'is', null), eb('channel', '=', channel)]))
        .executeTakeFirst()),

    transitions: () => db.selectFrom('incident_status_transitions').select(['from_status', 'to_status', 'channel']).orderBy('id').execute(),

    ga240Category: (code: string) =>
      db.selectFrom('incident_categories').select(['code', 'level']).where('code', '=', code).where('source', '=', 'ga240').where('active', '=', true).executeTakeFirst(),
  };
}

type Locked = NonNullable<Awaited<ReturnType<ReturnType<typeof createLifecycleRepository>['lock']>>>;

/** The latest time among the steps up to the current one: a new step may not be earlier. */
function previousStepAt(row: Locked): Date {
  const rank = INCIDENT_STATUSES.indexOf(row.status);
  let latest = row.received_at;
  for (const step of INCIDENT_STATUSES.slice(0, rank + 1)) {
    const at = row[STEP_COLUMN[step]];
    if (at && at.getTime() > latest.getTime()) latest = at;
  }
  return latest;
}

function checkStepTime(input: StatusInput['at'], now: number): Date {
  if (input === undefined) return new Date(now);
  const at = new Date(input);
  if (at.getTime() > now + STEP_FUTURE_TOLERANCE_MS) throw errors.field('at', 'future_time', { zh: '时间不能晚于当前时间', en: 'must not be in the future' });
  return at;
}

/** Outcome rules that need no database: case numbers for cases only, a category for criminal cases only. */
function checkOutcomeShape(input: OutcomeInput): { caseNumber: string | null; caseCategoryCode: string | null; note: string | null } {
  const caseNumber = input.caseNumber?.trim() || null;
  const caseCategoryCode = input.caseCategoryCode?.trim() || null;
  const isCase = CASE_OUTCOMES.includes(input.outcome);
  if (isCase && !caseNumber) throw errors.field('caseNumber', 'required', { zh: '立为行政或刑事案件时须填写案件编号', en: 'is required for an administrative or criminal case' });
  if (!isCase && caseNumber) throw errors.field('caseNumber', 'not_applicable', { zh: '只有行政或刑事案件才有案件编号', en: 'applies to administrative and criminal cases only' });
  if (caseCategoryCode && input.outcome !== 'criminal_case') {
    throw errors.field('caseCategoryCode', 'not_applicable', { zh: '案件类别只用于刑事案件', en: 'applies to criminal cases only' });
  }
  return { caseNumber, caseCategoryCode, note: input.note?.trim() || null };
}

/** Needs what the incident use-cases need: the changed incident is answered as the detail page reads it. */
export function createIncidentLifecycle(deps: Parameters<typeof createIncidentsUseCases>[0] & { db: Database }) {
  const { db } = deps;
  const repo = createLifecycleRepository(db);
  const incidents = createIncidentsUseCases(deps);

  return {
    /** The allowed steps, as data: the client offers the next ones of an incident's status and channel. */
    async transitions(ctx: RequestContext): Promise<TransitionsDto> {
      authorize(ctx.actor, 'incidents.view');
      const rows = await repo.transitions();
      return { items: rows.map((r) => ({ fromStatus: r.from_status, toStatus: r.to_status, channel: r.channel })) };
    },

    /** Moves the incident one allowed step and stamps the step's time (now, or when it happened). */
    async changeStatus(ctx: RequestContext, id: number, input: StatusInput): Promise<IncidentDto> {
      authorize(ctx.actor, 'incidents.handle');
      const at = checkStepTime(input.at, Date.now());
      await audited(db, ctx, async (trx, audit) => {
        const tx = createLifecycleRepository(trx);
        const row = await tx.lock(ctx.actor, id);
        if (!row) throw errors.notFound();
        if (!(await tx.transitionAllowed(row.status, input.to, row.channel))) throw transitionNotAllowed(row.status, input.to);
        if (input.to === 'closed' && !row.outcome) {
          throw errors.conflict('incidents.outcome_required', { zh: '结警前须先录入处置结果', en: 'Record the outcome before closing the incident' });
        }
        const previous = previousStepAt(row);
        if (at.getTime() < previous.getTime()) {
          throw errors.field('at', 'before_previous', { zh: '时间不能早于上一环节的时间', en: `must not be earlier than the previous step (${previous.toISOString()})` });
        }
        const column = STEP_COLUMN[input.to];
        await trx
          .updateTable('incidents')
          .set({ status: input.to, ...(column === 'received_at' ? {} : { [column]: at }) })
          .where('id', '=', id)
          .execute();
        await publishIncidentEvent(trx, 'incident.updated', id);
        audit({ action: 'incident.status_changed', entityType: 'incident', entityId: id, jurisdictionId: row.jurisdiction_id, change: { status: { from: row.status, to: input.to }, at: at.toISOString() } });
      });
      return incidents.get(ctx, id);
    },

    /** Records (or replaces) what became of the incident. */
    async recordOutcome(ctx: RequestContext, id: number, input: OutcomeInput): Promise<IncidentDto> {
      authorize(ctx.actor, 'incidents.handle');
      const shape = checkOutcomeShape(input);
      await audited(db, ctx, async (trx, audit) => {
        const tx = createLifecycleRepository(trx);
        const row = await tx.lock(ctx.actor, id);
        if (!row) throw errors.notFound();
        if (!OUTCOME_STATUSES.includes(row.status)) {
          throw errors.conflict('incidents.outcome_not_allowed', {
            zh: '到场或处置完毕后、结警前才能录入处置结果',
            en: 'An outcome is recorded once the police arrived (or handled it at the desk) and before closure',
          });
        }
        if (shape.caseCategoryCode) {
          const category = await tx.ga240Category(shape.caseCategoryCode);
          if (!category || category.level < 2) throw errors.field('caseCategoryCode', 'not_found', { zh: '不是有效的刑事案件类别（GA 240.1）', en: 'is not a GA 240.1 case category' });
        }
        const before = { outcome: row.outcome, caseNumber: row.case_number, caseCategoryCode: row.case_category_code, note: row.outcome_note };
        const after = { outcome: input.outcome, caseNumber: shape.caseNumber, caseCategoryCode: shape.caseCategoryCode, note: shape.note };
        await trx
          .updateTable('incidents')
          .set({
            outcome: after.outcome,
            case_number: after.caseNumber,
            case_category_code: after.caseCategoryCode,
            outcome_note: after.note,
            outcome_at: new Date(),
            outcome_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          })
          .where('id', '=', id)
          .execute();
        // A replacement keeps what it replaced (from) beside the new values (to), and names the changed fields.
        const change = { from: row.outcome === null ? null : before, to: after, changed: Object.keys(diff(before, after)) };
        await publishIncidentEvent(trx, 'incident.updated', id);
        audit({ action: 'incident.outcome_recorded', entityType: 'incident', entityId: id, jurisdictionId: row.jurisdiction_id, change });
        // A dispute handed to mediation opens its dispute case (once).
        if (input.outcome === 'dispute_case') await openCaseForIncidentOutcome(trx, ctx, id, audit);
      });
      return incidents.get(ctx, id);
    },
  };
}
