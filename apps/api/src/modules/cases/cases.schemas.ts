import { z } from 'zod';

export const CASE_STAGES = ['registered', 'assessing', 'mediating', 'transferred', 'agreement', 'no_agreement', 'follow_up', 'closed'] as const;
export const CASE_RESOLUTIONS = ['resolved', 'transferred_tracked', 'failed_escalated'] as const;
export const CASE_SOURCES = ['incident', 'cluster', 'tip', 'visit', 'direct'] as const;
export const PARTY_SIDES = ['applicant', 'respondent', 'other'] as const;
export const CASE_SORTS = ['created_desc', 'created_asc', 'due_asc', 'updated_desc', 'case_no_asc'] as const;
export const CASE_PARTIES_MAX = 30;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const optionalId = z.number().int().positive().nullable().optional();

/** A party of the case and their claims (诉求). An identity number links the party to the person record with it. */
export const casePartyInput = z.object({
  side: z.enum(PARTY_SIDES),
  name: z.string().trim().min(1).max(50),
  phone: optionalText(30),
  idNumber: z.string().trim().max(30).nullable().optional(),
  personId: optionalId,
  claims: z.string().trim().max(5000).optional(),
});
export type CasePartyInput = z.infer<typeof casePartyInput>;
export const casePartyPatch = casePartyInput.partial();
export type CasePartyPatch = z.infer<typeof casePartyPatch>;

/**
 * Opening a case. From an incident, the incident's summary, dispute type, risk domain, place and
 * parties are the defaults; from a repeat cluster, its incidents are linked.
 */
export const openCaseBody = z.object({
  source: z.enum(CASE_SOURCES),
  sourceIncidentId: optionalId,
  sourceClusterId: optionalId,
  /** Who tipped the station off, or which visit found the dispute. */
  sourceNote: optionalText(2000),
  title: z.string().trim().min(1).max(200).optional(),
  summary: z.string().trim().max(5000).optional(),
  disputeType: z.string().trim().min(1).max(40).optional(),
  riskDomain: z.string().trim().min(1).max(40).nullable().optional(),
  officerUserId: optionalId,
  leaderUserId: optionalId,
  jurisdictionId: z.number().int().positive().optional(),
  addressId: optionalId,
  addressText: optionalText(200),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  parties: z.array(casePartyInput).max(CASE_PARTIES_MAX).optional(),
});
export type OpenCaseInput = z.infer<typeof openCaseBody>;

export const updateCaseBody = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  summary: z.string().trim().max(5000).optional(),
  disputeType: z.string().trim().min(1).max(40).optional(),
  riskDomain: z.string().trim().min(1).max(40).nullable().optional(),
  officerUserId: optionalId,
  leaderUserId: optionalId,
  addressId: optionalId,
  addressText: optionalText(200),
});
export type UpdateCaseInput = z.infer<typeof updateCaseBody>;

export const transitionBody = z.object({
  to: z.enum(CASE_STAGES),
  reason: optionalText(2000),
  resolution: z.enum(CASE_RESOLUTIONS).nullable().optional(),
});
export type TransitionInput = z.infer<typeof transitionBody>;

export const linkIncidentBody = z.object({ incidentId: z.number().int().positive() });

const queryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

/** The filters of the case list, shared by the list and the Excel export. */
export const caseFilterQuery = z.object({
  q: z.string().trim().max(100).optional(),
  stage: z.enum(CASE_STAGES).optional(),
  overdue: queryBoolean,
  disputeType: z.string().trim().max(40).optional(),
  riskDomain: z.string().trim().max(40).optional(),
  officerId: z.coerce.number().int().positive().optional(),
  jurisdictionId: z.coerce.number().int().positive().optional(),
  /** Opened at or after / before. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(CASE_SORTS).default('created_desc'),
});
export type CaseFilterQuery = z.infer<typeof caseFilterQuery>;

export const listCasesQuery = caseFilterQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

export const caseSummarySchema = z.object({
  id: z.number(),
  caseNo: z.string(),
  title: z.string(),
  source: z.enum(CASE_SOURCES),
  disputeType: z.string(),
  disputeTypeName: z.string(),
  riskDomain: z.string().nullable(),
  riskDomainName: z.string().nullable(),
  stage: z.enum(CASE_STAGES),
  resolution: z.enum(CASE_RESOLUTIONS).nullable(),
  stageEnteredAt: z.string(),
  stageDueAt: z.string().nullable(),
  /** The stage's deadline has passed and the case is not closed. */
  overdue: z.boolean(),
  officerUserId: z.number().nullable(),
  officerName: z.string().nullable(),
  leaderUserId: z.number().nullable(),
  leaderName: z.string().nullable(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  reopenedCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type CaseSummaryDto = z.infer<typeof caseSummarySchema>;

export const casePartySchema = z.object({
  id: z.number(),
  side: z.enum(PARTY_SIDES),
  name: z.string(),
  phone: z.string().nullable(),
  /** Always masked: whole numbers belong to the B file and the person page. */
  idNumberMasked: z.string().nullable(),
  personId: z.number().nullable(),
  claims: z.string(),
});
export type CasePartyDto = z.infer<typeof casePartySchema>;

export const caseDetailSchema = caseSummarySchema.extend({
  summary: z.string(),
  sourceIncidentId: z.number().nullable(),
  sourceClusterId: z.number().nullable(),
  sourceNote: z.string().nullable(),
  addressId: z.number().nullable(),
  addressName: z.string().nullable(),
  addressText: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  result: z.string().nullable(),
  createdByName: z.string().nullable(),
  parties: z.array(casePartySchema),
  incidents: z.array(z.object({ id: z.number(), receivedAt: z.string(), summary: z.string(), status: z.string(), reason: z.enum(['source', 'linked', 'relapse']), linkedAt: z.string() })),
  events: z.array(
    z.object({
      id: z.number(),
      action: z.string(),
      fromStage: z.enum(CASE_STAGES).nullable(),
      toStage: z.enum(CASE_STAGES),
      resolution: z.enum(CASE_RESOLUTIONS).nullable(),
      reason: z.string().nullable(),
      actorName: z.string(),
      at: z.string(),
    }),
  ),
  /** The moves this actor may make now (case_transitions from the current stage). */
  actions: z.array(z.object({ action: z.string(), to: z.enum(CASE_STAGES), reasonRequired: z.boolean(), resolutionRequired: z.boolean() })),
  abilities: z.object({ manage: z.boolean(), mediate: z.boolean(), bfile: z.boolean(), transfer: z.boolean(), followup: z.boolean() }),
});
export type CaseDetailDto = z.infer<typeof caseDetailSchema>;

export const listCasesSchema = z.object({ items: z.array(caseSummarySchema), total: z.number() });

const codeName = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });
export const metaQuery = z.object({ jurisdictionId: z.coerce.number().int().positive().optional() });
export const caseMetaSchema = z.object({
  stages: z.array(codeName.extend({ terminal: z.boolean() })),
  transitions: z.array(z.object({ action: z.string(), from: z.enum(CASE_STAGES), to: z.enum(CASE_STAGES), reasonRequired: z.boolean() })),
  resolutions: z.array(codeName),
  disputeTypes: z.array(codeName),
  riskDomains: z.array(codeName),
  /** Users who may be the responsible officer or leader of a case in the jurisdiction asked for (default: the actor's). */
  officers: z.array(z.object({ id: z.number(), name: z.string(), role: z.string(), jurisdictionName: z.string() })),
  leaders: z.array(z.object({ id: z.number(), name: z.string(), role: z.string(), jurisdictionName: z.string() })),
});
export type CaseMetaDto = z.infer<typeof caseMetaSchema>;

export const deadlineItem = z.object({
  stage: z.enum(CASE_STAGES),
  fromStage: z.enum(CASE_STAGES).nullable(),
  days: z.number().int().min(1).max(3650),
  workingDays: z.boolean(),
});
export const deadlinesSchema = z.object({ items: z.array(deadlineItem) });
export type DeadlinesDto = z.infer<typeof deadlinesSchema>;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'day' });
export const calendarItem = z.object({ day: isoDay, workday: z.boolean(), note: z.string().trim().max(100).nullable().optional() });
export const calendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const calendarBody = z.object({ items: z.array(calendarItem).min(1).max(400) });
export const calendarSchema = z.object({ items: z.array(z.object({ day: z.string(), workday: z.boolean(), note: z.string().nullable() })) });
export type CalendarDto = z.infer<typeof calendarSchema>;
export const dayParams = z.object({ day: isoDay });

export const personCasesSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      caseNo: z.string(),
      title: z.string(),
      stage: z.enum(CASE_STAGES),
      side: z.enum(PARTY_SIDES),
      jurisdictionName: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type PersonCasesDto = z.infer<typeof personCasesSchema>;
