import { z } from 'zod';

export const TIP_CATEGORIES = ['security', 'dispute', 'hazard', 'fraud', 'drugs', 'traffic', 'other'] as const;
export const TIP_STATUSES = ['new', 'accepted', 'dismissed'] as const;
export const TIP_PHOTOS_MAX = 3;

const optionalNumber = (min: number, max: number) =>
  z.preprocess((v) => (v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v) : v), z.number().min(min).max(max).optional());

/**
 * What a phone sends with a tip (JSON, or the text fields of a multipart form with up to three
 * `photos`): numbers may arrive as strings from a form.
 */
export const reportTipFields = z.object({
  text: z.string().trim().min(1).max(2000),
  category: z.enum(TIP_CATEGORIES),
  lat: optionalNumber(-90, 90),
  lon: optionalNumber(-180, 180),
  accuracy: optionalNumber(0, 100_000),
  addressText: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(200).optional()),
});
export type ReportTipFields = z.infer<typeof reportTipFields>;

export const tipPhotoSchema = z.object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number() });

/** A tip as its reporter sees it: the outcome, never the name of whoever triaged it. */
export const myTipSchema = z.object({
  id: z.number(),
  category: z.enum(TIP_CATEGORIES),
  text: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  accuracyM: z.number().nullable(),
  addressText: z.string().nullable(),
  status: z.enum(TIP_STATUSES),
  createdAt: z.string(),
  triagedAt: z.string().nullable(),
  dismissReason: z.string().nullable(),
  incident: z.object({ id: z.number(), summary: z.string(), status: z.string() }).nullable(),
  photos: z.array(tipPhotoSchema),
  pointsAwarded: z.number(),
});
export type MyTipDto = z.infer<typeof myTipSchema>;

/** A tip in the officers' triage queue. */
export const tipSchema = z.object({
  id: z.number(),
  category: z.enum(TIP_CATEGORIES),
  text: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  accuracyM: z.number().nullable(),
  addressText: z.string().nullable(),
  status: z.enum(TIP_STATUSES),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  reporter: z.object({ name: z.string(), role: z.string(), teamName: z.string().nullable(), volunteerId: z.number().nullable() }),
  createdAt: z.string(),
  triagedAt: z.string().nullable(),
  triagedBy: z.string().nullable(),
  dismissReason: z.string().nullable(),
  incidentId: z.number().nullable(),
  photos: z.array(tipPhotoSchema),
});
export type TipDto = z.infer<typeof tipSchema>;

export const listTipsQuery = z.object({
  status: z.enum(TIP_STATUSES).optional(),
  category: z.enum(TIP_CATEGORIES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListTipsQuery = z.infer<typeof listTipsQuery>;

export const acceptTipBody = z.object({
  categoryCode: z.string().trim().min(1).max(20),
  summary: z.string().trim().min(1).max(200).optional(),
  disputeType: z.string().trim().min(1).max(40).optional(),
  riskDomain: z.string().trim().min(1).max(40).optional(),
});
export type AcceptTipBody = z.infer<typeof acceptTipBody>;

export const dismissTipBody = z.object({ reason: z.string().trim().min(1).max(1000) });

export const tipFileParams = z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });
