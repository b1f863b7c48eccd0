import { previousPeriod, yearEarlier } from '@fengqiao/shared';
import { errors } from '../../app/errors.js';

/** Dates are local (Asia/Shanghai) calendar days 'YYYY-MM-DD'; a range is [from, to), end exclusive. */
export interface DayRange {
  from: string;
  to: string;
}

export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'custom';

export const MAX_CUSTOM_DAYS = 3 * 366;

const BEIJING_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Beijing. */
export const beijingDay = (at: Date): string => BEIJING_DAY.format(at);

const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => fromMs(toMs(day) + n * 86_400_000);
export const daysBetween = (from: string, to: string): number => Math.round((toMs(to) - toMs(from)) / 86_400_000);
const monthStart = (y: number, m0: number) => fromMs(Date.UTC(y, m0, 1));

/** The whole calendar period of a kind that contains `anchor` (weeks run Monday to Sunday). */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, anchor: string): DayRange {
  const d = new Date(toMs(anchor));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (kind) {
    case 'day':
      return { from: anchor, to: addDays(anchor, 1) };
    case 'week': {
      const monday = addDays(anchor, -((d.getUTCDay() + 6) % 7));
      return { from: monday, to: addDays(monday, 7) };
    }
    case 'month':
      return { from: monthStart(y, m), to: monthStart(y, m + 1) };
    case 'quarter': {
      const q = Math.floor(m / 3) * 3;
      return { from: monthStart(y, q), to: monthStart(y, q + 3) };
    }
    case 'year':
      return { from: monthStart(y, 0), to: monthStart(y + 1, 0) };
  }
}

export interface ResolvedPeriod {
  kind: PeriodKind;
  /** The period counted: a period still running ends today (截至今日), so 同比 compares like with like. */
  current: DayRange;
  /** 同比: the same dates one year earlier (29 Feb → 28 Feb). */
  yearEarlier: DayRange;
  /** 环比: the period just before, of the same length (a whole month: the previous month). */
  previous: DayRange;
  /** True when the period is still running and was cut at the end of today. */
  toDate: boolean;
}

export function resolvePeriod(q: { period: PeriodKind; date?: string; from?: string; to?: string }, today: string): ResolvedPeriod {
  let range: DayRange;
  if (q.period === 'custom') {
    if (!q.from) throw errors.field('from', 'required', { zh: '自定义区间须填写开始日期', en: 'is required for a custom period' });
    if (!q.to) throw errors.field('to', 'required', { zh: '自定义区间须填写结束日期', en: 'is required for a custom period' });
    // The form's end date is inclusive; the range is end-exclusive.
    range = { from: q.from, to: addDays(q.to, 1) };
    if (range.to <= range.from) throw errors.field('from', 'after_to', { zh: '开始日期须不晚于结束日期', en: 'must not be later than to' });
    if (daysBetween(range.from, range.to) > MAX_CUSTOM_DAYS) throw errors.field('to', 'range_too_long', { zh: `统计区间最长 ${MAX_CUSTOM_DAYS} 天`, en: `the period may cover at most ${MAX_CUSTOM_DAYS} days` });
  } else {
    range = periodOf(q.period, q.date ?? today);
  }
  const end = addDays(today, 1);
  const toDate = range.to > end && range.from < end;
  const current = toDate ? { from: range.from, to: end } : range;
  return {
    kind: q.period,
    current,
    yearEarlier: { from: yearEarlier(current.from), to: yearEarlier(current.to) },
    previous: previousPeriod(current.from, current.to),
    toDate,
  };
}

/**
 * Splits a range into the whole calendar months it covers (read from the monthly rollup) and the
 * loose days before and after them (read from the daily rollup).
 */
export function segments(range: DayRange): { months: DayRange | null; days: DayRange[] } {
  const f = new Date(toMs(range.from));
  const firstMonth = f.getUTCDate() === 1 ? range.from : monthStart(f.getUTCFullYear(), f.getUTCMonth() + 1);
  const t = new Date(toMs(range.to));
  const lastMonth = monthStart(t.getUTCFullYear(), t.getUTCMonth());
  if (firstMonth >= lastMonth) return { months: null, days: [range] };
  const days: DayRange[] = [];
  if (range.from < firstMonth) days.push({ from: range.from, to: firstMonth });
  if (lastMonth < range.to) days.push({ from: lastMonth, to: range.to });
  return { months: { from: firstMonth, to: lastMonth }, days };
}

export type TrendBucket = 'day' | 'week' | 'month';

/** The trend chart's bucket for a range: days up to two months, weeks up to half a year, else months. */
export function trendBucket(range: DayRange): TrendBucket {
  const n = daysBetween(range.from, range.to);
  return n <= 62 ? 'day' : n <= 190 ? 'week' : 'month';
}
