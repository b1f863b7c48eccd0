import { z } from 'zod';

export const INCIDENT_KINDS = ['criminal', 'public_order', 'traffic', 'fire', 'help', 'dispute', 'report', 'complaint', 'other'] as const;
export const INCIDENT_STATUSES = ['received', 'dispatched', 'arrived', 'handled', 'closed'] as const;
export const INCIDENT_OUTCOMES = ['administrative_case', 'criminal_case', 'dispute_case', 'help_given', 'no_action'] as const;

export const incidentTimingSchema = z.object({
  dispatchSeconds: z.number().nullable(),
  arriveSeconds: z.number().nullable(),
  dispatchLimitSeconds: z.number().nullable(),
  arriveLimitSeconds: z.number().nullable(),
  compliant: z.boolean().nullable(),
});

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const PARTY_ROLES = ['caller', 'party', 'victim', 'suspect', 'witness'] as const;
export const PARTIES_MAX = 20;

/** A person the incident concerns. An identity number or a person record links them across incidents. */
export const partyInput = z.object({
  role: z.enum(PARTY_ROLES),
  name: z.string().trim().min(1).max(50),
  phone: optionalText(30),
  idNumber: z.string().trim().max(30).nullable().optional(),
  personId: z.number().int().positive().nullable().optional(),
  injured: z.boolean().optional(),
  note: optionalText(500),
});
export type PartyInput = z.infer<typeof partyInput>;

export const partySchema = z.object({
  id: z.number(),
  role: z.enum(PARTY_ROLES),
  name: z.string(),
  phone: z.string().nullable(),
  personId: z.number().nullable(),
  personName: z.string().nullable(),
  /** Always masked here; the whole number is shown on the person page to police roles, audited. */
  idNumberMasked: z.string().nullable(),
  injured: z.boolean(),
  note: z.string().nullable(),
});
export type PartyDto = z.infer<typeof partySchema>;

export const correctAddressBody = z.object({ addressId: z.number().int().positive() });

/** One incident as submitted by an officer or a channel's system. */
export const incidentInput = z.object({
  channel: z.string().trim().min(1).max(20),
  externalRef: optionalText(100),
  receivedAt: z.iso.datetime({ offset: true }),
  categoryCode: z.string().trim().min(1).max(20),
  riskDomain: z.string().trim().min(1).max(40).nullable().optional(),
  disputeType: z.string().trim().min(1).max(40).nullable().optional(),
  summary: z.string().trim().min(1).max(200),
  narrative: z.string().trim().max(5000).optional(),
  callerName: optionalText(50),
  callerPhone: optionalText(30),
  addressText: optionalText(200),
  jurisdictionId: z.number().int().positive().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  parties: z.array(partyInput).max(PARTIES_MAX).optional(),
});
export type IncidentInput = z.infer<typeof incidentInput>;

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;
export const BATCH_MAX = 1000;

export const batchItem = incidentInput.extend({ idempotencyKey: z.string() });
// Items are checked one by one in the use-case so that one bad item does not refuse the batch.
export const batchBody = z.object({ items: z.array(z.record(z.string(), z.unknown())).min(1).max(BATCH_MAX) });

export const batchResultSchema = z.object({
  results: z.array(
    z.object({
      index: z.number(),
      status: z.enum(['created', 'duplicate', 'error']),
      incidentId: z.number().optional(),
      error: z.object({ code: z.string(), message: z.string(), fields: z.array(z.object({ path: z.string(), rule: z.string(), message: z.string() })) }).optional(),
    }),
  ),
});
export type BatchResult = z.infer<typeof batchResultSchema>;

export const incidentSchema = z.object({
  id: z.number(),
  channel: z.string(),
  externalRef: z.string().nullable(),
  receivedAt: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  riskDomain: z.string().nullable(),
  disputeType: z.string().nullable(),
  summary: z.string(),
  narrative: z.string(),
  callerName: z.string().nullable(),
  callerPhone: z.string().nullable(),
  addressText: z.string().nullable(),
  addressId: z.number().nullable(),
  addressName: z.string().nullable(),
  addressConfidence: z.number().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  dispatchedAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  handledAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Escalation (民转刑) score 0–100 of a dispute, with the factors that make it up; null for other kinds. */
  riskScore: z.number().nullable(),
  riskFactors: z.array(z.object({ key: z.string(), points: z.number(), detail: z.string() })).nullable(),
  parties: z.array(partySchema),
  /** Set when an officer corrected the standard address the matcher chose. */
  addressCorrectedAt: z.string().nullable(),
  addressCorrectedBy: z.string().nullable(),
  outcome: z.enum(INCIDENT_OUTCOMES).nullable(),
  caseNumber: z.string().nullable(),
  /** GA 240.1 category ('GA' + code) of a criminal case. */
  caseCategoryCode: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  outcomeAt: z.string().nullable(),
  /** When a filed case was marked solved (破案, POST /api/incidents/:id/case-solved). */
  caseSolvedAt: z.string().nullable(),
  /** The dispute case this incident opened (outcome 'dispute_case'). */
  disputeCaseId: z.number().nullable(),
  /** 1-3-5 minute standard: seconds from receipt, the limits of the incident's area, compliance once arrived. */
  timing: incidentTimingSchema,
});
export type IncidentDto = z.infer<typeof incidentSchema>;

/** 'none' finds incidents without a recorded outcome. */
export const OUTCOME_FILTERS = ['administrative_case', 'criminal_case', 'dispute_case', 'help_given', 'no_action', 'none'] as const;

/** The filters of the incident list, shared by the list, the Excel export and saved filters. */
export const incidentFilterQuery = z.object({
  /** Words of the summary or narrative (trigram index); a phone number or an address also finds the caller or the place. */
  q: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  channel: z.string().trim().max(20).optional(),
  kind: z.enum(INCIDENT_KINDS).optional(),
  categoryCode: z.string().trim().max(20).optional(),
  stationId: z.coerce.number().int().positive().optional(),
  jurisdictionId: z.coerce.number().int().positive().optional(),
  status: z.enum(INCIDENT_STATUSES).optional(),
  outcome: z.enum(OUTCOME_FILTERS).optional(),
  addressId: z.coerce.number().int().positive().optional(),
  callerPhone: z.string().trim().max(30).optional(),
  hasWarning: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  disputeType: z.string().trim().max(40).optional(),
  riskDomain: z.string().trim().max(40).optional(),
});
export type IncidentFilterQuery = z.infer<typeof incidentFilterQuery>;

export const listIncidentsQuery = incidentFilterQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListIncidentsQuery = z.infer<typeof listIncidentsQuery>;

export const categorySchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  parentCode: z.string().nullable(),
  level: z.number(),
  kind: z.enum(INCIDENT_KINDS),
  source: z.enum(['jcj110', 'ga240', 'local']),
  active: z.boolean(),
  sort: z.number(),
});
export type CategoryDto = z.infer<typeof categorySchema>;

const codeName = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });
/** Flat rows with parentCode and level: the client builds the tree. */
export const taxonomySchema = z.object({ categories: z.array(categorySchema), riskDomains: z.array(codeName), disputeTypes: z.array(codeName) });

export const createCategoryBody = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/, { message: 'code' }),
  nameZh: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().max(100).optional(),
  parentCode: z.string().trim().max(20).nullable().optional(),
  kind: z.enum(INCIDENT_KINDS),
  active: z.boolean().optional(),
  sort: z.number().int().min(0).max(1_000_000).optional(),
});
export type CreateCategoryInput = z.infer<typeof createCategoryBody>;

export const updateCategoryBody = createCategoryBody.omit({ code: true, parentCode: true }).partial();
export type UpdateCategoryInput = z.infer<typeof updateCategoryBody>;
export const categoryParams = z.object({ code: z.string().trim().min(1).max(20) });
