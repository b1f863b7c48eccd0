// Calendar days of the county (Asia/Shanghai: UTC+8 all year, no daylight saving). Follow-ups are
// due on a day, the daily list is a day, the ledger is a month: all cut at Beijing midnight.

const DAY_MS = 24 * 60 * 60 * 1000;
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of the instant in Beijing time. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant Beijing's day `day` begins. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** [start, end) of a 'YYYY-MM' month in Beijing time. */
export function monthRange(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: dayStart(`${month}-01`), end: dayStart(`${next}-01`) };
}

/** The Beijing month 'YYYY-MM' the instant falls in. */
export function shanghaiMonth(at: Date): string {
  return shanghaiDay(at).slice(0, 7);
}
