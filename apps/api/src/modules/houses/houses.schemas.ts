import { z } from 'zod';
import { queryBool } from '../../app/http.js';
import { PERSON_CATEGORIES } from '../people/people.schemas.js';

export const HOUSE_USES = ['own', 'rental', 'vacant', 'business', 'other'] as const;

export const houseListItemSchema = z.object({
  id: z.number(),
  addressId: z.number(),
  addressName: z.string(),
  use: z.enum(HOUSE_USES),
  areaM2: z.number().nullable(),
  occupantLimit: z.number().nullable(),
  /** People whose current address is this house's address. */
  occupantCount: z.number(),
  /** A rental registration (出租房屋) is active for this house. */
  isRental: z.boolean(),
  rentalHouseId: z.number().nullable(),
  ownerPersonId: z.number().nullable(),
  ownerName: z.string().nullable(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  updatedAt: z.string(),
});
export type HouseListItem = z.infer<typeof houseListItemSchema>;

const personBrief = z.object({
  id: z.number(),
  name: z.string(),
  category: z.enum(PERSON_CATEGORIES),
  gender: z.enum(['male', 'female', 'unknown']).nullable(),
  birthDate: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  phone: z.string().nullable(),
});

export const houseDetailSchema = houseListItemSchema.extend({
  notes: z.string().nullable(),
  createdAt: z.string(),
  /** County → … → room: the standard address from the top down. */
  addressChain: z.array(z.object({ id: z.number(), level: z.string(), name: z.string() })),
  owner: personBrief.nullable(),
  occupants: z.array(personBrief),
  rental: z
    .object({
      id: z.number(),
      landlordPersonId: z.number(),
      landlordName: z.string(),
      occupantLimit: z.number(),
      registeredOn: z.string(),
      status: z.enum(['active', 'withdrawn']),
      agreement: z.object({ signedOn: z.string(), expiresOn: z.string() }).nullable(),
    })
    .nullable(),
  tenancies: z.array(
    z.object({
      id: z.number(),
      personId: z.number(),
      personName: z.string(),
      idNumberMasked: z.string().nullable(),
      checkIn: z.string(),
      checkOut: z.string().nullable(),
      verified: z.boolean(),
    }),
  ),
  abilities: z.object({ edit: z.boolean() }),
});
export type HouseDetail = z.infer<typeof houseDetailSchema>;

export const listHousesQuery = z.object({
  q: z.string().trim().max(50).optional(),
  use: z.enum(HOUSE_USES).optional(),
  rental: queryBool,
  jurisdictionId: z.coerce.number().int().positive().optional(),
  addressId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListHousesQuery = z.infer<typeof listHousesQuery>;
export type HousesFilter = Omit<ListHousesQuery, 'page' | 'pageSize'>;

const area = z.number().positive().max(100_000);
const limit = z.number().int().min(1).max(200);

export const createHouseBody = z.object({
  addressId: z.number().int().positive(),
  use: z.enum(HOUSE_USES),
  ownerPersonId: z.number().int().positive().nullable().optional(),
  areaM2: area.nullable().optional(),
  occupantLimit: limit.nullable().optional(),
  notes: z.string().trim().max(1000).nullable().optional(),
});
export type CreateHouseInput = z.infer<typeof createHouseBody>;

export const updateHouseBody = createHouseBody.omit({ addressId: true }).partial();
export type UpdateHouseInput = z.infer<typeof updateHouseBody>;
