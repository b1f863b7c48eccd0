import { api } from '../../app/api';

export const TASK_KINDS = ['patrol', 'visit', 'hazard', 'propaganda', 'event_security'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const ASSIGNMENT_STATUSES = ['assigned', 'accepted', 'declined', 'checked_in', 'completed'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const TASK_PHOTOS_MAX = 3;
export const TASK_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

export interface Assignment {
  id: number;
  taskId: number;
  volunteerId: number;
  volunteerName: string;
  status: AssignmentStatus;
  respondedAt: string | null;
  declineReason: string | null;
  checkinAt: string | null;
  checkinDistanceM: number | null;
  checkinOnSite: boolean | null;
  completedAt: string | null;
  record: string | null;
  photoCount: number;
  photoIds: number[];
  overdue: boolean;
}

export interface Task {
  id: number;
  kind: TaskKind;
  title: string;
  description: string;
  volunteerId: number | null;
  volunteerName: string | null;
  teamId: number | null;
  teamName: string | null;
  placeText: string | null;
  lat: number | null;
  lon: number | null;
  radiusM: number;
  windowStart: string;
  windowEnd: string;
  jurisdictionId: number;
  jurisdictionName: string;
  createdAt: string;
  cancelled: boolean;
  cancelledAt: string | null;
  /** The reason given when it was cancelled; null while not cancelled. */
  cancelReason: string | null;
  counts: Record<AssignmentStatus, number>;
  assignmentCount: number;
  overdueCount: number;
  overdue: boolean;
}
export interface TaskDetail extends Task {
  assignments: Assignment[];
}

export interface MyTask extends Omit<Assignment, 'volunteerName'> {
  kind: TaskKind;
  title: string;
  description: string;
  placeText: string | null;
  lat: number | null;
  lon: number | null;
  radiusM: number;
  windowStart: string;
  windowEnd: string;
  teamName: string | null;
  /** Cancelled by the police (kept in the list for a week); no step is possible. */
  cancelled: boolean;
  cancelReason: string | null;
  pointsAwarded?: number;
}

export interface DispatchInput {
  kind: TaskKind;
  title: string;
  description?: string;
  volunteerId?: number;
  teamId?: number;
  placeText?: string;
  lat: number;
  lon: number;
  radiusM: number;
  windowStart: string;
  windowEnd: string;
}

export interface Checkpoint {
  name: string;
  lat: number;
  lon: number;
}
export interface PatrolPlan {
  id: number;
  name: string;
  jurisdictionId: number;
  jurisdictionName: string;
  mode: 'vehicle' | 'foot';
  bandStart: string;
  bandEnd: string;
  weekdays: number[];
  staggered: boolean;
  teamId: number | null;
  teamName: string | null;
  checkpoints: Checkpoint[];
  active: boolean;
}
export interface MyPlan extends PatrolPlan {
  todayCheckins: { checkpointIndex: number; distanceM: number; onSite: boolean; at: string }[];
}
export interface PlanInput {
  name: string;
  jurisdictionId: number;
  mode: 'vehicle' | 'foot';
  bandStart: string;
  bandEnd: string;
  weekdays: number[];
  staggered: boolean;
  teamId?: number | null;
  checkpoints: Checkpoint[];
}
export interface Coverage {
  week: string;
  from: string;
  to: string;
  items: { planId: number; name: string; mode: 'vehicle' | 'foot'; staggered: boolean; jurisdictionName: string; bands: number; scheduled: number; covered: number; coveragePct: number }[];
}
export interface CheckinResult {
  id: number;
  planId: number;
  checkpointIndex: number;
  checkpointName: string;
  distanceM: number;
  onSite: boolean;
  at: string;
  pointsAwarded: number;
}

export interface School {
  id: number;
  name: string;
  jurisdictionId: number;
  jurisdictionName: string;
  addressText: string | null;
  lat: number;
  lon: number;
  openingTime: string;
  closingTime: string;
}
export type GuardBand = 'opening' | 'closing';
export interface GuardPost {
  id: number;
  name: string;
  schoolId: number;
  schoolName: string;
  openingTime: string;
  closingTime: string;
  officerUserId: number | null;
  officerName: string | null;
  volunteers: { id: number; name: string; userId: number | null }[];
  day: string;
  attendance: { band: GuardBand; userId: number; name: string; at: string; distanceM: number | null }[];
}

export interface Option {
  id: number;
  name: string;
}

/** A completion with its record and the first photo in one form, then each further photo on its own (the shared client sends one file per form). */
async function complete(assignmentId: number, record: string, photos: File[]): Promise<MyTask> {
  const [first, ...rest] = photos;
  if (!first) return api.post<MyTask>(`/api/my/tasks/${assignmentId}/complete`, { record });
  let done = await api.upload<MyTask>(`/api/my/tasks/${assignmentId}/complete`, { record }, first, first.name);
  for (const p of rest) done = await api.upload<MyTask>(`/api/my/tasks/${assignmentId}/photos`, {}, p, p.name);
  return done;
}

export const tasksApi = {
  list: (q: { kind?: TaskKind; overdue?: boolean; page: number; pageSize: number }, signal?: AbortSignal) => api.get<{ items: Task[]; total: number }>('/api/tasks', { ...q }, signal),
  get: (id: number, signal?: AbortSignal) => api.get<TaskDetail>(`/api/tasks/${id}`, undefined, signal),
  photoUrl: (taskId: number, fileId: number) => `/api/tasks/${taskId}/files/${fileId}`,
  dispatch: (body: DispatchInput) => api.post<TaskDetail>('/api/tasks', body),
  cancel: (id: number, reason: string) => api.post<TaskDetail>(`/api/tasks/${id}/cancel`, { reason }),
  volunteers: (signal?: AbortSignal) => api.get<{ items: { id: number; name: string; teamId: number | null; status: string }[] }>('/api/volunteers', { status: 'active', pageSize: 200 }, signal),
  teams: (signal?: AbortSignal) => api.get<{ items: Option[] }>('/api/volunteer-teams', { pageSize: 200 }, signal),

  mine: (signal?: AbortSignal) => api.get<{ items: MyTask[] }>('/api/my/tasks', undefined, signal),
  accept: (id: number) => api.post<MyTask>(`/api/my/tasks/${id}/accept`, {}),
  decline: (id: number, reason: string) => api.post<MyTask>(`/api/my/tasks/${id}/decline`, { reason }),
  checkin: (id: number, at: { lat: number; lon: number }) => api.post<MyTask>(`/api/my/tasks/${id}/checkin`, at),
  complete,

  plans: (signal?: AbortSignal) => api.get<{ items: PatrolPlan[] }>('/api/patrol-plans', undefined, signal),
  createPlan: (body: PlanInput) => api.post<PatrolPlan>('/api/patrol-plans', body),
  coverage: (week: string, signal?: AbortSignal) => api.get<Coverage>('/api/patrol-plans/coverage', { week }, signal),
  myPlans: (signal?: AbortSignal) => api.get<{ items: MyPlan[] }>('/api/my/patrol-plans', undefined, signal),
  patrolCheckin: (planId: number, body: { checkpointIndex: number; lat: number; lon: number }) => api.post<CheckinResult>(`/api/patrol-plans/${planId}/checkins`, body),

  schools: (signal?: AbortSignal) => api.get<{ items: School[] }>('/api/schools', undefined, signal),
  createSchool: (body: Omit<School, 'id' | 'jurisdictionName' | 'addressText'> & { addressText?: string }) => api.post<School>('/api/schools', body),
  posts: (day: string | undefined, signal?: AbortSignal) => api.get<{ items: GuardPost[] }>('/api/guard-posts', { day }, signal),
  createPost: (body: { schoolId: number; name: string; officerUserId: number; volunteerIds: number[] }) => api.post<GuardPost>('/api/guard-posts', body),
  officers: (signal?: AbortSignal) => api.get<{ items: (Option & { role: string; jurisdictionName: string })[] }>('/api/guard-posts/officers', undefined, signal),
  myPosts: (signal?: AbortSignal) => api.get<{ items: GuardPost[] }>('/api/my/guard-posts', undefined, signal),
  attend: (postId: number, body: { band: GuardBand; lat: number; lon: number }) => api.post<{ distanceM: number; pointsAwarded: number }>(`/api/guard-posts/${postId}/attendance`, body),
};
