/**
 * Year-on-year (同比) and period-on-period (环比) change, as the bureau's reports state it:
 * "15,636 起, 同比下降 8.4%". One definition for the statistics pages, the Monday review and
 * their exports.
 */
export interface Change {
  current: number;
  previous: number;
  /** current - previous */
  delta: number;
  /**
   * (current - previous) / previous, as a fraction (-0.084 = down 8.4 %), rounded to 4 decimals;
   * null when previous is 0 (no base: shown as "—" / 新增), never Infinity or NaN.
   */
  ratio: number | null;
  direction: 'up' | 'down' | 'flat';
}

export function change(current: number, previous: number): Change {
  const delta = current - previous;
  const ratio = previous === 0 ? null : Math.round((delta / previous) * 10000) / 10000;
  return { current, previous, delta, ratio, direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat' };
}

/** A share of a total as a fraction rounded to 4 decimals; null when the total is 0. */
export function share(part: number, total: number): number | null {
  return total === 0 ? null : Math.round((part / total) * 10000) / 10000;
}

/**
 * The same period one year earlier (同比 base): the same calendar dates in the previous year.
 * 29 February maps to 28 February (a leap day has no twin); dates are 'YYYY-MM-DD', end exclusive.
 */
export function yearEarlier(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const py = y - 1;
  const leap = (py % 4 === 0 && py % 100 !== 0) || py % 400 === 0;
  const dd = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(py).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/**
 * The period just before [from, to) of the same length in days (环比 base), dates 'YYYY-MM-DD'.
 * A calendar month's base is the previous calendar month, whatever its length.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const f = Date.parse(`${from}T00:00:00Z`);
  const t = Date.parse(`${to}T00:00:00Z`);
  const fd = new Date(f);
  const td = new Date(t);
  const wholeMonths = fd.getUTCDate() === 1 && td.getUTCDate() === 1;
  if (wholeMonths) {
    const months = (td.getUTCFullYear() - fd.getUTCFullYear()) * 12 + (td.getUTCMonth() - fd.getUTCMonth());
    const pf = new Date(Date.UTC(fd.getUTCFullYear(), fd.getUTCMonth() - months, 1));
    return { from: pf.toISOString().slice(0, 10), to: from };
  }
  const days = Math.round((t - f) / 86400000);
  return { from: new Date(f - days * 86400000).toISOString().slice(0, 10), to: from };
}
