/**
 * The hotspot engine's contract: pure computation on points and a square grid, no database.
 * The product (modules/hotspots) feeds it incidents of a jurisdiction; the backtest command
 * (cli/hotspot.ts) feeds it a CSV. Methods register in methods.ts.
 */

/** One event: time in epoch milliseconds, position in metres on the grid's plane (see grid.ts). */
export interface EventPoint {
  t: number;
  x: number;
  y: number;
}

/** A square grid on the plane: cell (col, row) covers [originX + col·cellM, +cellM) × [originY + row·cellM, +cellM). */
export interface Grid {
  originX: number;
  originY: number;
  cellM: number;
  cols: number;
  rows: number;
}

/** Events sorted by time with the cell of each (-1 = outside the grid). */
export interface EventSet {
  grid: Grid;
  events: readonly EventPoint[];
  /** cell index (row · cols + col) of events[i], or -1 */
  cell: Int32Array;
}

export type MethodParams = Record<string, number>;

export interface MethodParamSpec {
  key: string;
  label: { zh: string; en: string };
  /** e.g. 'm', 'days', '' */
  unit: string;
  default: number;
  min: number;
  max: number;
}

/**
 * A prediction for [at, at + horizonMs): one risk value per cell (length cols · rows), higher =
 * more likely. A predictor may only use events with t < at (and, by convention, t ≥ at − trainDays).
 */
export type Predictor = (at: number, horizonMs: number) => Float64Array;

export interface HotspotMethod {
  /** Stable name used on the command line and in stored runs, e.g. 'naive'. */
  name: string;
  label: { zh: string; en: string };
  /** One or two sentences for the UI and docs: what it counts and how. */
  summary: { zh: string; en: string };
  /** Every tunable value, shown in the UI and written into the output with its value. */
  params: readonly MethodParamSpec[];
  /** Prepares the method over the data once (indexes, caches); the predictor is then called per period. */
  create(data: EventSet, params: MethodParams): Predictor;
}

export const DAY_MS = 86_400_000;
