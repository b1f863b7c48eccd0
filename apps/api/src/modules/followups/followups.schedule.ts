// OWNED BY the follow-ups helper. Contract used by cases.lifecycle (keep the signature):
import { sql } from 'kysely';
import type { Tx } from '../../app/db/database.js';
import { shanghaiDay } from './followups.days.js';

/**
 * On closure: one case_followups row per followup_plan row (三访: phone callback, field visit,
 * community revisit), due on the closing day (Beijing) + the plan's offset, assigned to the case
 * officer. A row's created_at is the closure instant it belongs to, which makes the call
 * idempotent per closure: a second call for the same closure adds nothing, while a later closure
 * (after a reopen) schedules a new set and drops the still-open visits of the earlier one, so a
 * case never has two open sets.
 */
export async function scheduleFollowups(trx: Tx, caseId: number, closedAt: Date): Promise<void> {
  const already = await trx.selectFrom('case_followups').select('id').where('case_id', '=', caseId).where('created_at', '>=', closedAt).limit(1).executeTakeFirst();
  if (already) return;
  await trx.deleteFrom('case_followups').where('case_id', '=', caseId).where('done_at', 'is', null).execute();
  const day = shanghaiDay(closedAt);
  await sql`
    insert into case_followups (case_id, kind, due_on, assigned_user_id, created_at)
    select c.id, p.kind, ${day}::date + p.offset_days, c.officer_user_id, ${closedAt}::timestamptz
    from followup_plan p cross join dispute_cases c
    where c.id = ${caseId}
    order by p.sort
  `.execute(trx);
}
