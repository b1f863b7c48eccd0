import { CASE_SORTS, CASE_STAGES, type CaseFilters, type CaseSort, type CaseStage } from './cases.api';

/** The case list's filters ⇄ the URL query string, so a link opens the same list. */
const TEXT_KEYS = ['q', 'disputeType', 'riskDomain', 'from', 'to'] as const;
const ID_KEYS = ['officerId', 'jurisdictionId'] as const;
export const DEFAULT_PAGE = { page: 1, pageSize: 20 };
const PAGE_SIZES = [10, 20, 50, 100];

const positiveInt = (v: string | null): number | undefined => {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : undefined;
};

export function caseSearchFromParams(params: URLSearchParams): { filters: CaseFilters; page: { page: number; pageSize: number } } {
  const filters: CaseFilters = {};
  for (const key of TEXT_KEYS) {
    const v = params.get(key)?.trim();
    if (v) filters[key] = v;
  }
  for (const key of ID_KEYS) {
    const v = positiveInt(params.get(key));
    if (v) filters[key] = v;
  }
  const stage = params.get('stage');
  if (stage && (CASE_STAGES as readonly string[]).includes(stage)) filters.stage = stage as CaseStage;
  const sort = params.get('sort');
  if (sort && (CASE_SORTS as readonly string[]).includes(sort)) filters.sort = sort as CaseSort;
  const overdue = params.get('overdue');
  if (overdue === 'true' || overdue === 'false') filters.overdue = overdue === 'true';
  const size = positiveInt(params.get('pageSize'));
  return { filters, page: { page: positiveInt(params.get('page')) ?? 1, pageSize: size && PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE.pageSize } };
}

export function caseSearchToParams(filters: CaseFilters, page: { page: number; pageSize: number } = DEFAULT_PAGE): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as [string, unknown][]) {
    if (typeof value === 'string' ? value !== '' : typeof value === 'number' || typeof value === 'boolean') params.set(key, String(value));
  }
  if (page.page !== 1) params.set('page', String(page.page));
  if (page.pageSize !== DEFAULT_PAGE.pageSize) params.set('pageSize', String(page.pageSize));
  return params;
}
