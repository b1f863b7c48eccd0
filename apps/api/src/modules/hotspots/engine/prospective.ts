import { lowerBound } from './grid.js';
import { DAY_MS, type HotspotMethod } from './types.js';

/**
 * 前瞻性热点 (Bowers, Johnson & Pease 2004, "Prospective hot-spotting: the future of crime
 * mapping?", Br. J. Criminol. 44(5)): each event of the last `windowWeeks` weeks within
 * `bandwidthM` of a cell adds 1/(1 + distance in cells) · 1/(1 + whole weeks ago).
 */
export const prospectiveMethod: HotspotMethod = {
  name: 'prospective',
  label: { zh: '前瞻性热点', en: 'Prospective hotspot' },
  summary: {
    zh: '近几周内、带宽范围内的每起警情按 1/(1+网格距离)·1/(1+周数) 加权累计（Bowers 与 Johnson 2004）。',
    en: 'Each event of the last weeks within the bandwidth adds 1/(1 + distance in cells) · 1/(1 + weeks ago) (Bowers and Johnson 2004).',
  },
  params: [
    { key: 'bandwidthM', label: { zh: '空间带宽', en: 'Spatial bandwidth' }, unit: 'm', default: 400, min: 0, max: 5000 },
    { key: 'windowWeeks', label: { zh: '时间窗（周）', en: 'Time window' }, unit: 'weeks', default: 8, min: 1, max: 52 },
    { key: 'trainDays', label: { zh: '训练天数（上限）', en: 'Training days (limit)' }, unit: 'days', default: 365, min: 1, max: 3650 },
  ],
  create(data, params) {
    const { grid } = data;
    const { cols, rows } = grid;
    const n = cols * rows;
    const windowDays = Math.min((params.windowWeeks ?? 8) * 7, params.trainDays ?? 365);
    const reach = (params.bandwidthM ?? 400) / grid.cellM;
    // neighbour offsets within the bandwidth (distance between cell centres, in cells)
    const r = Math.floor(reach);
    const offs: { x: number; y: number; w: number }[] = [];
    for (let y = -r; y <= r; y++) for (let x = -r; x <= r; x++) if (Math.hypot(x, y) <= reach + 1e-9) offs.push({ x, y, w: 1 / (1 + Math.hypot(x, y)) });
    return (at) => {
      const risk = new Float64Array(n);
      const from = lowerBound(data.events, at - windowDays * DAY_MS);
      const to = lowerBound(data.events, at);
      for (let i = from; i < to; i++) {
        const c = data.cell[i]!;
        if (c < 0) continue;
        const weeks = Math.floor((at - data.events[i]!.t) / (7 * DAY_MS));
        const tw = 1 / (1 + weeks);
        const col = c % cols;
        const row = (c - col) / cols;
        for (const o of offs) {
          const x = col + o.x;
          const y = row + o.y;
          if (x < 0 || y < 0 || x >= cols || y >= rows) continue;
          risk[y * cols + x]! += o.w * tw;
        }
      }
      return risk;
    };
  },
};
