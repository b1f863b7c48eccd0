import type { RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors, type FieldError } from '../../app/errors.js';
import { authorize, can, scopePrefix } from '../../app/policy.js';
import { caseInScope } from '../cases/cases.scope.js';
import { createCaseFilesRepository } from './casefiles.repository.js';
import type { CreateSessionInput, SessionDto } from './casefiles.schemas.js';

type SessionRow = Awaited<ReturnType<ReturnType<typeof createCaseFilesRepository>['listSessions']>>[number];

/** A session may be entered a few minutes "ahead" of the server clock (a phone's clock drifts). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

function present(row: SessionRow): SessionDto {
  return {
    id: row.id,
    heldAt: row.held_at.toISOString(),
    place: row.place,
    mediators: row.mediators.map((m) => ({ force: m.force, name: m.name, userId: m.user_id })),
    attendees: row.attendees,
    record: row.record,
    outcome: row.outcome,
    createdBy: row.created_by !== null ? { id: row.created_by, name: row.creator_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
  };
}

/** Mediation sessions (调解记录) of the A file: police and mediators record them; partners never reach a case. */
export function createSessionsUseCases(deps: { db: Database }) {
  const { db } = deps;
  const repo = createCaseFilesRepository(db);

  /** Field problems that need the database: mediators named as users must be users the case may draw on. */
  async function checkMediators(input: CreateSessionInput, casePath: string, actorPrefix: string): Promise<FieldError[]> {
    const problems: FieldError[] = [];
    const seen = new Set<string>();
    input.mediators.forEach((m, i) => {
      const key = `${m.force}\u0000${m.name}`;
      if (seen.has(key)) problems.push({ path: `mediators.${i}.name`, rule: 'duplicate', message: { zh: '同一力量下的调解员重复', en: 'this mediator is listed twice for the same force' } });
      seen.add(key);
    });
    const ids = [...new Set(input.mediators.flatMap((m) => (m.userId ? [m.userId] : [])))];
    const known = new Set((await repo.usersForCase(ids, casePath, actorPrefix)).map((u) => u.id));
    input.mediators.forEach((m, i) => {
      if (m.userId && !known.has(m.userId)) problems.push({ path: `mediators.${i}.userId`, rule: 'not_found', message: { zh: '该用户不存在或不在本案辖区', en: 'no such user for this case’s jurisdiction' } });
    });
    return problems;
  }

  return {
    async list(ctx: RequestContext, caseId: number): Promise<{ items: SessionDto[]; abilities: { record: boolean } }> {
      authorize(ctx.actor, 'cases.view');
      const found = await caseInScope(db, ctx.actor, caseId);
      const rows = await repo.listSessions(found.id);
      return { items: rows.map(present), abilities: { record: can(ctx.actor, 'cases.mediate') } };
    },

    async record(ctx: RequestContext, caseId: number, input: CreateSessionInput): Promise<SessionDto> {
      authorize(ctx.actor, 'cases.mediate');
      const found = await caseInScope(db, ctx.actor, caseId);
      // A closed case is reopened first (with its reason) before more mediation is recorded on it.
      if (found.stage === 'closed') throw errors.conflict('case.closed', { zh: '案件已办结，请先重新启动再记录调解', en: 'The case is closed: reopen it before recording mediation' });
      const heldAt = new Date(input.heldAt);
      const problems: FieldError[] = [];
      if (heldAt.getTime() > Date.now() + CLOCK_SKEW_MS) problems.push({ path: 'heldAt', rule: 'not_in_future', message: { zh: '调解时间不能晚于现在', en: 'must not be in the future' } });
      problems.push(...(await checkMediators(input, found.jurisdiction_path, scopePrefix(ctx.actor))));
      if (problems.length > 0) throw errors.validation(problems);
      const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
      const id = await audited(db, ctx, async (trx, audit) => {
        const sessionId = await createCaseFilesRepository(trx).insertSession({
          caseId: found.id,
          heldAt,
          place: input.place,
          attendees: input.attendees,
          record: input.record,
          outcome: input.outcome,
          createdBy: userId,
          mediators: input.mediators.map((m) => ({ force: m.force, name: m.name, userId: m.userId ?? null })),
        });
        audit({
          action: 'case.session_recorded',
          entityType: 'dispute_case',
          entityId: found.id,
          jurisdictionId: found.jurisdiction_id,
          change: { sessionId, heldAt: heldAt.toISOString(), place: input.place, outcome: input.outcome, mediators: input.mediators.map((m) => `${m.force}:${m.name}`) },
        });
        return sessionId;
      });
      const [row] = await repo.listSessions(found.id, id);
      if (!row) throw errors.notFound();
      return present(row);
    },
  };
}
