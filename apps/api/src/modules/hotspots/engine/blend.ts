import { lowerBound } from './grid.js';
import { makeStencil, spread, type Stencil } from './stencil.js';
import { DAY_MS, type EventSet, type HotspotMethod, type MethodParams } from './types.js';

/** One setting of the blend: recency boost β, spatial mix a, smoothing bandwidth, events counted per cell and day. */
export interface BlendChoice {
  beta: number;
  mix: number;
  bandwidthM: number;
  dailyCap: number;
}

const BETAS = [0, 2, 6, 12];
const MIXES = [0, 0.25, 0.5, 0.75];
const BANDWIDTHS = [200, 400];
const CAPS = [1, 2];
/** validation days are chosen so that about this many events are scored (sparse categories get more days) */
const VALIDATION_EVENTS = 2500;
/** weight of the wide surface that only breaks ties between otherwise equal cells */
const TIE_WEIGHT = 1e-3;

export function blendCandidates(): BlendChoice[] {
  const out: BlendChoice[] = [];
  for (const dailyCap of CAPS)
    for (const beta of BETAS)
      for (const bandwidthM of BANDWIDTHS)
        for (const mix of MIXES) {
          if (mix === 0 && bandwidthM !== BANDWIDTHS[0]) continue;
          out.push({ beta, mix, bandwidthM, dailyCap });
        }
  return out;
}

/**
 * Hits of a risk surface at several numbers of top cells, ranked as rankCells ranks (higher risk
 * first, ties by lower cell index), without sorting the cells: a threshold per k from one sorted
 * copy of the values.
 */
export function hitsAtTop(risk: Float64Array, area: Int32Array, observed: { cell: number; count: number }[], ks: readonly number[]): number[] {
  const vals = new Float64Array(area.length);
  for (let j = 0; j < area.length; j++) vals[j] = risk[area[j]!]!;
  const sorted = vals.slice().sort();
  const A = sorted.length;
  return ks.map((k) => {
    if (k >= A) return observed.reduce((s, o) => s + o.count, 0);
    const thr = sorted[A - k]!;
    // cells strictly above the threshold
    let lo = A - k;
    while (lo < A && sorted[lo] === thr) lo++;
    const above = A - lo;
    const slots = k - above;
    let hits = 0;
    for (const o of observed) {
      const v = risk[o.cell]!;
      if (v > thr) hits += o.count;
      else if (v === thr) {
        let before = 0;
        for (let j = 0; j < area.length && area[j]! < o.cell; j++) if (vals[j] === thr) before++;
        if (before < slots) hits += o.count;
      }
    }
    return hits;
  });
}

interface Surfaces {
  /** recency-weighted count per `${cap}:${β}` */
  counts: Map<string, Float64Array>;
  smooth: Map<string, Float64Array>;
  wide: Map<string, Float64Array>;
}

/**
 * 自适应融合 (this project's method): a long-term count over the training window, boosted for
 * recent events (weight 1 + β·e^(−age/τ)), mixed with its kernel-smoothed neighbourhood
 * ((1 − a)·own cell + a·smoothed), plus a faint wide surface that breaks ties. β, a and the
 * bandwidth are chosen by the method itself on the last days before each refit, with training
 * strictly before each validation day, so each city and category gets its own setting.
 */
export const blendMethod: HotspotMethod = {
  name: 'blend',
  label: { zh: '自适应融合', en: 'Adaptive blend' },
  summary: {
    zh: '长期计数（近期警情加权）与其核平滑邻域按比例融合，并以大带宽曲面打破平局；权重与带宽由方法在训练期末的验证天上自行选择。',
    en: 'A long-term count (recent events boosted) mixed with its kernel-smoothed neighbourhood, with a faint wide surface breaking ties; the weights and bandwidth are chosen by the method on validation days at the end of its training window.',
  },
  params: [
    { key: 'trainDays', label: { zh: '训练天数', en: 'Training days' }, unit: 'days', default: 365, min: 60, max: 3650 },
    { key: 'recencyDays', label: { zh: '近期加权时间常数 τ', en: 'Recency time constant τ' }, unit: 'days', default: 30, min: 1, max: 365 },
    { key: 'validationDays', label: { zh: '验证天数上限', en: 'Validation days (most)' }, unit: 'days', default: 120, min: 14, max: 180 },
    { key: 'refitDays', label: { zh: '重新选择间隔', en: 'Re-select every' }, unit: 'days', default: 56, min: 1, max: 180 },
    { key: 'targetCoveragePct', label: { zh: '目标覆盖率', en: 'Target coverage' }, unit: '%', default: 5, min: 0.1, max: 50 },
    { key: 'ensembleSize', label: { zh: '融合的最优设置个数', en: 'Best settings averaged' }, unit: '', default: 4, min: 1, max: 20 },
    { key: 'tieBandwidthM', label: { zh: '平局打破带宽', en: 'Tie-break bandwidth' }, unit: 'm', default: 500, min: 0, max: 5000 },
  ],
  create(data, params) {
    return createBlend(data, params);
  },
};

export function createBlend(data: EventSet, params: MethodParams, onChoice?: (at: number, chosen: BlendChoice[]) => void) {
  const { grid } = data;
  const n = grid.cols * grid.rows;
  const trainDays = params.trainDays ?? 365;
  const tau = (params.recencyDays ?? 30) * DAY_MS;
  const maxValidationDays = Math.min(params.validationDays ?? 120, Math.floor(trainDays / 3));
  const refitDays = Math.min(params.refitDays ?? 56, Math.floor(trainDays / 4));
  const target = params.targetCoveragePct ?? 5;
  const ensembleSize = Math.max(1, Math.round(params.ensembleSize ?? 4));
  const stencils = new Map<number, Stencil>(BANDWIDTHS.map((b) => [b, makeStencil('gaussian', b, grid.cellM)]));
  const wideStencil = makeStencil('gaussian', params.tieBandwidthM ?? 500, grid.cellM);
  const candidates = blendCandidates();

  const lastDay = new Float64Array(n);
  const dayCount = new Int32Array(n);

  /** the surfaces for a prediction at v from the events in [lo, v) */
  function surfaces(lo: number, v: number, caps: readonly number[], betas: readonly number[], bandwidths: readonly number[]): Surfaces {
    const from = lowerBound(data.events, lo);
    const to = lowerBound(data.events, v);
    const keys = caps.flatMap((cap) => betas.map((beta) => ({ cap, beta, key: `${cap}:${beta}`, x: new Float64Array(n) })));
    lastDay.fill(NaN);
    dayCount.fill(0);
    for (let i = from; i < to; i++) {
      const c = data.cell[i]!;
      if (c < 0) continue;
      const t = data.events[i]!.t;
      // bursts (one incident recorded as many rows, a mass event) count at most `cap` per cell and day
      const day = Math.floor(t / DAY_MS);
      if (lastDay[c] !== day) {
        lastDay[c] = day;
        dayCount[c] = 0;
      }
      const k = ++dayCount[c]!;
      const r = Math.exp(-(v - t) / tau);
      for (const e of keys) if (k <= e.cap) e.x[c]! += 1 + e.beta * r;
    }
    const counts = new Map<string, Float64Array>();
    const smooth = new Map<string, Float64Array>();
    const wide = new Map<string, Float64Array>();
    for (const { key, x } of keys) {
      counts.set(key, x);
      for (const bw of bandwidths) smooth.set(`${key}:${bw}`, spread(grid, x, stencils.get(bw)!, new Float64Array(n)));
      wide.set(key, spread(grid, x, wideStencil, new Float64Array(n)));
    }
    return { counts, smooth, wide };
  }

  function combine(s: Surfaces, choice: BlendChoice, out: Float64Array): Float64Array {
    const key = `${choice.dailyCap}:${choice.beta}`;
    const x = s.counts.get(key)!;
    const sm = s.smooth.get(`${key}:${choice.bandwidthM}`)!;
    const w = s.wide.get(key)!;
    const a = choice.mix;
    for (let c = 0; c < n; c++) out[c] = (1 - a) * x[c]! + a * sm[c]! + TIE_WEIGHT * w[c]!;
    return out;
  }

  /** the candidates with the most hits on the validation days before r, training only on [lo, day), best first */
  function select(r: number, horizonMs: number): BlendChoice[] {
    const lo = r - (trainDays - refitDays) * DAY_MS;
    const areaMask = new Uint8Array(n);
    const a0 = lowerBound(data.events, lo);
    const a1 = lowerBound(data.events, r);
    for (let i = a0; i < a1; i++) if (data.cell[i]! >= 0) areaMask[data.cell[i]!] = 1;
    const area: number[] = [];
    for (let c = 0; c < n; c++) if (areaMask[c]) area.push(c);
    const areaIdx = Int32Array.from(area);
    const ks = [target / 2, target, target * 2].map((p) => Math.max(1, Math.round((p / 100) * area.length)));
    const score = new Float64Array(candidates.length);
    const buf = new Float64Array(n);
    const step = Math.max(DAY_MS, Math.round(horizonMs / DAY_MS) * DAY_MS);
    const perDay = (a1 - a0) / Math.max(1, (r - lo) / DAY_MS);
    const days = Math.min(maxValidationDays, Math.max(14, Math.ceil(VALIDATION_EVENTS / Math.max(perDay, 1e-9))));
    for (let v = r - days * DAY_MS; v + step <= r; v += DAY_MS) {
      const e0 = lowerBound(data.events, v);
      const e1 = lowerBound(data.events, v + step);
      const byCell = new Map<number, number>();
      for (let i = e0; i < e1; i++) {
        const c = data.cell[i]!;
        if (c >= 0 && areaMask[c]) byCell.set(c, (byCell.get(c) ?? 0) + 1);
      }
      if (byCell.size === 0) continue;
      const observed = [...byCell].map(([cell, count]) => ({ cell, count }));
      const s = surfaces(lo, v, CAPS, BETAS, BANDWIDTHS);
      candidates.forEach((cand, j) => {
        const hits = hitsAtTop(combine(s, cand, buf), areaIdx, observed, ks);
        score[j]! += hits[0]! + hits[1]! + hits[2]!;
      });
    }
    // stable: equal scores keep the candidates' order (simpler settings first)
    const order = candidates.map((_, j) => j).sort((x, y) => score[y]! - score[x]! || x - y);
    return order.slice(0, ensembleSize).map((j) => candidates[j]!);
  }

  let chosen: BlendChoice[] = [];
  let chosenAt = NaN;
  return (at: number, horizonMs: number): Float64Array => {
    if (chosen.length === 0 || at < chosenAt || at - chosenAt >= refitDays * DAY_MS) {
      chosen = select(at, horizonMs);
      chosenAt = at;
      onChoice?.(at, chosen);
    }
    const uniq = <T>(xs: T[]) => [...new Set(xs)];
    const s = surfaces(
      at - trainDays * DAY_MS,
      at,
      uniq(chosen.map((c) => c.dailyCap)),
      uniq(chosen.map((c) => c.beta)),
      uniq(chosen.map((c) => c.bandwidthM)),
    );
    // the average of the chosen surfaces, each scaled to total 1: an ensemble is steadier than the single best setting
    const risk = new Float64Array(n);
    const buf = new Float64Array(n);
    for (const choice of chosen) {
      combine(s, choice, buf);
      let total = 0;
      for (let c = 0; c < n; c++) total += buf[c]!;
      if (total > 0) for (let c = 0; c < n; c++) risk[c]! += buf[c]! / total;
    }
    return risk;
  };
}
