import { describe, expect, it } from 'vitest';
import { eventSet, rankCells } from './grid.js';
import { cellsForCoverage, rollingScore, studyAreaOf, Tally } from './metrics.js';
import { DAY_MS, type EventPoint, type Grid, type Predictor } from './types.js';

describe('hotspot metrics', () => {
  it('turns a coverage percentage into round(k/100 · A) cells, at least one', () => {
    expect(cellsForCoverage(5, 100)).toBe(5);
    expect(cellsForCoverage(5, 30)).toBe(2); // 1.5 rounds half up
    expect(cellsForCoverage(1, 20)).toBe(1); // 0.2 → at least 1
    expect(cellsForCoverage(20, 2289)).toBe(458);
  });

  it('scores hit rate, PAI and PEI on a hand-computed toy grid', () => {
    // A 2 × 2 grid, all 4 cells in the study area (A = 4). Coverage 25 % → 1 cell, 50 % → 2 cells.
    // Day 1: risk ranks cells 3, 1, 0, 2; 4 test events in cells (0, 1, 1, 3) → counts [1, 2, 0, 1].
    //   top-1 = {3}: 1 hit, best possible 2 (cell 1);  top-2 = {3, 1}: 3 hits, best 3 (cells 1, 0|3).
    // Day 2: same ranking; 2 test events, both in cell 2 → counts [0, 0, 2, 0].
    //   top-1: 0 hits, best 2;  top-2: 0 hits, best 2.
    // Pooled: N = 6. 25 %: hits 1 → hit rate 1/6, PAI (1/6)/(1/4) = 2/3, PEI 1/(2+2) = 1/4.
    //               50 %: hits 3 → hit rate 1/2, PAI (1/2)/(2/4) = 1,   PEI 3/(3+2) = 3/5.
    const tally = new Tally([25, 50], 4);
    const order = rankCells(Float64Array.of(2, 3, 1, 4));
    expect([...order]).toEqual([3, 1, 0, 2]);
    tally.add(order, Float64Array.of(1, 2, 0, 1));
    tally.add(order, Float64Array.of(0, 0, 2, 0));
    const s = tally.scores();
    expect(s['25']!.hitRate).toBeCloseTo(1 / 6, 12);
    expect(s['25']!.pai).toBeCloseTo(2 / 3, 12);
    expect(s['25']!.pei).toBeCloseTo(1 / 4, 12);
    expect(s['50']!.hitRate).toBeCloseTo(1 / 2, 12);
    expect(s['50']!.pai).toBeCloseTo(1, 12);
    expect(s['50']!.pei).toBeCloseTo(3 / 5, 12);
    expect(tally.events).toBe(6);
  });

  it('breaks ties in risk by the lower cell index', () => {
    expect([...rankCells(Float64Array.of(1, 5, 1, 5, 0))]).toEqual([1, 3, 0, 2, 4]);
    expect([...rankCells(Float64Array.of(1, 5, 1, 5, 0), Uint8Array.of(1, 0, 1, 1, 1))]).toEqual([3, 0, 2, 4]);
  });

  it('rolls day by day over the test period, scoring only study-area cells', () => {
    // 3 × 1 grid of 100 m cells. Training: events in cells 0 and 1 before day 10; cell 2 never in training.
    const grid: Grid = { originX: 0, originY: 0, cellM: 100, cols: 3, rows: 1 };
    const at = (day: number, hour = 12) => day * DAY_MS + hour * 3_600_000;
    const ev: EventPoint[] = [
      { t: at(2), x: 50, y: 50 },
      { t: at(3), x: 150, y: 50 },
      { t: at(4), x: 150, y: 50 },
      // test days 10 and 11 (inclusive period [10, 12))
      { t: at(10, 0), x: 150, y: 50 }, // midnight belongs to day 10
      { t: at(10), x: 250, y: 50 }, // cell 2: outside the study area: never a hit; in N only with countOutside
      { t: at(11, 23), x: 50, y: 50 },
      { t: at(12, 0), x: 50, y: 50 }, // after the period
    ];
    const data = eventSet(grid, ev);
    const area = studyAreaOf(data, 10 * DAY_MS - 365 * DAY_MS, 10 * DAY_MS);
    expect([...area]).toEqual([1, 1, 0]);
    const calls: number[] = [];
    const predictor: Predictor = (t) => {
      calls.push(t / DAY_MS);
      return Float64Array.of(0, 1, 9); // cell 2 ranks first but is outside the area
    };
    const tally = rollingScore(data, predictor, { start: 10 * DAY_MS, end: 12 * DAY_MS, horizonDays: 1, coverages: [50], area });
    expect(calls).toEqual([10, 11]);
    // A = 2, 50 % → 1 cell = cell 1. Day 10: 1 event in cell 1 → hit. Day 11: 1 event in cell 0 → miss.
    const s = tally.scores()['50']!;
    expect(tally.events).toBe(2);
    expect(s.hits).toBe(1);
    expect(s.hitRate).toBe(0.5);
    expect(s.pai).toBe(1);
    expect(s.pei).toBe(0.5);

    // The command line's default study area counts the event in cell 2 in N (the hit
    // rate is the share of all test events): N = 3, hit rate 1/3, PAI (1/3)/(1/2) = 2/3; PEI
    // compares hits with the best study-area cells, so it stays 1/2.
    const all = rollingScore(data, predictor, { start: 10 * DAY_MS, end: 12 * DAY_MS, horizonDays: 1, coverages: [50], area, countOutside: true });
    const sa = all.scores()['50']!;
    expect(all.events).toBe(3);
    expect(sa.hits).toBe(1);
    expect(sa.hitRate).toBeCloseTo(1 / 3, 12);
    expect(sa.pai).toBeCloseTo(2 / 3, 12);
    expect(sa.pei).toBe(0.5);
  });
});