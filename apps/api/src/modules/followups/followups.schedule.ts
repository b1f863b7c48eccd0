// OWNED BY the follow-ups helper. Contract used by cases.lifecycle (keep the signature):
import type { Tx } from '../../app/db/database.js';

/** On closure: one case_followups row per followup_plan row, due at closed day + offset, assigned to the case officer. Idempotent per case closure. */
export async function scheduleFollowups(_trx: Tx, _caseId: number, _closedAt: Date): Promise<void> {
  throw new Error('not implemented yet');
}
