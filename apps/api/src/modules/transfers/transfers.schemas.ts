import { z } from 'zod';

/** 两书一函: 公调对接通知单, 联调联处通知单, 委托调解函. */
export const transferKind = z.enum(['gongdiao', 'liandiao', 'weituo']);
export const transferStatus = z.enum(['sent', 'accepted', 'rejected', 'resolved', 'failed']);
const day = z.iso.date();

export const transferParams = z.object({ transferId: z.coerce.number().int().positive() });

export const sendTransferBody = z.object({
  kind: transferKind,
  departmentId: z.number().int().positive(),
  note: z.string().trim().max(5000).default(''),
});
export type SendTransferBody = z.infer<typeof sendTransferBody>;

export const transferUpdateSchema = z.object({
  id: z.number(),
  kind: z.enum(['accepted', 'rejected', 'progress', 'resolved', 'failed']),
  note: z.string(),
  actorName: z.string(),
  at: z.string(),
});

export const transferSchema = z.object({
  id: z.number(),
  caseId: z.number(),
  kind: transferKind,
  docNo: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  note: z.string(),
  status: transferStatus,
  sentByName: z.string().nullable(),
  sentAt: z.string(),
  ackDueAt: z.string(),
  dueAt: z.string(),
  respondedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  result: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Still 'sent' after the acknowledgement deadline. */
  ackOverdue: z.boolean(),
  /** Not finished (sent or accepted) after the deadline. */
  overdue: z.boolean(),
  updates: z.array(transferUpdateSchema),
});
export type TransferDto = z.infer<typeof transferSchema>;

export const transferListSchema = z.object({ items: z.array(transferSchema), abilities: z.object({ send: z.boolean() }) });

export const departmentOptionSchema = z.object({ id: z.number(), name: z.string(), kind: z.string(), jurisdictionName: z.string() });

// ---- partner portal ----

export const partnerListQuery = z.object({ status: transferStatus.optional() });

export const partnerTransferSchema = z.object({
  id: z.number(),
  kind: transferKind,
  docNo: z.string(),
  caseNo: z.string(),
  caseTitle: z.string(),
  stationName: z.string(),
  status: transferStatus,
  sentAt: z.string(),
  ackDueAt: z.string(),
  dueAt: z.string(),
  ackOverdue: z.boolean(),
  overdue: z.boolean(),
});
export type PartnerTransferDto = z.infer<typeof partnerTransferSchema>;

/** The A file only: never identity numbers, phones, household, relations or education. */
export const partnerTransferDetailSchema = partnerTransferSchema.extend({
  summary: z.string(),
  disputeType: z.string(),
  disputeTypeName: z.string(),
  note: z.string(),
  rejectReason: z.string().nullable(),
  result: z.string().nullable(),
  parties: z.array(z.object({ side: z.enum(['applicant', 'respondent', 'other']), name: z.string(), claims: z.string() })),
  incidents: z.array(z.object({ receivedAt: z.string(), summary: z.string() })),
  sessions: z.array(z.object({ heldAt: z.string(), outcome: z.enum(['agreed', 'partial', 'adjourned', 'failed']) })),
  updates: z.array(transferUpdateSchema),
});
export type PartnerTransferDetailDto = z.infer<typeof partnerTransferDetailSchema>;

export const rejectBody = z.object({ reason: z.string().trim().min(1).max(2000) });
export const progressBody = z.object({ note: z.string().trim().min(1).max(5000) });
export const resultBody = z.object({ outcome: z.enum(['resolved', 'failed']), note: z.string().trim().min(1).max(5000) });

// ---- mediation agreement (调解协议书) ----

export const agreementBody = z.object({
  facts: z.string().trim().min(1).max(10000),
  issues: z.string().trim().min(1).max(10000),
  responsibilities: z.string().trim().max(10000).default(''),
  terms: z.string().trim().min(1).max(10000),
  performance: z.string().trim().min(1).max(5000),
  mediatorNames: z.string().trim().min(1).max(200),
});
export type AgreementBody = z.infer<typeof agreementBody>;

export const signatureBody = z.object({
  status: z.enum(['unsigned', 'partly_signed', 'signed']),
  signedOn: day.nullable().optional(),
  judicialConfirmation: z.boolean().default(false),
});
export type SignatureBody = z.infer<typeof signatureBody>;

export const judicialBody = z.object({ appliedOn: day });

export const agreementSchema = z.object({
  id: z.number(),
  caseId: z.number(),
  agreementNo: z.string(),
  facts: z.string(),
  issues: z.string(),
  responsibilities: z.string(),
  terms: z.string(),
  performance: z.string(),
  mediatorNames: z.string(),
  signatureStatus: z.enum(['unsigned', 'partly_signed', 'signed']),
  signedOn: z.string().nullable(),
  judicialConfirmation: z.boolean(),
  judicialDeadline: z.string().nullable(),
  judicialAppliedOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AgreementDto = z.infer<typeof agreementSchema>;

export const agreementAnswerSchema = z.object({
  agreement: agreementSchema.nullable(),
  /** edit: draft or revise (not once signed); sign: record signature and judicial confirmation. */
  abilities: z.object({ edit: z.boolean(), sign: z.boolean() }),
});
export type AgreementAnswer = z.infer<typeof agreementAnswerSchema>;
