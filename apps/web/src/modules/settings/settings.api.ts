import { api } from '../../app/api';

export type LinkBy = 'address' | 'phone' | 'party';
export type Level = 'blue' | 'yellow' | 'orange' | 'red';
export interface RepeatRule {
  id?: number;
  name: string;
  linkBy: LinkBy;
  windowDays: number;
  threshold: number;
  level: Level;
  active: boolean;
}

export interface Category {
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode: string | null;
  level: number;
  kind: string;
  source: 'jcj110' | 'ga240' | 'local';
  active: boolean;
  sort: number;
}

export interface RiskTerm {
  term: string;
  kind: 'threat' | 'violence' | 'injury';
  points: number;
}
export interface RiskConfig {
  settings: { threshold: number; levels: { orange: number; red: number } } & Record<string, unknown>;
  terms: RiskTerm[];
  updatedAt: string | null;
}

export interface StageDeadline {
  stage: string;
  fromStage: string | null;
  days: number;
  workingDays: boolean;
}
export interface CalendarDay {
  day: string;
  workday: boolean;
  note: string | null;
}
export interface PlanItem {
  kind: 'phone' | 'field' | 'community';
  offsetDays: number;
}

/** The thresholds of the Monday review's suggested interventions. */
export interface ReviewRules {
  /** 专项整治: a category's rise on the week before (0.3 = 30 %) … */
  campaignMinRise: number;
  /** … with at least this many incidents last week. */
  campaignMinCount: number;
  /** 巡逻重点: predicted cells named. */
  patrolCells: number;
  /** 错时巡逻: busiest hours named. */
  busyHours: number;
}
export interface ReviewRulesConfig {
  rules: ReviewRules;
  defaults: ReviewRules;
  updatedAt: string | null;
}

/** The bureau's settings: everything here is data the bureau changes without a release. */
export const settingsApi = {
  repeatRules: (signal?: AbortSignal) => api.get<{ rules: RepeatRule[] }>('/api/repeat-rules', undefined, signal),
  saveRepeatRules: (rules: RepeatRule[]) => api.put<{ rules: RepeatRule[] }>('/api/repeat-rules', { rules }),
  categories: (signal?: AbortSignal) => api.get<{ categories: Category[] }>('/api/incident-categories', undefined, signal),
  createCategory: (body: { code: string; nameZh: string; nameEn?: string; parentCode: string | null; kind: string }) => api.post<Category>('/api/incident-categories', body),
  updateCategory: (code: string, body: { nameZh?: string; nameEn?: string; active?: boolean; kind?: string }) => api.patch<Category>(`/api/incident-categories/${encodeURIComponent(code)}`, body),
  risk: (signal?: AbortSignal) => api.get<RiskConfig>('/api/incident-risk/settings', undefined, signal),
  saveRisk: (config: { settings: RiskConfig['settings']; terms: RiskTerm[] }) => api.put<RiskConfig>('/api/incident-risk/settings', config),
  reviewRules: (signal?: AbortSignal) => api.get<ReviewRulesConfig>('/api/review-rules', undefined, signal),
  saveReviewRules: (rules: ReviewRules) => api.put<ReviewRulesConfig>('/api/review-rules', rules),
  deadlines: (signal?: AbortSignal) => api.get<{ items: StageDeadline[] }>('/api/case-settings/deadlines', undefined, signal),
  saveDeadlines: (items: StageDeadline[]) => api.put<{ items: StageDeadline[] }>('/api/case-settings/deadlines', { items }),
  calendar: (year: number, signal?: AbortSignal) => api.get<{ items: CalendarDay[] }>('/api/case-settings/calendar', { year }, signal),
  saveCalendarDay: (item: CalendarDay) => api.put<{ items: CalendarDay[] }>('/api/case-settings/calendar', { items: [item] }),
  deleteCalendarDay: (day: string) => api.del(`/api/case-settings/calendar/${day}`),
  followupPlan: (signal?: AbortSignal) => api.get<{ items: (PlanItem & { sort: number })[] }>('/api/case-settings/followup-plan', undefined, signal),
  saveFollowupPlan: (items: PlanItem[]) => api.put<{ items: PlanItem[] }>('/api/case-settings/followup-plan', { items }),
};
