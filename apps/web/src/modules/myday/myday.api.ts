import { api, downloadFile } from '../../app/api';

export type FollowupKind = 'phone' | 'field' | 'community';

export interface Followup {
  id: number;
  caseId: number;
  kind: FollowupKind;
  dueOn: string;
  assignedUserId: number | null;
  assignedName: string | null;
  doneAt: string | null;
  doneByName: string | null;
  finding: string | null;
  relapse: boolean;
  relapseIncidentId: number | null;
  overdue: boolean;
  scheduledAt: string;
}

export interface CaseFollowups {
  caseId: number;
  stage: string;
  items: Followup[];
  abilities: { record: boolean };
}

export interface RecordInput {
  finding: string;
  relapse: boolean;
  incidentId?: number;
}

export interface MyDayItem {
  type: 'followup' | 'stage' | 'transfer' | 'new';
  caseId: number;
  caseNo: string;
  title: string;
  stage: string;
  disputeType: string;
  due: string | null;
  followupId: number | null;
  followupKind: FollowupKind | null;
  transferId: number | null;
  departmentName: string | null;
  late: 'unacknowledged' | 'overdue' | null;
}

export interface MyDayCounts {
  dueToday: number;
  overdue: number;
  new: number;
  upcoming: number;
}

export interface MyDayGroup {
  officerId: number | null;
  officerName: string | null;
  counts: MyDayCounts;
  dueToday: MyDayItem[];
  overdue: MyDayItem[];
  new: MyDayItem[];
  /** Visits scheduled after the day. */
  upcoming: MyDayItem[];
}

export interface MyDay {
  date: string;
  mode: 'own' | 'station';
  counts: MyDayCounts;
  groups: MyDayGroup[];
  canRecord: boolean;
}

export interface LedgerFigures {
  registered: number;
  closed: number;
  resolved: number;
  transferred: number;
  relapsed: number;
  openAtMonthEnd: number;
  resolutionRate: number | null;
}

export interface LedgerCase {
  id: number;
  caseNo: string;
  registeredOn: string;
  disputeType: string;
  disputeTypeName: string;
  title: string;
  summary: string;
  parties: string[];
  leaderName: string | null;
  officerName: string | null;
  jurisdictionName: string;
  statusAtMonthEnd: string;
  statusName: string;
  closedOn: string | null;
  registered: boolean;
  closed: boolean;
  resolved: boolean;
  transferred: boolean;
  relapsed: boolean;
}

export interface Ledger {
  month: string;
  jurisdiction: { id: number; name: string; kind: string };
  unitKind: 'station' | 'community' | 'self';
  total: LedgerFigures;
  byUnit: (LedgerFigures & { jurisdictionId: number; name: string })[];
  byType: (LedgerFigures & { code: string; name: string })[];
  cases: LedgerCase[];
}

export interface AppNotification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export const followupsApi = {
  ofCase: (caseId: number, signal?: AbortSignal) => api.get<CaseFollowups>(`/api/cases/${caseId}/followups`, undefined, signal),
  record: (id: number, input: RecordInput) => api.post<CaseFollowups & { relapsed: boolean }>(`/api/followups/${id}/record`, input),
  myDay: (date: string | undefined, signal?: AbortSignal) => api.get<MyDay>('/api/my-day', { date }, signal),
  ledger: (q: { month: string; jurisdictionId?: number | undefined }, signal?: AbortSignal) => api.get<Ledger>('/api/cases/ledger', q, signal),
  exportLedger: (q: { month: string; jurisdictionId?: number | undefined }) => downloadFile('/api/cases/ledger.xlsx', q, `ledger-${q.month}.xlsx`),
};

export const notificationsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: AppNotification[]; unread: number }>('/api/notifications', { limit: 30 }, signal),
  read: (id: number) => api.post<{ unread: number }>(`/api/notifications/${id}/read`),
  readAll: () => api.post<{ updated: number; unread: number }>('/api/notifications/read-all'),
};

/** Today's date in Beijing ('YYYY-MM-DD'), whatever the browser's zone. */
export function beijingToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
