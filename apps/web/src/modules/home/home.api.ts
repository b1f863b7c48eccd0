import type { JurisdictionKind, Role } from '@fengqiao/shared';
import { api } from '../../app/api';

export interface DashboardSummary {
  jurisdiction: { id: number; name: string; kind: JurisdictionKind };
  figures: { key: string; value: number }[];
  usersByRole?: { role: Role; count: number }[];
}

export const homeApi = {
  summary: (signal?: AbortSignal) => api.get<DashboardSummary>('/api/dashboard/summary', undefined, signal),
};
