import { z } from 'zod';

// A file (A卷): evidence and mediation sessions. B file (B卷): parties as person records,
// household, relations, registration (一标三实) and prevention education. The B-file schemas are
// separate objects so that no A-file response can carry a B-file field by accident.

export const evidenceParams = z.object({ id: z.coerce.number().int().positive(), evidenceId: z.coerce.number().int().positive() });
export const partyParams = z.object({ id: z.coerce.number().int().positive(), partyId: z.coerce.number().int().positive() });
export const relationParams = z.object({ id: z.coerce.number().int().positive(), relationId: z.coerce.number().int().positive() });

// ---------- evidence ----------

export const evidenceKind = z.enum(['photo', 'video', 'document', 'followup']);
export type EvidenceKind = z.infer<typeof evidenceKind>;

/** The text fields of the evidence upload (multipart). */
export const evidenceFields = z.object({
  kind: evidenceKind,
  description: z.string().trim().max(1000).default(''),
});

const userRef = z.object({ id: z.number(), name: z.string() });

export const evidenceSchema = z.object({
  id: z.number(),
  kind: evidenceKind,
  description: z.string(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: userRef.nullable(),
  uploadedAt: z.string(),
});
export type EvidenceDto = z.infer<typeof evidenceSchema>;
export const evidenceListSchema = z.object({
  items: z.array(evidenceSchema),
  /** What the caller may upload: all kinds (police), documents only (mediators), nothing. */
  abilities: z.object({ uploadKinds: z.array(evidenceKind) }),
});

// ---------- mediation sessions ----------

export const mediatorForce = z.enum(['grid', 'town', 'police_room', 'judicial']);
export const mediationOutcome = z.enum(['agreed', 'partial', 'adjourned', 'failed']);

export const createSessionBody = z.object({
  heldAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().min(1).max(200),
  mediators: z
    .array(
      z.object({
        force: mediatorForce,
        name: z.string().trim().min(1).max(50),
        userId: z.number().int().positive().nullish(),
      }),
    )
    .min(1)
    .max(20),
  attendees: z.string().trim().max(2000).default(''),
  record: z.string().trim().max(20000).default(''),
  outcome: mediationOutcome,
});
export type CreateSessionInput = z.infer<typeof createSessionBody>;

export const sessionSchema = z.object({
  id: z.number(),
  heldAt: z.string(),
  place: z.string(),
  mediators: z.array(z.object({ force: mediatorForce, name: z.string(), userId: z.number().nullable() })),
  attendees: z.string(),
  record: z.string(),
  outcome: mediationOutcome,
  createdBy: userRef.nullable(),
  createdAt: z.string(),
});
export type SessionDto = z.infer<typeof sessionSchema>;
export const sessionListSchema = z.object({ items: z.array(sessionSchema), abilities: z.object({ record: z.boolean() }) });

// ---------- B file ----------

export const relationKind = z.enum(['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild', 'other_family', 'friend', 'colleague', 'neighbour', 'landlord', 'tenant', 'other']);
export const educationTopic = z.enum(['anti_fraud', 'anti_drug', 'illegal_passenger', 'helmet_belt']);
const phonePattern = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, 'phone');

export const registerPartyPersonBody = z.object({
  /** Needed when the party has no identity number recorded yet. */
  idNumber: z.string().trim().min(1).max(20).nullish(),
  category: z.enum(['registered', 'floating', 'tenant']).default('registered'),
  ethnicityCode: z.string().trim().max(10).nullish(),
  householdPlace: z.string().trim().max(200).nullish(),
  currentAddressId: z.number().int().positive().nullish(),
});
export type RegisterPartyPersonInput = z.infer<typeof registerPartyPersonBody>;

export const addRelationBody = z.object({
  personId: z.number().int().positive(),
  relation: relationKind,
  /** Optional: the related person's record when they are in the actor's jurisdiction. */
  relatedPersonId: z.number().int().positive().nullish(),
  name: z.string().trim().min(1).max(50).nullish(),
  sameHousehold: z.boolean().default(false),
  phone: phonePattern.nullish(),
  note: z.string().trim().max(1000).nullish(),
});
export type AddRelationInput = z.infer<typeof addRelationBody>;

export const addEducationBody = z.object({
  personId: z.number().int().positive(),
  topic: educationTopic,
  deliveredOn: z.iso.date(),
  /** Defaults to the signed-in user. */
  deliveredByUserId: z.number().int().positive().nullish(),
  note: z.string().trim().max(1000).nullish(),
});
export type AddEducationInput = z.infer<typeof addEducationBody>;

const relationSchema = z.object({
  id: z.number(),
  name: z.string(),
  relation: relationKind,
  sameHousehold: z.boolean(),
  relatedPersonId: z.number().nullable(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
});
export type RelationDto = z.infer<typeof relationSchema>;

const educationSchema = z.object({
  id: z.number(),
  topic: educationTopic,
  deliveredOn: z.string(),
  deliveredByName: z.string(),
  caseId: z.number().nullable(),
  note: z.string().nullable(),
});
export type EducationDto = z.infer<typeof educationSchema>;

const coResidentSchema = z.object({
  personId: z.number(),
  name: z.string(),
  gender: z.string().nullable(),
  birthDate: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
});

const bfilePersonSchema = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.string().nullable(),
  birthDate: z.string().nullable(),
  ethnicityName: z.string().nullable(),
  phone: z.string().nullable(),
  householdPlace: z.string().nullable(),
  category: z.string(),
  /** Masked only: the whole number stays behind the audited people identity endpoint. */
  idNumberMasked: z.string().nullable(),
  jurisdictionName: z.string(),
  /** The person lies in the caller's jurisdiction, so the people identity endpoint answers. */
  inScope: z.boolean(),
  registration: z.object({
    address: z.object({ id: z.number(), name: z.string() }).nullable(),
    house: z.object({ id: z.number(), use: z.string(), ownerName: z.string().nullable() }).nullable(),
    tenancy: z.object({ id: z.number(), addressName: z.string(), landlordName: z.string(), checkIn: z.string(), verified: z.boolean() }).nullable(),
    workUnits: z.array(z.object({ id: z.number(), name: z.string(), addressName: z.string() })),
  }),
  household: z.object({ members: z.array(relationSchema), coResidents: z.array(coResidentSchema) }),
  relations: z.array(relationSchema),
  education: z.array(educationSchema),
});
export type BFilePersonDto = z.infer<typeof bfilePersonSchema>;

export const bfileSchema = z.object({
  caseId: z.number(),
  caseNo: z.string(),
  parties: z.array(
    z.object({
      id: z.number(),
      side: z.enum(['applicant', 'respondent', 'other']),
      name: z.string(),
      phone: z.string().nullable(),
      idNumberMasked: z.string().nullable(),
      person: bfilePersonSchema.nullable(),
    }),
  ),
  abilities: z.object({ edit: z.boolean(), registerPerson: z.boolean(), viewIdentity: z.boolean() }),
});
export type BFileDto = z.infer<typeof bfileSchema>;

export const relationCreatedSchema = relationSchema;
export const educationCreatedSchema = educationSchema;
export const partyLinkedSchema = z.object({ partyId: z.number(), personId: z.number(), created: z.boolean() });
