import { INCIDENT_KINDS, INCIDENT_STATUSES, type IncidentKind, type IncidentSearch, type IncidentStatus } from './incidents.api';

/** The incident list's filters ⇄ the URL query string (and saved filters), so a link opens the same list. */

const TEXT_KEYS = ['q', 'from', 'to', 'channel', 'categoryCode', 'outcome', 'callerPhone', 'disputeType', 'riskDomain'] as const;
const ID_KEYS = ['stationId', 'jurisdictionId', 'addressId'] as const;
export const DEFAULT_PAGE = { page: 1, pageSize: 20 };
const PAGE_SIZES = [10, 20, 50, 100];

const positiveInt = (v: string | null): number | undefined => {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : undefined;
};

export function searchFromParams(params: URLSearchParams): { filters: IncidentSearch; page: { page: number; pageSize: number } } {
  const filters: IncidentSearch = {};
  for (const key of TEXT_KEYS) {
    const v = params.get(key)?.trim();
    if (v) filters[key] = v;
  }
  for (const key of ID_KEYS) {
    const v = positiveInt(params.get(key));
    if (v) filters[key] = v;
  }
  const kind = params.get('kind');
  if (kind && (INCIDENT_KINDS as readonly string[]).includes(kind)) filters.kind = kind as IncidentKind;
  const status = params.get('status');
  if (status && (INCIDENT_STATUSES as readonly string[]).includes(status)) filters.status = status as IncidentStatus;
  const warning = params.get('hasWarning');
  if (warning === 'true' || warning === 'false') filters.hasWarning = warning === 'true';
  const size = positiveInt(params.get('pageSize'));
  return { filters, page: { page: positiveInt(params.get('page')) ?? 1, pageSize: size && PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE.pageSize } };
}

/** The filters as plain values (the saved-filter body and the query string), empty ones left out. */
export function filtersToRecord(filters: IncidentSearch): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(filters) as [string, unknown][]) {
    if (typeof value === 'string' ? value !== '' : typeof value === 'number' || typeof value === 'boolean') out[key] = value as string | number | boolean;
  }
  return out;
}

export function searchToParams(filters: IncidentSearch, page: { page: number; pageSize: number } = DEFAULT_PAGE): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filtersToRecord(filters))) params.set(key, String(value));
  if (page.page !== 1) params.set('page', String(page.page));
  if (page.pageSize !== DEFAULT_PAGE.pageSize) params.set('pageSize', String(page.pageSize));
  return params;
}

/** A saved filter's query read with the same rules as a URL (unknown keys and bad values dropped). */
export function filtersFromRecord(query: Record<string, unknown>): IncidentSearch {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') params.set(key, String(value));
  }
  return searchFromParams(params).filters;
}

/** An instant as its Shanghai calendar day, for `<input type="date">`. */
export function shanghaiDay(iso: string | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
