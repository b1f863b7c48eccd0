import { sql } from 'kysely';
import type { Queryable } from '../../app/db/database.js';
import { errors, type AppError } from '../../app/errors.js';
import type { AssignmentDto, TaskDto } from './tasks.schemas.js';

// The read side of tasks: the queries of a task and its assignments, the overdue rule, and the
// shapes the API answers with.

/** An assignment not yet accepted this long before its window starts is overdue (the volunteer is reminded). */
export const ACCEPT_LEAD_MS = 30 * 60 * 1000;

export const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Overdue: not completed after the window ends, or not accepted 30 minutes before it starts. */
export function isOverdue(a: { status: string; window_start: Date; window_end: Date; cancelled_at: Date | null }, now: Date): boolean {
  if (a.cancelled_at || a.status === 'completed' || a.status === 'declined') return false;
  if (now.getTime() > a.window_end.getTime()) return true;
  return a.status === 'assigned' && now.getTime() >= a.window_start.getTime() - ACCEPT_LEAD_MS;
}

export function conflict(code: string, zh: string, en: string): AppError {
  return errors.conflict(code, { zh, en });
}

/** The 409 for an assignment whose state does not allow the step. */
export function stateError(status: string): AppError {
  switch (status) {
    case 'assigned':
      return conflict('task.not_accepted', '请先接受任务', 'Accept the task first');
    case 'declined':
      return conflict('task.already_declined', '该任务已拒绝', 'The task was declined');
    case 'completed':
      return conflict('task.already_completed', '该任务已完成', 'The task is already completed');
    default:
      return conflict('task.already_accepted', '该任务已接受', 'The task was already accepted');
  }
}

export function taskQuery(db: Queryable) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
    .leftJoin('volunteers as v', 'v.id', 't.volunteer_id')
    .leftJoin('volunteer_teams as vt', 'vt.id', 't.team_id')
    .select([
      't.id',
      't.kind',
      't.title',
      't.description',
      't.volunteer_id',
      'v.name as volunteer_name',
      't.team_id',
      'vt.name as team_name',
      't.place_text',
      't.lat',
      't.lon',
      't.radius_m',
      't.window_start',
      't.window_end',
      't.jurisdiction_id',
      'j.name as jurisdiction_name',
      't.created_at',
      't.cancelled_at',
      't.created_by',
      't.cancel_reason',
    ]);
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;

export function assignmentQuery(db: Queryable) {
  return db
    .selectFrom('task_assignments as a')
    .innerJoin('volunteers as v', 'v.id', 'a.volunteer_id')
    .select([
      'a.id',
      'a.task_id',
      'a.volunteer_id',
      'v.name as volunteer_name',
      'a.status',
      'a.responded_at',
      'a.decline_reason',
      'a.checkin_at',
      'a.checkin_distance_m',
      'a.checkin_on_site',
      'a.completed_at',
      'a.record',
      sql<number[]>`coalesce((select array_agg(f.file_id::int order by f.file_id) from task_files f where f.assignment_id = a.id), '{}')`.as('photo_ids'),
    ]);
}
export type AssignmentRow = Awaited<ReturnType<ReturnType<typeof assignmentQuery>['executeTakeFirstOrThrow']>>;

export function presentAssignment(a: AssignmentRow, task: { window_start: Date; window_end: Date; cancelled_at: Date | null }, now: Date): AssignmentDto {
  return {
    id: a.id,
    taskId: a.task_id,
    volunteerId: a.volunteer_id,
    volunteerName: a.volunteer_name,
    status: a.status,
    respondedAt: iso(a.responded_at),
    declineReason: a.decline_reason,
    checkinAt: iso(a.checkin_at),
    checkinDistanceM: a.checkin_distance_m === null ? null : Math.round(a.checkin_distance_m),
    checkinOnSite: a.checkin_on_site,
    completedAt: iso(a.completed_at),
    record: a.record,
    photoCount: a.photo_ids.length,
    photoIds: a.photo_ids,
    overdue: isOverdue({ ...task, status: a.status }, now),
  };
}

export function presentTask(t: TaskRow, assignments: AssignmentRow[], now: Date): TaskDto {
  const counts = { assigned: 0, accepted: 0, declined: 0, checked_in: 0, completed: 0 };
  let overdueCount = 0;
  for (const a of assignments) {
    counts[a.status] += 1;
    if (isOverdue({ ...t, status: a.status }, now)) overdueCount += 1;
  }
  return {
    id: t.id,
    kind: t.kind,
    title: t.title,
    description: t.description,
    volunteerId: t.volunteer_id,
    volunteerName: t.volunteer_name,
    teamId: t.team_id,
    teamName: t.team_name,
    placeText: t.place_text,
    lat: t.lat,
    lon: t.lon,
    radiusM: t.radius_m,
    windowStart: t.window_start.toISOString(),
    windowEnd: t.window_end.toISOString(),
    jurisdictionId: t.jurisdiction_id,
    jurisdictionName: t.jurisdiction_name,
    createdAt: t.created_at.toISOString(),
    cancelled: t.cancelled_at !== null,
    cancelledAt: iso(t.cancelled_at),
    cancelReason: t.cancel_reason,
    counts,
    assignmentCount: assignments.length,
    overdueCount,
    overdue: overdueCount > 0,
  };
}

