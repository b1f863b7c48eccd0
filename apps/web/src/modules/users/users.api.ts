import type { Role } from '@fengqiao/shared';
import { api, downloadFile } from '../../app/api';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  jurisdictionId: number;
  jurisdictionName: string;
  departmentId: number | null;
  departmentName: string | null;
  phone: string | null;
  active: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UserFilters {
  q?: string;
  role?: Role;
  jurisdictionId?: number;
}

export interface UserCreateInput {
  username: string;
  displayName: string;
  role: Role;
  jurisdictionId: number;
  departmentId?: number;
  phone?: string;
  password: string;
}

export interface UserUpdateInput {
  displayName?: string;
  role?: Role;
  jurisdictionId?: number;
  departmentId?: number | null;
  phone?: string | null;
  active?: boolean;
}

const userPath = (id: number) => `/api/users/${id}`;

export function isLocked(user: Pick<User, 'lockedUntil'>, now = Date.now()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}

export const usersApi = {
  list: (filters: UserFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: User[]; total: number }>('/api/users', { ...filters }, signal),
  create: (input: UserCreateInput) => api.post<User>('/api/users', input),
  update: (id: number, input: UserUpdateInput) => api.patch<User>(userPath(id), input),
  resetPassword: (id: number, password: string) => api.post(`${userPath(id)}/reset-password`, { password }),
  unlock: (id: number) => api.post(`${userPath(id)}/unlock`),
  exportXlsx: (filters: UserFilters) => downloadFile('/api/users/export.xlsx', { ...filters }, 'users.xlsx'),
};
