import { api, downloadFile } from '../../app/api';

// The Monday review (每周研判) as the API serves it (apps/api/src/modules/reviews/reviews.types.ts).

export interface Change {
  current: number;
  previous: number;
  delta: number;
  ratio: number | null;
  direction: 'up' | 'down' | 'flat';
}
export interface Period {
  from: string;
  to: string;
}
export interface CountRow {
  current: number;
  previousWeek: number;
  lastYear: number;
  wow: Change;
  yoy: Change;
}
export type WarningLevel = 'red' | 'orange' | 'yellow' | 'blue';
export interface ReviewContent {
  version: 1;
  jurisdiction: { id: number; name: string; kind: string };
  week: Period;
  previousWeek: Period;
  lastYearWeek: Period;
  asOf: string;
  totals: CountRow;
  byKind: (CountRow & { kind: string })[];
  risingCategories: (CountRow & { code: string; name: string; kind: string })[];
  clusters: { id: number; linkBy: 'address' | 'phone' | 'party'; label: string; level: WarningLevel | null; incidentsInWeek: number; incidentCount: number; jurisdictionName: string }[];
  warnings: { id: number; level: WarningLevel; reason: string; ownerName: string | null; deadline: string; status: string; hasPlan: boolean; overdue: boolean; jurisdictionName: string }[];
  complaintsAndReports: { id: number; kind: 'complaint' | 'report'; receivedAt: string; categoryName: string; summary: string; status: string; jurisdictionName: string }[];
  overdue: {
    transfers: { id: number; caseId: number; caseNo: string; docNo: string; departmentName: string; state: 'unacknowledged' | 'overdue'; deadline: string }[];
    cases: { id: number; caseNo: string; title: string; stageName: string; stageDueAt: string; officerName: string | null }[];
    followups: { id: number; caseId: number; caseNo: string; kind: 'phone' | 'field' | 'community'; dueOn: string; assigneeName: string | null }[];
  };
  hours: number[];
  hotspots: {
    method: string;
    params: Record<string, number>;
    cellM: number;
    trainStart: string;
    trainEnd: string;
    targetStart: string;
    targetEnd: string;
    eventCount: number;
    cells: { rank: number; cell: number; lat: number; lon: number; risk: number }[];
  };
  suggestions: { rule: string; title: string; detail: string; link: string | null }[];
}

export interface ReviewSummary {
  id: number;
  jurisdictionId: number;
  jurisdictionName: string;
  weekStart: string;
  generatedAt: string;
  generatedByName: string | null;
  total: number;
  wowRatio: number | null;
  yoyRatio: number | null;
}
export interface ReviewList {
  units: { id: number; name: string; kind: string }[];
  items: ReviewSummary[];
  abilities: { generate: boolean };
}
export interface Review {
  id: number;
  jurisdictionId: number;
  jurisdictionName: string;
  weekStart: string;
  generatedAt: string;
  generatedByName: string | null;
  content: ReviewContent;
}

export const reviewsApi = {
  list: (jurisdictionId: number | undefined, signal?: AbortSignal) => api.get<ReviewList>('/api/reviews', { jurisdictionId }, signal),
  get: (id: number, signal?: AbortSignal) => api.get<Review>(`/api/reviews/${id}`, undefined, signal),
  generate: (jurisdictionId: number, weekStart?: string) => api.post<Review>('/api/reviews', { jurisdictionId, ...(weekStart ? { weekStart } : {}) }),
  download: (id: number, format: 'pdf' | 'docx') => downloadFile(`/api/reviews/${id}/review.${format}`, {}, `review-${id}.${format}`),
};
