import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import type { CaseStage } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { scopePrefix } from '../../app/policy.js';

/** The few columns every case action needs to decide, after the case was found in the actor's scope. */
export interface ScopedCase {
  id: number;
  case_no: string;
  stage: CaseStage;
  jurisdiction_id: number;
  jurisdiction_path: string;
  officer_user_id: number | null;
  leader_user_id: number | null;
  stage_entered_at: Date;
}

/**
 * The one lookup every dispute-case endpoint starts from: the case when it lies in the actor's
 * jurisdiction, else 404 (never 403: a case outside the scope does not exist for the caller).
 * Partner departments never reach a case through this: they see transfers addressed to them only.
 * With `lock`, the case row is locked for the rest of the transaction (stage changes, follow-ups).
 */
export async function caseInScope(db: Queryable, actor: Actor, id: number, options: { lock?: boolean } = {}): Promise<ScopedCase> {
  if (actor.kind !== 'user' || actor.role === 'partner') throw errors.notFound();
  let q = db
    .selectFrom('dispute_cases as c')
    .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
    .select(['c.id', 'c.case_no', 'c.stage', 'c.jurisdiction_id', 'j.path as jurisdiction_path', 'c.officer_user_id', 'c.leader_user_id', 'c.stage_entered_at'])
    .where('c.id', '=', id)
    .where('j.path', 'like', scopePrefix(actor));
  if (options.lock) q = q.forUpdate('c');
  const row = await q.executeTakeFirst();
  if (!row) throw errors.notFound();
  return row;
}
