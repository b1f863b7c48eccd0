import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceMetres } from '../../app/geo.js';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { SAMPLES } from '../casefiles/casefiles.fixtures.js';
import { overdueTasks } from './tasks.jobs.js';

let t: TestApp;
let volunteer: Session;
let volunteer2: Session;
let officer: Session;
let grid: Session;
let otherChief: Session;
const vols: Record<string, { id: number; userId: number; jurisdictionId: number }> = {};
let serial = 0;

interface Assignment {
  id: number;
  volunteerId: number;
  status: string;
  checkinDistanceM: number | null;
  checkinOnSite: boolean | null;
  photoCount: number;
  overdue: boolean;
  pointsAwarded?: number;
}
interface Task {
  id: number;
  counts: Record<string, number>;
  assignmentCount: number;
  overdue: boolean;
  assignments: Assignment[];
}

const TARGET = { lat: 30.0, lon: 120.0 };
/** A point `metres` due north of the target. */
const north = (metres: number) => ({ lat: TARGET.lat + metres / 111_194.93, lon: TARGET.lon });
const HOUR = 3_600_000;
const fieldOfBody = (body: string) => (JSON.parse(body) as { fields: { path: string; rule: string }[] }).fields[0];

async function volunteerFor(username: string, name: string) {
  const user = await t.db.selectFrom('users').select(['id', 'jurisdiction_id']).where('username', '=', username).executeTakeFirstOrThrow();
  await t.db.insertInto('volunteers').values({ user_id: user.id, name, role: 'info', jurisdiction_id: user.jurisdiction_id }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
  await t.db.updateTable('volunteers').set({ status: 'active' }).where('user_id', '=', user.id).execute();
  const row = await t.db.selectFrom('volunteers').select(['id', 'jurisdiction_id']).where('user_id', '=', user.id).executeTakeFirstOrThrow();
  vols[username] = { id: row.id, userId: user.id, jurisdictionId: row.jurisdiction_id };
}

async function dispatch(body: Record<string, unknown>, start = new Date(Date.now() + 2 * HOUR), end = new Date(Date.now() + 4 * HOUR)): Promise<Task> {
  const res = await t.send('POST', '/api/tasks', officer, {
    kind: 'visit',
    title: `走访独居老人 ${++serial}`,
    description: '了解近况',
    placeText: '东湖新村 3 幢',
    ...TARGET,
    radiusM: 200,
    windowStart: start.toISOString(),
    windowEnd: end.toISOString(),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Task>();
}
const act = (session: Session, assignmentId: number, step: string, body: unknown = {}) => t.send('POST', `/api/my/tasks/${assignmentId}/${step}`, session, body);

async function form(fields: Record<string, string>, photos: { name: string; data: Buffer; type: string }[] = []) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  for (const p of photos) f.append('photos', new Blob([new Uint8Array(p.data)], { type: p.type }), p.name);
  const res = new Response(f);
  return { body: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

beforeAll(async () => {
  t = await createTestApp();
  await volunteerFor('demo-volunteer', '王志愿');
  await volunteerFor('cg1-vol2', '李红袖');
  await volunteerFor('dh1-vol1', '赵远');
  volunteer = await t.login('demo-volunteer');
  volunteer2 = await t.login('cg1-vol2');
  officer = await t.login('demo-officer');
  grid = await t.login('demo-grid');
  otherChief = await t.login('dh-chief');
});
afterAll(async () => {
  await t.close();
});

describe('dispatching a task', () => {
  it('reaches one volunteer, who alone sees and works the assignment', async () => {
    const task = await dispatch({ volunteerId: vols['demo-volunteer']!.id });
    expect(task.assignmentCount).toBe(1);
    expect(task.counts.assigned).toBe(1);
    const aid = task.assignments[0]!.id;
    const mine = (await t.get('/api/my/tasks', volunteer)).json<{ items: { id: number; title: string }[] }>();
    expect(mine.items.map((i) => i.id)).toContain(aid);
    const theirs = (await t.get('/api/my/tasks', volunteer2)).json<{ items: { id: number }[] }>();
    expect(theirs.items.map((i) => i.id)).not.toContain(aid);
    // Another volunteer cannot touch it: 404, as if it did not exist.
    expect((await act(volunteer2, aid, 'accept')).statusCode).toBe(404);
    expect((await act(volunteer2, aid, 'checkin', TARGET)).statusCode).toBe(404);
    expect((await t.db.selectFrom('audit_events').select('id').where('action', '=', 'task.dispatched').where('entity_id', '=', String(task.id)).execute()).length).toBe(1);
  });

  it('fans a team task out to every active member', async () => {
    const area = vols['demo-volunteer']!.jurisdictionId;
    const team = await t.db.insertInto('volunteer_teams').values({ name: '派单测试队', kind: 'red_armband', jurisdiction_id: area }).returning('id').executeTakeFirstOrThrow();
    const members = await t.db
      .insertInto('volunteers')
      .values([
        { name: '队员甲', role: 'info', jurisdiction_id: area, team_id: team.id },
        { name: '队员乙', role: 'persuader', jurisdiction_id: area, team_id: team.id },
        { name: '队员丙', role: 'info', jurisdiction_id: area, team_id: team.id, status: 'paused' },
      ])
      .returning('id')
      .execute();
    await t.db.updateTable('volunteers').set({ team_id: team.id }).where('id', '=', vols['demo-volunteer']!.id).execute();
    const task = await dispatch({ teamId: team.id, kind: 'event_security' });
    expect(task.assignments.map((a) => a.volunteerId).sort((a, b) => a - b)).toEqual([members[0]!.id, members[1]!.id, vols['demo-volunteer']!.id].sort((a, b) => a - b));
    expect(task.counts).toMatchObject({ assigned: 3, completed: 0 });
    const empty = await t.db.insertInto('volunteer_teams').values({ name: '空队', kind: 'other', jurisdiction_id: area }).returning('id').executeTakeFirstOrThrow();
    const res = await t.send('POST', '/api/tasks', officer, { kind: 'visit', title: 'x', ...TARGET, teamId: empty.id, windowStart: new Date().toISOString(), windowEnd: new Date(Date.now() + HOUR).toISOString() });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'teamId', rule: 'no_members' });
    await t.db.updateTable('volunteers').set({ team_id: null }).where('id', '=', vols['demo-volunteer']!.id).execute();
  });

  it('refuses bad input by field and denies other roles and stations', async () => {
    const now = Date.now();
    const base = { kind: 'visit', title: '走访', ...TARGET, windowStart: new Date(now + HOUR).toISOString(), windowEnd: new Date(now).toISOString() };
    const backwards = await t.send('POST', '/api/tasks', officer, { ...base, volunteerId: vols['demo-volunteer']!.id });
    expect(backwards.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'windowEnd', rule: 'after_start' });
    const both = await t.send('POST', '/api/tasks', officer, { ...base, windowEnd: new Date(now + 2 * HOUR).toISOString() });
    expect(both.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ rule: 'one_target' });
    const foreign = await t.send('POST', '/api/tasks', officer, { ...base, windowEnd: new Date(now + 2 * HOUR).toISOString(), volunteerId: vols['dh1-vol1']!.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'volunteerId', rule: 'not_found' });
    expect((await t.send('POST', '/api/tasks', grid, { ...base, volunteerId: vols['demo-volunteer']!.id })).statusCode).toBe(403);
    expect((await t.send('POST', '/api/tasks', volunteer, { ...base, volunteerId: vols['demo-volunteer']!.id })).statusCode).toBe(403);
    expect((await t.get('/api/tasks', volunteer)).statusCode).toBe(403);
    expect((await t.get('/api/my/tasks', officer)).statusCode).toBe(403);
    const task = await dispatch({ volunteerId: vols['demo-volunteer']!.id });
    expect((await t.get(`/api/tasks/${task.id}`, otherChief)).statusCode).toBe(404);
    const list = (await t.get('/api/tasks?pageSize=200', otherChief)).json<{ items: { id: number }[] }>();
    expect(list.items.map((i) => i.id)).not.toContain(task.id);
    expect((await t.get(`/api/tasks/${task.id}`, officer)).statusCode).toBe(200);
  });
});

describe('working an assignment', () => {
  it('moves through its states and answers wrong steps with stable 409 codes', async () => {
    const task = await dispatch({ volunteerId: vols['demo-volunteer']!.id });
    const aid = task.assignments[0]!.id;
    expect((await act(volunteer, aid, 'complete', { record: '已走访' })).json<{ code: string }>().code).toBe('task.not_accepted');
    expect((await act(volunteer, aid, 'checkin', TARGET)).json<{ code: string }>().code).toBe('task.not_accepted');
    expect((await act(volunteer, aid, 'accept')).statusCode).toBe(200);
    const again = await act(volunteer, aid, 'accept');
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('task.already_accepted');
    const noReason = await act(volunteer, aid, 'decline', {});
    expect(noReason.statusCode).toBe(400);
    expect((await act(volunteer, aid, 'checkin', TARGET)).json<Assignment>().status).toBe('checked_in');
    expect((await act(volunteer, aid, 'decline', { reason: '临时有事' })).json<{ code: string }>().code).toBe('task.already_accepted');
    const done = await act(volunteer, aid, 'complete', { record: '老人身体健康，门锁已修' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<Assignment>()).toMatchObject({ status: 'completed', pointsAwarded: 5 });
    expect((await act(volunteer, aid, 'complete', { record: '再来一次' })).json<{ code: string }>().code).toBe('task.already_completed');
    const points = await t.db.selectFrom('point_entries').select('points').where('rule_code', '=', 'task_completed').where('entity_id', '=', String(aid)).execute();
    expect(points).toEqual([{ points: 5 }]);

    const declined = (await dispatch({ volunteerId: vols['demo-volunteer']!.id })).assignments[0]!.id;
    expect((await act(volunteer, declined, 'decline', { reason: '不在本地' })).json<Assignment>().status).toBe('declined');
    expect((await act(volunteer, declined, 'accept')).json<{ code: string }>().code).toBe('task.already_declined');
    const detail = (await t.get(`/api/tasks/${task.id}`, officer)).json<Task>();
    expect(detail.counts).toMatchObject({ completed: 1, assigned: 0 });
  });

  it('measures the check-in distance: on site just inside the radius, flagged just outside', async () => {
    const task = await dispatch({ volunteerId: vols['demo-volunteer']!.id, radiusM: 200 });
    const aid = task.assignments[0]!.id;
    await act(volunteer, aid, 'accept');
    const inside = north(199);
    expect(distanceMetres(inside, TARGET)).toBeLessThan(200);
    const a = (await act(volunteer, aid, 'checkin', inside)).json<Assignment>();
    expect(a).toMatchObject({ status: 'checked_in', checkinOnSite: true, checkinDistanceM: 199 });
    const outside = north(201);
    expect(distanceMetres(outside, TARGET)).toBeGreaterThan(200);
    const res = await act(volunteer, aid, 'checkin', outside);
    // Recorded, with the distance shown, but not on site.
    expect(res.statusCode).toBe(200);
    expect(res.json<Assignment>()).toMatchObject({ checkinOnSite: false, checkinDistanceM: 201 });
    const v = await t.db.selectFrom('volunteers').select(['last_lat', 'last_lon']).where('id', '=', vols['demo-volunteer']!.id).executeTakeFirstOrThrow();
    expect(v.last_lat).toBeCloseTo(outside.lat, 9);
    const officerView = (await t.get(`/api/tasks/${task.id}`, officer)).json<Task>();
    expect(officerView.assignments[0]).toMatchObject({ checkinOnSite: false, checkinDistanceM: 201 });
  });

  it('takes up to three content-checked photos with the record', async () => {
    const created = await dispatch({ volunteerId: vols['demo-volunteer']!.id });
    const taskId = created.id;
    const aid = created.assignments[0]!.id;
    await act(volunteer, aid, 'accept');
    const fake = await form({ record: '隐患已排查' }, [{ name: 'a.jpg', data: Buffer.from('not an image at all'), type: 'image/jpeg' }]);
    const bad = await t.send('POST', `/api/my/tasks/${aid}/complete`, volunteer, fake.body, fake.headers);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'photos.0', rule: 'file_type' });
    const four = await form({ record: '隐患已排查' }, Array.from({ length: 4 }, (_, i) => ({ name: `${i}.png`, data: SAMPLES.png, type: 'image/png' })));
    expect((await t.send('POST', `/api/my/tasks/${aid}/complete`, volunteer, four.body, four.headers)).statusCode).toBe(400);
    const noRecord = await form({}, [{ name: 'a.png', data: SAMPLES.png, type: 'image/png' }]);
    const missing = await t.send('POST', `/api/my/tasks/${aid}/complete`, volunteer, noRecord.body, noRecord.headers);
    expect(missing.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'record', rule: 'required' });
    const good = await form({ record: '隐患已排查' }, [
      { name: 'a.png', data: SAMPLES.png, type: 'image/png' },
      { name: 'b.jpg', data: SAMPLES.jpeg, type: 'image/jpeg' },
    ]);
    const res = await t.send('POST', `/api/my/tasks/${aid}/complete`, volunteer, good.body, good.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Assignment>()).toMatchObject({ status: 'completed', photoCount: 2 });
    const third = await form({}, [{ name: 'c.png', data: Buffer.concat([SAMPLES.png, Buffer.from('3')]), type: 'image/png' }]);
    const added = await t.send('POST', `/api/my/tasks/${aid}/photos`, volunteer, third.body, third.headers);
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json<Assignment>().photoCount).toBe(3);
    const fourth = await form({}, [{ name: 'd.png', data: Buffer.concat([SAMPLES.png, Buffer.from('4')]), type: 'image/png' }]);
    const refused = await t.send('POST', `/api/my/tasks/${aid}/photos`, volunteer, fourth.body, fourth.headers);
    expect(fieldOfBody(refused.body)).toMatchObject({ path: 'photos', rule: 'too_big' });
    expect((await t.send('POST', `/api/my/tasks/${aid}/photos`, volunteer2, fourth.body, fourth.headers)).statusCode).toBe(404);
    // The police of the jurisdiction open the photos (audited); another station and volunteers cannot.
    const detail = (await t.get(`/api/tasks/${taskId}`, officer)).json<{ assignments: { photoIds: number[] }[] }>();
    const fileId = detail.assignments[0]!.photoIds[0]!;
    expect(detail.assignments[0]!.photoIds).toHaveLength(3);
    const file = await t.get(`/api/tasks/${taskId}/files/${fileId}`, officer);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(SAMPLES.png)).toBe(true);
    expect((await t.db.selectFrom('audit_events').select('id').where('action', '=', 'task.file_downloaded').where('entity_id', '=', String(aid)).execute()).length).toBe(1);
    expect((await t.get(`/api/tasks/${taskId}/files/${fileId}`, otherChief)).statusCode).toBe(404);
    expect((await t.get(`/api/tasks/${taskId}/files/${fileId}`, volunteer)).statusCode).toBe(403);
  });
});

describe('the overdue-task job', () => {
  const notes = async (aid: number) =>
    t.db.selectFrom('notifications').select(['user_id', 'kind', 'dedupe_key']).where('entity_type', '=', 'task_assignment').where('entity_id', '=', String(aid)).orderBy('id').execute();

  it('reminds volunteer and officer once when not accepted 30 minutes before the start, and once more after the end', async () => {
    const start = new Date('2030-03-01T10:00:00+08:00');
    const end = new Date('2030-03-01T12:00:00+08:00');
    const task = await dispatch({ volunteerId: vols['demo-volunteer']!.id }, start, end);
    const aid = task.assignments[0]!.id;
    await overdueTasks(t.db, new Date(start.getTime() - 30 * 60_000 - 1));
    expect(await notes(aid)).toHaveLength(0);
    await overdueTasks(t.db, new Date(start.getTime() - 30 * 60_000));
    const first = await notes(aid);
    expect(first.map((n) => `${n.user_id}:${n.kind}`).sort()).toEqual([`${vols['demo-volunteer']!.userId}:task.unaccepted`, `${officer.userId}:task.unaccepted`].sort());
    await overdueTasks(t.db, new Date(start.getTime() + HOUR));
    expect(await notes(aid)).toHaveLength(2);
    // Accepted but not completed: at the end itself it is not yet overdue; just after, it is (once).
    await act(volunteer, aid, 'accept');
    await overdueTasks(t.db, end);
    expect(await notes(aid)).toHaveLength(2);
    await overdueTasks(t.db, new Date(end.getTime() + 1));
    await overdueTasks(t.db, new Date(end.getTime() + 5 * HOUR));
    const all = await notes(aid);
    expect(all.slice(2).map((n) => `${n.user_id}:${n.kind}`).sort()).toEqual([`${vols['demo-volunteer']!.userId}:task.overdue`, `${officer.userId}:task.overdue`].sort());
    expect((await t.db.selectFrom('task_assignments').select('reminded_at').where('id', '=', aid).executeTakeFirstOrThrow()).reminded_at).not.toBeNull();
  });

  it('leaves completed and declined assignments alone and flags overdue tasks in the list', async () => {
    const start = new Date(Date.now() - 3 * HOUR);
    const end = new Date(Date.now() - HOUR);
    const task = await dispatch({ volunteerId: vols['demo-volunteer']!.id }, start, end);
    const aid = task.assignments[0]!.id;
    expect(task.overdue).toBe(true);
    const flagged = (await t.get('/api/tasks?overdue=true&pageSize=200', officer)).json<{ items: { id: number; overdue: boolean }[] }>();
    expect(flagged.items.find((i) => i.id === task.id)).toMatchObject({ overdue: true });
    await act(volunteer, aid, 'decline', { reason: '生病' });
    await overdueTasks(t.db, new Date());
    expect(await notes(aid)).toHaveLength(0);
    const after = (await t.get('/api/tasks?overdue=false&pageSize=200', officer)).json<{ items: { id: number; overdue: boolean }[] }>();
    expect(after.items.find((i) => i.id === task.id)).toMatchObject({ overdue: false });
  });
});

describe('cancelling a task', () => {
  it('needs a reason, tells the assignees still on it, marks it cancelled in their list, blocks their steps and leaves the overdue job', async () => {
    const start = new Date(Date.now() - 3 * HOUR);
    const end = new Date(Date.now() - HOUR);
    const task = await dispatch({ volunteerId: vols['demo-volunteer']!.id }, start, end);
    const aid = task.assignments[0]!.id;
    const blank = await t.send('POST', `/api/tasks/${task.id}/cancel`, officer, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(fieldOfBody(blank.body)).toMatchObject({ path: 'reason' });

    expect((await t.get(`/api/tasks/${task.id}`, officer)).json()).toMatchObject({ cancelled: false, cancelledAt: null, cancelReason: null });
    const res = await t.send('POST', `/api/tasks/${task.id}/cancel`, officer, { reason: '活动改期' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Task & { cancelled: boolean; overdue: boolean }>()).toMatchObject({ cancelled: true, overdue: false, cancelReason: '活动改期' });
    // The reason lives only in the audit event: the task answer, the list and the assignee's list read it from there.
    const detail = (await t.get(`/api/tasks/${task.id}`, officer)).json<{ cancelledAt: string | null; cancelReason: string | null }>();
    expect(detail.cancelReason).toBe('活动改期');
    expect(Date.parse(detail.cancelledAt!)).toBeGreaterThan(start.getTime());
    const listed = (await t.get('/api/tasks?pageSize=100', officer)).json<{ items: { id: number; cancelReason: string | null }[] }>().items;
    expect(listed.find((i) => i.id === task.id)?.cancelReason).toBe('活动改期');
    const told = await t.db.selectFrom('notifications').select(['user_id', 'kind', 'body']).where('entity_type', '=', 'task_assignment').where('entity_id', '=', String(aid)).execute();
    expect(told).toEqual([{ user_id: vols['demo-volunteer']!.userId, kind: 'task.cancelled', body: '取消原因：活动改期' }]);
    const audit = await t.db.selectFrom('audit_events').select(['change']).where('action', '=', 'task.cancelled').where('entity_id', '=', String(task.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.change).toMatchObject({ reason: '活动改期', notified: 1 });

    const mine = (await t.get('/api/my/tasks', volunteer)).json<{ items: { id: number; cancelled: boolean; overdue: boolean }[] }>().items.find((i) => i.id === aid);
    expect(mine).toMatchObject({ cancelled: true, overdue: false, cancelReason: '活动改期' });
    const step = await act(volunteer, aid, 'accept');
    expect(step.statusCode).toBe(409);
    expect(step.json<{ code: string }>().code).toBe('task.cancelled');
    // Past its window and never accepted, yet the overdue job leaves it alone.
    await overdueTasks(t.db, new Date());
    const reminders = await t.db.selectFrom('notifications').select('kind').where('entity_type', '=', 'task_assignment').where('entity_id', '=', String(aid)).where('kind', '!=', 'task.cancelled').execute();
    expect(reminders).toHaveLength(0);

    const again = await t.send('POST', `/api/tasks/${task.id}/cancel`, officer, { reason: '再取消' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string; message: string }>()).toMatchObject({ code: 'task.already_cancelled', message: '任务已取消' });
    const againEn = await t.send('POST', `/api/tasks/${task.id}/cancel`, officer, { reason: 'again' }, { 'accept-language': 'en' });
    expect(againEn.json<{ code: string; message: string }>()).toMatchObject({ code: 'task.already_cancelled', message: 'The task is already cancelled' });
    // The refused second cancel leaves the first reason in place.
    expect((await t.get(`/api/tasks/${task.id}`, officer)).json()).toMatchObject({ cancelReason: '活动改期' });
  });

  it('refuses a completed task (409), volunteers (403) and another station (404)', async () => {
    const task = await dispatch({ volunteerId: vols['demo-volunteer']!.id });
    const aid = task.assignments[0]!.id;
    expect((await t.send('POST', `/api/tasks/${task.id}/cancel`, volunteer, { reason: '不想去' })).statusCode).toBe(403);
    expect((await t.send('POST', `/api/tasks/${task.id}/cancel`, otherChief, { reason: '越权' })).statusCode).toBe(404);
    expect((await t.send('POST', `/api/tasks/999999/cancel`, officer, { reason: '不存在' })).statusCode).toBe(404);
    await act(volunteer, aid, 'accept');
    expect((await act(volunteer, aid, 'complete', { record: '已走访' })).statusCode).toBe(200);
    const res = await t.send('POST', `/api/tasks/${task.id}/cancel`, officer, { reason: '晚了' });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('task.already_completed');
    expect((await t.db.selectFrom('tasks').select('cancelled_at').where('id', '=', task.id).executeTakeFirstOrThrow()).cancelled_at).toBeNull();
  });
});
