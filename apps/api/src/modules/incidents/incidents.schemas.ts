import { z } from 'zod';

export const INCIDENT_KINDS = ['criminal', 'public_order', 'traffic', 'fire', 'help', 'dispute', 'report', 'complaint', 'other'] as const;
export const INCIDENT_STATUSES = ['received', 'dispatched', 'arrived', 'handled', 'closed'] as const;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

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
});
export type IncidentDto = z.infer<typeof incidentSchema>;

export const listIncidentsQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  channel: z.string().trim().max(20).optional(),
  kind: z.enum(INCIDENT_KINDS).optional(),
  categoryCode: z.string().trim().max(20).optional(),
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
