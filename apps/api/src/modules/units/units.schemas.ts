import { z } from 'zod';
import { queryBool } from '../../app/http.js';

export const UNIT_KINDS = ['enterprise', 'shop', 'venue', 'school', 'key_place', 'other'] as const;

export const unitSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  creditCode: z.string().nullable(),
  /** False when the code is well formed but its GB 32100 check character does not match. */
  creditCodeOk: z.boolean().nullable(),
  addressId: z.number().nullable(),
  addressName: z.string().nullable(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  legalRepresentative: z.string().nullable(),
  contactPhone: z.string().nullable(),
  employees: z.number().nullable(),
  keyPlace: z.boolean(),
  notes: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UnitDto = z.infer<typeof unitSchema>;

export const unitWarningSchema = z.object({ field: z.string(), rule: z.string(), message: z.string() });

export const unitDetailSchema = unitSchema.extend({
  /** Things to check that did not stop the save (a credit code failing its check character). */
  warnings: z.array(unitWarningSchema),
  abilities: z.object({ edit: z.boolean() }),
});
export type UnitDetail = z.infer<typeof unitDetailSchema>;

export const listUnitsQuery = z.object({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  keyPlace: queryBool,
  /** Only units whose credit code failed the check character. */
  creditWarning: queryBool,
  includeArchived: queryBool,
  jurisdictionId: z.coerce.number().int().positive().optional(),
  addressId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListUnitsQuery = z.infer<typeof listUnitsQuery>;
export type UnitsFilter = Omit<ListUnitsQuery, 'page' | 'pageSize'>;

const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, { message: 'phone' });

export const createUnitBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(UNIT_KINDS),
  creditCode: z.string().trim().max(40).nullable().optional(),
  addressId: z.number().int().positive().nullable().optional(),
  /** Needed only when no address is given. */
  jurisdictionId: z.number().int().positive().optional(),
  legalRepresentative: z.string().trim().max(50).nullable().optional(),
  contactPhone: phone.nullable().optional(),
  employees: z.number().int().min(0).max(1_000_000).nullable().optional(),
  keyPlace: z.boolean().optional(),
  notes: z.string().trim().max(1000).nullable().optional(),
});
export type CreateUnitInput = z.infer<typeof createUnitBody>;

export const updateUnitBody = createUnitBody.partial();
export type UpdateUnitInput = z.infer<typeof updateUnitBody>;
