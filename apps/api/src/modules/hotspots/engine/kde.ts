import { lowerBound } from './grid.js';
import { KERNELS, makeStencil, spread } from './stencil.js';
import { DAY_MS, type HotspotMethod } from './types.js';

/**
 * 核密度 (kernel density estimation): every training event spreads a kernel of the given bandwidth
 * around its cell; an optional half-life weights recent events more (2^(−age/halfLife)).
 */
export const kdeMethod: HotspotMethod = {
  name: 'kde',
  label: { zh: '核密度', en: 'Kernel density' },
  summary: {
    zh: '训练期内每起警情在周围按核函数（高斯或四次核）扩散，带宽以米计；可按半衰期让近期警情权重更高。',
    en: 'Each training event spreads a kernel (Gaussian or quartic) of the given bandwidth in metres over the nearby cells; an optional half-life weights recent events more.',
  },
  params: [
    { key: 'trainDays', label: { zh: '训练天数', en: 'Training days' }, unit: 'days', default: 365, min: 1, max: 3650 },
    { key: 'bandwidthM', label: { zh: '带宽', en: 'Bandwidth' }, unit: 'm', default: 200, min: 0, max: 5000 },
    { key: 'kernel', label: { zh: '核函数（0 高斯，1 四次核）', en: 'Kernel (0 Gaussian, 1 quartic)' }, unit: '', default: 0, min: 0, max: 1 },
    { key: 'halfLifeDays', label: { zh: '时间衰减半衰期（0 不衰减）', en: 'Time-decay half-life (0 = none)' }, unit: 'days', default: 0, min: 0, max: 3650 },
  ],
  create(data, params) {
    const trainDays = params.trainDays ?? 365;
    const halfLife = params.halfLifeDays ?? 0;
    const stencil = makeStencil(KERNELS[params.kernel === 1 ? 1 : 0], params.bandwidthM ?? 200, data.grid.cellM);
    const n = data.grid.cols * data.grid.rows;
    return (at) => {
      const mass = new Float64Array(n);
      const from = lowerBound(data.events, at - trainDays * DAY_MS);
      const to = lowerBound(data.events, at);
      const rate = halfLife > 0 ? Math.LN2 / (halfLife * DAY_MS) : 0;
      for (let i = from; i < to; i++) {
        const c = data.cell[i]!;
        if (c < 0) continue;
        mass[c]! += rate > 0 ? Math.exp(-rate * (at - data.events[i]!.t)) : 1;
      }
      return spread(data.grid, mass, stencil, new Float64Array(n));
    };
  },
};
