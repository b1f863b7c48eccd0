import { api, downloadFile } from '../../app/api';

export const INCIDENT_KINDS = ['criminal', 'public_order', 'traffic', 'fire', 'help', 'dispute', 'report', 'complaint', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_STATUSES = ['received', 'dispatched', 'arrived', 'handled', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface Incident {
  id: number;
  channel: string;
  externalRef: string | null;
  receivedAt: string;
  categoryCode: string;
  categoryName: string;
  kind: IncidentKind;
  riskDomain: string | null;
  disputeType: string | null;
  summary: string;
  narrative: string;
  callerName: string | null;
  callerPhone: string | null;
  addressText: string | null;
  addressId: number | null;
  addressName: string | null;
  /** 0..1 */
  addressConfidence: number | null;
  lat: number | null;
  lon: number | null;
  jurisdictionId: number;
  jurisdictionName: string;
  status: IncidentStatus;
  dispatchedAt: string | null;
  arrivedAt: string | null;
  handledAt: string | null;
  closedAt: string | null;
  createdAt: string;
  parties: Party[];
  /** Set when an officer corrected the standard address the matcher chose. */
  addressCorrectedAt: string | null;
  addressCorrectedBy: string | null;
  outcome: IncidentOutcome | null;
  caseNumber: string | null;
  /** GA 240.1 category ('GA' + code) of a criminal case. */
  caseCategoryCode: string | null;
  outcomeNote: string | null;
  outcomeAt: string | null;
  /** When a filed case was marked solved (破案). */
  caseSolvedAt: string | null;
  /** The dispute case this incident opened. */
  disputeCaseId: number | null;
  timing: IncidentTiming;
}

export const PARTY_ROLES = ['caller', 'party', 'victim', 'suspect', 'witness'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export interface Party {
  id: number;
  role: PartyRole;
  name: string;
  phone: string | null;
  personId: number | null;
  personName: string | null;
  /** Always masked. */
  idNumberMasked: string | null;
  injured: boolean;
  note: string | null;
}

export interface PartyInput {
  role: PartyRole;
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  personId?: number | null;
  injured?: boolean;
  note?: string | null;
}

export interface IncidentFilters {
  from?: string;
  to?: string;
  channel?: string;
  kind?: IncidentKind;
  categoryCode?: string;
}

export interface IncidentInput {
  channel: string;
  receivedAt: string;
  categoryCode: string;
  riskDomain?: string | null;
  disputeType?: string | null;
  summary: string;
  narrative?: string;
  callerName?: string | null;
  callerPhone?: string | null;
  addressText?: string | null;
  lat?: number | null;
  lon?: number | null;
  parties?: PartyInput[];
}

export interface CodeName {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface Category extends CodeName {
  parentCode: string | null;
  level: number;
  kind: IncidentKind;
  active: boolean;
  sort: number;
}

export interface Taxonomy {
  categories: Category[];
  riskDomains: CodeName[];
  disputeTypes: CodeName[];
}

export const incidentsApi = {
  list: (filters: IncidentFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: Incident[]; total: number }>('/api/incidents', { ...filters }, signal),
  get: (id: number, signal?: AbortSignal) => api.get<Incident>(`/api/incidents/${id}`, undefined, signal),
  /** The key makes a resend (double click, retry after a lost answer) return the first incident. */
  create: (input: IncidentInput, idempotencyKey: string) => api.post<Incident>('/api/incidents', input, { 'Idempotency-Key': idempotencyKey }),
  taxonomy: (signal?: AbortSignal) => api.get<Taxonomy>('/api/incident-categories', undefined, signal),
  channels: (signal?: AbortSignal) => api.get<{ items: CodeName[] }>('/api/channels', undefined, signal),
};

export interface CategoryNode {
  value: string;
  title: string;
  selectable: boolean;
  children?: CategoryNode[];
}

/** Builds the TreeSelect data from the flat rows: groups (with children) are not selectable themselves. */
export function categoryTree(categories: Category[], lang: 'zh' | 'en'): CategoryNode[] {
  const active = categories.filter((c) => c.active).sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
  const byParent = new Map<string | null, Category[]>();
  const codes = new Set(active.map((c) => c.code));
  for (const c of active) {
    const parent = c.parentCode && codes.has(c.parentCode) ? c.parentCode : null;
    const list = byParent.get(parent) ?? [];
    list.push(c);
    byParent.set(parent, list);
  }
  const build = (parent: string | null, depth: number): CategoryNode[] =>
    (byParent.get(parent) ?? []).map((c) => {
      const children = depth < 5 ? build(c.code, depth + 1) : [];
      const title = lang === 'zh' ? c.nameZh : c.nameEn || c.nameZh;
      return children.length ? { value: c.code, title, selectable: false, children } : { value: c.code, title, selectable: true };
    });
  return build(null, 0);
}

/** A fresh key for one form; crypto.randomUUID exists in every secure context (https, localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `k${Date.now().toString(36)}${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

/** Now, as the value of an `<input type="datetime-local">` in Shanghai time. */
export function shanghaiNowLocal(): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** `2026-05-01T09:30` read as Shanghai wall time, to an ISO instant with offset. */
export function shanghaiLocalToIso(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds}+08:00`;
}

/** Parties of an incident and the officer's correction of its standard address. */
export const incidentPartiesApi = {
  add: (incidentId: number, input: PartyInput) => api.post<Incident>(`/api/incidents/${incidentId}/parties`, input),
  remove: (incidentId: number, partyId: number) => api.del<Incident>(`/api/incidents/${incidentId}/parties/${partyId}`),
  correctAddress: (incidentId: number, addressId: number) => api.put<Incident>(`/api/incidents/${incidentId}/address`, { addressId }),
};

/** Find and export (list filters kept in the URL), saved filters, and an incident's linked repeats and warnings. */
export interface IncidentSearch {
  q?: string;
  from?: string;
  to?: string;
  channel?: string;
  kind?: IncidentKind;
  categoryCode?: string;
  stationId?: number;
  jurisdictionId?: number;
  status?: IncidentStatus;
  outcome?: string;
  addressId?: number;
  callerPhone?: string;
  hasWarning?: boolean;
  disputeType?: string;
  riskDomain?: string;
}

export interface SavedFilter {
  id: number;
  page: string;
  name: string;
  query: Record<string, unknown>;
  createdAt: string;
}

export interface IncidentLinks {
  clusters: {
    id: number;
    linkBy: 'address' | 'phone' | 'party';
    linkLabel: string;
    addressId: number | null;
    incidentCount: number;
    firstAt: string;
    lastAt: string;
    level: 'red' | 'orange' | 'yellow' | 'blue' | null;
    incidents: { id: number; receivedAt: string; summary: string; status: IncidentStatus; jurisdictionName: string }[];
    more: number;
  }[];
  warnings: {
    id: number;
    source: 'repeat' | 'escalation';
    clusterId: number | null;
    level: 'red' | 'orange' | 'yellow' | 'blue';
    status: 'open' | 'acknowledged' | 'planned' | 'closed';
    reason: string;
    deadline: string;
    ownerName: string | null;
    createdAt: string;
  }[];
}

export const incidentFindApi = {
  search: (filters: IncidentSearch & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: Incident[]; total: number }>('/api/incidents', { ...filters }, signal),
  exportXlsx: (filters: IncidentSearch) => downloadFile('/api/incidents/export.xlsx', { ...filters }, 'incidents.xlsx'),
  links: (id: number, signal?: AbortSignal) => api.get<IncidentLinks>(`/api/incidents/${id}/links`, undefined, signal),
  savedFilters: (page: string, signal?: AbortSignal) => api.get<{ items: SavedFilter[] }>('/api/saved-filters', { page }, signal),
  saveFilter: (page: string, name: string, query: Record<string, unknown>) => api.post<SavedFilter>('/api/saved-filters', { page, name, query }),
  deleteFilter: (id: number) => api.del(`/api/saved-filters/${id}`),
};

/** Response timing (1-3-5 minute standard), status steps, outcomes and the incident's time line. */
export const INCIDENT_OUTCOMES = ['administrative_case', 'criminal_case', 'dispute_case', 'help_given', 'no_action'] as const;
export type IncidentOutcome = (typeof INCIDENT_OUTCOMES)[number];
/** Outcomes that are filed as cases and need a case number. */
export const CASE_OUTCOMES: readonly IncidentOutcome[] = ['administrative_case', 'criminal_case'];

export interface IncidentTiming {
  dispatchSeconds: number | null;
  arriveSeconds: number | null;
  dispatchLimitSeconds: number | null;
  arriveLimitSeconds: number | null;
  /** Null until the police arrived. */
  compliant: boolean | null;
}

export interface StatusTransition {
  fromStatus: IncidentStatus;
  toStatus: IncidentStatus;
  /** Null: every channel. */
  channel: string | null;
}

export interface OutcomeInput {
  outcome: IncidentOutcome;
  caseNumber?: string | null;
  caseCategoryCode?: string | null;
  note?: string | null;
}

export interface TimelineEntry {
  at: string;
  action: string;
  actorName: string | null;
  summary: { zh: string; en: string };
  warningId: number | null;
}

export type TimingGroupBy = 'station' | 'day';

export interface TimingFigures {
  count: number;
  dispatched: number;
  arrived: number;
  compliant: number;
  /** 0..1; null when none arrived. */
  complianceRate: number | null;
  dispatchMedianSeconds: number | null;
  dispatchP90Seconds: number | null;
  arriveMedianSeconds: number | null;
  arriveP90Seconds: number | null;
}

export interface TimingReport {
  groupBy: TimingGroupBy;
  from: string;
  to: string;
  rows: (TimingFigures & { key: number | string | null; label: string })[];
  total: TimingFigures;
  standards: { areaKind: string; dispatchSeconds: number; arriveSeconds: number }[];
}

export const incidentLifecycleApi = {
  transitions: (signal?: AbortSignal) => api.get<{ items: StatusTransition[] }>('/api/incidents/status-transitions', undefined, signal),
  /** `at` (ISO) defaults to now on the server. */
  changeStatus: (id: number, to: IncidentStatus, at?: string) => api.post<Incident>(`/api/incidents/${id}/status`, at ? { to, at } : { to }),
  recordOutcome: (id: number, input: OutcomeInput) => api.post<Incident>(`/api/incidents/${id}/outcome`, input),
  timeline: (id: number, signal?: AbortSignal) => api.get<{ items: TimelineEntry[] }>(`/api/incidents/${id}/timeline`, undefined, signal),
  timing: (query: { from?: string; to?: string; groupBy: TimingGroupBy }, signal?: AbortSignal) => api.get<TimingReport>('/api/incidents/timing', { ...query }, signal),
};

/** 破案 of an incident filed as a criminal or administrative case (the API's stats module records it, audited; the incident carries caseSolvedAt). */
export const caseSolvedApi = {
  record: (id: number, solvedAt: string) => api.post<{ id: number; caseSolvedAt: string }>(`/api/incidents/${id}/case-solved`, { solvedAt }),
};
