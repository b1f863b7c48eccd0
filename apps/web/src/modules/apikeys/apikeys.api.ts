import { api } from '../../app/api';

export interface ApiKey {
  id: number;
  name: string;
  channel: string;
  jurisdictionId: number;
  jurisdictionName: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Channel {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface ApiKeyInput {
  name: string;
  channel: string;
  jurisdictionId: number;
}

export const apiKeysApi = {
  list: (signal?: AbortSignal) => api.get<{ items: ApiKey[] }>('/api/api-keys', undefined, signal),
  channels: (signal?: AbortSignal) => api.get<{ items: Channel[] }>('/api/channels', undefined, signal),
  create: (input: ApiKeyInput) => api.post<{ apiKey: ApiKey; secret: string }>('/api/api-keys', input),
  revoke: (id: number) => api.post(`/api/api-keys/${id}/revoke`),
};
