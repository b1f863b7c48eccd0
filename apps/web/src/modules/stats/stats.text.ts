import { fillParams, type Lang } from '../../app/i18n/messages';
import type { Change } from './stats.api';

/** Words of the statistics pages (统计分析), Chinese first. */
const TEXT = {
  title: { zh: '统计分析', en: 'Statistics' },
  period: { zh: '统计周期', en: 'Period' },
  day: { zh: '日', en: 'Day' },
  week: { zh: '周', en: 'Week' },
  month: { zh: '月', en: 'Month' },
  quarter: { zh: '季度', en: 'Quarter' },
  year: { zh: '年', en: 'Year' },
  custom: { zh: '自定义', en: 'Custom' },
  date: { zh: '日期', en: 'Date' },
  range: { zh: '起止日期', en: 'From – to' },
  export: { zh: '导出 Excel', en: 'Export Excel' },
  exported: { zh: '已导出', en: 'Exported' },
  unit: { zh: '单位', en: 'Unit' },
  own: { zh: '（本级）', en: ' (own)' },
  total: { zh: '合计', en: 'Total' },
  drill: { zh: '查看{name}的下级统计', en: 'Open the figures of {name}' },
  breadcrumbs: { zh: '统计层级', en: 'Levels' },
  valid: { zh: '有效警情', en: 'Valid calls' },
  criminal: { zh: '刑事警情', en: 'Criminal' },
  publicOrder: { zh: '治安警情', en: 'Public order' },
  help: { zh: '求助警情', en: 'Help' },
  filed: { zh: '立案', en: 'Cases filed' },
  solved: { zh: '破案', en: 'Cases solved' },
  disputesScreened: { zh: '摸排矛盾纠纷', en: 'Disputes screened' },
  disputesResolved: { zh: '化解', en: 'Resolved' },
  arrived: { zh: '到场警情', en: 'Attended' },
  compliant: { zh: '1-3-5 达标', en: '1-3-5 met' },
  share: { zh: '占比', en: 'share' },
  resolutionRate: { zh: '化解率', en: 'Resolution rate' },
  complianceRate: { zh: '1-3-5 达标率', en: '1-3-5 rate' },
  yoy: { zh: '同比', en: 'YoY' },
  mom: { zh: '环比', en: 'PoP' },
  lastYear: { zh: '去年同期', en: 'Same period last year' },
  thisPeriod: { zh: '本期', en: 'This period' },
  trend: { zh: '有效警情走势', en: 'Valid calls over time' },
  byKind: { zh: '按警情类别', en: 'By kind' },
  byCategory: { zh: '按警情细类（前 15）', en: 'By category (top 15)' },
  toDate: { zh: '截至今日', en: 'to date' },
  chartLabel: { zh: '有效警情走势：{points}', en: 'Valid calls: {points}' },
  kindChartLabel: { zh: '按类别：{points}', en: 'By kind: {points}' },
  definitions: {
    zh: '口径：有效警情 = 全部接报警情，不含未作处置的“其他”类（社会联动、警种协助、其它报警）；刑事、治安、求助占比以有效警情为分母。立案 = 处置结果为刑事或行政案件，按立案日统计；破案按登记破案日统计。摸排矛盾纠纷 = 期内登记的纠纷案件，化解 = 其中已办结且结果为“化解”；化解率 = 化解 ÷ 摸排。1-3-5 达标 = 按辖区标准按时派警且按时到场，达标率 = 达标 ÷ 到场警情。同比对比去年同期（2 月 29 日对应 2 月 28 日），环比对比上一个等长周期（整月对比上月）；基数为 0 时显示“—”或“新增”。日期按北京时间。',
    en: 'Valid calls = every call except “other” calls (liaison, assistance, miscellaneous) the police did nothing with; shares are of valid calls. Filed = outcome criminal or administrative case, on the day filed; solved on the day recorded. Disputes screened = cases opened in the period; resolved = of those, closed as resolved; rate = resolved ÷ screened. 1-3-5 met = dispatched and arrived within the area’s standard; rate = met ÷ attended. YoY compares the same dates a year earlier (29 Feb → 28 Feb); PoP the period before of equal length (a month: the previous month); no base shows “—” or “new”. Dates in Beijing time.',
  },
} satisfies Record<string, { zh: string; en: string }>;
export type StatsTextKey = keyof typeof TEXT;

export function statsText(lang: Lang, key: StatsTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);

/** 同比 as the bureau writes it: ↑183.8% / ↓8.4%; no base: 新增 (or — when both are zero). */
export function changeLabel(lang: Lang, c: Change): string {
  if (c.ratio === null) return c.current > 0 ? (lang === 'zh' ? '新增' : 'new') : '—';
  const p = `${Math.abs(c.ratio * 100).toFixed(1)}%`;
  if (c.direction === 'flat') return lang === 'zh' ? '持平' : 'flat';
  return lang === 'zh' ? `${c.direction === 'up' ? '上升' : '下降'}${p}` : `${c.direction === 'up' ? '+' : '−'}${p}`;
}
