import { sql } from 'kysely';
import type { RequestContext } from '../../app/actor.js';
import { audited, recordAudit } from '../../app/audit.js';
import type { Database, Queryable } from '../../app/db/database.js';
import { AppError, errors, type FieldError } from '../../app/errors.js';
import type { FileKind, FileStore } from '../../app/files.js';
import { distanceMetres } from '../../app/geo.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { fieldsFromZod } from '../incidents/incidents.core.js';
import { assignmentQuery, conflict, presentAssignment, presentTask, stateError, taskQuery, type AssignmentRow } from './tasks.presenter.js';
import { awardPoints } from '../volunteers/points.js';
import { volunteerOf } from '../volunteers/volunteers.self.js';
import {
  completeFields,
  TASK_PHOTOS_MAX,
  type DispatchTaskInput,
  type ListTasksQuery,
  type MyTaskDto,
  type TaskDetailDto,
  type TaskDto,
} from './tasks.schemas.js';

const MB = 1024 * 1024;
export const TASK_PHOTO_MAX_BYTES = 10 * MB;
const PHOTO_KINDS: readonly FileKind[] = ['image/jpeg', 'image/png', 'image/webp'];

/** How long a cancelled task stays (marked) in its assignees' list. */
const CANCELLED_SHOWN_MS = 7 * 24 * 3600 * 1000;

export interface CompletionUpload {
  fields: Record<string, unknown>;
  photos: { data: Buffer; filename: string }[];
}

export function createTasksUseCases(deps: { db: Database; files: FileStore }) {
  const { db, files } = deps;

  async function assignmentsOf(taskIds: number[]): Promise<Map<number, AssignmentRow[]>> {
    const out = new Map<number, AssignmentRow[]>();
    if (taskIds.length === 0) return out;
    const rows = await assignmentQuery(db).where('a.task_id', '=', sql<number>`any(${taskIds})`).orderBy('a.id').execute();
    for (const r of rows) out.set(r.task_id, [...(out.get(r.task_id) ?? []), r]);
    return out;
  }

  /** The signed-in volunteer's own assignment with its task; 404 for anyone else's. */
  async function ownAssignment(ctx: RequestContext, assignmentId: number) {
    authorize(ctx.actor, 'tasks.own');
    const me = await volunteerOf(db, ctx.actor);
    const row = await db
      .selectFrom('task_assignments as a')
      .innerJoin('tasks as t', 't.id', 'a.task_id')
      .select(['a.id', 'a.status', 'a.task_id', 't.lat', 't.lon', 't.radius_m', 't.cancelled_at', 't.jurisdiction_id', 't.window_start', 't.window_end'])
      .where('a.id', '=', assignmentId)
      .where('a.volunteer_id', '=', me.id)
      .executeTakeFirst();
    if (!row) throw errors.notFound();
    if (row.cancelled_at) throw conflict('task.cancelled', '任务已取消', 'The task was cancelled');
    return { me, row };
  }

  async function mine(ctx: RequestContext, assignmentId: number, extra: Partial<MyTaskDto> = {}): Promise<MyTaskDto> {
    const me = await volunteerOf(db, ctx.actor);
    const items = await listMine(me.id, assignmentId);
    const item = items[0];
    if (!item) throw errors.notFound();
    return { ...item, ...extra };
  }

  async function listMine(volunteerId: number, assignmentId?: number): Promise<MyTaskDto[]> {
    let q = assignmentQuery(db)
      .innerJoin('tasks as t', 't.id', 'a.task_id')
      .leftJoin('volunteer_teams as vt', 'vt.id', 't.team_id')
      .select(['t.kind', 't.title', 't.description', 't.place_text', 't.lat', 't.lon', 't.radius_m', 't.window_start', 't.window_end', 't.cancelled_at', 't.cancel_reason', 'vt.name as team_name'])
      .where('a.volunteer_id', '=', volunteerId)
      // A cancelled task stays in the list for a week, marked cancelled (the volunteer was also notified).
      .where((eb) => eb.or([eb('t.cancelled_at', 'is', null), eb('t.cancelled_at', '>', new Date(Date.now() - CANCELLED_SHOWN_MS))]));
    if (assignmentId !== undefined) q = q.where('a.id', '=', assignmentId);
    const rows = await q.orderBy('t.window_start', 'desc').limit(200).execute();
    const now = new Date();
    return rows.map((r) => {
      const { volunteerName: _name, ...a } = presentAssignment(r, r, now);
      return {
        ...a,
        kind: r.kind,
        title: r.title,
        description: r.description,
        placeText: r.place_text,
        lat: r.lat,
        lon: r.lon,
        radiusM: r.radius_m,
        windowStart: r.window_start.toISOString(),
        windowEnd: r.window_end.toISOString(),
        teamName: r.team_name,
        cancelled: r.cancelled_at !== null,
        cancelReason: r.cancel_reason,
      };
    });
  }

  /** Stores photos of an assignment (content-checked); `index0` numbers them in field errors. */
  async function storePhotos(trx: Queryable, assignmentId: number, photos: CompletionUpload['photos'], userId: number | null, index0 = 0) {
    for (const [index, photo] of photos.entries()) {
      try {
        const file = await files.put(trx, { data: photo.data, originalName: photo.filename, allowed: PHOTO_KINDS, maxBytes: TASK_PHOTO_MAX_BYTES, createdBy: userId });
        await trx.insertInto('task_files').values({ assignment_id: assignmentId, file_id: file.id }).onConflict((oc) => oc.doNothing()).execute();
      } catch (err) {
        if (err instanceof AppError && err.fields.length) throw errors.validation(err.fields.map((f) => ({ ...f, path: `photos.${index0 + index}` })));
        throw err;
      }
    }
  }

  return {
    /** 派单 to a volunteer or a team of the jurisdiction; a team task reaches each active member. */
    async dispatch(ctx: RequestContext, input: DispatchTaskInput): Promise<TaskDetailDto> {
      authorize(ctx.actor, 'tasks.dispatch');
      if ((input.volunteerId === undefined) === (input.teamId === undefined)) {
        throw errors.field(input.volunteerId === undefined ? 'volunteerId' : 'teamId', 'one_target', { zh: '请选择一名志愿者或一支队伍（二选一）', en: 'choose one volunteer or one team' });
      }
      const start = new Date(input.windowStart);
      const end = new Date(input.windowEnd);
      if (end.getTime() <= start.getTime()) throw errors.field('windowEnd', 'after_start', { zh: '结束时间须晚于开始时间', en: 'must be after the window start' });
      const prefix = scopePrefix(ctx.actor);
      let jurisdictionId: number;
      let memberIds: number[];
      if (input.volunteerId !== undefined) {
        const v = await db
          .selectFrom('volunteers as v')
          .innerJoin('jurisdictions as j', 'j.id', 'v.jurisdiction_id')
          .select(['v.id', 'v.jurisdiction_id', 'v.status'])
          .where('v.id', '=', input.volunteerId)
          .where('j.path', 'like', prefix)
          .executeTakeFirst();
        if (!v || v.status !== 'active') throw errors.field('volunteerId', 'not_found', { zh: '本辖区无此在岗志愿者', en: 'no active volunteer with this id in your jurisdiction' });
        jurisdictionId = v.jurisdiction_id;
        memberIds = [v.id];
      } else {
        const team = await db
          .selectFrom('volunteer_teams as vt')
          .innerJoin('jurisdictions as j', 'j.id', 'vt.jurisdiction_id')
          .select(['vt.id', 'vt.jurisdiction_id'])
          .where('vt.id', '=', input.teamId!)
          .where('vt.archived_at', 'is', null)
          .where('j.path', 'like', prefix)
          .executeTakeFirst();
        if (!team) throw errors.field('teamId', 'not_found', { zh: '本辖区无此队伍', en: 'no such team in your jurisdiction' });
        const members = await db.selectFrom('volunteers').select('id').where('team_id', '=', team.id).where('status', '=', 'active').orderBy('id').execute();
        if (members.length === 0) throw errors.field('teamId', 'no_members', { zh: '该队伍没有在岗队员', en: 'the team has no active members' });
        jurisdictionId = team.jurisdiction_id;
        memberIds = members.map((m) => m.id);
      }
      const id = await audited(db, ctx, async (trx, audit) => {
        const task = await trx
          .insertInto('tasks')
          .values({
            kind: input.kind,
            title: input.title,
            description: input.description,
            volunteer_id: input.volunteerId ?? null,
            team_id: input.teamId ?? null,
            place_text: input.placeText ?? null,
            lat: input.lat,
            lon: input.lon,
            radius_m: input.radiusM,
            window_start: start,
            window_end: end,
            jurisdiction_id: jurisdictionId,
            created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('task_assignments')
          .values(memberIds.map((volunteer_id) => ({ task_id: task.id, volunteer_id })))
          .execute();
        audit({ action: 'task.dispatched', entityType: 'task', entityId: task.id, jurisdictionId, change: { kind: input.kind, title: input.title, volunteerId: input.volunteerId ?? null, teamId: input.teamId ?? null, assignees: memberIds.length } });
        return task.id;
      });
      return this.get(ctx, id);
    },

    async list(ctx: RequestContext, query: ListTasksQuery): Promise<{ items: TaskDto[]; total: number }> {
      authorize(ctx.actor, 'tasks.dispatch');
      const now = new Date();
      let q = db
        .selectFrom('tasks as t')
        .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
        .where('j.path', 'like', scopePrefix(ctx.actor));
      if (query.kind) q = q.where('t.kind', '=', query.kind);
      if (query.overdue !== undefined) {
        // The same rule as isOverdue, in SQL, so that the filter pages correctly.
        const overdue = sql<boolean>`t.cancelled_at is null and exists (select 1 from task_assignments a where a.task_id = t.id and a.status not in ('completed', 'declined')
          and (t.window_end < ${now}::timestamptz or (a.status = 'assigned' and t.window_start - interval '30 minutes' <= ${now}::timestamptz)))`;
        q = q.where(query.overdue ? overdue : sql<boolean>`not (${overdue})`);
      }
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const ids = await q
        .select('t.id')
        .orderBy('t.window_start', 'desc')
        .orderBy('t.id', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      const idList = ids.map((r) => r.id);
      if (idList.length === 0) return { items: [], total: Number(total.n) };
      const rows = await taskQuery(db).where('t.id', '=', sql<number>`any(${idList})`).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const assignments = await assignmentsOf(idList);
      return { items: idList.map((id) => presentTask(byId.get(id)!, assignments.get(id) ?? [], now)), total: Number(total.n) };
    },

    async get(ctx: RequestContext, id: number): Promise<TaskDetailDto> {
      authorize(ctx.actor, 'tasks.dispatch');
      const row = await taskQuery(db).innerJoin('jurisdictions as sj', 'sj.id', 't.jurisdiction_id').where('t.id', '=', id).where('sj.path', 'like', scopePrefix(ctx.actor)).executeTakeFirst();
      if (!row) throw errors.notFound();
      const now = new Date();
      const assignments = (await assignmentsOf([id])).get(id) ?? [];
      return { ...presentTask(row, assignments, now), assignments: assignments.map((a) => presentAssignment(a, row, now)) };
    },

    /**
     * 取消任务: an open task of the scope (not yet cancelled; not one whose assignees have all
     * finished with at least one completion) with a reason. Audited `task.cancelled`; every
     * assignee still on it (assigned, accepted or checked in) gets a notification; the task leaves
     * the overdue job (it skips cancelled tasks) and shows as cancelled in the assignees' list.
     */
    async cancel(ctx: RequestContext, id: number, reason: string): Promise<TaskDetailDto> {
      authorize(ctx.actor, 'tasks.dispatch');
      await audited(db, ctx, async (trx, audit) => {
        const task = await trx
          .selectFrom('tasks as t')
          .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
          .select(['t.id', 't.title', 't.cancelled_at', 't.jurisdiction_id', 't.window_start', 't.window_end'])
          .where('t.id', '=', id)
          .where('j.path', 'like', scopePrefix(ctx.actor))
          .forUpdate('t')
          .executeTakeFirst();
        if (!task) throw errors.notFound();
        if (task.cancelled_at) throw conflict('task.already_cancelled', '任务已取消', 'The task is already cancelled');
        const assignments = await trx
          .selectFrom('task_assignments as a')
          .innerJoin('volunteers as v', 'v.id', 'a.volunteer_id')
          .select(['a.id', 'a.status', 'v.user_id', 'v.name'])
          .where('a.task_id', '=', id)
          .forUpdate('a')
          .execute();
        const open = assignments.filter((a) => a.status === 'assigned' || a.status === 'accepted' || a.status === 'checked_in');
        if (open.length === 0 && assignments.some((a) => a.status === 'completed')) throw conflict('task.already_completed', '任务已完成，不能取消', 'The task is already completed');
        const now = new Date();
        await trx.updateTable('tasks').set({ cancelled_at: now, cancel_reason: reason }).where('id', '=', id).execute();
        const told = open.filter((a) => a.user_id !== null);
        if (told.length > 0) {
          await trx
            .insertInto('notifications')
            .values(
              told.map((a) => ({
                user_id: a.user_id!,
                kind: 'task.cancelled',
                title: `任务已取消：${task.title}`,
                body: `取消原因：${reason}`,
                link: '/v/tasks',
                entity_type: 'task_assignment',
                entity_id: String(a.id),
                dedupe_key: `task.cancelled:${a.id}:${a.user_id}`,
              })),
            )
            .onConflict((oc) => oc.column('dedupe_key').doNothing())
            .execute();
        }
        audit({ action: 'task.cancelled', entityType: 'task', entityId: id, jurisdictionId: task.jurisdiction_id, change: { reason, openAssignments: open.map((a) => ({ id: a.id, status: a.status })), notified: told.length } });
      });
      return this.get(ctx, id);
    },

    /** A completion photo for the police of the task's jurisdiction; the download is audited. */
    async photo(ctx: RequestContext, taskId: number, fileId: number): Promise<{ data: Buffer; mime: string; filename: string }> {
      authorize(ctx.actor, 'tasks.dispatch');
      const row = await db
        .selectFrom('tasks as t')
        .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
        .innerJoin('task_assignments as a', 'a.task_id', 't.id')
        .innerJoin('task_files as tf', 'tf.assignment_id', 'a.id')
        .innerJoin('stored_files as f', 'f.id', 'tf.file_id')
        .select(['t.id', 't.jurisdiction_id', 'a.id as assignment_id', 'f.sha256', 'f.mime', 'f.original_name'])
        .where('t.id', '=', taskId)
        .where('f.id', '=', fileId)
        .where('j.path', 'like', scopePrefix(ctx.actor))
        .executeTakeFirst();
      if (!row) throw errors.notFound();
      const data = await files.read(row.sha256);
      await recordAudit(db, ctx, [{ action: 'task.file_downloaded', entityType: 'task_assignment', entityId: row.assignment_id, jurisdictionId: row.jurisdiction_id, change: { taskId, fileId, sha256: row.sha256 } }]);
      return { data, mime: row.mime, filename: row.original_name };
    },

    /** The signed-in volunteer's own assignments, newest window first. */
    async listMine(ctx: RequestContext): Promise<{ items: MyTaskDto[] }> {
      authorize(ctx.actor, 'tasks.own');
      const me = await volunteerOf(db, ctx.actor);
      return { items: await listMine(me.id) };
    },

    async accept(ctx: RequestContext, assignmentId: number): Promise<MyTaskDto> {
      const { row } = await ownAssignment(ctx, assignmentId);
      if (row.status !== 'assigned') throw stateError(row.status);
      await audited(db, ctx, async (trx, audit) => {
        const done = await trx.updateTable('task_assignments').set({ status: 'accepted', responded_at: new Date() }).where('id', '=', row.id).where('status', '=', 'assigned').executeTakeFirst();
        if (Number(done.numUpdatedRows) === 0) throw stateError('accepted');
        audit({ action: 'task.responded', entityType: 'task_assignment', entityId: row.id, jurisdictionId: row.jurisdiction_id, change: { taskId: row.task_id, response: 'accepted' } });
      });
      return mine(ctx, row.id);
    },

    async decline(ctx: RequestContext, assignmentId: number, reason: string): Promise<MyTaskDto> {
      const { row } = await ownAssignment(ctx, assignmentId);
      // Declining is possible until the volunteer has checked in on site.
      if (row.status !== 'assigned' && row.status !== 'accepted') throw stateError(row.status === 'checked_in' ? 'accepted' : row.status);
      await audited(db, ctx, async (trx, audit) => {
        await trx.updateTable('task_assignments').set({ status: 'declined', responded_at: new Date(), decline_reason: reason }).where('id', '=', row.id).execute();
        audit({ action: 'task.responded', entityType: 'task_assignment', entityId: row.id, jurisdictionId: row.jurisdiction_id, change: { taskId: row.task_id, response: 'declined', reason } });
      });
      return mine(ctx, row.id);
    },

    /**
     * 到场打卡. The distance to the target is computed and stored; a check-in farther than the
     * task's radius is accepted but flagged (on_site false) so the officer sees it.
     */
    async checkin(ctx: RequestContext, assignmentId: number, at: { lat: number; lon: number }): Promise<MyTaskDto> {
      const { me, row } = await ownAssignment(ctx, assignmentId);
      if (row.status !== 'accepted' && row.status !== 'checked_in') throw stateError(row.status);
      const distance = row.lat !== null && row.lon !== null ? distanceMetres(at, { lat: row.lat, lon: row.lon }) : null;
      const onSite = distance !== null && distance <= row.radius_m;
      const now = new Date();
      await audited(db, ctx, async (trx, audit) => {
        await trx
          .updateTable('task_assignments')
          .set({ status: 'checked_in', checkin_at: now, checkin_lat: at.lat, checkin_lon: at.lon, checkin_distance_m: distance, checkin_on_site: onSite })
          .where('id', '=', row.id)
          .execute();
        await trx.updateTable('volunteers').set({ last_lat: at.lat, last_lon: at.lon, last_located_at: now }).where('id', '=', me.id).execute();
        audit({ action: 'task.checked_in', entityType: 'task_assignment', entityId: row.id, jurisdictionId: row.jurisdiction_id, change: { taskId: row.task_id, distanceM: distance === null ? null : Math.round(distance), onSite } });
      });
      return mine(ctx, row.id);
    },

    /** Completion with a record and up to three photos (content-checked); awards task_completed points. */
    async complete(ctx: RequestContext, assignmentId: number, upload: CompletionUpload): Promise<MyTaskDto> {
      const parsed = completeFields.safeParse(upload.fields);
      const problems: FieldError[] = parsed.success ? [] : fieldsFromZod(parsed.error);
      if (upload.photos.length > TASK_PHOTOS_MAX) problems.push({ path: 'photos', rule: 'too_big', message: { zh: `最多 ${TASK_PHOTOS_MAX} 张照片`, en: `at most ${TASK_PHOTOS_MAX} photos` } });
      const { me, row } = await ownAssignment(ctx, assignmentId);
      if (!parsed.success || problems.length > 0) throw errors.validation(problems);
      if (row.status !== 'accepted' && row.status !== 'checked_in') throw stateError(row.status);
      const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
      const points = await audited(db, ctx, async (trx, audit) => {
        await storePhotos(trx, row.id, upload.photos, userId);
        await trx.updateTable('task_assignments').set({ status: 'completed', completed_at: new Date(), record: parsed.data.record }).where('id', '=', row.id).execute();
        const awarded = await awardPoints(trx, me.id, 'task_completed', 'task_assignment', row.id);
        audit({ action: 'task.completed', entityType: 'task_assignment', entityId: row.id, jurisdictionId: row.jurisdiction_id, change: { taskId: row.task_id, photos: upload.photos.length, points: awarded } });
        return awarded;
      });
      return mine(ctx, row.id, { pointsAwarded: points });
    },

    /** A further photo of a completed assignment (the phone sends one file per form), three in all. */
    async addPhotos(ctx: RequestContext, assignmentId: number, upload: CompletionUpload): Promise<MyTaskDto> {
      const { row } = await ownAssignment(ctx, assignmentId);
      if (row.status !== 'completed') throw conflict('task.not_completed', '请先提交完成记录', 'Complete the task first');
      const have = await db.selectFrom('task_files').select((eb) => eb.fn.countAll<number>().as('n')).where('assignment_id', '=', row.id).executeTakeFirstOrThrow();
      if (upload.photos.length === 0) throw errors.field('photos', 'required', { zh: '请选择照片', en: 'choose a photo' });
      if (Number(have.n) + upload.photos.length > TASK_PHOTOS_MAX) throw errors.field('photos', 'too_big', { zh: `最多 ${TASK_PHOTOS_MAX} 张照片`, en: `at most ${TASK_PHOTOS_MAX} photos` });
      await audited(db, ctx, async (trx, audit) => {
        await storePhotos(trx, row.id, upload.photos, ctx.actor.kind === 'user' ? ctx.actor.userId : null, Number(have.n));
        audit({ action: 'task.completed', entityType: 'task_assignment', entityId: row.id, jurisdictionId: row.jurisdiction_id, change: { taskId: row.task_id, photosAdded: upload.photos.length } });
      });
      return mine(ctx, row.id);
    },
  };
}
