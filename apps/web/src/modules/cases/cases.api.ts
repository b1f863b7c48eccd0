import { api, downloadFile } from '../../app/api';

export const CASE_STAGES = ['registered', 'assessing', 'mediating', 'transferred', 'agreement', 'no_agreement', 'follow_up', 'closed'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];
export const CASE_RESOLUTIONS = ['resolved', 'transferred_tracked', 'failed_escalated'] as const;
export type CaseResolution = (typeof CASE_RESOLUTIONS)[number];
export const CASE_SOURCES = ['incident', 'cluster', 'tip', 'visit', 'direct'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const PARTY_SIDES = ['applicant', 'respondent', 'other'] as const;
export type PartySide = (typeof PARTY_SIDES)[number];
export const CASE_SORTS = ['created_desc', 'created_asc', 'due_asc', 'updated_desc', 'case_no_asc'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export interface CaseSummary {
  id: number;
  caseNo: string;
  title: string;
  source: CaseSource;
  disputeType: string;
  disputeTypeName: string;
  riskDomain: string | null;
  riskDomainName: string | null;
  stage: CaseStage;
  resolution: CaseResolution | null;
  stageEnteredAt: string;
  stageDueAt: string | null;
  overdue: boolean;
  officerUserId: number | null;
  officerName: string | null;
  leaderUserId: number | null;
  leaderName: string | null;
  jurisdictionId: number;
  jurisdictionName: string;
  reopenedCount: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface CaseParty {
  id: number;
  side: PartySide;
  name: string;
  phone: string | null;
  /** Always masked. */
  idNumberMasked: string | null;
  personId: number | null;
  claims: string;
}

export interface CaseEvent {
  id: number;
  action: string;
  fromStage: CaseStage | null;
  toStage: CaseStage;
  resolution: CaseResolution | null;
  reason: string | null;
  actorName: string;
  at: string;
}

export interface CaseAction {
  action: string;
  to: CaseStage;
  reasonRequired: boolean;
  resolutionRequired: boolean;
}

export interface CaseDetail extends CaseSummary {
  summary: string;
  sourceIncidentId: number | null;
  sourceClusterId: number | null;
  sourceNote: string | null;
  addressId: number | null;
  addressName: string | null;
  addressText: string | null;
  lat: number | null;
  lon: number | null;
  result: string | null;
  createdByName: string | null;
  parties: CaseParty[];
  incidents: { id: number; receivedAt: string; summary: string; status: string; reason: 'source' | 'linked' | 'relapse'; linkedAt: string }[];
  events: CaseEvent[];
  actions: CaseAction[];
  abilities: { manage: boolean; mediate: boolean; bfile: boolean; transfer: boolean; followup: boolean };
}

export interface CasePartyInput {
  side: PartySide;
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  personId?: number | null;
  claims?: string;
}

export interface OpenCaseInput {
  source: CaseSource;
  sourceIncidentId?: number | null;
  sourceClusterId?: number | null;
  sourceNote?: string | null;
  title?: string;
  summary?: string;
  disputeType?: string;
  riskDomain?: string | null;
  officerUserId?: number | null;
  leaderUserId?: number | null;
  jurisdictionId?: number;
  addressText?: string | null;
  parties?: CasePartyInput[];
}

export type CaseUpdate = Partial<Pick<OpenCaseInput, 'title' | 'summary' | 'disputeType' | 'riskDomain' | 'officerUserId' | 'leaderUserId' | 'addressText'>>;

export interface CaseFilters {
  q?: string;
  stage?: CaseStage;
  overdue?: boolean;
  disputeType?: string;
  riskDomain?: string;
  officerId?: number;
  jurisdictionId?: number;
  from?: string;
  to?: string;
  sort?: CaseSort;
}

interface CodeName {
  code: string;
  nameZh: string;
  nameEn: string;
}
export interface CaseUser {
  id: number;
  name: string;
  role: string;
  jurisdictionName: string;
}
export interface CaseMeta {
  stages: (CodeName & { terminal: boolean })[];
  transitions: { action: string; from: CaseStage; to: CaseStage; reasonRequired: boolean }[];
  resolutions: CodeName[];
  disputeTypes: CodeName[];
  riskDomains: CodeName[];
  officers: CaseUser[];
  leaders: CaseUser[];
}

export interface PersonCase {
  id: number;
  caseNo: string;
  title: string;
  stage: CaseStage;
  side: PartySide;
  jurisdictionName: string;
  createdAt: string;
}

const query = (f: CaseFilters) => ({ ...f, overdue: f.overdue === undefined ? undefined : String(f.overdue) });

export const casesApi = {
  list: (filters: CaseFilters & { page: number; pageSize: number }, signal?: AbortSignal) => api.get<{ items: CaseSummary[]; total: number }>('/api/cases', query(filters), signal),
  exportXlsx: (filters: CaseFilters) => downloadFile('/api/cases/export', query(filters), '矛盾纠纷台账.xlsx'),
  get: (id: number, signal?: AbortSignal) => api.get<CaseDetail>(`/api/cases/${id}`, undefined, signal),
  open: (input: OpenCaseInput) => api.post<CaseDetail>('/api/cases', input),
  update: (id: number, input: CaseUpdate) => api.patch<CaseDetail>(`/api/cases/${id}`, input),
  transition: (id: number, body: { to: CaseStage; reason?: string | null; resolution?: CaseResolution | null }) => api.post<CaseDetail>(`/api/cases/${id}/transition`, body),
  linkIncident: (id: number, incidentId: number) => api.post<CaseDetail>(`/api/cases/${id}/incidents`, { incidentId }),
  addParty: (id: number, party: CasePartyInput) => api.post<CaseDetail>(`/api/cases/${id}/parties`, party),
  updateParty: (id: number, partyId: number, party: Partial<CasePartyInput>) => api.patch<CaseDetail>(`/api/cases/${id}/parties/${partyId}`, party),
  removeParty: (id: number, partyId: number) => api.del<CaseDetail>(`/api/cases/${id}/parties/${partyId}`),
  meta: (jurisdictionId: number | undefined, signal?: AbortSignal) => api.get<CaseMeta>('/api/case-meta', { jurisdictionId }, signal),
  ofPerson: (personId: number, signal?: AbortSignal) => api.get<{ items: PersonCase[] }>(`/api/people/${personId}/cases`, undefined, signal),
};
