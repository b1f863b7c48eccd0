import { z } from 'zod';

export const PERSON_CATEGORIES = ['registered', 'floating', 'tenant'] as const;
export const RESIDENCE_KINDS = ['residence', 'household', 'work'] as const;

export const personListItemSchema = z.object({
  id: z.number(),
  name: z.string(),
  category: z.enum(PERSON_CATEGORIES),
  gender: z.enum(['male', 'female', 'unknown']).nullable(),
  birthDate: z.string().nullable(),
  /** Lists and ordinary views carry only the masked form; the whole number has its own audited endpoint. */
  idNumberMasked: z.string().nullable(),
  /** Whole for roles that may see identity data, masked for the others. */
  phone: z.string().nullable(),
  currentAddressId: z.number().nullable(),
  currentAddressName: z.string().nullable(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  updatedAt: z.string(),
});
export type PersonListItem = z.infer<typeof personListItemSchema>;

export const personAddressSchema = z.object({
  id: z.number(),
  addressId: z.number(),
  addressName: z.string(),
  kind: z.enum(RESIDENCE_KINDS),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  source: z.string(),
});

export const personTenancySchema = z.object({
  id: z.number(),
  rentalHouseId: z.number(),
  houseId: z.number(),
  addressName: z.string(),
  landlordName: z.string(),
  checkIn: z.string(),
  checkOut: z.string().nullable(),
  verified: z.boolean(),
});

export const personDetailSchema = personListItemSchema.extend({
  ethnicityCode: z.string().nullable(),
  ethnicityName: z.string().nullable(),
  householdPlace: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  /** The house (实有房屋) at the current address, when one is recorded. */
  currentHouseId: z.number().nullable(),
  addresses: z.array(personAddressSchema),
  tenancies: z.array(personTenancySchema),
  ownedHouses: z.array(z.object({ id: z.number(), addressName: z.string(), use: z.string() })),
  /** Incidents the person was a party to (by person record or identity number), within the viewer's incident scope; empty without incidents.view. */
  incidents: z.array(z.object({ id: z.number(), receivedAt: z.string(), summary: z.string(), status: z.string(), kind: z.string(), categoryName: z.string(), role: z.string(), jurisdictionName: z.string() })),
  /** Figures for the person page; later capabilities (dispute cases) add theirs. */
  counts: z.object({ addresses: z.number(), tenancies: z.number(), activeTenancies: z.number(), housesOwned: z.number(), incidents: z.number() }),
  abilities: z.object({ viewIdentity: z.boolean(), edit: z.boolean() }),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

export const listPeopleQuery = z.object({
  q: z.string().trim().max(50).optional(),
  category: z.enum(PERSON_CATEGORIES).optional(),
  jurisdictionId: z.coerce.number().int().positive().optional(),
  addressId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListPeopleQuery = z.infer<typeof listPeopleQuery>;
export type PeopleFilter = Omit<ListPeopleQuery, 'page' | 'pageSize'>;

const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, { message: 'phone' });
const isoDate = z.iso.date();

export const createPersonBody = z.object({
  name: z.string().trim().min(1).max(50),
  category: z.enum(PERSON_CATEGORIES),
  idNumber: z.string().trim().max(30).nullable().optional(),
  phone: phone.nullable().optional(),
  ethnicityCode: z.string().trim().max(10).nullable().optional(),
  householdPlace: z.string().trim().max(200).nullable().optional(),
  /** Where the person lives now; the jurisdiction follows the address. */
  addressId: z.number().int().positive().nullable().optional(),
  /** Needed only when no address is given. */
  jurisdictionId: z.number().int().positive().optional(),
  /** Since when they live at the address (default today). */
  fromDate: isoDate.optional(),
  notes: z.string().trim().max(1000).nullable().optional(),
});
export type CreatePersonInput = z.infer<typeof createPersonBody>;

export const updatePersonBody = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  category: z.enum(PERSON_CATEGORIES).optional(),
  /** Records a number for someone registered without one, or corrects a wrong one. */
  idNumber: z.string().trim().max(30).optional(),
  phone: phone.nullable().optional(),
  ethnicityCode: z.string().trim().max(10).nullable().optional(),
  householdPlace: z.string().trim().max(200).nullable().optional(),
  notes: z.string().trim().max(1000).nullable().optional(),
});
export type UpdatePersonInput = z.infer<typeof updatePersonBody>;

export const movePersonBody = z.object({
  addressId: z.number().int().positive(),
  fromDate: isoDate.optional(),
  kind: z.enum(RESIDENCE_KINDS).default('residence'),
});
export type MovePersonInput = z.infer<typeof movePersonBody>;

export const identityAnswerSchema = z.object({ idNumber: z.string().nullable() });
