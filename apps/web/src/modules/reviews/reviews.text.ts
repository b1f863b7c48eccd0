import { fillParams, type Lang } from '../../app/i18n/messages';
import type { Change } from './reviews.api';
import { KIND_LABELS as INCIDENT_KIND_LABELS } from '../incidents/incidents.text';
import { LEVEL_COLORS, LEVEL_LABELS as WARNING_LEVEL_LABELS, STATUS_LABELS as WARNING_STATUS_LABELS } from '../warnings/warnings.text';

/** Words of the Monday review (每周研判) pages, Chinese first. */
const TEXT = {
  title: { zh: '每周研判', en: 'Weekly review' },
  hint: {
    zh: '每周一 6 时自动生成上周（周一至周日）的研判：与前一周比（环比）、与去年同期比（同比，取 364 天前的同一周，周一对周一）。',
    en: 'Made every Monday at 06:00 for last week (Monday to Sunday): against the week before and the same week last year (364 days earlier, Monday to Monday).',
  },
  unit: { zh: '单位', en: 'Unit' },
  allUnits: { zh: '全部单位', en: 'All units' },
  week: { zh: '研判周', en: 'Week' },
  incidents: { zh: '警情', en: 'Incidents' },
  wow: { zh: '环比', en: 'vs previous week' },
  yoy: { zh: '同比', en: 'vs last year' },
  generatedAt: { zh: '生成时间', en: 'Made' },
  byJob: { zh: '自动生成', en: 'Scheduled' },
  open: { zh: '查看', en: 'Open' },
  generate: { zh: '生成上周研判', en: 'Make last week’s review' },
  generated: { zh: '已生成', en: 'Review made' },
  regenerate: { zh: '重新生成', en: 'Remake' },
  none: { zh: '暂无研判', en: 'No reviews yet' },
  back: { zh: '返回列表', en: 'Back to the list' },
  pdf: { zh: '下载 PDF', en: 'Download PDF' },
  docx: { zh: '下载 Word', en: 'Download Word' },
  weekLabel: { zh: '研判周 {week}（前一周 {prev}；去年同期 {ly}）', en: 'Week {week} (previous {prev}; last year {ly})' },
  yoyNote: { zh: '同比基期为 364 天前的同一周（周一对周一），不是同一日历日期。', en: 'The year-on-year base is the same weekdays 364 days earlier, not the same calendar dates.' },
  total: { zh: '警情总数', en: 'Incidents' },
  lastWeek: { zh: '上周', en: 'Last week' },
  weekBefore: { zh: '前一周', en: 'Week before' },
  lastYear: { zh: '去年同期', en: 'Same week last year' },
  kind: { zh: '类别', en: 'Kind' },
  category: { zh: '警情类别', en: 'Category' },
  byKind: { zh: '分类警情', en: 'By kind' },
  rising: { zh: '上升的类别', en: 'Rising categories' },
  clusters: { zh: '重复警情', en: 'Repeat clusters' },
  inWeek: { zh: '本周', en: 'In week' },
  overall: { zh: '累计', en: 'Total' },
  level: { zh: '等级', en: 'Level' },
  warnings: { zh: '未关闭的预警', en: 'Open warnings' },
  reason: { zh: '原因', en: 'Why' },
  owner: { zh: '责任人', en: 'Owner' },
  deadline: { zh: '期限', en: 'Deadline' },
  status: { zh: '状态', en: 'State' },
  plan: { zh: '方案', en: 'Plan' },
  planYes: { zh: '已录入', en: 'Recorded' },
  planNo: { zh: '未录入', en: 'None' },
  overdueTag: { zh: '已逾期', en: 'Overdue' },
  complaints: { zh: '投诉与举报', en: 'Complaints and reports' },
  receivedAt: { zh: '时间', en: 'Received' },
  summary: { zh: '摘要', en: 'Summary' },
  overdueItems: { zh: '超期事项（截至 {at}）', en: 'Overdue items (as of {at})' },
  transfers: { zh: '移交逾期', en: 'Transfers overdue' },
  cases: { zh: '纠纷阶段超期', en: 'Cases past their stage deadline' },
  followups: { zh: '回访逾期', en: 'Follow-ups overdue' },
  unacknowledged: { zh: '逾期未签收', en: 'Not acknowledged' },
  unfinished: { zh: '逾期未办结', en: 'Not finished' },
  hotspots: { zh: '下周预测热点', en: 'Next week’s predicted hotspots' },
  hotspotMeta: {
    zh: '方法 {method}，网格 {cell} 米，训练期 {from} 至 {to}，有坐标的警情 {n} 起。预测依据历史接报警情，警力投放会影响今后的接报数。',
    en: 'Method {method}, {cell} m cells, trained on {from} to {to}, {n} incidents with coordinates. Predictions follow past reports; where police go affects what gets reported.',
  },
  rank: { zh: '名次', en: 'Rank' },
  centre: { zh: '网格中心', en: 'Cell centre' },
  risk: { zh: '风险值', en: 'Risk' },
  suggestions: { zh: '工作建议', en: 'Suggested interventions' },
  noSuggestions: { zh: '本周无规则触发的建议', en: 'No rule fired this week' },
  nothing: { zh: '无', en: 'None' },
  chartLabel: { zh: '分类警情对比图：{groups}', en: 'Incidents by kind: {groups}' },
  newBase: { zh: '新增', en: 'new' },
} as const;

export type ReviewsTextKey = keyof typeof TEXT;

export function reviewsText(lang: Lang, key: ReviewsTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

// The incident kinds and the warnings' grades and states as the incident and warning pages name
// them, indexed by the plain strings the review's content carries.
export const KIND_LABELS: Readonly<Record<string, { zh: string; en: string }>> = INCIDENT_KIND_LABELS;
export const LEVEL_LABELS: Readonly<Record<string, { zh: string; en: string; color: string }>> = Object.fromEntries(
  (Object.keys(WARNING_LEVEL_LABELS) as (keyof typeof WARNING_LEVEL_LABELS)[]).map((level) => [level, { ...WARNING_LEVEL_LABELS[level], color: LEVEL_COLORS[level] }]),
);
export const WARNING_STATUS: Readonly<Record<string, { zh: string; en: string }>> = WARNING_STATUS_LABELS;

/** "+25.0%" / "-8.4%"; with no base "新增" (something from nothing) or "—". */
export function changeLabel(lang: Lang, c: Change): string {
  if (c.ratio === null) return c.current > 0 ? reviewsText(lang, 'newBase') : '—';
  const p = Math.round(c.ratio * 1000) / 10;
  return `${p > 0 ? '+' : ''}${p.toFixed(1)}%`;
}

const dotted = (day: string) => day.replaceAll('-', '.');
export const lastDay = (to: string) => new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
export const weekLabel = (w: { from: string; to: string }) => `${dotted(w.from)}–${dotted(lastDay(w.to))}`;
export const weekOf = (monday: string) => weekLabel({ from: monday, to: new Date(Date.parse(`${monday}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10) });
/** 'YYYY-MM-DD HH:mm' in Beijing time. */
export const beijing = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
};
