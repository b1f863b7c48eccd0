import { z } from 'zod';

export const warningLevel = z.enum(['red', 'orange', 'yellow', 'blue']);
export const warningStatus = z.enum(['open', 'acknowledged', 'planned', 'closed']);

export const listWarningsQuery = z.object({
  status: warningStatus.optional(),
  level: warningLevel.optional(),
  source: z.enum(['repeat', 'escalation']).optional(),
  incidentId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListWarningsQuery = z.infer<typeof listWarningsQuery>;

export const planBody = z.object({ plan: z.string().trim().min(1).max(5000) });
export const closeBody = z.object({ reason: z.string().trim().min(1).max(2000) });

export const warningSchema = z.object({
  id: z.number(),
  /** repeat: a repeat cluster crossed a threshold; escalation: an incident's 民转刑 score crossed it. */
  source: z.enum(['repeat', 'escalation']),
  clusterId: z.number().nullable(),
  incidentId: z.number().nullable(),
  linkBy: z.enum(['address', 'phone', 'party']).nullable(),
  linkValue: z.string().nullable(),
  incidentCount: z.number(),
  level: warningLevel,
  reason: z.string(),
  ownerUserId: z.number().nullable(),
  ownerName: z.string().nullable(),
  deadline: z.string(),
  status: warningStatus,
  plan: z.string().nullable(),
  closedReason: z.string().nullable(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WarningDto = z.infer<typeof warningSchema>;

export const warningDetailSchema = warningSchema.extend({
  incidents: z.array(
    z.object({ id: z.number(), receivedAt: z.string(), categoryCode: z.string(), summary: z.string(), addressText: z.string().nullable(), callerPhone: z.string().nullable(), status: z.string() }),
  ),
  events: z.array(z.object({ actorName: z.string(), at: z.string(), fromStatus: warningStatus.nullable(), toStatus: warningStatus, note: z.string().nullable() })),
});
export type WarningDetailDto = z.infer<typeof warningDetailSchema>;
