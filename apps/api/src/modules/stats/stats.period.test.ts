import { change, previousPeriod, share, yearEarlier } from '@fengqiao/shared';
import { describe, expect, it } from 'vitest';
import { changeText } from './stats.export.js';
import { periodOf, resolvePeriod, segments, trendBucket } from './stats.period.js';

describe('year-on-year (同比) and period-on-period (环比) arithmetic', () => {
  it('states the seed table as the bureau does: 15,636 calls against 17,069 is down 8.4%', () => {
    const c = change(15636, 17069);
    expect(c.delta).toBe(-1433);
    expect(c.ratio).toBe(-0.084);
    expect(c.direction).toBe('down');
    expect(changeText(c)).toBe('下降8.4%');
    expect(changeText(change(5048, 1779))).toBe('上升183.8%');
    expect(changeText(change(10, 10))).toBe('持平');
  });

  it('gives no ratio when last year had none: shown as 新增, or "—" when both are zero', () => {
    expect(change(5, 0)).toEqual({ current: 5, previous: 0, delta: 5, ratio: null, direction: 'up' });
    expect(changeText(change(5, 0))).toBe('新增');
    expect(changeText(change(0, 0))).toBe('—');
    expect(change(0, 4).ratio).toBe(-1);
    expect(share(3, 0)).toBeNull();
    expect(share(10457, 10705)).toBe(0.9768);
  });

  it('maps the leap day to 28 February of the year before, and any other day to the same date', () => {
    expect(yearEarlier('2024-02-29')).toBe('2023-02-28');
    expect(yearEarlier('2024-03-01')).toBe('2023-03-01');
    expect(yearEarlier('2025-02-28')).toBe('2024-02-28');
    const p = resolvePeriod({ period: 'day', date: '2024-02-29' }, '2026-11-24');
    expect(p.yearEarlier).toEqual({ from: '2023-02-28', to: '2023-03-01' });
    expect(p.previous).toEqual({ from: '2024-02-28', to: '2024-02-29' });
  });

  it('compares a month with the whole previous month, whatever its length', () => {
    expect(resolvePeriod({ period: 'month', date: '2025-03-15' }, '2026-11-24').previous).toEqual({ from: '2025-02-01', to: '2025-03-01' });
    expect(resolvePeriod({ period: 'month', date: '2024-03-31' }, '2026-11-24').previous).toEqual({ from: '2024-02-01', to: '2024-03-01' });
    expect(previousPeriod('2025-05-01', '2025-06-01')).toEqual({ from: '2025-04-01', to: '2025-05-01' });
    expect(resolvePeriod({ period: 'quarter', date: '2025-05-20' }, '2026-11-24')).toMatchObject({ current: { from: '2025-04-01', to: '2025-07-01' }, previous: { from: '2025-01-01', to: '2025-04-01' } });
  });

  it('cuts a running period at the end of today, and compares the same dates a year earlier', () => {
    const p = resolvePeriod({ period: 'year', date: '2026-05-01' }, '2026-11-24');
    expect(p).toMatchObject({ toDate: true, current: { from: '2026-01-01', to: '2026-11-25' }, yearEarlier: { from: '2025-01-01', to: '2025-11-25' } });
  });

  it('runs weeks from Monday to Sunday and accepts a custom range with both ends included', () => {
    expect(periodOf('week', '2026-11-26')).toEqual({ from: '2026-11-23', to: '2026-11-30' });
    expect(resolvePeriod({ period: 'custom', from: '2025-01-10', to: '2025-01-19' }, '2026-11-24')).toMatchObject({ current: { from: '2025-01-10', to: '2025-01-20' }, previous: { from: '2024-12-31', to: '2025-01-10' } });
    expect(() => resolvePeriod({ period: 'custom', from: '2025-02-10', to: '2025-01-19' }, '2026-11-24')).toThrow();
    expect(() => resolvePeriod({ period: 'custom', to: '2025-01-19' }, '2026-11-24')).toThrow();
  });

  it('reads whole months from the monthly rollup and only the loose days from the daily one', () => {
    expect(segments({ from: '2025-01-10', to: '2025-04-05' })).toEqual({ months: { from: '2025-02-01', to: '2025-04-01' }, days: [{ from: '2025-01-10', to: '2025-02-01' }, { from: '2025-04-01', to: '2025-04-05' }] });
    expect(segments({ from: '2025-01-01', to: '2026-01-01' })).toEqual({ months: { from: '2025-01-01', to: '2026-01-01' }, days: [] });
    expect(segments({ from: '2025-01-05', to: '2025-02-01' })).toEqual({ months: null, days: [{ from: '2025-01-05', to: '2025-02-01' }] });
    expect(trendBucket({ from: '2025-01-01', to: '2026-01-01' })).toBe('month');
    expect(trendBucket({ from: '2025-01-01', to: '2025-02-01' })).toBe('day');
  });
});
