// OWNED BY the cases-core helper. Contract used by other modules (keep the signatures):
import type { Queryable } from '../../app/db/database.js';

/**
 * `days` working days after `from` (weekends off, calendar_days overrides: holidays off, 调休
 * weekends on), at the same time of day, in the county's time zone (Asia/Shanghai).
 */
export async function addWorkingDays(_db: Queryable, _from: Date, _days: number): Promise<Date> {
  throw new Error('not implemented yet');
}
