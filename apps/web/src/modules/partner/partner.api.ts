import { api } from '../../app/api';
import type { TransferKind, TransferStatus, TransferUpdate } from '../cases/transfers/transfers.api';

export interface PartnerTransfer {
  id: number;
  kind: TransferKind;
  docNo: string;
  caseNo: string;
  caseTitle: string;
  stationName: string;
  status: TransferStatus;
  sentAt: string;
  ackDueAt: string;
  dueAt: string;
  ackOverdue: boolean;
  overdue: boolean;
}

/** What was transferred (the A file only). */
export interface PartnerTransferDetail extends PartnerTransfer {
  summary: string;
  disputeType: string;
  disputeTypeName: string;
  note: string;
  rejectReason: string | null;
  result: string | null;
  parties: { side: 'applicant' | 'respondent' | 'other'; name: string; claims: string }[];
  incidents: { receivedAt: string; summary: string }[];
  sessions: { heldAt: string; outcome: 'agreed' | 'partial' | 'adjourned' | 'failed' }[];
  updates: TransferUpdate[];
}

const base = (id: number) => `/api/partner/transfers/${id}`;

export const partnerApi = {
  list: (status: TransferStatus | undefined, signal?: AbortSignal) => api.get<{ items: PartnerTransfer[] }>('/api/partner/transfers', { status }, signal),
  get: (id: number, signal?: AbortSignal) => api.get<PartnerTransferDetail>(base(id), undefined, signal),
  accept: (id: number, note: string) => api.post<PartnerTransferDetail>(`${base(id)}/accept`, note ? { note } : {}),
  reject: (id: number, reason: string) => api.post<PartnerTransferDetail>(`${base(id)}/reject`, { reason }),
  progress: (id: number, note: string) => api.post<PartnerTransferDetail>(`${base(id)}/progress`, { note }),
  result: (id: number, outcome: 'resolved' | 'failed', note: string) => api.post<PartnerTransferDetail>(`${base(id)}/result`, { outcome, note }),
};
