import { api, downloadFile } from '../../app/api';

export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'custom';
export interface Change {
  current: number;
  previous: number;
  delta: number;
  ratio: number | null;
  direction: 'up' | 'down' | 'flat';
}
export const METRICS = ['valid', 'criminal', 'publicOrder', 'help', 'filed', 'solved', 'disputesScreened', 'disputesResolved', 'arrived', 'compliant'] as const;
export type Metric = (typeof METRICS)[number];
export type Rate = 'criminalShare' | 'publicOrderShare' | 'helpShare' | 'resolutionRate' | 'complianceRate';
export interface Figures {
  metrics: Record<Metric, { value: number; yoy: Change; mom: Change }>;
  rates: Record<Rate, { value: number | null; yearEarlier: number | null; previous: number | null }>;
}
interface Node {
  id: number;
  name: string;
  kind: string;
}
interface Range {
  from: string;
  to: string;
}
export interface Overview {
  node: Node;
  breadcrumbs: Node[];
  period: { kind: PeriodKind; current: Range; yearEarlier: Range; previous: Range; toDate: boolean };
  total: Figures;
  rows: (Node & { direct: boolean; drillable: boolean; figures: Figures })[];
  byKind: { kind: string; label: string; yoy: Change; mom: Change }[];
}
export type Categories = { code: string; label: string; kind: string; yoy: Change }[];
export interface Trend {
  bucket: 'day' | 'week' | 'month';
  points: { key: string; valid: number; validYearEarlier: number; criminal: number; publicOrder: number; help: number; filed: number; solved: number }[];
}
export interface StatsQuery {
  node?: number | undefined;
  period: PeriodKind;
  date?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export const statsApi = {
  overview: (q: StatsQuery, signal?: AbortSignal) => api.get<Overview>('/api/stats/overview', { ...q }, signal),
  categories: (q: StatsQuery, signal?: AbortSignal) => api.get<Categories>('/api/stats/categories', { ...q }, signal),
  trend: (q: StatsQuery, signal?: AbortSignal) => api.get<Trend>('/api/stats/trend', { ...q }, signal),
  exportXlsx: (q: StatsQuery) => downloadFile('/api/stats/overview.xlsx', { ...q }, `stats-${q.period}.xlsx`),
};
