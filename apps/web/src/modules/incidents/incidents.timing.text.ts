import { fillParams, type Lang } from '../../app/i18n/messages';
import type { IncidentOutcome } from './incidents.api';

/** Words of the incident progress panel and the 1-3-5 report page, Chinese first. */
const TEXT = {
  progress: { zh: '处置进度', en: 'Progress' },
  skipped: { zh: '未经此环节', en: 'Skipped' },
  pending: { zh: '待办', en: 'Pending' },
  nextStep: { zh: '标记为“{status}”', en: 'Mark as “{status}”' },
  stepTime: { zh: '发生时间（可选，北京时间，默认现在）', en: 'When it happened (optional, China Standard Time; default now)' },
  stepDone: { zh: '状态已更新', en: 'Status updated' },
  compliant: { zh: '1-3-5 达标', en: '1-3-5 met' },
  late: { zh: '1-3-5 超时', en: '1-3-5 missed' },
  notArrived: { zh: '尚未到场', en: 'Not arrived yet' },
  noStandard: { zh: '无适用标准', en: 'No standard applies' },
  dispatchTook: { zh: '派警用时 {seconds}（标准 {limit}）', en: 'Dispatched in {seconds} (standard {limit})' },
  arriveTook: { zh: '到场用时 {seconds}（标准 {limit}）', en: 'Arrived in {seconds} (standard {limit})' },
  outcome: { zh: '处置结果', en: 'Outcome' },
  outcomeNone: { zh: '尚未录入', en: 'Not recorded' },
  outcomeHint: { zh: '到场或处置完毕后、结警前录入；结警须先录入处置结果。', en: 'Recorded after arrival (or desk handling) and before closure; closing needs an outcome.' },
  caseNumber: { zh: '案件编号', en: 'Case number' },
  caseCategory: { zh: '案件类别（GA 240.1）', en: 'Case category (GA 240.1)' },
  note: { zh: '备注', en: 'Note' },
  recordOutcome: { zh: '录入处置结果', en: 'Record outcome' },
  replaceOutcome: { zh: '更改处置结果', en: 'Change outcome' },
  outcomeSaved: { zh: '处置结果已保存', en: 'Outcome saved' },
  caseNumberRequired: { zh: '立案须填写案件编号', en: 'A case needs its case number' },
  outcomeRequired: { zh: '请选择处置结果', en: 'Choose an outcome' },
  disputeLater: { zh: '矛盾纠纷案件模块上线后将自动建档；目前记录为处置结果。', en: 'Opens a dispute case once that module is available; recorded as the outcome for now.' },
  timeline: { zh: '处置经过', en: 'Timeline' },
  timelineEmpty: { zh: '暂无记录', en: 'Nothing recorded yet' },
  system: { zh: '系统', en: 'System' },
  viewWarning: { zh: '查看预警', en: 'View warning' },
  timingTitle: { zh: '1-3-5 出警统计', en: '1-3-5 response report' },
  timingIntro: {
    zh: '1 分钟内派警；城区（社区、警务室、派出所辖区）3 分钟内到场，农村（行政村）5 分钟内到场。按接警时间统计。',
    en: 'Dispatch within 1 minute; arrival within 3 minutes in town (communities, police rooms, station areas) and 5 minutes in villages. By time of receipt.',
  },
  timingLink: { zh: '1-3-5 出警统计', en: '1-3-5 report' },
  period: { zh: '接警日期', en: 'Received between' },
  groupBy: { zh: '分组', en: 'Group by' },
  byStation: { zh: '按派出所', en: 'By station' },
  byDay: { zh: '按日', en: 'By day' },
  station: { zh: '派出所', en: 'Station' },
  day: { zh: '日期', en: 'Day' },
  count: { zh: '警情数', en: 'Incidents' },
  dispatched: { zh: '已派警', en: 'Dispatched' },
  arrived: { zh: '已到场', en: 'Arrived' },
  compliantCount: { zh: '达标数', en: 'Met' },
  rate: { zh: '达标率', en: 'Rate' },
  dispatchMedian: { zh: '派警中位数', en: 'Dispatch median' },
  dispatchP90: { zh: '派警 P90', en: 'Dispatch p90' },
  arriveMedian: { zh: '到场中位数', en: 'Arrival median' },
  arriveP90: { zh: '到场 P90', en: 'Arrival p90' },
  total: { zh: '合计', en: 'Total' },
  chartLabel: { zh: '1-3-5 达标率图：{groups}', en: '1-3-5 compliance chart: {groups}' },
  rateAxis: { zh: '达标率（%）', en: 'Rate (%)' },
  standards: { zh: '现行标准', en: 'Standards in force' },
  standardRow: { zh: '{area}：派警 {dispatch}，到场 {arrive}', en: '{area}: dispatch {dispatch}, arrival {arrive}' },
  seconds: { zh: '{n} 秒', en: '{n} s' },
  minutes: { zh: '{m} 分 {s} 秒', en: '{m} min {s} s' },
  wholeMinutes: { zh: '{m} 分钟', en: '{m} min' },
} as const;

export type TimingTextKey = keyof typeof TEXT;

export function timingText(lang: Lang, key: TimingTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export const OUTCOME_LABELS: Record<IncidentOutcome, { zh: string; en: string }> = {
  administrative_case: { zh: '立为行政案件', en: 'Administrative case' },
  criminal_case: { zh: '立为刑事案件', en: 'Criminal case' },
  dispute_case: { zh: '转为矛盾纠纷案件', en: 'Dispute case' },
  help_given: { zh: '已提供帮助', en: 'Help given' },
  no_action: { zh: '无需进一步处理', en: 'No further action' },
};

export const AREA_KIND_LABELS: Record<string, { zh: string; en: string }> = {
  bureau: { zh: '县局', en: 'County' },
  station: { zh: '派出所辖区', en: 'Station area' },
  community: { zh: '社区', en: 'Community' },
  village: { zh: '行政村', en: 'Village' },
  police_room: { zh: '警务室', en: 'Police room' },
  grid: { zh: '网格', en: 'Grid' },
};

/** 75 s → "1 分 15 秒"; under a minute in seconds; null → "—". */
export function duration(lang: Lang, seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.round(seconds);
  if (whole < 60) return timingText(lang, 'seconds', { n: Number.isInteger(seconds) ? seconds : seconds.toFixed(1) });
  const m = Math.floor(whole / 60);
  return whole % 60 === 0 ? timingText(lang, 'wholeMinutes', { m }) : timingText(lang, 'minutes', { m, s: whole % 60 });
}
