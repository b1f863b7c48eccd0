import { api } from '../../../app/api';

export const TRANSFER_KINDS = ['gongdiao', 'liandiao', 'weituo'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const TRANSFER_STATUSES = ['sent', 'accepted', 'rejected', 'resolved', 'failed'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export type TransferUpdateKind = 'accepted' | 'rejected' | 'progress' | 'resolved' | 'failed';

export interface TransferUpdate {
  id: number;
  kind: TransferUpdateKind;
  note: string;
  actorName: string;
  at: string;
}

export interface Transfer {
  id: number;
  caseId: number;
  kind: TransferKind;
  docNo: string;
  departmentId: number;
  departmentName: string;
  note: string;
  status: TransferStatus;
  sentByName: string | null;
  sentAt: string;
  ackDueAt: string;
  dueAt: string;
  respondedAt: string | null;
  rejectReason: string | null;
  result: string | null;
  finishedAt: string | null;
  ackOverdue: boolean;
  overdue: boolean;
  updates: TransferUpdate[];
}

export interface DepartmentOption {
  id: number;
  name: string;
  kind: string;
  jurisdictionName: string;
}

export type SignatureStatus = 'unsigned' | 'partly_signed' | 'signed';

export interface Agreement {
  id: number;
  caseId: number;
  agreementNo: string;
  facts: string;
  issues: string;
  responsibilities: string;
  terms: string;
  performance: string;
  mediatorNames: string;
  signatureStatus: SignatureStatus;
  signedOn: string | null;
  judicialConfirmation: boolean;
  judicialDeadline: string | null;
  judicialAppliedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AgreementAnswer {
  agreement: Agreement | null;
  abilities: { edit: boolean; sign: boolean };
}

export type AgreementDraft = Pick<Agreement, 'facts' | 'issues' | 'responsibilities' | 'terms' | 'performance' | 'mediatorNames'>;

/** Printable files are plain same-origin links: the browser opens the PDF and saves the DOCX. */
export const transferDocumentUrl = (id: number, format: 'pdf' | 'docx') => `/api/transfers/${id}/document.${format}`;
export const agreementDocumentUrl = (caseId: number, format: 'pdf' | 'docx') => `/api/cases/${caseId}/agreement.${format}`;

export const transfersApi = {
  list: (caseId: number, signal?: AbortSignal) => api.get<{ items: Transfer[]; abilities: { send: boolean } }>(`/api/cases/${caseId}/transfers`, undefined, signal),
  departments: (caseId: number, signal?: AbortSignal) => api.get<{ items: DepartmentOption[] }>(`/api/cases/${caseId}/transfers/departments`, undefined, signal),
  send: (caseId: number, body: { kind: TransferKind; departmentId: number; note: string }) => api.post<Transfer>(`/api/cases/${caseId}/transfers`, body),
  agreement: (caseId: number, signal?: AbortSignal) => api.get<AgreementAnswer>(`/api/cases/${caseId}/agreement`, undefined, signal),
  saveAgreement: (caseId: number, body: AgreementDraft) => api.put<AgreementAnswer>(`/api/cases/${caseId}/agreement`, body),
  sign: (caseId: number, body: { status: SignatureStatus; signedOn: string | null; judicialConfirmation: boolean }) => api.post<AgreementAnswer>(`/api/cases/${caseId}/agreement/signature`, body),
  judicialApplied: (caseId: number, appliedOn: string) => api.post<AgreementAnswer>(`/api/cases/${caseId}/agreement/judicial`, { appliedOn }),
};
