import { z } from 'zod';

export const TEAM_KINDS = ['courier', 'sanitation', 'taxi', 'ride_hailing', 'ski_resort', 'red_armband', 'women', 'security_guard', 'grid', 'other'] as const;
export const VOLUNTEER_ROLES = ['info', 'persuader', 'warmth', 'mediator'] as const;
export const VOLUNTEER_STATUSES = ['active', 'paused', 'left'] as const;
export const TRAINING_TOPICS = ['law', 'intel', 'mediation', 'rescue'] as const;

const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(20);
const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, { message: 'phone' }).nullable().optional();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const monthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

// Teams (队伍)
export const teamSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(TEAM_KINDS),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  leaderName: z.string().nullable(),
  /** Police roles only; null for others. */
  phone: z.string().nullable(),
  note: z.string().nullable(),
  memberCount: z.number(),
  archived: z.boolean(),
  createdAt: z.string(),
});
export type TeamDto = z.infer<typeof teamSchema>;

export const listTeamsQuery = z.object({
  kind: z.enum(TEAM_KINDS).optional(),
  q: z.string().trim().max(50).optional(),
  jurisdictionId: z.coerce.number().int().positive().optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  page,
  pageSize,
});
export type ListTeamsQuery = z.infer<typeof listTeamsQuery>;

export const createTeamBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(TEAM_KINDS),
  jurisdictionId: z.number().int().positive(),
  unitId: z.number().int().positive().nullable().optional(),
  leaderName: z.string().trim().max(50).nullable().optional(),
  phone,
  note: z.string().trim().max(1000).nullable().optional(),
});
export type CreateTeamInput = z.infer<typeof createTeamBody>;
export const updateTeamBody = createTeamBody.partial().extend({ archived: z.boolean().optional() });
export type UpdateTeamInput = z.infer<typeof updateTeamBody>;

// Members (队员)
export const volunteerSchema = z.object({
  id: z.number(),
  name: z.string(),
  /** Police roles only; null for others. */
  phone: z.string().nullable(),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  teamKind: z.enum(TEAM_KINDS).nullable(),
  role: z.enum(VOLUNTEER_ROLES),
  skills: z.array(z.string()),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  status: z.enum(VOLUNTEER_STATUSES),
  joinedOn: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  lastLocatedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type VolunteerDto = z.infer<typeof volunteerSchema>;

export const listVolunteersQuery = z.object({
  teamId: z.coerce.number().int().positive().optional(),
  role: z.enum(VOLUNTEER_ROLES).optional(),
  status: z.enum(VOLUNTEER_STATUSES).optional(),
  jurisdictionId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  page,
  pageSize,
});
export type ListVolunteersQuery = z.infer<typeof listVolunteersQuery>;

const skills = z.array(z.string().trim().min(1).max(30)).max(20);
export const createVolunteerBody = z.object({
  name: z.string().trim().min(1).max(50),
  phone,
  teamId: z.number().int().positive().nullable().optional(),
  role: z.enum(VOLUNTEER_ROLES),
  skills: skills.optional(),
  jurisdictionId: z.number().int().positive(),
  status: z.enum(VOLUNTEER_STATUSES).optional(),
  joinedOn: isoDate.optional(),
  /** Creates the member's sign-in (role volunteer, same jurisdiction). */
  account: z
    .object({
      username: z.string().trim().regex(/^[A-Za-z0-9._-]{3,32}$/, { message: 'username' }),
      password: z.string().min(10).max(200),
    })
    .optional(),
  /** Or links an existing volunteer account. */
  userId: z.number().int().positive().optional(),
});
export type CreateVolunteerInput = z.infer<typeof createVolunteerBody>;
export const updateVolunteerBody = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  phone,
  teamId: z.number().int().positive().nullable().optional(),
  role: z.enum(VOLUNTEER_ROLES).optional(),
  skills: skills.optional(),
  jurisdictionId: z.number().int().positive().optional(),
  status: z.enum(VOLUNTEER_STATUSES).optional(),
  userId: z.number().int().positive().nullable().optional(),
});
export type UpdateVolunteerInput = z.infer<typeof updateVolunteerBody>;

// Training (培训)
export const courseSchema = z.object({
  id: z.number(),
  topic: z.enum(TRAINING_TOPICS),
  title: z.string(),
  heldOn: z.string(),
  hours: z.number(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  completions: z.number(),
  createdAt: z.string(),
});
export type CourseDto = z.infer<typeof courseSchema>;
export const listCoursesQuery = z.object({ topic: z.enum(TRAINING_TOPICS).optional(), page, pageSize });
export type ListCoursesQuery = z.infer<typeof listCoursesQuery>;
export const createCourseBody = z.object({
  topic: z.enum(TRAINING_TOPICS),
  title: z.string().trim().min(1).max(200),
  heldOn: isoDate,
  hours: z.number().positive().max(100).optional(),
  jurisdictionId: z.number().int().positive(),
});
export type CreateCourseInput = z.infer<typeof createCourseBody>;
export const completionsBody = z.object({ volunteerIds: z.array(z.number().int().positive()).min(1).max(500), completedOn: isoDate });
export const completionSchema = z.object({ volunteerId: z.number(), name: z.string(), teamName: z.string().nullable(), completedOn: z.string() });

// Points (积分)
export const leaderboardQuery = z.object({
  month: monthString.optional(),
  by: z.enum(['person', 'team']).default('person'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type LeaderboardQuery = z.infer<typeof leaderboardQuery>;
/** Names and points only: never phones or identity data. */
const leaderboardItem = z.object({ rank: z.number(), id: z.number(), name: z.string(), teamName: z.string().nullable(), points: z.number(), me: z.boolean() });
export const leaderboardSchema = z.object({
  month: z.string(),
  by: z.enum(['person', 'team']),
  items: z.array(leaderboardItem),
  /** A volunteer's own row (or their team's), even below the list; null for staff or without points. */
  mine: leaderboardItem.nullable(),
});
export type LeaderboardDto = z.infer<typeof leaderboardSchema>;

export const myPointsSchema = z.object({
  volunteerId: z.number(),
  name: z.string(),
  teamName: z.string().nullable(),
  total: z.number(),
  month: z.string(),
  monthPoints: z.number(),
  entries: z.array(z.object({ id: z.number(), ruleCode: z.string(), ruleName: z.string(), ruleNameEn: z.string(), points: z.number(), entityType: z.string(), at: z.string() })),
});

/** A member's page: the registry record plus training, points, rewards, recent tasks and tips. */
export const memberProfileSchema = z.object({
  member: volunteerSchema,
  training: z.array(z.object({ courseId: z.number(), topic: z.enum(TRAINING_TOPICS), title: z.string(), hours: z.number(), completedOn: z.string() })),
  points: myPointsSchema.pick({ total: true, month: true, monthPoints: true, entries: true }),
  rewards: z.array(z.object({ id: z.number(), month: z.string(), title: z.string(), note: z.string().nullable(), toTeam: z.boolean(), awardedByName: z.string().nullable(), awardedAt: z.string() })),
  tasks: z.array(
    z.object({
      assignmentId: z.number(),
      taskId: z.number(),
      kind: z.string(),
      title: z.string(),
      status: z.string(),
      cancelled: z.boolean(),
      onSite: z.boolean().nullable(),
      windowStart: z.string(),
      windowEnd: z.string(),
    }),
  ),
  /** `text` only for roles that triage tips. */
  tips: z.array(z.object({ id: z.number(), category: z.string(), text: z.string().nullable(), status: z.string(), incidentId: z.number().nullable(), createdAt: z.string() })),
});
export type MemberProfileDto = z.infer<typeof memberProfileSchema>;

export const rewardSchema = z.object({
  id: z.number(),
  volunteerId: z.number().nullable(),
  volunteerName: z.string().nullable(),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  month: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  awardedByName: z.string().nullable(),
  awardedAt: z.string(),
});
export const rewardBody = z.object({
  volunteerId: z.number().int().positive().optional(),
  teamId: z.number().int().positive().optional(),
  month: monthString,
  title: z.string().trim().min(1).max(200),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type RewardInput = z.infer<typeof rewardBody>;
export const listRewardsQuery = z.object({ month: monthString.optional(), page, pageSize });

export const pointRuleSchema = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), points: z.number(), active: z.boolean() });
export const pointRuleBody = z.object({
  points: z.number().int().min(-1000).max(1000),
  active: z.boolean().optional(),
  nameZh: z.string().trim().min(1).max(50).optional(),
  nameEn: z.string().trim().min(1).max(100).optional(),
});
export const codeParams = z.object({ code: z.string().min(1).max(50) });
