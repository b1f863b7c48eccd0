import { z } from 'zod';

export const auditEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  actorUserId: z.number().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  jurisdictionId: z.number().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  change: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventDto = z.infer<typeof auditEventSchema>;

export const auditFilter = z.object({
  userId: z.coerce.number().int().positive().optional(),
  entityType: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(40).optional(),
  action: z.string().trim().max(60).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditFilter = z.infer<typeof auditFilter>;
export const listAuditQuery = auditFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
