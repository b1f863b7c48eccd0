import { JURISDICTION_KINDS } from '@fengqiao/shared';
import { z } from 'zod';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z
  .array(position)
  .min(4)
  .refine((r) => {
    const first = r[0];
    const last = r[r.length - 1];
    return !!first && !!last && first[0] === last[0] && first[1] === last[1];
  }, { message: 'ring_closed' });

/** GeoJSON Polygon, positions as [longitude, latitude]. */
export const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });

export const jurisdictionSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  kind: z.enum(JURISDICTION_KINDS),
  name: z.string(),
  code: z.string().nullable(),
  centerLat: z.number().nullable(),
  centerLon: z.number().nullable(),
  boundary: polygonSchema.nullable().optional(),
  sort: z.number(),
  childCount: z.number(),
  userCount: z.number(),
});
export type JurisdictionDto = z.infer<typeof jurisdictionSchema>;

export const listJurisdictionsQuery = z.object({
  includeBoundary: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
});

const code = z.string().trim().regex(/^[0-9A-Za-z-]{1,20}$/, { message: 'code' }).nullable().optional();
export const createJurisdictionBody = z.object({
  parentId: z.number().int().positive(),
  kind: z.enum(JURISDICTION_KINDS),
  name: z.string().trim().min(1).max(100),
  code,
  centerLat: z.number().min(-90).max(90).nullable().optional(),
  centerLon: z.number().min(-180).max(180).nullable().optional(),
  boundary: polygonSchema.nullable().optional(),
  sort: z.number().int().optional(),
});
export const updateJurisdictionBody = createJurisdictionBody.omit({ parentId: true, kind: true }).partial();

export const departmentSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  contactName: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
export type DepartmentDto = z.infer<typeof departmentSchema>;

const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, { message: 'phone' }).nullable().optional();
export const createDepartmentBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.string().trim().min(1).max(40),
  jurisdictionId: z.number().int().positive(),
  contactName: z.string().trim().max(50).nullable().optional(),
  phone,
  address: z.string().trim().max(200).nullable().optional(),
});
export const updateDepartmentBody = createDepartmentBody.partial();
