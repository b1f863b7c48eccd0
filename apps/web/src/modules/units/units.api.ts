import { api, downloadFile } from '../../app/api';

export const UNIT_KINDS = ['enterprise', 'shop', 'venue', 'school', 'key_place', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: number;
  name: string;
  kind: UnitKind;
  creditCode: string | null;
  /** False: well formed, but the GB 32100 check character does not match. */
  creditCodeOk: boolean | null;
  addressId: number | null;
  addressName: string | null;
  jurisdictionId: number;
  jurisdictionName: string;
  legalRepresentative: string | null;
  contactPhone: string | null;
  employees: number | null;
  keyPlace: boolean;
  notes: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UnitDetail extends Unit {
  warnings: { field: string; rule: string; message: string }[];
  abilities: { edit: boolean };
}

export interface UnitFilters {
  q?: string;
  kind?: UnitKind;
  keyPlace?: boolean;
  creditWarning?: boolean;
  includeArchived?: boolean;
  jurisdictionId?: number;
  addressId?: number;
}

export interface UnitInput {
  name?: string;
  kind?: UnitKind;
  creditCode?: string | null;
  addressId?: number | null;
  jurisdictionId?: number;
  legalRepresentative?: string | null;
  contactPhone?: string | null;
  employees?: number | null;
  keyPlace?: boolean;
  notes?: string | null;
}

export const unitsApi = {
  list: (filters: UnitFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: Unit[]; total: number }>('/api/units', { ...filters }, signal),
  get: (id: number, signal?: AbortSignal) => api.get<UnitDetail>(`/api/units/${id}`, undefined, signal),
  create: (input: UnitInput) => api.post<UnitDetail>('/api/units', input),
  update: (id: number, input: UnitInput) => api.patch<UnitDetail>(`/api/units/${id}`, input),
  archive: (id: number) => api.del(`/api/units/${id}`),
  exportXlsx: (filters: UnitFilters) => downloadFile('/api/units/export.xlsx', { ...filters }, 'units.xlsx'),
};
