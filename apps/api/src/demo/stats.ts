import { sql } from 'kysely';
import { foldWithin } from '../modules/stats/stats.rollup.js';
import type { DemoStep } from './context.js';

/**
 * Statistics: most filed cases of the demo county are solved (破案) some days after filing (a
 * criminal case less often than an administrative one), then the rollups are built so the
 * statistics pages read them from the start.
 */
export const seedStats: DemoStep = async (ctx) => {
  const { trx, today } = ctx;
  // A fixed mix, not the shared random stream: the steps after this one draw the same numbers.
  const seed = 7919;
  await sql`
    update incidents i set case_solved_at = least(i.outcome_at + make_interval(days => 1 + (hashint4(i.id::int # ${seed}) & 1023) % 45), ${today}::timestamptz)
    where i.outcome in ('criminal_case', 'administrative_case') and i.outcome_at is not null
      and (abs(hashint4(i.id::int + ${seed})) % 100) < (case when i.outcome = 'criminal_case' then 85 else 95 end)`.execute(trx);
  await foldWithin(trx, today);
};
