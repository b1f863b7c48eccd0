import type { JurisdictionKind } from '@fengqiao/shared';
import { api } from '../../app/api';

/** A GeoJSON Polygon: rings of [longitude, latitude] positions. */
export interface GeoPolygon {
  type: 'Polygon';
  coordinates: number[][][];
}

export interface Jurisdiction {
  id: number;
  parentId: number | null;
  kind: JurisdictionKind;
  name: string;
  code: string | null;
  centerLat: number | null;
  centerLon: number | null;
  boundary?: GeoPolygon | null;
  sort: number;
  childCount: number;
  userCount: number;
}

export interface JurisdictionInput {
  parentId?: number;
  kind?: JurisdictionKind;
  name?: string;
  code?: string | null;
  centerLat?: number | null;
  centerLon?: number | null;
  boundary?: GeoPolygon | null;
  sort?: number;
}

export const orgApi = {
  list: (includeBoundary: boolean, signal?: AbortSignal) =>
    api.get<{ items: Jurisdiction[] }>(
      '/api/jurisdictions',
      includeBoundary ? { includeBoundary: true } : undefined,
      signal,
    ),
  get: (id: number) => api.get<Jurisdiction>(`/api/jurisdictions/${id}`),
  create: (input: JurisdictionInput) => api.post<Jurisdiction>('/api/jurisdictions', input),
  update: (id: number, input: JurisdictionInput) =>
    api.patch<Jurisdiction>(`/api/jurisdictions/${id}`, input),
  archive: (id: number) => api.del(`/api/jurisdictions/${id}`),
};
