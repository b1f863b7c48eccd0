import { lowerBound } from './grid.js';
import { DAY_MS, type EventSet, type HotspotMethod } from './types.js';

export interface SeppFit {
  /** background events per day in each cell */
  mu: Float64Array;
  /** expected number of events each event triggers in its own cell */
  theta: number;
  /** decay rate of the triggering kernel, per day */
  omega: number;
  iterations: number;
}

/**
 * Fits the grid self-exciting point process λ_c(t) = μ_c + Σ_{t_i < t in c} θ·ω·e^{−ω(t − t_i)} by
 * expectation–maximisation on the events in [from, to) (Mohler et al. 2015, JASA 110(512),
 * "Randomized controlled field trials of predictive policing", §2). The exponential kernel makes
 * each E-step one pass over the events with two running sums per cell.
 */
export function fitSepp(data: EventSet, from: number, to: number, iterations = 40): SeppFit {
  const n = data.grid.cols * data.grid.rows;
  const a = lowerBound(data.events, from);
  const b = lowerBound(data.events, to);
  const T = Math.max(1, (to - from) / DAY_MS);
  const mu = new Float64Array(n);
  for (let i = a; i < b; i++) {
    const c = data.cell[i]!;
    if (c >= 0) mu[c]! += 0.5 / T;
  }
  let theta = 0.5;
  let omega = 0.2;
  const bg = new Float64Array(n);
  const sumA = new Float64Array(n);
  const sumB = new Float64Array(n);
  const last = new Float64Array(n);
  let it = 0;
  for (; it < iterations; it++) {
    bg.fill(0);
    sumA.fill(0);
    sumB.fill(0);
    last.fill(NaN);
    let trig = 0;
    let trigTime = 0;
    let edge = 0;
    for (let i = a; i < b; i++) {
      const c = data.cell[i]!;
      if (c < 0) continue;
      const t = (data.events[i]!.t - from) / DAY_MS;
      let A = 0;
      let B = 0;
      if (!Number.isNaN(last[c]!)) {
        const d = t - last[c]!;
        const e = Math.exp(-omega * d);
        A = e * (sumA[c]! + 1);
        B = e * (sumB[c]! + d * (sumA[c]! + 1));
      }
      sumA[c] = A;
      sumB[c] = B;
      last[c] = t;
      const lam = mu[c]! + theta * omega * A;
      bg[c]! += mu[c]! / lam;
      trig += (theta * omega * A) / lam;
      trigTime += (theta * omega * B) / lam;
      // the share of this event's offspring that could fall inside the window
      edge += 1 - Math.exp(-omega * (T - t));
    }
    const nextTheta = edge > 0 ? Math.min(0.95, trig / edge) : 0;
    const nextOmega = trigTime > 0 ? Math.min(24, Math.max(1 / 365, trig / trigTime)) : omega;
    for (let c = 0; c < n; c++) mu[c] = bg[c]! / T;
    const done = Math.abs(nextTheta - theta) < 1e-5 && Math.abs(nextOmega - omega) < 1e-5 * omega;
    theta = Math.max(1e-6, nextTheta);
    omega = nextOmega;
    if (done) break;
  }
  return { mu, theta, omega, iterations: it + 1 };
}

/** 自激点过程: background rate per cell plus near-repeat triggering from the cell's own recent events. */
export const seppMethod: HotspotMethod = {
  name: 'sepp',
  label: { zh: '自激点过程', en: 'Self-exciting point process' },
  summary: {
    zh: '每个网格有本底发生率，并受本格近期警情按指数衰减的激发（Mohler 等 2015），用 EM 在训练期内拟合，滚动预测时定期重新拟合。',
    en: 'Each cell has a background rate plus exponentially decaying triggering by its own recent events (Mohler et al. 2015), fitted by EM on the training window and refitted periodically.',
  },
  params: [
    { key: 'trainDays', label: { zh: '训练天数', en: 'Training days' }, unit: 'days', default: 365, min: 30, max: 3650 },
    { key: 'refitDays', label: { zh: '重新拟合间隔', en: 'Refit every' }, unit: 'days', default: 14, min: 1, max: 90 },
    { key: 'iterations', label: { zh: 'EM 最多迭代次数', en: 'EM iterations (max)' }, unit: '', default: 40, min: 1, max: 500 },
  ],
  create(data, params) {
    const trainDays = params.trainDays ?? 365;
    const refitDays = Math.min(params.refitDays ?? 14, Math.floor(trainDays / 2));
    const n = data.grid.cols * data.grid.rows;
    let fit: SeppFit | null = null;
    let fittedAt = NaN;
    return (at, horizonMs) => {
      if (!fit || at < fittedAt || at - fittedAt >= refitDays * DAY_MS) {
        // fitted on [at − trainDays + refitDays, at): every prediction until the next refit then
        // still uses only events inside its own training window and before its own time
        fit = fitSepp(data, at - (trainDays - refitDays) * DAY_MS, at, params.iterations ?? 40);
        fittedAt = at;
      }
      const h = horizonMs / DAY_MS;
      const risk = new Float64Array(n);
      for (let c = 0; c < n; c++) risk[c] = fit.mu[c]! * h;
      const k = fit.theta * (1 - Math.exp(-fit.omega * h));
      const from = lowerBound(data.events, at - trainDays * DAY_MS);
      const to = lowerBound(data.events, at);
      for (let i = from; i < to; i++) {
        const c = data.cell[i]!;
        if (c >= 0) risk[c]! += k * Math.exp((-fit.omega * (at - data.events[i]!.t)) / DAY_MS);
      }
      return risk;
    };
  },
};
