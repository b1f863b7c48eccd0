// OWNED BY the cases-core helper. Contract used by other modules (keep the signature):
import type { UserActor } from '../../app/actor.js';
import type { Tx } from '../../app/db/database.js';
import type { CaseResolution, CaseStage } from '../../app/db/schema.js';

export interface MoveCaseInput {
  to: CaseStage;
  reason?: string | null;
  /** Required when `to` is 'closed'. */
  resolution?: CaseResolution | null;
}

/**
 * Moves a case (already locked in scope by the caller) to another stage when case_transitions
 * allows it (409 `case.transition_not_allowed` otherwise), records a case_events row and the
 * audit event, sets the new stage deadline, and on entering 'closed' schedules the follow-ups.
 */
export async function moveCase(_trx: Tx, _actor: UserActor, _caseId: number, _input: MoveCaseInput, _audit: { ip: string; requestId: string }): Promise<void> {
  throw new Error('not implemented yet');
}
