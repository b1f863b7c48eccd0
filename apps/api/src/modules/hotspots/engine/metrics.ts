import { lowerBound, rankCells } from './grid.js';
import { DAY_MS, type EventSet, type Predictor } from './types.js';

/** Coverage k % of the study area's A cells → round(k/100 · A) cells, at least 1 (and at most A). */
export function cellsForCoverage(percent: number, areaCells: number): number {
  return Math.min(areaCells, Math.max(1, Math.round((percent / 100) * areaCells)));
}

export interface CoverageScore {
  /**
   * share of the test events that fell in the flagged cells, pooled over all periods; the test
   * events are all of them, those in cells outside the study area included (see RollingOptions)
   */
  hitRate: number;
  /** prediction accuracy index: (n/N) / (a/A) */
  pai: number;
  /** predictive efficiency index: hits / the most hits any choice of the same number of cells could have had, pooled */
  pei: number;
  cells: number;
  hits: number;
  bestHits: number;
}

/** Running totals for one method over the periods of a backtest. */
export class Tally {
  readonly hits: Float64Array;
  readonly best: Float64Array;
  readonly cells: Int32Array;
  events = 0;
  periods = 0;

  constructor(
    readonly coverages: readonly number[],
    readonly areaCells: number,
  ) {
    this.hits = new Float64Array(coverages.length);
    this.best = new Float64Array(coverages.length);
    this.cells = Int32Array.from(coverages.map((k) => cellsForCoverage(k, areaCells)));
  }

  /**
   * One period: `order` = study-area cells by predicted risk (highest first), `observed` = the
   * test events per cell in the period (cells outside the study area must be 0 here), `outside` =
   * the period's test events outside the study area (they count in N, never as hits).
   */
  add(order: Int32Array, observed: Float64Array, outside = 0): void {
    this.periods++;
    let total = 0;
    const nonzero: number[] = [];
    for (let j = 0; j < order.length; j++) {
      const v = observed[order[j]!]!;
      if (v > 0) nonzero.push(v);
      total += v;
    }
    this.events += total + outside;
    if (total === 0) return;
    nonzero.sort((a, b) => b - a);
    for (let i = 0; i < this.coverages.length; i++) {
      const k = this.cells[i]!;
      let h = 0;
      for (let j = 0; j < k && j < order.length; j++) h += observed[order[j]!]!;
      let b = 0;
      for (let j = 0; j < k && j < nonzero.length; j++) b += nonzero[j]!;
      this.hits[i]! += h;
      this.best[i]! += b;
    }
  }

  scores(): Record<string, CoverageScore> {
    const out: Record<string, CoverageScore> = {};
    this.coverages.forEach((k, i) => {
      const cells = this.cells[i]!;
      const hitRate = this.events > 0 ? this.hits[i]! / this.events : 0;
      out[String(k)] = {
        hitRate,
        pai: this.areaCells > 0 ? hitRate / (cells / this.areaCells) : 0,
        pei: this.best[i]! > 0 ? this.hits[i]! / this.best[i]! : 0,
        cells,
        hits: this.hits[i]!,
        bestHits: this.best[i]!,
      };
    });
    return out;
  }
}

/** Cells with at least one event in [from, to): the study area when no polygon is given. */
export function studyAreaOf(data: EventSet, from: number, to: number): Uint8Array {
  const area = new Uint8Array(data.grid.cols * data.grid.rows);
  const a = lowerBound(data.events, from);
  const b = lowerBound(data.events, to);
  for (let i = a; i < b; i++) {
    const c = data.cell[i]!;
    if (c >= 0) area[c] = 1;
  }
  return area;
}

export interface RollingOptions {
  /** first predicted moment (naive-local midnight, ms) */
  start: number;
  /** end of the evaluated time, exclusive (ms) */
  end: number;
  horizonDays: number;
  coverages: readonly number[];
  area: Uint8Array;
  /**
   * Count the test events outside the study area in N (the hit rate's denominator). True for the
   * default study area (cells with training events): a test event in a cell that had none in
   * training is still an event the patrols would have missed. False for a polygon: events
   * outside it are outside the question asked.
   */
  countOutside?: boolean;
}

/**
 * Rolling evaluation: predictions at start, start + horizon, … each for [at, at + horizon) (the
 * last window is cut at `end`), scored against the events that happened in that window.
 */
export function rollingScore(data: EventSet, predictor: Predictor, o: RollingOptions): Tally {
  let areaCells = 0;
  for (let c = 0; c < o.area.length; c++) areaCells += o.area[c]!;
  const tally = new Tally(o.coverages, areaCells);
  const h = o.horizonDays * DAY_MS;
  const observed = new Float64Array(o.area.length);
  for (let at = o.start; at < o.end; at += h) {
    const until = Math.min(at + h, o.end);
    const risk = predictor(at, until - at);
    const order = rankCells(risk, o.area);
    observed.fill(0);
    const a = lowerBound(data.events, at);
    const b = lowerBound(data.events, until);
    let outside = 0;
    for (let i = a; i < b; i++) {
      const c = data.cell[i]!;
      if (c >= 0 && o.area[c]) observed[c]! += 1;
      else if (o.countOutside) outside++;
    }
    tally.add(order, observed, outside);
  }
  return tally;
}
