import { api, downloadFile } from '../../app/api';

export interface AuditEvent {
  id: number;
  at: string;
  actorName: string;
  actorRole: string;
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  jurisdictionId: number | null;
  ip: string | null;
  requestId: string | null;
  change: Record<string, unknown> | null;
}

export interface AuditFilters {
  userId?: number;
  entityType?: string;
  action?: string;
  /** ISO instants, inclusive. */
  from?: string;
  to?: string;
}

export const auditApi = {
  list: (filters: AuditFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: AuditEvent[]; total: number }>('/api/audit', { ...filters }, signal),
  exportXlsx: (filters: AuditFilters) => downloadFile('/api/audit/export.xlsx', { ...filters }, 'audit.xlsx'),
};
