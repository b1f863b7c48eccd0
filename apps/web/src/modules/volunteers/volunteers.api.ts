import { api, downloadFile, type Query } from '../../app/api';

export const TEAM_KINDS = ['courier', 'sanitation', 'taxi', 'ride_hailing', 'ski_resort', 'red_armband', 'women', 'security_guard', 'grid', 'other'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];
export const VOLUNTEER_ROLES = ['info', 'persuader', 'warmth', 'mediator'] as const;
export type VolunteerRole = (typeof VOLUNTEER_ROLES)[number];
export const VOLUNTEER_STATUSES = ['active', 'paused', 'left'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];
export const TRAINING_TOPICS = ['law', 'intel', 'mediation', 'rescue'] as const;
export type TrainingTopic = (typeof TRAINING_TOPICS)[number];

export interface Team {
  id: number;
  name: string;
  kind: TeamKind;
  jurisdictionId: number;
  jurisdictionName: string;
  unitId: number | null;
  unitName: string | null;
  leaderName: string | null;
  phone: string | null;
  note: string | null;
  memberCount: number;
  archived: boolean;
  createdAt: string;
}
export interface TeamInput {
  name?: string;
  kind?: TeamKind;
  jurisdictionId?: number;
  unitId?: number | null;
  leaderName?: string | null;
  phone?: string | null;
  note?: string | null;
  archived?: boolean;
}

export interface Volunteer {
  id: number;
  name: string;
  phone: string | null;
  teamId: number | null;
  teamName: string | null;
  teamKind: TeamKind | null;
  role: VolunteerRole;
  skills: string[];
  jurisdictionId: number;
  jurisdictionName: string;
  status: VolunteerStatus;
  joinedOn: string;
  userId: number | null;
  username: string | null;
  lastLocatedAt: string | null;
  createdAt: string;
}
export interface VolunteerInput {
  name?: string;
  phone?: string | null;
  teamId?: number | null;
  role?: VolunteerRole;
  skills?: string[];
  jurisdictionId?: number;
  status?: VolunteerStatus;
  account?: { username: string; password: string };
}
export interface VolunteerFilters {
  teamId?: number | undefined;
  role?: VolunteerRole | undefined;
  status?: VolunteerStatus | undefined;
  q?: string | undefined;
}

export interface Course {
  id: number;
  topic: TrainingTopic;
  title: string;
  heldOn: string;
  hours: number;
  jurisdictionId: number;
  jurisdictionName: string;
  completions: number;
  createdAt: string;
}
export interface Completion {
  volunteerId: number;
  name: string;
  teamName: string | null;
  completedOn: string;
}

export interface BoardItem {
  rank: number;
  id: number;
  name: string;
  teamName: string | null;
  points: number;
  me: boolean;
}
export interface Leaderboard {
  month: string;
  by: 'person' | 'team';
  items: BoardItem[];
  mine: BoardItem | null;
}
export interface MyPoints {
  volunteerId: number;
  name: string;
  teamName: string | null;
  total: number;
  month: string;
  monthPoints: number;
  entries: { id: number; ruleCode: string; ruleName: string; ruleNameEn: string; points: number; entityType: string; at: string }[];
}
export interface Reward {
  id: number;
  volunteerId: number | null;
  volunteerName: string | null;
  teamId: number | null;
  teamName: string | null;
  month: string;
  title: string;
  note: string | null;
  awardedByName: string | null;
  awardedAt: string;
}

type Page<T> = { items: T[]; total: number };
const q = (o: object): Query => o as Query;

/** A member's page: the record and what the member did (GET /api/volunteers/:id/profile). */
export interface MemberProfile {
  member: Volunteer;
  training: { courseId: number; topic: TrainingTopic; title: string; hours: number; completedOn: string }[];
  points: { total: number; month: string; monthPoints: number; entries: { id: number; ruleCode: string; ruleName: string; ruleNameEn: string; points: number; entityType: string; at: string }[] };
  rewards: { id: number; month: string; title: string; note: string | null; toTeam: boolean; awardedByName: string | null; awardedAt: string }[];
  tasks: { assignmentId: number; taskId: number; kind: string; title: string; status: string; cancelled: boolean; onSite: boolean | null; windowStart: string; windowEnd: string }[];
  tips: { id: number; category: string; text: string | null; status: string; incidentId: number | null; createdAt: string }[];
}

export const volunteersApi = {
  profile: (id: number, signal?: AbortSignal) => api.get<MemberProfile>(`/api/volunteers/${id}/profile`, undefined, signal),
  teams: (filters: { kind?: TeamKind | undefined; q?: string | undefined; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<Team>>('/api/volunteer-teams', q(filters), signal),
  createTeam: (body: TeamInput) => api.post<Team>('/api/volunteer-teams', body),
  updateTeam: (id: number, body: TeamInput) => api.patch<Team>(`/api/volunteer-teams/${id}`, body),
  members: (filters: VolunteerFilters & { page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<Volunteer>>('/api/volunteers', q(filters), signal),
  createMember: (body: VolunteerInput) => api.post<Volunteer>('/api/volunteers', body),
  updateMember: (id: number, body: VolunteerInput) => api.patch<Volunteer>(`/api/volunteers/${id}`, body),
  exportRoster: (filters: VolunteerFilters) => downloadFile('/api/volunteers/export.xlsx', q(filters), '志愿者名册.xlsx'),
  courses: (page: { page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<Course>>('/api/training-courses', q(page), signal),
  createCourse: (body: { topic: TrainingTopic; title: string; heldOn: string; hours?: number; jurisdictionId: number }) => api.post<Course>('/api/training-courses', body),
  completions: (id: number, signal?: AbortSignal) => api.get<{ items: Completion[] }>(`/api/training-courses/${id}/completions`, undefined, signal),
  recordCompletions: (id: number, body: { volunteerIds: number[]; completedOn: string }) => api.post<{ recorded: number; points: number }>(`/api/training-courses/${id}/completions`, body),
  leaderboard: (query: { month?: string; by: 'person' | 'team'; limit?: number }, signal?: AbortSignal) => api.get<Leaderboard>('/api/points/leaderboard', q(query), signal),
  myPoints: (signal?: AbortSignal) => api.get<MyPoints>('/api/my/points', undefined, signal),
  rewards: (query: { month?: string; page: number; pageSize: number }, signal?: AbortSignal) => api.get<Page<Reward>>('/api/rewards', q(query), signal),
  reward: (body: { volunteerId?: number; teamId?: number; month: string; title: string; note?: string | null }) => api.post<Reward>('/api/rewards', body),
};

/** 'YYYY-MM' of now in Beijing time. */
export function currentMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

export interface PointRule {
  code: string;
  nameZh: string;
  nameEn: string;
  points: number;
  active: boolean;
}
export const pointRulesApi = {
  list: (signal?: AbortSignal) => api.get<{ items: PointRule[] }>('/api/point-rules', undefined, signal),
  update: (code: string, body: { points: number; active: boolean }) => api.put<PointRule>(`/api/point-rules/${encodeURIComponent(code)}`, body),
};
