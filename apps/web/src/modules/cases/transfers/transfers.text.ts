import { fillParams, type Lang } from '../../../app/i18n/messages';
import type { SignatureStatus, TransferKind, TransferStatus, TransferUpdateKind } from './transfers.api';

type Words = { zh: string; en: string };

/** The transfer (两书一函) and agreement (调解协议书) panels' own words, Chinese first. */
const TEXT = {
  transfersTitle: { zh: '移交（两书一函）', en: 'Transfers (两书一函)' },
  send: { zh: '移交责任单位', en: 'Transfer to a department' },
  sendTitle: { zh: '生成并发送移交文书', en: 'Issue a transfer letter' },
  kind: { zh: '文书种类', en: 'Letter' },
  department: { zh: '责任单位', en: 'Partner department' },
  departmentHint: { zh: '本派出所、上级及辖区内的责任单位', en: "Departments of the station, the units above it or inside it" },
  note: { zh: '移交说明', en: 'Note to the department' },
  notePlaceholder: { zh: '写明请对方办理的事项，如：请组织人民调解员于三日内联系双方当事人。', en: 'What the department is asked to do.' },
  sendOk: { zh: '已生成移交文书并发送', en: 'Transfer letter issued' },
  cancel: { zh: '取消', en: 'Cancel' },
  submit: { zh: '发送', en: 'Send' },
  empty: { zh: '尚未移交', en: 'No transfers yet' },
  sentAt: { zh: '发送', en: 'Sent' },
  ackDue: { zh: '签收期限', en: 'Acknowledge by' },
  due: { zh: '办结期限', en: 'Finish by' },
  ackOverdue: { zh: '逾期未签收', en: 'Not acknowledged in time' },
  overdue: { zh: '逾期未办结', en: 'Overdue' },
  rejectReason: { zh: '退回理由', en: 'Reason for rejecting' },
  result: { zh: '办理结果', en: 'Result' },
  updates: { zh: '办理进展', en: 'Updates' },
  noUpdates: { zh: '责任单位尚未反馈', en: 'No answer from the department yet' },
  pdf: { zh: 'PDF', en: 'PDF' },
  docx: { zh: 'Word', en: 'Word' },
  print: { zh: '打印', en: 'Print' },
  loadFailed: { zh: '加载失败', en: 'Could not load' },
  reload: { zh: '重试', en: 'Retry' },
  required: { zh: '请填写{field}', en: '{field} is required' },
  choose: { zh: '请选择{field}', en: 'Choose the {field}' },
  by: { zh: '{name}', en: '{name}' },
  // 调解协议书
  agreementTitle: { zh: '调解协议书', en: 'Mediation agreement' },
  agreementIntro: { zh: '按《人民调解法》第二十九条载明：当事人基本情况（由当事人信息生成）、纠纷主要事实、争议事项及各方责任、协议内容、履行方式和期限。', en: "As the People's Mediation Law art. 29 requires: the parties (from the case's parties), main facts, matters in dispute and responsibilities, the agreed terms, and the way and time limit of performance." },
  agreementNone: { zh: '尚未起草调解协议书', en: 'No agreement drafted yet' },
  draft: { zh: '起草协议书', en: 'Draft agreement' },
  edit: { zh: '修改', en: 'Edit' },
  save: { zh: '保存', en: 'Save' },
  saved: { zh: '协议书已保存', en: 'Agreement saved' },
  agreementNo: { zh: '协议编号', en: 'Number' },
  facts: { zh: '纠纷主要事实', en: 'Main facts' },
  issues: { zh: '争议事项', en: 'Matters in dispute' },
  responsibilities: { zh: '各方责任', en: 'Responsibilities' },
  terms: { zh: '协议内容', en: 'Agreed terms' },
  performance: { zh: '履行方式和期限', en: 'Way and time limit of performance' },
  mediatorNames: { zh: '调解员', en: 'Mediators' },
  signature: { zh: '签署情况', en: 'Signature' },
  signedOn: { zh: '签署日期', en: 'Signed on' },
  judicialConfirmation: { zh: '申请司法确认', en: 'Judicial confirmation' },
  judicialHint: { zh: '双方当事人可自协议生效之日起三十日内共同向人民法院申请司法确认。', en: 'The parties may jointly apply to the court within 30 days of the agreement taking effect.' },
  judicialDeadline: { zh: '司法确认申请期限', en: 'Apply by' },
  judicialApplied: { zh: '已申请司法确认', en: 'Applied on' },
  recordApplied: { zh: '登记申请日期', en: 'Record application' },
  appliedOn: { zh: '申请日期', en: 'Applied on' },
  recordSignature: { zh: '登记签署情况', en: 'Record signature' },
  signatureSaved: { zh: '签署情况已登记', en: 'Signature recorded' },
  appliedSaved: { zh: '已登记司法确认申请', en: 'Application recorded' },
  daysLeft: { zh: '剩余 {days} 天', en: '{days} days left' },
  expired: { zh: '已超过期限', en: 'Limit passed' },
  signedLocked: { zh: '协议已签署，内容不能再修改。', en: 'The agreement is signed and can no longer be changed.' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
} as const satisfies Record<string, Words>;

export type TransferTextKey = keyof typeof TEXT;

export function text(lang: Lang, key: TransferTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export function label<K extends string>(labels: Record<K, Words>, lang: Lang, key: K): string {
  return labels[key][lang];
}

export const KIND_LABELS: Record<TransferKind, Words> = {
  gongdiao: { zh: '公调对接通知单', en: 'Police–mediation referral (公调对接)' },
  liandiao: { zh: '联调联处通知单', en: 'Joint mediation notice (联调联处)' },
  weituo: { zh: '委托调解函', en: 'Mediation commission letter (委托调解)' },
};

export const STATUS_LABELS: Record<TransferStatus, Words> = {
  sent: { zh: '待签收', en: 'Awaiting' },
  accepted: { zh: '办理中', en: 'In hand' },
  rejected: { zh: '已退回', en: 'Rejected' },
  resolved: { zh: '已化解', en: 'Resolved' },
  failed: { zh: '未化解', en: 'Not resolved' },
};

export const STATUS_COLORS: Record<TransferStatus, string> = { sent: 'gold', accepted: 'blue', rejected: 'red', resolved: 'green', failed: 'volcano' };

export const UPDATE_LABELS: Record<TransferUpdateKind, Words> = {
  accepted: { zh: '接收', en: 'Accepted' },
  rejected: { zh: '退回', en: 'Rejected' },
  progress: { zh: '进展', en: 'Progress' },
  resolved: { zh: '办结（化解）', en: 'Finished: resolved' },
  failed: { zh: '办结（未化解）', en: 'Finished: not resolved' },
};

export const UPDATE_COLORS: Record<TransferUpdateKind, string> = { accepted: 'blue', rejected: 'red', progress: 'gray', resolved: 'green', failed: 'red' };

export const SIGNATURE_LABELS: Record<SignatureStatus, Words> = {
  unsigned: { zh: '未签署', en: 'Not signed' },
  partly_signed: { zh: '部分签署', en: 'Partly signed' },
  signed: { zh: '已签署', en: 'Signed' },
};

/** Today in Beijing as 'YYYY-MM-DD'. */
export function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
