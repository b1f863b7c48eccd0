import { api } from '../../app/api';

export const ADDRESS_LEVELS = ['county', 'town', 'community', 'compound', 'building', 'unit', 'room'] as const;
export type AddressLevel = (typeof ADDRESS_LEVELS)[number];

/** Which level may be added under which (the API's rule): one down; a building may hold rooms directly. */
export const CHILD_LEVELS: Record<AddressLevel, readonly AddressLevel[]> = {
  county: ['town'],
  town: ['community'],
  community: ['compound'],
  compound: ['building'],
  building: ['unit', 'room'],
  unit: ['room'],
  room: [],
};

/** What forms of other modules keep of an address. */
export interface AddressSummary {
  id: number;
  parentId: number | null;
  level: AddressLevel;
  name: string;
  fullName: string;
  divisionCode: string | null;
  jurisdictionId: number;
  lat: number | null;
  lon: number | null;
}

export interface Address extends AddressSummary {
  divisionName: string | null;
  jurisdictionName: string;
  sort: number;
  childCount: number;
}

export interface AddressDetail extends Address {
  ancestors: { id: number; level: AddressLevel; name: string; visible: boolean }[];
  counts: { persons: number; houses: number; units: number };
}

export interface AddressMatchItem {
  address: AddressSummary;
  /** 0–1. */
  confidence: number;
}

export interface AddressMatch {
  best: AddressMatchItem | null;
  alternatives: AddressMatchItem[];
  parsed: { building: string | null; unit: string | null; room: string | null };
}

export interface AddressInput {
  parentId?: number;
  level?: AddressLevel;
  name?: string;
  divisionCode?: string | null;
  jurisdictionId?: number;
  lat?: number | null;
  lon?: number | null;
  sort?: number;
}

export interface Division {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  childCount: number;
}

export const placesApi = {
  /** Children of an address; without a parent, the top-most addresses the user can see. */
  list: (parentId?: number, signal?: AbortSignal) =>
    api.get<{ items: Address[] }>('/api/addresses', parentId ? { parentId } : undefined, signal),
  get: (id: number, signal?: AbortSignal) => api.get<AddressDetail>(`/api/addresses/${id}`, undefined, signal),
  search: (q: string, limit = 20, signal?: AbortSignal) =>
    api.get<{ items: AddressSummary[] }>('/api/addresses/search', { q, limit }, signal),
  match: (q: string, signal?: AbortSignal) => api.get<AddressMatch>('/api/addresses/match', { q }, signal),
  create: (input: AddressInput) => api.post<AddressDetail>('/api/addresses', input),
  update: (id: number, input: AddressInput) => api.patch<AddressDetail>(`/api/addresses/${id}`, input),
  archive: (id: number) => api.del(`/api/addresses/${id}`),
  divisions: (parentCode?: string, signal?: AbortSignal) =>
    api.get<{ items: Division[] }>('/api/divisions', parentCode ? { parentCode } : undefined, signal),
};
