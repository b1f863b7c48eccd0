import { fillParams, type Lang } from '../../app/i18n/messages';
import type { CaseResolution, CaseSort, CaseSource, CaseStage, PartySide } from './cases.api';

/** The case pages' own words, Chinese first. */
const TEXT = {
  title: { zh: '矛盾纠纷', en: 'Dispute cases' },
  new: { zh: '登记纠纷', en: 'Open a case' },
  newTitle: { zh: '登记矛盾纠纷', en: 'Open a dispute case' },
  fromIncident: { zh: '由警情 #{id} 转为矛盾纠纷：警情的简要情况、地点和当事人将自动带入。', en: 'From incident #{id}: its summary, place and parties are copied.' },
  back: { zh: '返回纠纷列表', en: 'Back to cases' },
  notFound: { zh: '纠纷不存在或无权查看', en: 'Case not found or not visible to you' },
  caseNo: { zh: '编号', en: 'Number' },
  caseTitle: { zh: '纠纷名称', en: 'Title' },
  summary: { zh: '基本情况', en: 'Summary' },
  source: { zh: '来源', en: 'Source' },
  sourceNote: { zh: '来源说明', en: 'Source note' },
  sourceNoteHint: { zh: '线索提供人、走访时间地点等', en: 'Who tipped, or when and where the visit was' },
  disputeType: { zh: '纠纷类型', en: 'Dispute type' },
  riskDomain: { zh: '风险领域', en: 'Risk domain' },
  stage: { zh: '阶段', en: 'Stage' },
  officer: { zh: '责任民警', en: 'Responsible officer' },
  leader: { zh: '包案领导', en: 'Responsible leader' },
  jurisdiction: { zh: '所属单位', en: 'Jurisdiction' },
  address: { zh: '地点', en: 'Place' },
  createdAt: { zh: '登记时间', en: 'Opened' },
  due: { zh: '阶段期限', en: 'Stage due' },
  overdue: { zh: '已超期', en: 'Overdue' },
  notOverdue: { zh: '未超期', en: 'Not overdue' },
  resolution: { zh: '办结结果', en: 'Resolution' },
  result: { zh: '结果说明', en: 'Result' },
  reopened: { zh: '重启 {n} 次', en: 'Reopened {n}×' },
  search: { zh: '搜索', en: 'Search' },
  searchPlaceholder: { zh: '编号、名称或情况', en: 'Number, title or summary' },
  fromDay: { zh: '自', en: 'From' },
  toDay: { zh: '至', en: 'To' },
  sort: { zh: '排序', en: 'Sort' },
  export: { zh: '导出台账', en: 'Export ledger' },
  clear: { zh: '清除筛选', en: 'Clear filters' },
  more: { zh: '更多筛选', en: 'More filters' },
  parties: { zh: '当事人及诉求', en: 'Parties and claims' },
  party: { zh: '当事人', en: 'Party' },
  side: { zh: '身份', en: 'Side' },
  name: { zh: '姓名', en: 'Name' },
  phone: { zh: '电话', en: 'Phone' },
  idNumber: { zh: '身份证号', en: 'Identity number' },
  claims: { zh: '诉求', en: 'Claims' },
  addParty: { zh: '添加当事人', en: 'Add party' },
  editParty: { zh: '修改当事人', en: 'Edit party' },
  removeParty: { zh: '移除', en: 'Remove' },
  removePartyConfirm: { zh: '确定移除该当事人？', en: 'Remove this party?' },
  noParties: { zh: '尚无当事人', en: 'No parties yet' },
  personLink: { zh: '人员档案', en: 'Person record' },
  incidents: { zh: '关联警情', en: 'Linked incidents' },
  linkIncident: { zh: '关联警情', en: 'Link incident' },
  incidentId: { zh: '警情编号', en: 'Incident number' },
  noIncidents: { zh: '无关联警情', en: 'No linked incidents' },
  events: { zh: '流转记录', en: 'Stage history' },
  aFile: { zh: 'A卷', en: 'A file' },
  bFile: { zh: 'B卷', en: 'B file' },
  basics: { zh: '基本信息', en: 'Basics' },
  edit: { zh: '编辑', en: 'Edit' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  submit: { zh: '登记', en: 'Open case' },
  created: { zh: '已登记', en: 'Case opened' },
  saved: { zh: '已保存', en: 'Saved' },
  moved: { zh: '阶段已变更', en: 'Stage changed' },
  reason: { zh: '理由', en: 'Reason' },
  reasonRequired: { zh: '此项变更须说明理由', en: 'This move needs a reason' },
  confirmMove: { zh: '确认', en: 'Confirm' },
  moveTitle: { zh: '{action}：{from} → {to}', en: '{action}: {from} → {to}' },
  required: { zh: '请填写{field}', en: '{field} is required' },
  none: { zh: '无', en: 'None' },
  toIncident: { zh: '转为矛盾纠纷', en: 'Open a dispute case' },
  viewCase: { zh: '查看矛盾纠纷', en: 'View dispute case' },
  personCases: { zh: '矛盾纠纷（{n}）', en: 'Dispute cases ({n})' },
  noPersonCases: { zh: '未涉及矛盾纠纷', en: 'Party to no dispute case' },
  who: { zh: '操作人', en: 'By' },
  when: { zh: '时间', en: 'When' },
} as const;

export type CaseTextKey = keyof typeof TEXT;

export function caseText(lang: Lang, key: CaseTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

type Label = { zh: string; en: string };

export const STAGE_LABELS: Record<CaseStage, Label> = {
  registered: { zh: '登记', en: 'Registered' },
  assessing: { zh: '研判评估', en: 'Assessing' },
  mediating: { zh: '调解中', en: 'Mediating' },
  transferred: { zh: '已移交', en: 'Transferred' },
  agreement: { zh: '达成协议', en: 'Agreement' },
  no_agreement: { zh: '未达成协议', en: 'No agreement' },
  follow_up: { zh: '回访跟踪', en: 'Follow-up' },
  closed: { zh: '已办结', en: 'Closed' },
};

export const STAGE_COLORS: Record<CaseStage, string> = {
  registered: 'blue',
  assessing: 'cyan',
  mediating: 'geekblue',
  transferred: 'purple',
  agreement: 'green',
  no_agreement: 'orange',
  follow_up: 'gold',
  closed: 'default',
};

export const RESOLUTION_LABELS: Record<CaseResolution, Label> = {
  resolved: { zh: '化解', en: 'Resolved' },
  transferred_tracked: { zh: '移交并跟踪', en: 'Transferred and tracked' },
  failed_escalated: { zh: '调解不成并上报', en: 'Failed and escalated' },
};

export const SOURCE_LABELS: Record<CaseSource, Label> = {
  incident: { zh: '警情', en: 'Incident' },
  cluster: { zh: '重复警情', en: 'Repeat incidents' },
  tip: { zh: '群众线索', en: 'Tip' },
  visit: { zh: '走访排查', en: 'Visit' },
  direct: { zh: '直接登记', en: 'Direct' },
};

export const SIDE_LABELS: Record<PartySide, Label> = {
  applicant: { zh: '申请方', en: 'Applicant' },
  respondent: { zh: '被申请方', en: 'Respondent' },
  other: { zh: '其他当事人', en: 'Other party' },
};

export const ACTION_LABELS: Record<string, Label> = {
  open: { zh: '登记', en: 'Open' },
  assess: { zh: '研判评估', en: 'Assess' },
  mediate: { zh: '开展调解', en: 'Mediate' },
  transfer: { zh: '移交', en: 'Transfer' },
  agree: { zh: '达成协议', en: 'Agreement' },
  fail: { zh: '调解不成', en: 'No agreement' },
  follow_up: { zh: '转入回访', en: 'Follow up' },
  close: { zh: '办结', en: 'Close' },
  reopen: { zh: '重新启动', en: 'Reopen' },
};

export const SORT_LABELS: Record<CaseSort, Label> = {
  created_desc: { zh: '最新登记', en: 'Newest' },
  created_asc: { zh: '最早登记', en: 'Oldest' },
  due_asc: { zh: '期限最近', en: 'Due soonest' },
  updated_desc: { zh: '最近更新', en: 'Recently updated' },
  case_no_asc: { zh: '按编号', en: 'By number' },
};

/** The main path of a case for the steps bar; 'transferred' and 'no_agreement' are side branches. */
export const STEP_PATH: CaseStage[] = ['registered', 'assessing', 'mediating', 'agreement', 'follow_up', 'closed'];
