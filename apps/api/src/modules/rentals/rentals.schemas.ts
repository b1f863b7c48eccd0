import { z } from 'zod';
import { RENTAL_FLAGS } from './rentals.rules.js';

const isoDate = z.iso.date();
const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, { message: 'phone' });
const personName = z.string().trim().min(1).max(50);

export const rentalFlagSchema = z.enum(RENTAL_FLAGS);
export const flagFilterSchema = z.enum([...RENTAL_FLAGS, 'flagged']);
export type FlagFilter = z.infer<typeof flagFilterSchema>;

// ---- requests ----

export const listRentalsQuery = z.object({
  jurisdictionId: z.coerce.number().int().positive().optional(),
  flag: flagFilterSchema.optional(),
  q: z.string().trim().max(50).optional(),
  status: z.enum(['active', 'withdrawn', 'all']).default('active'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListRentalsQuery = z.infer<typeof listRentalsQuery>;
export const exportRentalsQuery = listRentalsQuery.omit({ page: true, pageSize: true });
export type RentalsFilter = z.infer<typeof exportRentalsQuery>;

/** A landlord already registered (`personId`) or named with an identity number. */
export const landlordInput = z.object({
  personId: z.number().int().positive().optional(),
  name: personName.optional(),
  idNumber: z.string().trim().max(30).optional(),
  phone: phone.optional(),
});
export type LandlordInput = z.infer<typeof landlordInput>;

export const registerRentalBody = z.object({
  houseId: z.number().int().positive(),
  /** Omitted: the house's owner lets it. */
  landlord: landlordInput.optional(),
  landlordUserId: z.number().int().positive().nullable().optional(),
  occupantLimit: z.number().int().min(1).max(200).optional(),
});
export type RegisterRentalInput = z.infer<typeof registerRentalBody>;

export const updateRentalBody = z.object({
  landlord: landlordInput.optional(),
  landlordUserId: z.number().int().positive().nullable().optional(),
  occupantLimit: z.number().int().min(1).max(200).optional(),
  status: z.enum(['active', 'withdrawn']).optional(),
});
export type UpdateRentalInput = z.infer<typeof updateRentalBody>;

export const checkInBody = z.object({
  tenant: z.object({ name: personName, idNumber: z.string().trim().min(1).max(30), phone: phone.optional() }),
  checkIn: isoDate,
});
export type CheckInInput = z.infer<typeof checkInBody>;

export const checkOutBody = z.object({ checkOut: isoDate });

export const dashboardQuery = z.object({ jurisdictionId: z.coerce.number().int().positive().optional() });
export const pendingQuery = z.object({
  jurisdictionId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** The text fields of the agreement upload (multipart). */
export const agreementFields = z.object({ signedOn: isoDate, expiresOn: isoDate });

// ---- responses ----

const abilities = z.object({ checkIn: z.boolean(), checkOut: z.boolean(), verify: z.boolean(), uploadAgreement: z.boolean(), edit: z.boolean() });

export const rentalListItemSchema = z.object({
  id: z.number(),
  houseId: z.number(),
  address: z.string(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  communityName: z.string().nullable(),
  landlord: z.object({ personId: z.number(), name: z.string(), phoneMasked: z.string().nullable() }),
  landlordUserId: z.number().nullable(),
  occupantLimit: z.number(),
  status: z.enum(['active', 'withdrawn']),
  currentTenants: z.number(),
  tenantNames: z.array(z.string()),
  pendingVerification: z.number(),
  agreementExpiresOn: z.string().nullable(),
  flags: z.array(rentalFlagSchema),
});
export type RentalListItem = z.infer<typeof rentalListItemSchema>;

export const rulesSchema = z.object({ unverifiedDays: z.number(), agreementWarningDays: z.number() });

export const rentalListSchema = z.object({ items: z.array(rentalListItemSchema), total: z.number(), rules: rulesSchema, today: z.string() });

export const tenancySchema = z.object({
  id: z.number(),
  /** `phone` (whole) only for police roles. */
  person: z.object({ id: z.number(), name: z.string(), idNumberMasked: z.string().nullable(), phoneMasked: z.string().nullable(), phone: z.string().nullable().optional() }),
  checkIn: z.string(),
  checkOut: z.string().nullable(),
  reportedVia: z.enum(['officer', 'landlord', 'import']),
  reportedByName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedByName: z.string().nullable(),
  checkoutVerifiedAt: z.string().nullable(),
  checkoutVerifiedByName: z.string().nullable(),
  state: z.enum(['pending_check_in', 'verified', 'pending_check_out', 'closed']),
  /** Days since the event the officer still has to verify; null when nothing is pending. */
  daysWaiting: z.number().nullable(),
  overdue: z.boolean(),
});
export type TenancyDto = z.infer<typeof tenancySchema>;

export const agreementSchema = z.object({
  id: z.number(),
  signedOn: z.string(),
  expiresOn: z.string(),
  status: z.enum(['valid', 'expiring', 'expired']),
  hasFile: z.boolean(),
  fileName: z.string().nullable(),
  mime: z.string().nullable(),
  createdAt: z.string(),
});
export type AgreementDto = z.infer<typeof agreementSchema>;

export const rentalDetailSchema = rentalListItemSchema.extend({
  registeredOn: z.string(),
  landlord: z.object({ personId: z.number(), name: z.string(), idNumberMasked: z.string().nullable(), phoneMasked: z.string().nullable(), phone: z.string().nullable().optional() }),
  landlordUser: z.object({ id: z.number(), displayName: z.string() }).nullable(),
  tenancies: z.array(tenancySchema),
  agreements: z.array(agreementSchema),
  abilities,
  rules: rulesSchema,
  today: z.string(),
});
export type RentalDetail = z.infer<typeof rentalDetailSchema>;

export const pendingItemSchema = z.object({
  tenancyId: z.number(),
  rentalHouseId: z.number(),
  address: z.string(),
  jurisdictionName: z.string(),
  landlordName: z.string(),
  person: z.object({ id: z.number(), name: z.string(), idNumberMasked: z.string().nullable() }),
  stage: z.enum(['check_in', 'check_out']),
  eventDate: z.string(),
  reportedVia: z.enum(['officer', 'landlord', 'import']),
  daysWaiting: z.number(),
  overdue: z.boolean(),
});
export const pendingListSchema = z.object({ items: z.array(pendingItemSchema), total: z.number(), rules: rulesSchema, canVerify: z.boolean() });

const flagCounts = z.object({ unverified: z.number(), agreement_missing: z.number(), agreement_expired: z.number(), agreement_expiring: z.number(), over_limit: z.number() });
const dashboardFigures = z.object({
  rentalHouses: z.number(),
  currentTenants: z.number(),
  /** Tenancies whose check-in or check-out waits for verification, and those waiting too long. */
  pendingVerification: z.number(),
  unverified: z.number(),
  flaggedHouses: z.number(),
  flagged: flagCounts,
  agreementsExpiring: z.number(),
});
export const dashboardSchema = z.object({
  rules: rulesSchema,
  today: z.string(),
  totals: dashboardFigures,
  communities: z.array(dashboardFigures.extend({ communityId: z.number().nullable(), name: z.string(), kind: z.string().nullable() })),
});
export type DashboardFigures = z.infer<typeof dashboardFigures>;

export const myRentalsSchema = z.object({ items: z.array(rentalDetailSchema), rules: rulesSchema, today: z.string() });

export const landlordAccountsSchema = z.object({ items: z.array(z.object({ id: z.number(), displayName: z.string(), username: z.string(), jurisdictionName: z.string() })) });
