import { eventSet, gridCovering, planeAtSouthWest } from './grid.js';
import { paramsFor } from './methods.js';
import { rollingScore, studyAreaOf, type CoverageScore } from './metrics.js';
import { DAY_MS, type HotspotMethod, type MethodParams } from './types.js';

export interface BacktestOptions {
  cellM: number;
  trainDays: number;
  /** naive-local midnight of the first test day (ms) */
  testStart: number;
  /** naive-local midnight of the last test day (ms): the test period includes this whole day */
  testEnd: number;
  horizonDays: number;
  coverages: readonly number[];
  methods: readonly HotspotMethod[];
  /** days just before testStart on which `best` is chosen (0 = no selection: the first method) */
  validationDays: number;
  /** per-method parameter overrides */
  params?: Record<string, MethodParams>;
  /** test whether a point (lat, lon) is inside the study area; default: cells with training events */
  polygon?: (lat: number, lon: number) => boolean;
  /** called after each method finishes (progress) */
  onMethod?: (name: string, seconds: number) => void;
}

export interface MethodResult {
  scores: Record<string, CoverageScore>;
  seconds: number;
  params: MethodParams;
  events: number;
  periods: number;
}

export interface BacktestResult {
  methods: Record<string, MethodResult>;
  best: string;
  validation: { start: string; end: string; coverage: number; pai: Record<string, number>; seconds: number } | null;
  grid: { cols: number; rows: number; cellM: number; originLat: number; originLon: number };
  studyAreaCells: number;
  studyAreaKm2: number;
  points: number;
}

/** The rolling backtest of the command line: grid, study area, every method over the test period, and `best` chosen before it. */
export function runBacktest(points: readonly { t: number; lat: number; lon: number }[], o: BacktestOptions): BacktestResult {
  const plane = planeAtSouthWest(points);
  const xy = points.map((p) => ({ t: p.t, ...plane.toXY(p.lat, p.lon) }));
  const grid = gridCovering(xy, o.cellM);
  const data = eventSet(grid, xy);
  const end = o.testEnd + DAY_MS;
  const areaFor = (start: number) => {
    if (!o.polygon) return studyAreaOf(data, start - o.trainDays * DAY_MS, start);
    const area = new Uint8Array(grid.cols * grid.rows);
    for (let c = 0; c < area.length; c++) {
      const col = c % grid.cols;
      const row = (c - col) / grid.cols;
      const ll = plane.toLatLon((col + 0.5) * o.cellM, (row + 0.5) * o.cellM);
      if (o.polygon(ll.lat, ll.lon)) area[c] = 1;
    }
    return area;
  };
  const paramsOf = (m: HotspotMethod) => paramsFor(m, { trainDays: o.trainDays, ...o.params?.[m.name] });

  let best = o.methods[0]!.name;
  let validation: BacktestResult['validation'] = null;
  if (o.methods.length > 1 && o.validationDays > 0) {
    const vStart = o.testStart - o.validationDays * DAY_MS;
    const vArea = areaFor(vStart);
    const coverage = o.coverages.includes(5) ? 5 : o.coverages[Math.floor(o.coverages.length / 2)]!;
    const started = performance.now();
    const pai: Record<string, number> = {};
    for (const m of o.methods) {
      const tally = rollingScore(data, m.create(data, paramsOf(m)), { start: vStart, end: o.testStart, horizonDays: o.horizonDays, coverages: [coverage], area: vArea, countOutside: !o.polygon });
      pai[m.name] = tally.scores()[String(coverage)]!.pai;
      if (pai[m.name]! > pai[best]!) best = m.name;
    }
    validation = { start: new Date(vStart).toISOString().slice(0, 10), end: new Date(o.testStart - DAY_MS).toISOString().slice(0, 10), coverage, pai, seconds: (performance.now() - started) / 1000 };
  }

  const area = areaFor(o.testStart);
  let studyAreaCells = 0;
  for (let c = 0; c < area.length; c++) studyAreaCells += area[c]!;
  const methods: Record<string, MethodResult> = {};
  for (const m of o.methods) {
    const params = paramsOf(m);
    const started = performance.now();
    const tally = rollingScore(data, m.create(data, params), { start: o.testStart, end, horizonDays: o.horizonDays, coverages: o.coverages, area, countOutside: !o.polygon });
    const seconds = (performance.now() - started) / 1000;
    methods[m.name] = { scores: tally.scores(), seconds, params, events: tally.events, periods: tally.periods };
    o.onMethod?.(m.name, seconds);
  }
  return {
    methods,
    best,
    validation,
    grid: { cols: grid.cols, rows: grid.rows, cellM: o.cellM, originLat: plane.originLat, originLon: plane.originLon },
    studyAreaCells,
    studyAreaKm2: (studyAreaCells * o.cellM * o.cellM) / 1e6,
    points: points.length,
  };
}
