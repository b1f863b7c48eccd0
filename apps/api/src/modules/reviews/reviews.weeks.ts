import { addDays, dayStart, shanghaiDay } from '../followups/followups.days.js';

// Weeks of the county: Monday 00:00 to the next Monday 00:00, Asia/Shanghai (UTC+8, no DST).

export interface Week {
  /** 'YYYY-MM-DD', a Monday */
  from: string;
  /** 'YYYY-MM-DD', the next Monday (exclusive) */
  to: string;
}

/** ISO day of the week of a 'YYYY-MM-DD' day: 1 = Monday … 7 = Sunday. */
export function isoDow(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the week `now` falls in (Beijing time). */
export function mondayOf(now: Date): string {
  const today = shanghaiDay(now);
  return addDays(today, 1 - isoDow(today));
}

/** The last full week before `now`: the week the Monday review looks back on. */
export function reviewedWeek(now: Date): Week {
  const monday = mondayOf(now);
  return { from: addDays(monday, -7), to: monday };
}

/** The week starting at a Monday. */
export function weekFrom(monday: string): Week {
  return { from: monday, to: addDays(monday, 7) };
}

/** 环比 base: the week before. */
export function weekBefore(w: Week): Week {
  return { from: addDays(w.from, -7), to: w.from };
}

/**
 * 同比 base: the same weekdays one year earlier, i.e. 364 days (52 weeks) back, so Monday is
 * compared with Monday. The calendar dates differ by a day or two from the reviewed week's.
 */
export function sameWeekLastYear(w: Week): Week {
  return { from: addDays(w.from, -364), to: addDays(w.to, -364) };
}

/** Hour of the day in Beijing time. */
export function shanghaiHour(now: Date): number {
  return (now.getUTCHours() + 8) % 24;
}

export function bounds(w: Week): { start: Date; end: Date } {
  return { start: dayStart(w.from), end: dayStart(w.to) };
}
