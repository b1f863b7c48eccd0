import { api } from '../../app/api';

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
