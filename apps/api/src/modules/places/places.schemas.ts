import { z } from 'zod';

/** Standard-address levels from the top down: 县 → 镇/街道 → 社区/村 → 小区/街巷/村民小组 → 楼/院 → 单元 → 室. */
export const ADDRESS_LEVELS = ['county', 'town', 'community', 'compound', 'building', 'unit', 'room'] as const;
export type AddressLevelName = (typeof ADDRESS_LEVELS)[number];

const level = z.enum(ADDRESS_LEVELS);

/** What other modules (people, houses, incidents, imports) need of an address. */
export const addressSummarySchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  level,
  name: z.string(),
  fullName: z.string(),
  divisionCode: z.string().nullable(),
  jurisdictionId: z.number(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});
export type AddressSummary = z.infer<typeof addressSummarySchema>;

export const addressSchema = addressSummarySchema.extend({
  divisionName: z.string().nullable(),
  jurisdictionName: z.string(),
  sort: z.number(),
  childCount: z.number(),
});
export type AddressDto = z.infer<typeof addressSchema>;

export const addressDetailSchema = addressSchema.extend({
  /** From the top (county) down to the parent; `visible` is false for those outside the actor's scope. */
  ancestors: z.array(z.object({ id: z.number(), level, name: z.string(), visible: z.boolean() })),
  /** Persons living, houses and units at this address or below it, inside the actor's scope. */
  counts: z.object({ persons: z.number(), houses: z.number(), units: z.number() }),
});
export type AddressDetailDto = z.infer<typeof addressDetailSchema>;

export const listAddressesQuery = z.object({ parentId: z.coerce.number().int().positive().optional() });
export const searchAddressesQuery = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const matchAddressQuery = z.object({ q: z.string().trim().min(1).max(200) });

const matchItem = z.object({ address: addressSummarySchema, confidence: z.number().min(0).max(1) });
export const matchResultSchema = z.object({
  best: matchItem.nullable(),
  alternatives: z.array(matchItem),
  parsed: z.object({ building: z.string().nullable(), unit: z.string().nullable(), room: z.string().nullable() }),
});

const divisionCode = z.string().trim().regex(/^\d{2,12}$/);
const lat = z.number().min(-90).max(90).nullable().optional();
const lon = z.number().min(-180).max(180).nullable().optional();

export const createAddressBody = z.object({
  /** Omitted only for a county, the top of a tree. */
  parentId: z.number().int().positive().nullable().optional(),
  level,
  name: z.string().trim().min(1).max(100),
  divisionCode: divisionCode.nullable().optional(),
  /** Defaults to the parent's jurisdiction. */
  jurisdictionId: z.number().int().positive().optional(),
  /** Default to the parent's coordinates. */
  lat,
  lon,
  sort: z.number().int().min(0).optional(),
});
export type CreateAddressInput = z.infer<typeof createAddressBody>;

export const updateAddressBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  divisionCode: divisionCode.nullable().optional(),
  jurisdictionId: z.number().int().positive().optional(),
  lat,
  lon,
  sort: z.number().int().min(0).optional(),
});
export type UpdateAddressInput = z.infer<typeof updateAddressBody>;

export const divisionSchema = z.object({ code: z.string(), name: z.string(), level: z.number(), parentCode: z.string().nullable(), childCount: z.number() });
export const listDivisionsQuery = z.object({ parentCode: divisionCode.optional() });
