import { api } from '../../app/api';

export const WARNING_LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];
export const WARNING_STATUSES = ['open', 'acknowledged', 'planned', 'closed'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];
export const WARNING_SOURCES = ['repeat', 'escalation'] as const;
export type WarningSource = (typeof WARNING_SOURCES)[number];

/** A graded warning: from a repeat-incident cluster, or from one dispute's escalation score. */
export interface Warning {
  id: number;
  source: WarningSource;
  clusterId: number | null;
  incidentId: number | null;
  linkBy: 'address' | 'phone' | 'party' | null;
  linkValue: string | null;
  incidentCount: number;
  level: WarningLevel;
  reason: string;
  ownerUserId: number | null;
  ownerName: string | null;
  /** 'YYYY-MM-DD' (Beijing calendar date). */
  deadline: string;
  status: WarningStatus;
  plan: string | null;
  closedReason: string | null;
  jurisdictionId: number;
  jurisdictionName: string;
  createdAt: string;
  updatedAt: string;
}

export interface WarningDetail extends Warning {
  incidents: { id: number; receivedAt: string; categoryCode: string; summary: string; addressText: string | null; callerPhone: string | null; status: string }[];
  events: { actorName: string; at: string; fromStatus: WarningStatus | null; toStatus: WarningStatus; note: string | null }[];
}

export interface WarningFilters {
  status?: WarningStatus;
  level?: WarningLevel;
  source?: WarningSource;
  incidentId?: number;
}

export const warningsApi = {
  list: (filters: WarningFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: Warning[]; total: number }>('/api/warnings', { ...filters }, signal),
  get: (id: number, signal?: AbortSignal) => api.get<WarningDetail>(`/api/warnings/${id}`, undefined, signal),
  acknowledge: (id: number) => api.post<WarningDetail>(`/api/warnings/${id}/acknowledge`),
  plan: (id: number, plan: string) => api.post<WarningDetail>(`/api/warnings/${id}/plan`, { plan }),
  close: (id: number, reason: string) => api.post<WarningDetail>(`/api/warnings/${id}/close`, { reason }),
};

const BEIJING_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A warning still open after its deadline day (Beijing calendar) is overdue. */
export function isOverdue(w: Pick<Warning, 'deadline' | 'status'>, now: Date = new Date()): boolean {
  return w.status !== 'closed' && w.deadline < BEIJING_DATE.format(now);
}
