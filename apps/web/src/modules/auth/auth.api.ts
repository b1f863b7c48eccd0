import type { Action, JurisdictionKind, Role } from '@fengqiao/shared';
import { api } from '../../app/api';

export interface JurisdictionRef {
  id: number;
  name: string;
  kind: JurisdictionKind;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  jurisdiction: JurisdictionRef & { path: JurisdictionRef[] };
  department: { id: number; name: string } | null;
  mustChangePassword: boolean;
}

export interface LoginAnswer {
  user: Me;
  csrfToken: string;
}

export interface MeAnswer {
  user: Me;
  csrfToken: string | null;
  permissions: Action[];
}

export const authApi = {
  login: (username: string, password: string) =>
    api.post<LoginAnswer>('/api/auth/login', { username, password }),
  logout: () => api.post('/api/auth/logout'),
  me: () => api.get<MeAnswer>('/api/me'),
};
