import { fillParams, type Lang } from '../../app/i18n/messages';
import type { FollowupKind } from './myday.api';

/** Words of the follow-up panel, the daily list (日清), the monthly ledger (月结) and the notification bell, Chinese first. */
const TEXT = {
  // follow-ups (三访)
  followups: { zh: '回访（三访）', en: 'Follow-up visits' },
  followupsHint: {
    zh: '案件办结后按设定的天数自动安排电话回访、实地走访和社区回访；回访发现复发时案件重新办理。',
    en: 'After closure, a phone callback, a field visit and a community revisit are scheduled at the configured offsets; a relapse reopens the case.',
  },
  followupsNone: { zh: '尚无回访安排（案件办结后自动安排）', en: 'No visits yet (scheduled when the case is closed)' },
  dueOn: { zh: '应访日期', en: 'Due' },
  assigned: { zh: '责任人', en: 'Assigned to' },
  status: { zh: '状态', en: 'Status' },
  finding: { zh: '回访情况', en: 'Finding' },
  findingPlaceholder: { zh: '回访对象、方式、当事人履行协议情况、有无新的矛盾……', en: 'Whom you reached, how, whether the agreement is kept, any new trouble…' },
  pending: { zh: '待回访', en: 'Pending' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  done: { zh: '已回访', en: 'Done' },
  relapse: { zh: '发现复发', en: 'Relapse' },
  relapseQuestion: { zh: '纠纷是否复发', en: 'Has the dispute relapsed?' },
  relapseHint: {
    zh: '选择“复发”后，案件将重新进入研判评估阶段，其余未完成的回访取消，重新办结时再安排新的回访。',
    en: 'A relapse reopens the case (back to assessing) and cancels the remaining visits; closing it again schedules a new set.',
  },
  incidentId: { zh: '关联的新警情编号（可选）', en: 'New incident number (optional)' },
  incidentHint: { zh: '复发已报警的，填写该警情编号，将作为“复发”关联到本案。', en: 'If the relapse was reported, its incident is linked to this case as a relapse.' },
  record: { zh: '记录回访', en: 'Record visit' },
  recordTitle: { zh: '记录{kind}', en: 'Record: {kind}' },
  recorded: { zh: '回访已记录', en: 'Visit recorded' },
  relapsed: { zh: '已记录复发，案件已重新办理', en: 'Relapse recorded: the case is reopened' },
  doneBy: { zh: '{name} 于 {at} 回访', en: 'By {name} at {at}' },
  findingRequired: { zh: '请填写回访情况', en: 'Describe what you found' },
  no: { zh: '否', en: 'No' },
  yes: { zh: '是，复发', en: 'Yes, relapsed' },
  // daily list (日清)
  myDayTitle: { zh: '今日工作（日清）', en: 'My day' },
  myDayStationTitle: { zh: '今日工作（日清）· 全所', en: 'My day · whole station' },
  date: { zh: '日期', en: 'Date' },
  prevDay: { zh: '前一天', en: 'Previous day' },
  nextDay: { zh: '后一天', en: 'Next day' },
  today: { zh: '今天', en: 'Today' },
  dueToday: { zh: '今日到期', en: 'Due today' },
  overdueTab: { zh: '已逾期', en: 'Overdue' },
  newTab: { zh: '新案件', en: 'New' },
  upcomingTab: { zh: '待回访', en: 'Upcoming visits' },
  nothing: { zh: '没有待办事项', en: 'Nothing here' },
  unassigned: { zh: '未指定民警', en: 'No officer assigned' },
  itemFollowup: { zh: '{kind}', en: '{kind}' },
  itemStage: { zh: '阶段期限（{stage}）', en: 'Stage deadline ({stage})' },
  itemUnack: { zh: '移交未签收：{department}', en: 'Transfer not acknowledged: {department}' },
  itemTransferOverdue: { zh: '移交超期未办结：{department}', en: 'Transfer overdue: {department}' },
  itemNew: { zh: '新登记（{stage}）', en: 'New case ({stage})' },
  dueAt: { zh: '期限 {at}', en: 'Due {at}' },
  createdAt: { zh: '登记于 {at}', en: 'Opened {at}' },
  myDayIntro: {
    zh: '今日到期：今天应回访的案件、今天到期的阶段；已逾期：超期的回访、阶段和移交；新案件：昨天和今天登记、由您负责的案件；待回访：已安排、尚未到期的回访。',
    en: 'Due today: visits and stage deadlines of the day; overdue: late visits, stages and transfers; new: cases assigned to you opened yesterday or today; upcoming: visits scheduled for later days.',
  },
  // monthly ledger (月结)
  ledgerTitle: { zh: '月结台账', en: 'Monthly ledger' },
  month: { zh: '月份', en: 'Month' },
  prevMonth: { zh: '上个月', en: 'Previous month' },
  nextMonth: { zh: '下个月', en: 'Next month' },
  export: { zh: '导出台账 Excel', en: 'Export to Excel' },
  exported: { zh: '台账已导出', en: 'Ledger exported' },
  registered: { zh: '登记（排查）', en: 'Registered' },
  closed: { zh: '办结', en: 'Closed' },
  resolved: { zh: '化解', en: 'Resolved' },
  transferred: { zh: '移交', en: 'Transferred' },
  relapsedCol: { zh: '复发', en: 'Relapsed' },
  openAtMonthEnd: { zh: '月末在办', en: 'Open at month end' },
  rate: { zh: '化解率', en: 'Resolution rate' },
  total: { zh: '合计', en: 'Total' },
  unitStation: { zh: '派出所', en: 'Station' },
  unitCommunity: { zh: '社区/村', en: 'Community / village' },
  unitSelf: { zh: '单位', en: 'Unit' },
  byType: { zh: '按纠纷类型', en: 'By dispute type' },
  byUnit: { zh: '按单位', en: 'By unit' },
  details: { zh: '本月案件明细（{n} 件）', en: 'Cases of the month ({n})' },
  caseNo: { zh: '编号', en: 'Case no.' },
  registeredOn: { zh: '登记日期', en: 'Registered' },
  disputeType: { zh: '纠纷类型', en: 'Type' },
  parties: { zh: '当事人', en: 'Parties' },
  summary: { zh: '简要情况', en: 'Summary' },
  leader: { zh: '包案领导', en: 'Leader' },
  officer: { zh: '责任民警', en: 'Officer' },
  resultCol: { zh: '化解情况', en: 'Result' },
  closedOn: { zh: '办结日期', en: 'Closed on' },
  up: { zh: '返回上一级', en: 'Up one level' },
  drill: { zh: '查看 {name} 的台账', en: 'Open the ledger of {name}' },
  chartLabel: { zh: '按纠纷类型的登记与化解柱状图：{groups}', en: 'Registered and resolved by dispute type: {groups}' },
  definitions: {
    zh: '口径：登记＝本月新登记；办结＝本月办结（同一案件多次办结按最后一次）；化解＝本月办结且结果为“化解”；移交＝本月发出两书一函；复发＝本月回访发现复发；月末在办＝月末尚未办结；化解率＝化解 ÷ 办结。按北京时间自然月统计。',
    en: 'Registered: opened in the month; closed: closed in the month (a case counts once, by its last closure); resolved: closed in the month as resolved; transferred: a transfer letter sent in the month; relapsed: a relapse found on a visit in the month; open at month end: not closed when the month ended; resolution rate = resolved ÷ closed. Calendar months in Beijing time.',
  },
  // notifications
  notifications: { zh: '通知', en: 'Notifications' },
  notificationsUnread: { zh: '通知（{n} 条未读）', en: 'Notifications ({n} unread)' },
  readAll: { zh: '全部标为已读', en: 'Mark all as read' },
  noNotifications: { zh: '暂无通知', en: 'No notifications' },
} as const;

export type MyDayTextKey = keyof typeof TEXT;

export function mydayText(lang: Lang, key: MyDayTextKey, params: Record<string, string | number> = {}): string {
  return fillParams(TEXT[key][lang], params);
}

export const FOLLOWUP_KIND_LABELS: Record<FollowupKind, { zh: string; en: string }> = {
  phone: { zh: '电话回访', en: 'Phone callback' },
  field: { zh: '实地走访', en: 'Field visit' },
  community: { zh: '社区回访', en: 'Community revisit' },
};

export const STAGE_LABELS: Record<string, { zh: string; en: string }> = {
  registered: { zh: '登记', en: 'Registered' },
  assessing: { zh: '研判评估', en: 'Assessing' },
  mediating: { zh: '调解中', en: 'Mediating' },
  transferred: { zh: '已移交', en: 'Transferred' },
  agreement: { zh: '达成协议', en: 'Agreement reached' },
  no_agreement: { zh: '未达成协议', en: 'No agreement' },
  follow_up: { zh: '回访跟踪', en: 'Follow-up' },
  closed: { zh: '已办结', en: 'Closed' },
};

export const RESOLUTION_LABELS: Record<string, { zh: string; en: string }> = {
  resolved: { zh: '化解', en: 'Resolved' },
  transferred_tracked: { zh: '移交并跟踪', en: 'Transferred and tracked' },
  failed_escalated: { zh: '调解不成并上报', en: 'Failed and escalated' },
};

export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
