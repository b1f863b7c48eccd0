import { api } from '../../app/api';
import type { IncidentKind } from '../incidents/incidents.api';
import type { GeoPolygon } from '../org/org.api';

export interface Label {
  zh: string;
  en: string;
}
export interface MethodParamSpec {
  key: string;
  label: Label;
  unit: string;
  default: number;
  min: number;
  max: number;
}
export interface HotspotMethod {
  name: string;
  label: Label;
  summary: Label;
  params: MethodParamSpec[];
  isDefault: boolean;
}
export interface HotspotArea {
  id: number;
  parentId: number | null;
  kind: string;
  name: string;
  boundary: GeoPolygon | null;
  centerLat: number | null;
  centerLon: number | null;
}
export interface RiskCell {
  cell: number;
  lat: number;
  lon: number;
  risk: number;
  rank: number;
}
export interface Forecast {
  runId: number | null;
  jurisdictionId: number;
  jurisdictionName: string;
  method: string;
  methodLabel: Label;
  params: { key: string; label: Label; unit: string; value: number }[];
  kind: IncidentKind | null;
  band: string | null;
  cellM: number;
  trainStart: string;
  trainEnd: string;
  targetStart: string;
  targetEnd: string;
  eventCount: number;
  grid: { originLat: number; originLon: number; cellM: number; cols: number; rows: number };
  cells: RiskCell[];
  cellsTruncated: boolean;
  top: RiskCell[];
  createdAt: string | null;
  createdBy: string | null;
}
export interface RunSummary {
  id: number;
  jurisdictionId: number;
  jurisdictionName: string;
  method: string;
  kind: IncidentKind | null;
  band: string | null;
  cellM: number;
  eventCount: number;
  targetStart: string;
  targetEnd: string;
  createdAt: string;
  createdBy: string | null;
}
export interface Heat {
  jurisdictionId: number;
  from: string;
  to: string;
  cellM: number;
  incidentCount: number;
  locatedCount: number;
  maxCount: number;
  cells: { south: number; west: number; north: number; east: number; count: number }[];
}
export type PatrolMode = 'vehicle' | 'foot';
export interface ShiftInput {
  band: string;
  units: number;
  mode: PatrolMode;
}
export interface ProposalArea {
  index: number;
  band: string;
  mode: PatrolMode;
  cells: number[];
  cellCentres: { lat: number; lon: number }[];
  cellM: number;
  centre: { lat: number; lon: number };
  checkpoints: { name: string; lat: number; lon: number }[];
  expectedCoverage: number;
}
export interface Proposal {
  id: number;
  jurisdictionId: number;
  jurisdictionName: string;
  runId: number | null;
  units: number;
  shifts: (ShiftInput & { method: string; eventCount: number; trainStart: string; trainEnd: string; coverage: number; areaShare: number })[];
  areas: ProposalArea[];
  expectedCoverage: number;
  status: 'proposed' | 'adopted' | 'dismissed';
  adoptedPlanIds: number[];
  createdAt: string;
  createdBy: string | null;
  decidedAt: string | null;
}
export interface ForecastRequest {
  jurisdictionId?: number | undefined;
  kind?: IncidentKind | null | undefined;
  band?: string | null | undefined;
  method?: string | undefined;
  params?: Record<string, number> | undefined;
  cellM: number;
  horizonDays: number;
  save?: boolean;
}

export const hotspotsApi = {
  methods: (signal?: AbortSignal) => api.get<{ items: HotspotMethod[] }>('/api/hotspots/methods', undefined, signal),
  areas: (signal?: AbortSignal) => api.get<{ items: HotspotArea[] }>('/api/hotspots/areas', undefined, signal),
  heat: (q: { jurisdictionId?: number | undefined; kind?: IncidentKind | undefined; days: number; cellM: number }, signal?: AbortSignal) => api.get<Heat>('/api/hotspots/heat', q, signal),
  forecast: (body: ForecastRequest) => api.post<Forecast>('/api/hotspots/forecast', body),
  runs: (jurisdictionId: number | undefined, signal?: AbortSignal) => api.get<{ items: RunSummary[] }>('/api/hotspots/runs', { jurisdictionId }, signal),
  run: (id: number, signal?: AbortSignal) => api.get<Forecast>(`/api/hotspots/runs/${id}`, undefined, signal),
  proposals: (jurisdictionId: number | undefined, signal?: AbortSignal) => api.get<{ items: Proposal[] }>('/api/hotspots/proposals', { jurisdictionId }, signal),
  propose: (body: Omit<ForecastRequest, 'save' | 'cellM' | 'horizonDays'> & { runId?: number | undefined; cellM?: number; horizonDays?: number; units: number; shifts: ShiftInput[] }) =>
    api.post<Proposal>('/api/hotspots/proposals', body),
  adopt: (id: number) => api.post<Proposal>(`/api/hotspots/proposals/${id}/adopt`),
  dismiss: (id: number) => api.post<Proposal>(`/api/hotspots/proposals/${id}/dismiss`),
};
