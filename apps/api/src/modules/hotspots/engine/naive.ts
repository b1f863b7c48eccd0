import { lowerBound } from './grid.js';
import { DAY_MS, type HotspotMethod } from './types.js';

/** 朴素计数: the number of events in each cell over the training days before the period. */
export const naiveMethod: HotspotMethod = {
  name: 'naive',
  label: { zh: '朴素计数', en: 'Naive count' },
  summary: {
    zh: '按训练期内每个网格的警情数排序：过去多的地方，明天也多。',
    en: 'Ranks each cell by its number of events in the training days: where there were many, there will be many.',
  },
  params: [{ key: 'trainDays', label: { zh: '训练天数', en: 'Training days' }, unit: 'days', default: 365, min: 1, max: 3650 }],
  create(data, params) {
    const trainDays = params.trainDays ?? 365;
    const n = data.grid.cols * data.grid.rows;
    return (at) => {
      const risk = new Float64Array(n);
      const from = lowerBound(data.events, at - trainDays * DAY_MS);
      const to = lowerBound(data.events, at);
      for (let i = from; i < to; i++) {
        const c = data.cell[i]!;
        if (c >= 0) risk[c]! += 1;
      }
      return risk;
    };
  },
};
