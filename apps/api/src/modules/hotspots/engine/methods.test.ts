import { describe, expect, it } from 'vitest';
import { hitsAtTop } from './blend.js';
import { eventSet, rankCells } from './grid.js';
import { DEFAULT_METHOD, HOTSPOT_METHODS, methodByName, paramsFor } from './methods.js';
import { fitSepp } from './sepp.js';
import { DAY_MS, type EventPoint, type Grid } from './types.js';

const grid: Grid = { originX: 0, originY: 0, cellM: 100, cols: 12, rows: 10 };

/** A deterministic pseudo-random city: three hotspots and a background, one event every few hours over `days`. */
function city(days: number, seed = 7): EventPoint[] {
  let s = seed;
  const rnd = () => ((s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const spots = [
    { x: 250, y: 250 },
    { x: 850, y: 650 },
    { x: 450, y: 750 },
  ];
  const out: EventPoint[] = [];
  for (let d = 0; d < days; d++)
    for (let k = 0; k < 6; k++) {
      const t = d * DAY_MS + Math.floor(rnd() * DAY_MS);
      if (rnd() < 0.6) {
        const h = spots[Math.floor(rnd() * spots.length)]!;
        out.push({ t, x: Math.min(1199, Math.max(0, h.x + (rnd() - 0.5) * 300)), y: Math.min(999, Math.max(0, h.y + (rnd() - 0.5) * 300)) });
      } else out.push({ t, x: rnd() * 1199, y: rnd() * 999 });
    }
  return out;
}

const params = { trainDays: 120 };

describe('hotspot methods', () => {
  it('registers every method once, with defaults for each parameter, and a default method', () => {
    const names = HOTSPOT_METHODS.map((m) => m.name);
    expect(names).toEqual(['naive', 'kde', 'prospective', 'sepp', 'blend']);
    expect(methodByName(DEFAULT_METHOD)).toBeDefined();
    for (const m of HOTSPOT_METHODS) {
      const p = paramsFor(m);
      expect(Object.keys(p)).toEqual(m.params.map((s) => s.key));
      for (const spec of m.params) expect(p[spec.key]).toBeGreaterThanOrEqual(spec.min);
    }
  });

  // The adversarial fixture: a second city identical to the first before day `from`, plus a
  // flood of events in one corner cell that never had any from day `from` on. A predictor that
  // saw anything at or after its prediction time would differ between the two before `from`.
  it.each(HOTSPOT_METHODS.map((m) => m.name))('%s never sees events at or after the prediction time', (name) => {
    const method = methodByName(name)!;
    const base = city(200);
    const flood: EventPoint[] = [];
    const from = 150;
    for (let d = from; d < 200; d++) for (let k = 0; k < 40; k++) flood.push({ t: d * DAY_MS + k * 1000, x: 1150, y: 950 });
    const floodCell = 9 * 12 + 11;
    const clean = method.create(eventSet(grid, base), paramsFor(method, params));
    const poisoned = method.create(eventSet(grid, [...base, ...flood]), paramsFor(method, params));
    for (let day = 125; day < 175; day++) {
      const at = day * DAY_MS;
      const a = clean(at, DAY_MS);
      const b = poisoned(at, DAY_MS);
      if (day <= from) {
        expect([...b], `day ${day}`).toEqual([...a]);
        expect(b[floodCell]).toBeLessThan(Math.max(...b));
      }
      if (day === from + 10) expect([...b]).not.toEqual([...a]); // the flood does count once it is in the past
    }
  });

  it('prospective weights each event by 1/(1 + cells away) · 1/(1 + weeks ago)', () => {
    const method = methodByName('prospective')!;
    const g: Grid = { originX: 0, originY: 0, cellM: 250, cols: 5, rows: 1 };
    // one event in cell 2 three days ago (0 whole weeks), one in cell 2 ten days ago (1 week), one 60 days ago (outside 8 weeks)
    const at = 100 * DAY_MS;
    const ev = [at - 60 * DAY_MS, at - 10 * DAY_MS, at - 3 * DAY_MS].map((t) => ({ t, x: 625, y: 100 }));
    const risk = method.create(eventSet(g, ev), paramsFor(method))(at, DAY_MS);
    // bandwidth 400 m = 1.6 cells: cells 1..3. Cell 2: 1 + 1/2 = 1.5; cells 1 and 3: (1 + 1/2)/2 = 0.75.
    expect([...risk]).toEqual([0, 0.75, 1.5, 0.75, 0]);
  });

  it('kde spreads each event symmetrically and keeps its mass', () => {
    const method = methodByName('kde')!;
    const g: Grid = { originX: 0, originY: 0, cellM: 100, cols: 9, rows: 9 };
    const risk = method.create(eventSet(g, [{ t: 0, x: 450, y: 450 }]), paramsFor(method, { bandwidthM: 100 }))(DAY_MS, DAY_MS);
    expect(risk.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(risk[4 * 9 + 3]).toBeCloseTo(risk[4 * 9 + 5]!, 15);
    expect(risk[3 * 9 + 4]).toBeCloseTo(risk[5 * 9 + 4]!, 15);
    expect([...rankCells(risk)][0]).toBe(4 * 9 + 4);
  });

  it('sepp separates bursts (triggered) from the steady background', () => {
    const g: Grid = { originX: 0, originY: 0, cellM: 100, cols: 2, rows: 1 };
    const ev: EventPoint[] = [];
    // cell 0: a burst of 4 events within 2 days every 20 days; cell 1: one event every 5 days
    for (let d = 0; d < 300; d += 20) for (let k = 0; k < 4; k++) ev.push({ t: (d + k * 0.5) * DAY_MS, x: 50, y: 50 });
    for (let d = 0; d < 300; d += 5) ev.push({ t: (d + 0.25) * DAY_MS, x: 150, y: 50 });
    const fit = fitSepp(eventSet(g, ev), 0, 300 * DAY_MS, 200);
    // 45 of the 135 events are the 2nd–4th of a burst: a branching ratio θ near 1/3
    expect(fit.theta).toBeGreaterThan(0.25);
    expect(fit.theta).toBeLessThan(0.45);
    expect(fit.omega).toBeGreaterThan(0.3);
    // the background of the bursty cell is about one event per 20 days
    expect(fit.mu[0]!).toBeGreaterThan(0.03);
    expect(fit.mu[0]!).toBeLessThan(0.09);
    // the steady cell is almost all background: about one event per 5 days
    expect(fit.mu[1]!).toBeGreaterThan(0.15);
  });

  it('counts hits at the top cells exactly as the ranking does, ties by cell index', () => {
    const risk = Float64Array.of(3, 1, 1, 1, 0, 2);
    const area = Int32Array.of(0, 1, 2, 3, 5);
    // ranking over the area: 0, 5, 1, 2, 3
    const observed = [
      { cell: 1, count: 2 },
      { cell: 3, count: 1 },
      { cell: 5, count: 4 },
    ];
    expect(hitsAtTop(risk, area, observed, [1, 2, 3, 4, 5])).toEqual([0, 4, 6, 6, 7]);
  });
});
