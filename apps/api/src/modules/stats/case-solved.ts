import type { RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { contextOf, errorResponses, idParams, type ZodFastify } from '../../app/http.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { caseSolvedBody, caseSolvedSchema, caseSolvedStateSchema, type CaseSolvedState } from './stats.schemas.js';

const FILED = ['criminal_case', 'administrative_case'];

/**
 * 破案: records that the case an incident was filed as has been solved. Only a filed case
 * (criminal or administrative) can be solved, once; the time may be given (an earlier solve
 * entered late) but not in the future nor before the case was filed.
 */
export function createCaseSolved(deps: { db: Database }) {
  const { db } = deps;
  return async function recordCaseSolved(ctx: RequestContext, id: number, input: { solvedAt?: string }): Promise<{ id: number; caseSolvedAt: string }> {
    authorize(ctx.actor, 'incidents.handle');
    const at = input.solvedAt ? new Date(input.solvedAt) : new Date();
    if (at.getTime() > Date.now() + 60_000) throw errors.field('solvedAt', 'in_future', { zh: '破案时间不能晚于现在', en: 'must not be in the future' });
    return audited(db, ctx, async (trx, audit) => {
      const row = await trx
        .selectFrom('incidents as i')
        .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
        .select(['i.id', 'i.outcome', 'i.outcome_at', 'i.case_solved_at', 'i.case_number', 'i.jurisdiction_id'])
        .where('i.id', '=', id)
        .where('j.path', 'like', scopePrefix(ctx.actor))
        .forUpdate('i')
        .executeTakeFirst();
      if (!row) throw errors.notFound();
      if (!row.outcome || !FILED.includes(row.outcome)) {
        throw errors.conflict('stats.case_not_filed', { zh: '只有已立案（刑事或行政案件）的警情才能登记破案', en: 'Only an incident filed as a criminal or administrative case can be marked solved' });
      }
      if (row.case_solved_at) throw errors.conflict('stats.case_already_solved', { zh: '该案件已登记破案', en: 'This case is already marked solved' });
      if (row.outcome_at && at.getTime() < row.outcome_at.getTime()) {
        throw errors.field('solvedAt', 'before_filed', { zh: '破案时间不能早于立案时间', en: 'must not be earlier than the filing' });
      }
      await trx.updateTable('incidents').set({ case_solved_at: at }).where('id', '=', id).execute();
      audit({ action: 'incident.case_solved', entityType: 'incident', entityId: id, jurisdictionId: row.jurisdiction_id, change: { caseNumber: row.case_number, outcome: row.outcome, solvedAt: at.toISOString() } });
      return { id, caseSolvedAt: at.toISOString() };
    });
  };
}

/** Whether an incident's case is filed and solved (the incident answer carries caseSolvedAt too; this answers integrators asking for the state alone). */
export function createCaseSolvedState(deps: { db: Database }) {
  const { db } = deps;
  return async function caseSolvedState(ctx: RequestContext, id: number): Promise<CaseSolvedState> {
    authorize(ctx.actor, 'incidents.view');
    const row = await db
      .selectFrom('incidents as i')
      .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
      .select(['i.id', 'i.outcome', 'i.outcome_at', 'i.case_solved_at'])
      .where('i.id', '=', id)
      .where('j.path', 'like', scopePrefix(ctx.actor))
      .executeTakeFirst();
    if (!row) throw errors.notFound();
    const filed = row.outcome !== null && FILED.includes(row.outcome);
    return { id: row.id, filed, outcomeAt: filed ? (row.outcome_at?.toISOString() ?? null) : null, caseSolvedAt: filed ? (row.case_solved_at?.toISOString() ?? null) : null };
  };
}

export function registerCaseSolvedRoute(app: ZodFastify, deps: { db: Database }): void {
  const recordCaseSolved = createCaseSolved(deps);
  const caseSolvedState = createCaseSolvedState(deps);
  app.get('/api/incidents/:id/case-solved', { schema: { tags: ['stats'], params: idParams, response: { 200: caseSolvedStateSchema, ...errorResponses } } }, async (request) =>
    caseSolvedState(contextOf(request), request.params.id),
  );
  app.post('/api/incidents/:id/case-solved', { schema: { tags: ['stats'], params: idParams, body: caseSolvedBody, response: { 200: caseSolvedSchema, ...errorResponses } } }, async (request) =>
    recordCaseSolved(contextOf(request), request.params.id, request.body),
  );
}
