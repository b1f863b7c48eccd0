import { z } from 'zod';

const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_hhmm');

export const checkpointSchema = z.object({ name: z.string().trim().min(1).max(100), lat, lon });

/** A patrol plan: 车巡/步巡, one time band (定时+分段), weekdays, 错时 flag, a route of checkpoints. */
export const createPlanBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    jurisdictionId: z.number().int().positive(),
    mode: z.enum(['vehicle', 'foot']),
    bandStart: hhmm,
    bandEnd: hhmm,
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5, 6, 7]),
    staggered: z.boolean().default(false),
    teamId: z.number().int().positive().nullable().optional(),
    checkpoints: z.array(checkpointSchema).min(1).max(50),
  })
  .strict();
export type CreatePlanInput = z.infer<typeof createPlanBody>;

export const planSchema = z.object({
  id: z.number(),
  name: z.string(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  mode: z.enum(['vehicle', 'foot']),
  bandStart: z.string(),
  bandEnd: z.string(),
  weekdays: z.array(z.number()),
  staggered: z.boolean(),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  checkpoints: z.array(checkpointSchema),
  active: z.boolean(),
});
export type PlanDto = z.infer<typeof planSchema>;

export const planCheckinBody = z.object({ checkpointIndex: z.number().int().min(0), lat, lon }).strict();
export const checkinResultSchema = z.object({
  id: z.number(),
  planId: z.number(),
  checkpointIndex: z.number(),
  checkpointName: z.string(),
  distanceM: z.number(),
  onSite: z.boolean(),
  at: z.string(),
  pointsAwarded: z.number(),
});

export const coverageQuery = z.object({ week: z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'iso_week') });
export const coverageSchema = z.object({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      planId: z.number(),
      name: z.string(),
      mode: z.enum(['vehicle', 'foot']),
      staggered: z.boolean(),
      jurisdictionName: z.string(),
      bands: z.number(),
      scheduled: z.number(),
      covered: z.number(),
      coveragePct: z.number(),
    }),
  ),
});

/** Today's plans for the signed-in walker, with the own check-ins of today per checkpoint. */
export const myPlanSchema = planSchema.extend({ todayCheckins: z.array(z.object({ checkpointIndex: z.number(), distanceM: z.number(), onSite: z.boolean(), at: z.string() })) });

// 护学岗
export const createSchoolBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    jurisdictionId: z.number().int().positive(),
    addressText: z.string().trim().max(200).optional(),
    lat,
    lon,
    openingTime: hhmm,
    closingTime: hhmm,
  })
  .strict();
export type CreateSchoolInput = z.infer<typeof createSchoolBody>;
export const schoolSchema = z.object({
  id: z.number(),
  name: z.string(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  addressText: z.string().nullable(),
  lat: z.number(),
  lon: z.number(),
  openingTime: z.string(),
  closingTime: z.string(),
});

export const createPostBody = z
  .object({
    schoolId: z.number().int().positive(),
    name: z.string().trim().min(1).max(100),
    officerUserId: z.number().int().positive(),
    volunteerIds: z.array(z.number().int().positive()),
  })
  .strict();
export type CreatePostInput = z.infer<typeof createPostBody>;

export const GUARD_BANDS = ['opening', 'closing'] as const;
const attendanceSchema = z.object({ band: z.enum(GUARD_BANDS), userId: z.number(), name: z.string(), at: z.string(), distanceM: z.number().nullable() });
export const postSchema = z.object({
  id: z.number(),
  name: z.string(),
  schoolId: z.number(),
  schoolName: z.string(),
  openingTime: z.string(),
  closingTime: z.string(),
  officerUserId: z.number().nullable(),
  officerName: z.string().nullable(),
  volunteers: z.array(z.object({ id: z.number(), name: z.string(), userId: z.number().nullable() })),
  day: z.string(),
  attendance: z.array(attendanceSchema),
});
export type PostDto = z.infer<typeof postSchema>;
export const postsQuery = z.object({ day: z.iso.date().optional() });
export const attendanceBody = z.object({ band: z.enum(GUARD_BANDS), lat, lon }).strict();
export const attendanceResultSchema = z.object({ postId: z.number(), day: z.string(), band: z.enum(GUARD_BANDS), distanceM: z.number(), at: z.string(), pointsAwarded: z.number() });
