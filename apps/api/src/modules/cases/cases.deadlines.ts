// OWNED BY the cases-core helper. Contract used by other modules (keep the signatures):
import type { Queryable } from '../../app/db/database.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The county keeps Beijing time all year (no daylight saving): a local day is a fixed 24 h. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of the Shanghai calendar day `n` days after the day of `from`. */
function localDay(from: Date, n: number): string {
  return new Date(from.getTime() + SHANGHAI_OFFSET_MS + n * DAY_MS).toISOString().slice(0, 10);
}

/** Monday to Friday, unless the calendar says otherwise. */
function isWeekday(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The calendar overrides (holidays, 调休 working weekends) between two days, inclusive. */
async function overrides(db: Queryable, first: string, last: string): Promise<Map<string, boolean>> {
  const rows = await db.selectFrom('calendar_days').select(['day', 'workday']).where('day', '>=', first).where('day', '<=', last).execute();
  return new Map(rows.map((r) => [r.day, r.workday]));
}

/**
 * `days` working days after `from` (weekends off, calendar_days overrides: holidays off, 调休
 * weekends on), at the same time of day, in the county's time zone (Asia/Shanghai).
 */
export async function addWorkingDays(db: Queryable, from: Date, days: number): Promise<Date> {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a non-negative integer');
  if (days === 0) return new Date(from.getTime());
  // Read the calendar in windows: a long holiday season never needs more than a second one.
  const window = days * 2 + 30;
  let loaded = 0;
  let calendar = new Map<string, boolean>();
  let counted = 0;
  let n = 0;
  while (counted < days) {
    n += 1;
    if (n > loaded) {
      calendar = await overrides(db, localDay(from, n), localDay(from, n + window - 1));
      loaded = n + window - 1;
    }
    const day = localDay(from, n);
    if (calendar.get(day) ?? isWeekday(day)) counted += 1;
    if (n > 3650 + days * 7) throw new Error('no working days in the calendar');
  }
  return new Date(from.getTime() + n * DAY_MS);
}

/** `days` calendar days after `from`. */
export function addCalendarDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}
