import { fillParams, type Lang } from '../../app/i18n/messages';
import type { IncidentKind, IncidentStatus } from './incidents.api';

/** The incident pages' own words, Chinese first; kept beside the pages that use them. */
const TEXT = {
  title: { zh: '警情', en: 'Incidents' },
  new: { zh: '登记警情', en: 'Register incident' },
  newTitle: { zh: '接警登记', en: 'Register an incident' },
  newIntro: { zh: '现场报警和电话报警在此登记；同一张表单重复提交不会产生两条警情。', en: 'For walk-in and phone reports; submitting the same form twice never creates two incidents.' },
  back: { zh: '返回警情列表', en: 'Back to incidents' },
  notFound: { zh: '警情不存在或无权查看', en: 'Incident not found or not visible to you' },
  receivedAt: { zh: '接警时间', en: 'Received' },
  channel: { zh: '来源渠道', en: 'Channel' },
  category: { zh: '警情类别', en: 'Category' },
  kind: { zh: '警情大类', en: 'Kind' },
  summary: { zh: '简要警情', en: 'Summary' },
  narrative: { zh: '报警内容', en: 'Narrative' },
  callerName: { zh: '报警人', en: 'Caller' },
  callerPhone: { zh: '联系电话', en: 'Phone' },
  address: { zh: '发案地址', en: 'Address' },
  addressText: { zh: '报警地址（原文）', en: 'Address as reported' },
  addressPlaceholder: { zh: '按报警人所述填写，如：东湖新村3栋2单元502', en: 'As the caller said it, e.g. 东湖新村3栋2单元502' },
  standardAddress: { zh: '匹配标准地址', en: 'Matched standard address' },
  confidence: { zh: '匹配可信度', en: 'Confidence' },
  noMatch: { zh: '未匹配', en: 'Not matched' },
  coordinates: { zh: '坐标（可选）', en: 'Coordinates (optional)' },
  coords: { zh: '坐标', en: 'Coordinates' },
  lat: { zh: '纬度', en: 'Latitude' },
  lon: { zh: '经度', en: 'Longitude' },
  riskDomain: { zh: '风险领域', en: 'Risk domain' },
  disputeType: { zh: '纠纷类型', en: 'Dispute type' },
  jurisdiction: { zh: '管辖单位', en: 'Jurisdiction' },
  status: { zh: '状态', en: 'Status' },
  dateRange: { zh: '接警日期', en: 'Received between' },
  timeline: { zh: '处置时间', en: 'Timeline' },
  dispatchedAt: { zh: '派警时间', en: 'Dispatched' },
  arrivedAt: { zh: '到场时间', en: 'Arrived' },
  handledAt: { zh: '处置完毕', en: 'Handled' },
  closedAt: { zh: '结警时间', en: 'Closed' },
  createdAt: { zh: '录入时间', en: 'Entered' },
  externalRef: { zh: '外部编号', en: 'External reference' },
  submit: { zh: '提交登记', en: 'Register' },
  cancel: { zh: '取消', en: 'Cancel' },
  created: { zh: '警情已登记', en: 'Incident registered' },
  required: { zh: '请填写{field}', en: '{field} is required' },
  timeZoneHint: { zh: '北京时间', en: 'China Standard Time' },
  caseSolved: { zh: '登记破案', en: 'Mark case solved' },
  caseSolvedAt: { zh: '破案时间', en: 'Solved' },
  caseNotSolved: { zh: '未破案', en: 'Not solved yet' },
  caseSolvedTime: { zh: '破案时间（北京时间）', en: 'Solved at (China Standard Time)' },
  caseSolvedConfirm: { zh: '确认登记破案？', en: 'Mark this case solved?' },
  caseSolvedConfirmBody: { zh: '破案时间：{at}。登记后不能撤销，并计入统计分析的破案数。', en: 'Solved at {at}. This cannot be undone and counts in the statistics as a solved case.' },
  caseSolvedDone: { zh: '已登记破案', en: 'Case marked solved' },
  caseSolvedTimeRequired: { zh: '请填写破案时间', en: 'Enter when the case was solved' },
  caseSolvedInFuture: { zh: '破案时间不能晚于现在', en: 'Must not be in the future' },
} as const;

export type TextKey = keyof typeof TEXT;

export function text(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export const KIND_LABELS: Record<IncidentKind, { zh: string; en: string }> = {
  criminal: { zh: '刑事', en: 'Criminal' },
  public_order: { zh: '治安', en: 'Public order' },
  traffic: { zh: '交通', en: 'Traffic' },
  fire: { zh: '火灾', en: 'Fire' },
  help: { zh: '求助', en: 'Help' },
  dispute: { zh: '纠纷', en: 'Dispute' },
  report: { zh: '举报', en: 'Report' },
  complaint: { zh: '投诉', en: 'Complaint' },
  other: { zh: '其他', en: 'Other' },
};

export const KIND_COLORS: Record<IncidentKind, string> = {
  criminal: 'red',
  public_order: 'volcano',
  traffic: 'gold',
  fire: 'magenta',
  help: 'green',
  dispute: 'orange',
  report: 'blue',
  complaint: 'purple',
  other: 'default',
};

export const STATUS_LABELS: Record<IncidentStatus, { zh: string; en: string }> = {
  received: { zh: '已接警', en: 'Received' },
  dispatched: { zh: '已派警', en: 'Dispatched' },
  arrived: { zh: '已到场', en: 'Arrived' },
  handled: { zh: '已处置', en: 'Handled' },
  closed: { zh: '已结警', en: 'Closed' },
};

export const STATUS_COLORS: Record<IncidentStatus, string> = {
  received: 'blue',
  dispatched: 'cyan',
  arrived: 'geekblue',
  handled: 'green',
  closed: 'default',
};
