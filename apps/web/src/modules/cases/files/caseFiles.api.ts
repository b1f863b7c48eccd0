import { api, downloadFile } from '../../../app/api';

export const EVIDENCE_KINDS = ['photo', 'video', 'document', 'followup'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const MEDIATOR_FORCES = ['grid', 'town', 'police_room', 'judicial'] as const;
export type MediatorForce = (typeof MEDIATOR_FORCES)[number];
export const OUTCOMES = ['agreed', 'partial', 'adjourned', 'failed'] as const;
export type MediationOutcome = (typeof OUTCOMES)[number];
export const RELATION_KINDS = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild', 'other_family', 'friend', 'colleague', 'neighbour', 'landlord', 'tenant', 'other'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];
export const EDUCATION_TOPICS = ['anti_fraud', 'anti_drug', 'illegal_passenger', 'helmet_belt'] as const;
export type EducationTopic = (typeof EDUCATION_TOPICS)[number];

/** Per kind, what the server accepts (checked again there by content) and how large. */
export const EVIDENCE_LIMITS: Record<EvidenceKind, { accept: string; maxMb: number }> = {
  photo: { accept: 'image/jpeg,image/png,image/webp', maxMb: 10 },
  video: { accept: 'video/mp4', maxMb: 100 },
  document: { accept: 'application/pdf,image/jpeg,image/png,image/webp', maxMb: 20 },
  followup: { accept: 'application/pdf,image/jpeg,image/png,image/webp', maxMb: 20 },
};

export interface Evidence {
  id: number;
  kind: EvidenceKind;
  description: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: { id: number; name: string } | null;
  uploadedAt: string;
}

export interface MediationSession {
  id: number;
  heldAt: string;
  place: string;
  mediators: { force: MediatorForce; name: string; userId: number | null }[];
  attendees: string;
  record: string;
  outcome: MediationOutcome;
  createdBy: { id: number; name: string } | null;
  createdAt: string;
}

export interface NewSession {
  heldAt: string;
  place: string;
  mediators: { force: MediatorForce; name: string }[];
  attendees: string;
  record: string;
  outcome: MediationOutcome;
}

export interface Relation {
  id: number;
  name: string;
  relation: RelationKind;
  sameHousehold: boolean;
  relatedPersonId: number | null;
  phone: string | null;
  note: string | null;
}

export interface Education {
  id: number;
  topic: EducationTopic;
  deliveredOn: string;
  deliveredByName: string;
  caseId: number | null;
  note: string | null;
}

export interface BFilePerson {
  id: number;
  name: string;
  gender: string | null;
  birthDate: string | null;
  ethnicityName: string | null;
  phone: string | null;
  householdPlace: string | null;
  category: string;
  idNumberMasked: string | null;
  jurisdictionName: string;
  inScope: boolean;
  registration: {
    address: { id: number; name: string } | null;
    house: { id: number; use: string; ownerName: string | null } | null;
    tenancy: { id: number; addressName: string; landlordName: string; checkIn: string; verified: boolean } | null;
    workUnits: { id: number; name: string; addressName: string }[];
  };
  household: { members: Relation[]; coResidents: { personId: number; name: string; gender: string | null; birthDate: string | null; idNumberMasked: string | null }[] };
  relations: Relation[];
  education: Education[];
}

export interface BFileParty {
  id: number;
  side: 'applicant' | 'respondent' | 'other';
  name: string;
  phone: string | null;
  idNumberMasked: string | null;
  person: BFilePerson | null;
}

export interface BFile {
  caseId: number;
  caseNo: string;
  parties: BFileParty[];
  abilities: { edit: boolean; registerPerson: boolean; viewIdentity: boolean };
}

const base = (caseId: number) => `/api/cases/${caseId}`;

export const caseFilesApi = {
  evidence: (caseId: number, signal?: AbortSignal) => api.get<{ items: Evidence[]; abilities: { uploadKinds: EvidenceKind[] } }>(`${base(caseId)}/evidence`, undefined, signal),
  uploadEvidence: (caseId: number, input: { kind: EvidenceKind; description: string; file: File }) =>
    api.upload<Evidence>(`${base(caseId)}/evidence`, { kind: input.kind, description: input.description }, input.file, input.file.name),
  /** Through fetch, so a refused download shows the server's message; the server audits each one. */
  downloadEvidence: (caseId: number, evidence: Evidence) => downloadFile(`${base(caseId)}/evidence/${evidence.id}/file`, {}, evidence.fileName),

  sessions: (caseId: number, signal?: AbortSignal) => api.get<{ items: MediationSession[]; abilities: { record: boolean } }>(`${base(caseId)}/sessions`, undefined, signal),
  recordSession: (caseId: number, input: NewSession) => api.post<MediationSession>(`${base(caseId)}/sessions`, input),

  bfile: (caseId: number, signal?: AbortSignal) => api.get<BFile>(`${base(caseId)}/bfile`, undefined, signal),
  registerPerson: (caseId: number, partyId: number, input: { idNumber?: string | null; category: string; householdPlace?: string | null }) =>
    api.post<{ partyId: number; personId: number; created: boolean }>(`${base(caseId)}/parties/${partyId}/person`, input),
  addRelation: (caseId: number, input: { personId: number; relation: RelationKind; name?: string | null; relatedPersonId?: number | null; sameHousehold: boolean; phone?: string | null; note?: string | null }) =>
    api.post<Relation>(`${base(caseId)}/relations`, input),
  removeRelation: (caseId: number, relationId: number) => api.del(`${base(caseId)}/relations/${relationId}`),
  addEducation: (caseId: number, input: { personId: number; topic: EducationTopic; deliveredOn: string; note?: string | null }) => api.post<Education>(`${base(caseId)}/education`, input),
};

/** Today in Beijing as YYYY-MM-DD (the server judges "not in the future" by this date). */
export function beijingToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
