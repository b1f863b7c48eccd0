import { fillParams, type Lang } from '../../app/i18n/messages';

type Words = { zh: string; en: string };

/** The partner portal's own words, Chinese first. */
const TEXT = {
  title: { zh: '移交任务', en: 'Transfers to us' },
  intro: { zh: '派出所移交给本单位的矛盾纠纷：请及时签收，办理中反馈进展，办结后反馈结果。', en: 'Disputes the police transferred to your department: acknowledge them, report progress and the result.' },
  all: { zh: '全部', en: 'All' },
  status: { zh: '状态', en: 'Status' },
  empty: { zh: '暂无移交任务', en: 'Nothing transferred to you' },
  back: { zh: '返回移交任务', en: 'Back to transfers' },
  notFound: { zh: '移交任务不存在或不属于本单位', en: 'Not found, or not addressed to your department' },
  from: { zh: '移交单位', en: 'From' },
  caseNo: { zh: '案件编号', en: 'Case number' },
  disputeType: { zh: '纠纷类型', en: 'Dispute type' },
  summary: { zh: '纠纷概况', en: 'Summary' },
  note: { zh: '移交说明', en: 'Note' },
  parties: { zh: '当事人及诉求', en: 'Parties and claims' },
  incidents: { zh: '关联警情', en: 'Linked incidents' },
  sessions: { zh: '已开展的调解', en: 'Mediation so far' },
  updates: { zh: '办理记录', en: 'History' },
  sentAt: { zh: '移交时间', en: 'Sent' },
  ackDue: { zh: '签收期限', en: 'Acknowledge by' },
  due: { zh: '办结期限', en: 'Finish by' },
  ackOverdue: { zh: '逾期未签收', en: 'Acknowledgement overdue' },
  overdue: { zh: '逾期未办结', en: 'Overdue' },
  accept: { zh: '签收并接收', en: 'Accept' },
  acceptNote: { zh: '接收意见（选填）', en: 'Note (optional)' },
  reject: { zh: '退回', en: 'Reject' },
  rejectReason: { zh: '退回理由', en: 'Reason for rejecting' },
  rejectPlaceholder: { zh: '如：不属于本单位职责范围，建议移交某某单位。', en: 'E.g. outside our remit; suggest another department.' },
  progress: { zh: '反馈进展', en: 'Report progress' },
  progressNote: { zh: '进展情况', en: 'Progress' },
  result: { zh: '反馈结果', en: 'Report result' },
  outcome: { zh: '办理结果', en: 'Outcome' },
  resolved: { zh: '已化解', en: 'Resolved' },
  failed: { zh: '未化解', en: 'Not resolved' },
  resultNote: { zh: '结果说明', en: 'What was done' },
  submit: { zh: '提交', en: 'Submit' },
  cancel: { zh: '取消', en: 'Cancel' },
  done: { zh: '已提交', en: 'Sent' },
  required: { zh: '请填写{field}', en: '{field} is required' },
  rejectedWith: { zh: '已退回：{reason}', en: 'Rejected: {reason}' },
  resultWith: { zh: '办理结果：{result}', en: 'Result: {result}' },
  documents: { zh: '移交文书', en: 'Letter' },
  loadFailed: { zh: '加载失败', en: 'Could not load' },
  reload: { zh: '重试', en: 'Retry' },
  none: { zh: '无', en: 'None' },
} as const satisfies Record<string, Words>;

export type PartnerTextKey = keyof typeof TEXT;

export function ptext(lang: Lang, key: PartnerTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export const SIDE_LABELS: Record<'applicant' | 'respondent' | 'other', Words> = {
  applicant: { zh: '申请人', en: 'Applicant' },
  respondent: { zh: '被申请人', en: 'Respondent' },
  other: { zh: '其他当事人', en: 'Other party' },
};

export const OUTCOME_LABELS: Record<'agreed' | 'partial' | 'adjourned' | 'failed', Words> = {
  agreed: { zh: '达成协议', en: 'Agreed' },
  partial: { zh: '部分达成', en: 'Partly agreed' },
  adjourned: { zh: '择期再调', en: 'Adjourned' },
  failed: { zh: '调解不成', en: 'Failed' },
};
