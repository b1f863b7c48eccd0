import { z } from 'zod';
import { polygonSchema } from '../org/org.schemas.js';

export const BROADCAST_KINDS = ['missing_person', 'missing_child', 'wanted_vehicle', 'fraud_alert'] as const;
export const REPLY_KINDS = ['sighting', 'found', 'note'] as const;
/** A photo as JSON: the phone sends the bytes base64-encoded; the content is sniffed (JPEG, PNG, WebP). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const BODY_LIMIT = Math.ceil((PHOTO_MAX_BYTES * 4) / 3) + 64 * 1024;

export const photoInput = z.object({
  name: z.string().min(1).max(200),
  data: z.string().min(1).max(BODY_LIMIT),
});

const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);

export const sendBody = z.object({
  kind: z.enum(BROADCAST_KINDS),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(5000),
  photo: photoInput.optional(),
  target: z.discriminatedUnion('type', [
    z.object({ type: z.literal('radius'), centerLat: lat, centerLon: lon, radiusM: z.number().int().min(100).max(100_000) }),
    z.object({ type: z.literal('polygon'), polygon: polygonSchema }),
    z.object({ type: z.literal('teams'), teamIds: z.array(z.number().int().positive()).min(1).max(200) }),
  ]),
  includeGrid: z.boolean().default(true),
});
export type SendInput = z.infer<typeof sendBody>;

export const replyBody = z.object({
  kind: z.enum(REPLY_KINDS),
  text: z.string().trim().max(2000).default(''),
  lat: lat.optional(),
  lon: lon.optional(),
  photo: photoInput.optional(),
});
export type ReplyInput = z.infer<typeof replyBody>;

export const closeBody = z.object({ note: z.string().trim().max(2000).default('') });

export const listQuery = z.object({
  status: z.enum(['open', 'closed']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const targetSchema = z.object({
  type: z.enum(['radius', 'polygon', 'teams']),
  centerLat: z.number().nullable(),
  centerLon: z.number().nullable(),
  radiusM: z.number().nullable(),
  polygon: polygonSchema.nullable(),
  teamIds: z.array(z.number()),
});

export const replySchema = z.object({
  id: z.number(),
  kind: z.enum(REPLY_KINDS),
  text: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  hasPhoto: z.boolean(),
  at: z.string(),
  /** Staff see who replied; a volunteer sees only their own replies. */
  byName: z.string().nullable(),
});

export const countsSchema = z.object({ recipients: z.number(), delivered: z.number(), acknowledged: z.number(), replied: z.number() });

export const broadcastSchema = z.object({
  id: z.number(),
  kind: z.enum(BROADCAST_KINDS),
  title: z.string(),
  body: z.string(),
  hasPhoto: z.boolean(),
  status: z.enum(['open', 'closed']),
  target: targetSchema,
  includeGrid: z.boolean(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  foundAt: z.string().nullable(),
  /** found_at − created_at, whole minutes. */
  minutesToFound: z.number().nullable(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  counts: countsSchema,
});
export type BroadcastDto = z.infer<typeof broadcastSchema>;

export const broadcastDetailSchema = broadcastSchema.extend({ replies: z.array(replySchema) });

export const myBroadcastSchema = z.object({
  id: z.number(),
  kind: z.enum(BROADCAST_KINDS),
  title: z.string(),
  body: z.string(),
  hasPhoto: z.boolean(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  found: z.boolean(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  myReplies: z.array(replySchema),
});
export type MyBroadcastDto = z.infer<typeof myBroadcastSchema>;
