import { api } from '../../app/api';

export interface Department {
  id: number;
  name: string;
  kind: string;
  jurisdictionId: number;
  jurisdictionName: string;
  contactName: string | null;
  phone: string | null;
  address: string | null;
}

export interface DepartmentInput {
  name: string;
  kind: string;
  jurisdictionId: number;
  contactName?: string | null;
  phone?: string | null;
  address?: string | null;
}

/**
 * Department kinds are free text in the data (司法所, 信访, 综治中心 …), as stations name them.
 * These are offered as suggestions next to the kinds already in use.
 */
export const DEPARTMENT_KIND_SUGGESTIONS = [
  '司法所',
  '司法行政',
  '人民调解',
  '综治中心',
  '信访',
  '物业主管',
  '市场监管',
  '法院',
  '检察院',
  '劳动监察',
  '民政',
  '教育',
  '卫健',
  '住建',
  '应急管理',
  '乡镇街道',
] as const;

export const departmentsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: Department[] }>('/api/departments', undefined, signal),
  create: (input: DepartmentInput) => api.post<Department>('/api/departments', input),
  update: (id: number, input: Partial<DepartmentInput>) =>
    api.patch<Department>(`/api/departments/${id}`, input),
  archive: (id: number) => api.del(`/api/departments/${id}`),
};
