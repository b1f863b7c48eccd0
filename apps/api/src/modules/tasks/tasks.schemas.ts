import { z } from 'zod';

export const TASK_KINDS = ['patrol', 'visit', 'hazard', 'propaganda', 'event_security'] as const;
export const ASSIGNMENT_STATUSES = ['assigned', 'accepted', 'declined', 'checked_in', 'completed'] as const;
export const TASK_PHOTOS_MAX = 3;

const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);

/** 派单: to one volunteer or one team (exactly one of the two), with a place and a time window. */
export const dispatchTaskBody = z
  .object({
    kind: z.enum(TASK_KINDS),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).default(''),
    volunteerId: z.number().int().positive().optional(),
    teamId: z.number().int().positive().optional(),
    placeText: z.string().trim().max(200).optional(),
    lat,
    lon,
    radiusM: z.number().int().min(10).max(10000).default(200),
    windowStart: z.iso.datetime({ offset: true }),
    windowEnd: z.iso.datetime({ offset: true }),
  })
  .strict();
export type DispatchTaskInput = z.infer<typeof dispatchTaskBody>;

export const listTasksQuery = z.object({
  kind: z.enum(TASK_KINDS).optional(),
  overdue: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListTasksQuery = z.infer<typeof listTasksQuery>;

const statusCounts = z.object({ assigned: z.number(), accepted: z.number(), declined: z.number(), checked_in: z.number(), completed: z.number() });

export const taskSchema = z.object({
  id: z.number(),
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  description: z.string(),
  volunteerId: z.number().nullable(),
  volunteerName: z.string().nullable(),
  teamId: z.number().nullable(),
  teamName: z.string().nullable(),
  placeText: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  radiusM: z.number(),
  windowStart: z.string(),
  windowEnd: z.string(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  createdAt: z.string(),
  cancelled: z.boolean(),
  cancelledAt: z.string().nullable(),
  /** The reason given when the task was cancelled; null while not cancelled. */
  cancelReason: z.string().nullable(),
  counts: statusCounts,
  assignmentCount: z.number(),
  overdueCount: z.number(),
  overdue: z.boolean(),
});
export type TaskDto = z.infer<typeof taskSchema>;

export const assignmentSchema = z.object({
  id: z.number(),
  taskId: z.number(),
  volunteerId: z.number(),
  volunteerName: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  respondedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  checkinAt: z.string().nullable(),
  checkinDistanceM: z.number().nullable(),
  checkinOnSite: z.boolean().nullable(),
  completedAt: z.string().nullable(),
  record: z.string().nullable(),
  photoCount: z.number(),
  photoIds: z.array(z.number()),
  overdue: z.boolean(),
});
export type AssignmentDto = z.infer<typeof assignmentSchema>;

export const taskDetailSchema = taskSchema.extend({ assignments: z.array(assignmentSchema) });
export type TaskDetailDto = z.infer<typeof taskDetailSchema>;

/** One assignment as its volunteer sees it: the task, the place and the own progress. */
export const myTaskSchema = assignmentSchema.omit({ volunteerName: true }).extend({
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  description: z.string(),
  placeText: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  radiusM: z.number(),
  windowStart: z.string(),
  windowEnd: z.string(),
  teamName: z.string().nullable(),
  /** Cancelled by the police (shown for a week after); no step is possible any more. */
  cancelled: z.boolean(),
  /** Why the police cancelled it (the notification said the same). */
  cancelReason: z.string().nullable(),
  pointsAwarded: z.number().optional(),
});
export type MyTaskDto = z.infer<typeof myTaskSchema>;

export const taskFileParams = z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });
export const assignmentParams = z.object({ assignmentId: z.coerce.number().int().positive() });
export const cancelTaskBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export const declineBody = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();
export const checkinBody = z.object({ lat, lon }).strict();
/** The completion's text fields (JSON, or the fields of a multipart form with up to three `photos`). */
export const completeFields = z.object({ record: z.string().trim().min(1).max(5000) });
