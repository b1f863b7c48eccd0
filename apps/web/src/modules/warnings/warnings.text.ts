import { fillParams, type Lang } from '../../app/i18n/messages';
import type { WarningLevel, WarningSource, WarningStatus } from './warnings.api';

type Words = { zh: string; en: string };

/** The warning pages' own words (and the escalation-risk panel's), Chinese first. */
const TEXT = {
  title: { zh: '预警', en: 'Warnings' },
  intro: { zh: '重复警情和民转刑风险预警：签收、制定一事一策、化解后关闭。', en: 'Repeat-incident and escalation warnings: acknowledge, record a plan (一事一策), close once resolved.' },
  back: { zh: '返回预警列表', en: 'Back to warnings' },
  notFound: { zh: '预警不存在或无权查看', en: 'Warning not found or not visible to you' },
  level: { zh: '等级', en: 'Level' },
  status: { zh: '状态', en: 'Status' },
  source: { zh: '来源', en: 'Source' },
  reason: { zh: '预警原因', en: 'Reason' },
  owner: { zh: '责任人', en: 'Owner' },
  noOwner: { zh: '未指定', en: 'Not assigned' },
  deadline: { zh: '办理期限', en: 'Deadline' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  jurisdiction: { zh: '管辖单位', en: 'Jurisdiction' },
  createdAt: { zh: '预警时间', en: 'Raised' },
  link: { zh: '关联依据', en: 'Linked by' },
  incidentCount: { zh: '{count} 起警情', en: '{count} incidents' },
  incidents: { zh: '关联警情', en: 'Linked incidents' },
  events: { zh: '处置记录', en: 'History' },
  plan: { zh: '一事一策', en: 'Plan (一事一策)' },
  planPlaceholder: { zh: '写明化解措施、责任人和时限，如：社区民警会同调解员上门调解，三日内回访。', en: 'Measures, who does them and by when.' },
  closedReason: { zh: '关闭原因', en: 'Reason for closing' },
  closePlaceholder: { zh: '如：矛盾已化解，双方签订调解协议。', en: 'E.g. the dispute is resolved; both sides signed an agreement.' },
  acknowledge: { zh: '签收预警', en: 'Acknowledge' },
  acknowledgeHint: { zh: '签收表示已知悉并开始处置。', en: 'Acknowledging says you know of it and are acting on it.' },
  recordPlan: { zh: '记录一事一策', en: 'Record plan' },
  close: { zh: '关闭预警', en: 'Close warning' },
  acknowledged: { zh: '已签收', en: 'Acknowledged' },
  planned: { zh: '一事一策已记录', en: 'Plan recorded' },
  closed: { zh: '预警已关闭', en: 'Warning closed' },
  nextStep: { zh: '下一步', en: 'Next step' },
  readOnly: { zh: '您的角色可以查看预警，处置由民警办理。', en: 'Your role may read warnings; the police work them.' },
  required: { zh: '请填写{field}', en: '{field} is required' },
  system: { zh: '系统', en: 'System' },
  clearFilters: { zh: '清除筛选', en: 'Clear filters' },
  empty: { zh: '没有符合条件的预警', en: 'No warnings match' },
  // Escalation-risk panel on the incident page.
  riskTitle: { zh: '民转刑风险评估', en: 'Escalation risk (民转刑)' },
  riskScore: { zh: '风险评分', en: 'Risk score' },
  riskFactor: { zh: '评分因素', en: 'Factor' },
  riskPoints: { zh: '分值', en: 'Points' },
  riskEvidence: { zh: '依据', en: 'Evidence' },
  riskNone: { zh: '尚未评分', en: 'Not scored yet' },
  riskHint: { zh: '评分由纠纷类型、重复报警、威胁和暴力用语（中文分词识别）、伤情及当事人既往涉警情况相加，满分 100。', en: 'The sum of dispute type, repeat calls, threat and violence words (found by Chinese word segmentation), injuries and the parties’ earlier incidents; at most 100.' },
  riskLow: { zh: '低', en: 'Low' },
} as const satisfies Record<string, Words>;

export type WarningTextKey = keyof typeof TEXT;

export function warningText(lang: Lang, key: WarningTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export const LEVEL_LABELS: Record<WarningLevel, Words> = {
  red: { zh: '红色预警', en: 'Red' },
  orange: { zh: '橙色预警', en: 'Orange' },
  yellow: { zh: '黄色预警', en: 'Yellow' },
  blue: { zh: '蓝色预警', en: 'Blue' },
};

export const LEVEL_COLORS: Record<WarningLevel, string> = { red: 'red', orange: 'orange', yellow: 'gold', blue: 'blue' };

export const STATUS_LABELS: Record<WarningStatus, Words> = {
  open: { zh: '待签收', en: 'Open' },
  acknowledged: { zh: '已签收', en: 'Acknowledged' },
  planned: { zh: '已定策', en: 'Plan recorded' },
  closed: { zh: '已关闭', en: 'Closed' },
};

export const STATUS_COLORS: Record<WarningStatus, string> = { open: 'red', acknowledged: 'orange', planned: 'blue', closed: 'default' };

export const SOURCE_LABELS: Record<WarningSource, Words> = {
  repeat: { zh: '重复警情', en: 'Repeat incidents' },
  escalation: { zh: '民转刑风险', en: 'Escalation risk' },
};

export const LINK_BY_LABELS: Record<'address' | 'phone' | 'party', Words> = {
  address: { zh: '同一地址', en: 'Same address' },
  phone: { zh: '同一报警电话', en: 'Same caller phone' },
  party: { zh: '同一当事人', en: 'Same party' },
};

/** Labels of the escalation score's factor keys (incidents.risk.rules.ts on the API). */
export const FACTOR_LABELS: Record<string, Words> = {
  category: { zh: '纠纷类型', en: 'Dispute type' },
  repetition: { zh: '重复报警', en: 'Repeat calls' },
  threat_words: { zh: '威胁用语', en: 'Threat words' },
  violence_words: { zh: '暴力用语', en: 'Violence words' },
  injury: { zh: '伤情', en: 'Injuries' },
  party_history: { zh: '当事人既往涉警', en: 'Parties’ earlier incidents' },
};
