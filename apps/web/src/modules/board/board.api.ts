import { api } from '../../app/api';
import type { GeoPolygon } from '../org/org.api';
import type { JurisdictionKind } from '@fengqiao/shared';
import type { IncidentKind, IncidentStatus } from '../incidents/incidents.api';

export type WarningLevel = 'red' | 'orange' | 'yellow' | 'blue';
export type WarningStatus = 'open' | 'acknowledged' | 'planned' | 'closed';

export interface BoardIncident {
  id: number;
  receivedAt: string;
  categoryCode: string;
  categoryName: string;
  kind: IncidentKind;
  status: IncidentStatus;
  channel: string;
  summary: string;
  addressText: string | null;
  lat: number | null;
  lon: number | null;
  jurisdictionId: number;
  jurisdictionName: string;
  stationId: number | null;
  stationName: string | null;
}

export interface BoardWarning {
  id: number;
  source: 'repeat' | 'escalation';
  level: WarningLevel;
  status: WarningStatus;
  reason: string;
  deadline: string;
  ownerName: string | null;
  incidentCount: number;
  incidentId: number | null;
  jurisdictionId: number;
  jurisdictionName: string;
  stationId: number | null;
  stationName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface BoardArea {
  id: number;
  parentId: number | null;
  kind: JurisdictionKind;
  name: string;
  centerLat: number | null;
  centerLon: number | null;
  boundary: GeoPolygon | null;
}

export interface Board {
  since: string;
  incidents: BoardIncident[];
  incidentsTruncated: boolean;
  warnings: BoardWarning[];
  stations: { id: number; name: string }[];
  areas: BoardArea[];
}

export interface BoardFilters {
  stationId?: number | undefined;
  category?: IncidentKind | undefined;
}

export const INCIDENT_EVENTS = ['incident.created', 'incident.updated'] as const;
export const WARNING_EVENTS = ['warning.raised', 'warning.upgraded', 'warning.changed'] as const;

export type IncidentEvent = { type: (typeof INCIDENT_EVENTS)[number]; data: BoardIncident & { truncated?: boolean } };
export type WarningEvent = { type: (typeof WARNING_EVENTS)[number]; data: BoardWarning & { truncated?: boolean } };
export type BoardEvent = IncidentEvent | WarningEvent;

const isIncidentEvent = (e: BoardEvent): e is IncidentEvent => e.type === 'incident.created' || e.type === 'incident.updated';

export const BOARD_STREAM_URL = '/api/board/stream';
/** The server lists at most this many incidents; the live list keeps the same bound. */
const LIST_LIMIT = 500;

export const boardApi = {
  get: (filters: BoardFilters, signal?: AbortSignal) => api.get<Board>('/api/board', { stationId: filters.stationId, category: filters.category }, signal),
};

const LEVEL_RANK: Record<WarningLevel, number> = { red: 4, orange: 3, yellow: 2, blue: 1 };

const newestFirst = (a: BoardIncident, b: BoardIncident) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || b.id - a.id;
const gravestFirst = (a: BoardWarning, b: BoardWarning) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || Date.parse(b.createdAt) - Date.parse(a.createdAt);

/** The board after one live event, under the filters the board was loaded with. */
export function applyBoardEvent(board: Board, event: BoardEvent, filters: BoardFilters): Board {
  if (isIncidentEvent(event)) {
    const incident = event.data;
    const rest = board.incidents.filter((i) => i.id !== incident.id);
    const shown =
      (!filters.stationId || incident.stationId === filters.stationId) &&
      (!filters.category || incident.kind === filters.category) &&
      Date.parse(incident.receivedAt) >= Date.parse(board.since);
    if (!shown) return rest.length === board.incidents.length ? board : { ...board, incidents: rest };
    return { ...board, incidents: [incident, ...rest].sort(newestFirst).slice(0, LIST_LIMIT) };
  }
  const warning = event.data;
  const rest = board.warnings.filter((w) => w.id !== warning.id);
  const shown = warning.status !== 'closed' && (!filters.stationId || warning.stationId === filters.stationId);
  if (!shown) return rest.length === board.warnings.length ? board : { ...board, warnings: rest };
  return { ...board, warnings: [warning, ...rest].sort(gravestFirst) };
}
