import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { awardPoints } from './points.js';

let t: TestApp;
let officer: Session;
let chief: Session;
let otherChief: Session;
let grid: Session;
let volunteer: Session;
let bureau: Session;
let areaId: number;
let otherAreaId: number;
let serial = 0;

interface Team {
  id: number;
  name: string;
  kind: string;
  phone: string | null;
  unitId: number | null;
  memberCount: number;
  archived: boolean;
}
interface Member {
  id: number;
  name: string;
  phone: string | null;
  teamId: number | null;
  role: string;
  skills: string[];
  userId: number | null;
  username: string | null;
  status: string;
}
interface Board {
  month: string;
  by: string;
  items: Record<string, unknown>[];
}
interface Fields {
  code: string;
  fields: { path: string; rule: string }[];
}

const uniq = (p: string) => `${p}${Date.now() % 100000}-${++serial}`;

async function team(session: Session, body: Record<string, unknown> = {}): Promise<Team> {
  const res = await t.send('POST', '/api/volunteer-teams', session, { name: uniq('快乐小哥'), kind: 'courier', jurisdictionId: areaId, phone: '13800000001', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Team>();
}
async function member(session: Session, body: Record<string, unknown> = {}): Promise<Member> {
  const res = await t.send('POST', '/api/volunteers', session, { name: uniq('张'), role: 'info', jurisdictionId: areaId, phone: '13911112222', skills: ['急救'], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Member>();
}
const fieldsOf = (body: string) => JSON.parse(body) as Fields;

beforeAll(async () => {
  t = await createTestApp();
  officer = await t.login('demo-officer');
  chief = await t.login('demo-chief');
  otherChief = await t.login('dh-chief');
  grid = await t.login('demo-grid');
  volunteer = await t.login('demo-volunteer');
  bureau = await t.login('demo-bureau');
  const officerRow = await t.db.selectFrom('users').select('jurisdiction_id').where('username', '=', 'demo-officer').executeTakeFirstOrThrow();
  areaId = officerRow.jurisdiction_id;
  const other = await t.db.selectFrom('users').select('jurisdiction_id').where('username', '=', 'dh1-officer').executeTakeFirstOrThrow();
  otherAreaId = other.jurisdiction_id;
  // demo-volunteer's member record (the demo county may already hold it).
  const self = await t.db.selectFrom('volunteers').select('id').where('user_id', '=', volunteer.userId).executeTakeFirst();
  if (!self) await t.db.insertInto('volunteers').values({ user_id: volunteer.userId, name: '演示志愿者', role: 'info', jurisdiction_id: areaId }).execute();
});
afterAll(async () => {
  await t.close();
});

describe('teams', () => {
  it('creates, lists and updates a team, audited; phones only for the police', async () => {
    const created = await team(officer, { kind: 'ski_resort', name: uniq('雪场精灵') });
    expect(created.kind).toBe('ski_resort');
    expect(created.phone).toBe('13800000001');
    const list = await t.get(`/api/volunteer-teams?kind=ski_resort&q=${encodeURIComponent(created.name)}`, officer);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: Team[]; total: number }>().items.map((x) => x.id)).toEqual([created.id]);
    const asAdmin = await t.get(`/api/volunteer-teams/${created.id}`, await t.login('demo-admin'));
    expect(asAdmin.statusCode, asAdmin.body).toBe(200);
    expect(asAdmin.json<Team>().phone).toBeNull();
    const patched = await t.send('PATCH', `/api/volunteer-teams/${created.id}`, officer, { leaderName: '李队长', archived: true });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<Team>().archived).toBe(true);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'volunteer_team').where('entity_id', '=', String(created.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['team.created', 'team.updated']);
  });

  it('requires a unit in scope for a security-guard team (警保联动)', async () => {
    const noUnit = await t.send('POST', '/api/volunteer-teams', officer, { name: '保安队', kind: 'security_guard', jurisdictionId: areaId });
    expect(noUnit.statusCode).toBe(400);
    expect(fieldsOf(noUnit.body).fields).toEqual([expect.objectContaining({ path: 'unitId', rule: 'required' })]);
    const otherUnit = await t.db
      .selectFrom('units as u')
      .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
      .select('u.id')
      .where('j.path', 'like', (await t.db.selectFrom('jurisdictions').select('path').where('id', '=', otherAreaId).executeTakeFirstOrThrow()).path + '%')
      .executeTakeFirstOrThrow();
    const outside = await t.send('POST', '/api/volunteer-teams', officer, { name: '保安队', kind: 'security_guard', jurisdictionId: areaId, unitId: otherUnit.id });
    expect(outside.statusCode).toBe(400);
    expect(fieldsOf(outside.body).fields[0]).toMatchObject({ path: 'unitId', rule: 'not_found' });
    const ownUnit = await t.db
      .selectFrom('units as u')
      .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
      .select('u.id')
      .where('j.path', 'like', (await t.db.selectFrom('jurisdictions').select('path').where('id', '=', areaId).executeTakeFirstOrThrow()).path + '%')
      .executeTakeFirstOrThrow();
    const ok = await team(officer, { kind: 'security_guard', unitId: ownUnit.id });
    expect(ok.unitId).toBe(ownUnit.id);
  });

  it('names the fields of invalid input', async () => {
    const res = await t.send('POST', '/api/volunteer-teams', officer, { name: '', kind: 'pilots', jurisdictionId: areaId });
    expect(res.statusCode).toBe(400);
    const paths = fieldsOf(res.body).fields.map((f) => f.path).sort();
    expect(paths).toEqual(['kind', 'name']);
    const wrongArea = await t.send('POST', '/api/volunteer-teams', officer, { name: '外所', kind: 'taxi', jurisdictionId: otherAreaId });
    expect(wrongArea.statusCode).toBe(400);
    expect(fieldsOf(wrongArea.body).fields[0]).toMatchObject({ path: 'jurisdictionId', rule: 'not_found' });
  });

  it('hides another station’s teams; grid workers and volunteers may not write', async () => {
    const mine = await team(officer);
    expect((await t.get(`/api/volunteer-teams/${mine.id}`, otherChief)).statusCode).toBe(404);
    expect((await t.send('PATCH', `/api/volunteer-teams/${mine.id}`, otherChief, { name: 'x' })).statusCode).toBe(404);
    const list = await t.get('/api/volunteer-teams?pageSize=200&includeArchived=true', otherChief);
    expect(list.json<{ items: Team[] }>().items.some((x) => x.id === mine.id)).toBe(false);
    expect((await t.send('POST', '/api/volunteer-teams', grid, { name: 'g', kind: 'grid', jurisdictionId: areaId })).statusCode).toBe(403);
    expect((await t.get('/api/volunteer-teams', volunteer)).statusCode).toBe(403);
  });
});

describe('members', () => {
  it('adds a member with a new sign-in of role volunteer in the same jurisdiction, audited', async () => {
    const tm = await team(officer, { kind: 'red_armband', name: uniq('红袖章') });
    const username = uniq('vol-new-').replace(/[^A-Za-z0-9._-]/g, '');
    const m = await member(officer, { teamId: tm.id, role: 'persuader', account: { username, password: 'a-long-password-1' } });
    expect(m).toMatchObject({ teamId: tm.id, role: 'persuader', username, skills: ['急救'], status: 'active' });
    const user = await t.db.selectFrom('users').select(['role', 'jurisdiction_id', 'password_hash']).where('id', '=', m.userId!).executeTakeFirstOrThrow();
    expect(user.role).toBe('volunteer');
    expect(user.jurisdiction_id).toBe(areaId);
    expect(user.password_hash).not.toContain('a-long-password-1');
    const session = await t.login(username, 'a-long-password-1');
    expect(session.userId).toBe(m.userId);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', 'in', [String(m.id), String(m.userId)]).where('action', 'in', ['volunteer.created', 'user.created']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['user.created', 'volunteer.created']);
    const taken = await t.send('POST', '/api/volunteers', officer, { name: '重名', role: 'info', jurisdictionId: areaId, account: { username, password: 'a-long-password-1' } });
    expect(taken.statusCode).toBe(409);
  });

  it('links an existing volunteer account only once and refuses other roles', async () => {
    const free = await t.db.selectFrom('users').select('id').where('username', '=', 'cg1-vol3').executeTakeFirstOrThrow();
    await t.db.updateTable('volunteers').set({ user_id: null }).where('user_id', '=', free.id).execute();
    const m = await member(officer, { userId: free.id });
    expect(m.userId).toBe(free.id);
    const again = await t.send('POST', '/api/volunteers', officer, { name: '再关联', role: 'info', jurisdictionId: areaId, userId: free.id });
    expect(again.statusCode).toBe(409);
    const notVolunteer = await t.send('POST', '/api/volunteers', officer, { name: '警员', role: 'info', jurisdictionId: areaId, userId: officer.userId });
    expect(notVolunteer.statusCode).toBe(400);
    expect(fieldsOf(notVolunteer.body).fields[0]).toMatchObject({ path: 'userId', rule: 'not_volunteer' });
  });

  it('filters by team, role, status and text, pages, and updates with an audit diff', async () => {
    const tm = await team(officer, { kind: 'women', name: uniq('巾帼') });
    const a = await member(officer, { teamId: tm.id, role: 'mediator', name: uniq('调解') });
    await member(officer, { teamId: tm.id, role: 'warmth' });
    await member(officer, { teamId: tm.id, role: 'warmth', status: 'paused' });
    const byTeam = await t.get(`/api/volunteers?teamId=${tm.id}&pageSize=2`, officer);
    expect(byTeam.json<{ items: Member[]; total: number }>().total).toBe(3);
    expect(byTeam.json<{ items: Member[] }>().items).toHaveLength(2);
    expect((await t.get(`/api/volunteers?teamId=${tm.id}&role=warmth&status=active`, officer)).json<{ total: number }>().total).toBe(1);
    expect((await t.get(`/api/volunteers?q=${encodeURIComponent(a.name)}`, officer)).json<{ items: Member[] }>().items.map((x) => x.id)).toEqual([a.id]);
    const patched = await t.send('PATCH', `/api/volunteers/${a.id}`, officer, { status: 'left', skills: ['调解', '普法'] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<Member>()).toMatchObject({ status: 'left', skills: ['调解', '普法'] });
    const ev = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'volunteer.updated').where('entity_id', '=', String(a.id)).executeTakeFirstOrThrow();
    expect(ev.change).toMatchObject({ status: { from: 'active', to: 'left' } });
    const bad = await t.send('PATCH', `/api/volunteers/${a.id}`, officer, { role: 'boss', teamId: 999999999 });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body).fields[0]!.path).toBe('role');
    const badTeam = await t.send('PATCH', `/api/volunteers/${a.id}`, officer, { teamId: 999999999 });
    expect(fieldsOf(badTeam.body).fields[0]).toMatchObject({ path: 'teamId', rule: 'not_found' });
  });

  it('keeps members of another station invisible and denies volunteers the roster; phones only for police', async () => {
    const m = await member(officer);
    expect((await t.get(`/api/volunteers/${m.id}`, otherChief)).statusCode).toBe(404);
    expect((await t.send('PATCH', `/api/volunteers/${m.id}`, otherChief, { status: 'left' })).statusCode).toBe(404);
    const theirs = await t.get('/api/volunteers?pageSize=200&q=' + encodeURIComponent(m.name), otherChief);
    expect(theirs.json<{ total: number }>().total).toBe(0);
    expect((await t.get('/api/volunteers', volunteer)).statusCode).toBe(403);
    expect((await t.get(`/api/volunteers/${m.id}`, volunteer)).statusCode).toBe(403);
    expect((await t.send('POST', '/api/volunteers', grid, { name: 'x', role: 'info', jurisdictionId: areaId })).statusCode).toBe(403);
    // demo-grid works one grid of the area: a member of the area itself is above that scope…
    expect((await t.get(`/api/volunteers/${m.id}`, grid)).statusCode).toBe(404);
    // …a member of the grid is visible, without the phone.
    const gridArea = await t.db.selectFrom('users').select('jurisdiction_id').where('id', '=', grid.userId).executeTakeFirstOrThrow();
    const inGrid = await member(officer, { jurisdictionId: gridArea.jurisdiction_id });
    const asGrid = await t.get(`/api/volunteers/${inGrid.id}`, grid);
    expect(asGrid.statusCode, asGrid.body).toBe(200);
    expect(asGrid.json<Member>().phone).toBeNull();
    const asChief = await t.get(`/api/volunteers/${m.id}`, chief);
    expect(asChief.json<Member>().phone).toBe('13911112222');
  });

  it('exports the roster as .xlsx, audited, with phones only for police roles', async () => {
    const res = await t.get('/api/volunteers/export.xlsx', chief);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).filter(Boolean);
    expect(header).toContain('电话');
    const ev = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'volunteers.exported').where('actor_user_id', '=', chief.userId).executeTakeFirstOrThrow();
    expect(ev.change).toMatchObject({ phones: true });
    const admin = await t.login('demo-admin');
    const res2 = await t.get('/api/volunteers/export.xlsx', admin);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(res2.rawPayload as unknown as ArrayBuffer);
    expect((wb2.worksheets[0]!.getRow(1).values as unknown[]).filter(Boolean)).not.toContain('电话');
    expect((await t.get('/api/volunteers/export.xlsx', volunteer)).statusCode).toBe(403);
  });
});

describe('training', () => {
  it('records a course and completions, awarding the training points once per course', async () => {
    const a = await member(officer);
    const b = await member(officer);
    const res = await t.send('POST', '/api/training-courses', officer, { topic: 'rescue', title: '紧急救助：心肺复苏', heldOn: '2026-10-10', hours: 3, jurisdictionId: areaId });
    expect(res.statusCode, res.body).toBe(201);
    const course = res.json<{ id: number; hours: number; completions: number }>();
    expect(course.hours).toBe(3);
    const done = await t.send('POST', `/api/training-courses/${course.id}/completions`, officer, { volunteerIds: [a.id, b.id], completedOn: '2026-10-10' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ recorded: 2, points: 6 });
    const again = await t.send('POST', `/api/training-courses/${course.id}/completions`, officer, { volunteerIds: [a.id], completedOn: '2026-10-11' });
    expect(again.json()).toEqual({ recorded: 0, points: 0 });
    const entries = await t.db.selectFrom('point_entries').select(['volunteer_id', 'points']).where('rule_code', '=', 'training_completed').where('entity_id', '=', String(course.id)).where('entity_type', '=', 'training_course').execute();
    expect(entries.sort((x, y) => x.volunteer_id - y.volunteer_id)).toEqual([{ volunteer_id: a.id, points: 3 }, { volunteer_id: b.id, points: 3 }].sort((x, y) => x.volunteer_id - y.volunteer_id));
    const list = await t.get(`/api/training-courses/${course.id}/completions`, officer);
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(2);
    const audits = await t.db.selectFrom('audit_events').select('id').where('action', '=', 'training.recorded').where('entity_id', '=', String(course.id)).execute();
    expect(audits).toHaveLength(3);
    // Another station's members cannot be recorded, and another station cannot see the course.
    const foreign = await t.send('POST', '/api/volunteers', otherChief, { name: '外所队员', role: 'info', jurisdictionId: otherAreaId });
    expect(foreign.statusCode, foreign.body).toBe(201);
    const cross = await t.send('POST', `/api/training-courses/${course.id}/completions`, officer, { volunteerIds: [foreign.json<Member>().id], completedOn: '2026-10-10' });
    expect(cross.statusCode).toBe(400);
    expect(fieldsOf(cross.body).fields[0]).toMatchObject({ path: 'volunteerIds', rule: 'not_found' });
    expect((await t.get(`/api/training-courses/${course.id}/completions`, otherChief)).statusCode).toBe(404);
    const badTopic = await t.send('POST', '/api/training-courses', officer, { topic: 'cooking', title: '', heldOn: '2026-10-10', jurisdictionId: areaId });
    expect(fieldsOf(badTopic.body).fields.map((f) => f.path).sort()).toEqual(['title', 'topic']);
  });
});

describe('points', () => {
  it('awards a rule once per record', async () => {
    const m = await member(officer);
    expect(await awardPoints(t.db, m.id, 'tip_accepted', 'tip', 424242)).toBe(10);
    expect(await awardPoints(t.db, m.id, 'tip_accepted', 'tip', 424242)).toBe(0);
    expect(await awardPoints(t.db, m.id, 'tip_submitted', 'tip', 424242)).toBe(1);
    const rows = await t.db.selectFrom('point_entries').select('points').where('volunteer_id', '=', m.id).execute();
    expect(rows.map((r) => r.points).sort()).toEqual([1, 10]);
  });

  it('sums the month by Beijing calendar month, per person and per team', async () => {
    const tm = await team(officer, { kind: 'taxi', name: uniq('平安的哥') });
    const a = await member(officer, { teamId: tm.id, name: uniq('甲') });
    const b = await member(officer, { teamId: tm.id, name: uniq('乙') });
    const at = (iso: string, v: number, points: number, id: string) => ({ volunteer_id: v, rule_code: 'patrol_checkin', points, entity_type: 'test', entity_id: id, at: new Date(iso) });
    await t.db
      .insertInto('point_entries')
      .values([
        at('2020-02-29T15:59:59Z', a.id, 100, 'feb-last'), // 2020-02-29 23:59:59 Beijing: February
        at('2020-02-29T16:00:00Z', a.id, 7, 'mar-first'), // 2020-03-01 00:00 Beijing: March
        at('2020-03-15T04:00:00Z', b.id, 5, 'mar-mid'),
        at('2020-03-31T15:59:59Z', b.id, 4, 'mar-last'),
        at('2020-03-31T16:00:00Z', b.id, 50, 'apr-first'), // April in Beijing
      ])
      .execute();
    const res = await t.get('/api/points/leaderboard?month=2020-03&by=person', officer);
    expect(res.statusCode, res.body).toBe(200);
    const board = res.json<Board>();
    const expected = await sql<{ id: number; points: number }>`
      select volunteer_id as id, sum(points)::int as points from point_entries
      where to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM') = '2020-03' and volunteer_id in (${a.id}, ${b.id}) group by 1`.execute(t.db);
    const mine = board.items.filter((i) => i.id === a.id || i.id === b.id).map((i) => ({ id: i.id, points: i.points }));
    expect(mine.sort((x, y) => Number(x.id) - Number(y.id))).toEqual(expected.rows.sort((x, y) => x.id - y.id));
    expect(mine.find((i) => i.id === a.id)!.points).toBe(7);
    expect(mine.find((i) => i.id === b.id)!.points).toBe(9);
    expect(board.items[0]!.rank).toBe(1);
    const teams = (await t.get('/api/points/leaderboard?month=2020-03&by=team', officer)).json<Board>();
    expect(teams.items.find((i) => i.id === tm.id)).toMatchObject({ points: 16, name: tm.name });
    // The other station sees none of it.
    const other = (await t.get('/api/points/leaderboard?month=2020-03', otherChief)).json<Board>();
    expect(other.items.some((i) => i.id === a.id || i.id === b.id)).toBe(false);
    const bad = await t.get('/api/points/leaderboard?month=2020-13', officer);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.body).fields[0]!.path).toBe('month');
  });

  it('shows a volunteer only their own points and a leaderboard of names without phones or identity data', async () => {
    const self = await t.db.selectFrom('volunteers').select('id').where('user_id', '=', volunteer.userId).executeTakeFirstOrThrow();
    await awardPoints(t.db, self.id, 'task_completed', 'task', 987654321);
    const other = await member(officer);
    await awardPoints(t.db, other.id, 'broadcast_found', 'broadcast_reply', 987654321);
    const res = await t.get('/api/my/points', volunteer);
    expect(res.statusCode, res.body).toBe(200);
    const my = res.json<{ volunteerId: number; total: number; monthPoints: number; entries: { id: number; ruleCode: string; ruleName: string }[] }>();
    expect(my.volunteerId).toBe(self.id);
    const sum = await t.db.selectFrom('point_entries').select((eb) => eb.fn.sum<number>('points').as('n')).where('volunteer_id', '=', self.id).executeTakeFirstOrThrow();
    expect(my.total).toBe(Number(sum.n));
    expect(my.monthPoints).toBeGreaterThanOrEqual(5);
    expect(my.entries).toContainEqual(expect.objectContaining({ ruleCode: 'task_completed', ruleName: '完成派单任务' }));
    // Only their own entries: another member's award never shows.
    const othersEntry = await t.db.selectFrom('point_entries').select('id').where('volunteer_id', '=', other.id).executeTakeFirstOrThrow();
    expect(my.entries.some((e) => e.id === othersEntry.id)).toBe(false);
    const ownIds = new Set((await t.db.selectFrom('point_entries').select('id').where('volunteer_id', '=', self.id).execute()).map((r) => r.id));
    for (const e of my.entries) expect(ownIds.has(e.id)).toBe(true);

    const top = await t.get('/api/points/leaderboard?limit=3', volunteer);
    expect(top.json<Board>().items.length).toBeLessThanOrEqual(3);
    expect(top.json<Board & { mine: Record<string, unknown> }>().mine).toMatchObject({ id: self.id, me: true });
    const board = await t.get('/api/points/leaderboard?limit=200', volunteer);
    expect(board.statusCode, board.body).toBe(200);
    const items = board.json<Board>().items;
    expect(items.find((i) => i.id === other.id)).toBeDefined();
    expect(items.filter((i) => i.me).every((i) => i.id === self.id)).toBe(true);
    // Ranks follow the points.
    for (let i = 1; i < items.length; i++) expect(Number(items[i]!.points)).toBeLessThanOrEqual(Number(items[i - 1]!.points));
    for (const i of items) expect(Object.keys(i).sort()).toEqual(['id', 'me', 'name', 'points', 'rank', 'teamName']);
    expect(board.body).not.toContain('13911112222');
    // Staff have no "my points"; a volunteer without a member record is refused.
    expect((await t.get('/api/my/points', officer)).statusCode).toBe(403);
  });

  it('records rewards in scope, audited; only chiefs and officers', async () => {
    const tm = await team(officer);
    const ok = await t.send('POST', '/api/rewards', officer, { teamId: tm.id, month: '2026-10', title: '月度优秀队伍' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ teamId: tm.id, teamName: tm.name, month: '2026-10' });
    const ev = await t.db.selectFrom('audit_events').select('id').where('action', '=', 'reward.recorded').where('entity_id', '=', String(ok.json<{ id: number }>().id)).execute();
    expect(ev).toHaveLength(1);
    const none = await t.send('POST', '/api/rewards', officer, { month: '2026-10', title: '无对象' });
    expect(fieldsOf(none.body).fields[0]).toMatchObject({ path: 'volunteerId', rule: 'required' });
    const cross = await t.send('POST', '/api/rewards', otherChief, { teamId: tm.id, month: '2026-10', title: '跨所' });
    expect(fieldsOf(cross.body).fields[0]).toMatchObject({ path: 'teamId', rule: 'not_found' });
    expect((await t.send('POST', '/api/rewards', grid, { teamId: tm.id, month: '2026-10', title: 'x' })).statusCode).toBe(403);
    const list = await t.get('/api/rewards?month=2026-10', chief);
    expect(list.json<{ items: { id: number }[] }>().items.map((r) => r.id)).toContain(ok.json<{ id: number }>().id);
    const otherList = await t.get('/api/rewards?month=2026-10&pageSize=200', otherChief);
    expect(otherList.json<{ items: { id: number }[] }>().items.map((r) => r.id)).not.toContain(ok.json<{ id: number }>().id);
  });

  it('lets the bureau edit point rules (audited), not the station', async () => {
    const rules = await t.get('/api/point-rules', chief);
    expect(rules.json<{ items: { code: string }[] }>().items.map((r) => r.code)).toContain('patrol_checkin');
    expect((await t.send('PUT', '/api/point-rules/patrol_checkin', chief, { points: 3 })).statusCode).toBe(403);
    expect((await t.get('/api/point-rules', bureau)).statusCode).toBe(200);
    expect((await t.get('/api/point-rules', grid)).statusCode).toBe(403);
    expect((await t.get('/api/point-rules', volunteer)).statusCode).toBe(403);
    const res = await t.send('PUT', '/api/point-rules/guard_attendance', bureau, { points: 4 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: 'guard_attendance', points: 4 });
    const m = await member(officer);
    expect(await awardPoints(t.db, m.id, 'guard_attendance', 'guard_attendance', 1)).toBe(4);
    const off = await t.send('PUT', '/api/point-rules/guard_attendance', bureau, { points: 4, active: false });
    expect(off.statusCode).toBe(200);
    expect(await awardPoints(t.db, m.id, 'guard_attendance', 'guard_attendance', 2)).toBe(0);
    expect((await t.send('PUT', '/api/point-rules/nope', bureau, { points: 1 })).statusCode).toBe(404);
    expect(fieldsOf((await t.send('PUT', '/api/point-rules/guard_attendance', bureau, { points: 5000 })).body).fields[0]!.path).toBe('points');
    const ev = await t.db.selectFrom('audit_events').select('id').where('action', '=', 'point_rules.updated').where('entity_id', '=', 'guard_attendance').execute();
    expect(ev).toHaveLength(2);
  });
});

describe('member page', () => {
  it('shows the record, courses completed, points, rewards (own and team), tasks and tips; phones masked for non-police; other stations 404, volunteers 403', async () => {
    const tm = await team(officer);
    const m = await member(officer, { teamId: tm.id });
    const course = (await t.send('POST', '/api/training-courses', officer, { topic: 'law', title: '普法宣传：反诈', heldOn: '2026-09-01', hours: 2, jurisdictionId: areaId })).json<{ id: number }>();
    expect((await t.send('POST', `/api/training-courses/${course.id}/completions`, officer, { volunteerIds: [m.id], completedOn: '2026-09-01' })).statusCode).toBe(200);
    expect((await t.send('POST', '/api/rewards', officer, { volunteerId: m.id, month: '2026-09', title: '九月之星' })).statusCode).toBe(201);
    expect((await t.send('POST', '/api/rewards', officer, { teamId: tm.id, month: '2026-09', title: '优秀队伍' })).statusCode).toBe(201);
    const now = Date.now();
    const task = await t.send('POST', '/api/tasks', officer, {
      kind: 'patrol',
      title: '夜市巡逻',
      description: '',
      lat: 30,
      lon: 120,
      radiusM: 200,
      windowStart: new Date(now + 3_600_000).toISOString(),
      windowEnd: new Date(now + 7_200_000).toISOString(),
      volunteerId: m.id,
    });
    expect(task.statusCode, task.body).toBe(201);
    await t.db.insertInto('tips').values({ volunteer_id: m.id, category: 'hazard', text: '井盖缺失', jurisdiction_id: areaId }).execute();

    const res = await t.get(`/api/volunteers/${m.id}/profile`, officer);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<{
      member: Member;
      training: { courseId: number; topic: string; hours: number; completedOn: string }[];
      points: { total: number; entries: { ruleCode: string; points: number }[] };
      rewards: { title: string; toTeam: boolean }[];
      tasks: { title: string; status: string; cancelled: boolean }[];
      tips: { category: string; text: string | null; status: string }[];
    }>();
    expect(p.member).toMatchObject({ id: m.id, teamId: tm.id, role: 'info', skills: ['急救'], status: 'active', phone: '13911112222' });
    expect(p.training).toEqual([{ courseId: course.id, topic: 'law', title: '普法宣传：反诈', hours: 2, completedOn: '2026-09-01' }]);
    const rule = await t.db.selectFrom('point_rules').select('points').where('code', '=', 'training_completed').executeTakeFirstOrThrow();
    expect(p.points.total).toBe(rule.points);
    expect(p.points.entries.map((e) => [e.ruleCode, e.points])).toEqual([['training_completed', rule.points]]);
    expect(p.rewards.map((r) => [r.title, r.toTeam]).sort()).toEqual([['九月之星', false], ['优秀队伍', true]].sort());
    expect(p.tasks).toEqual([expect.objectContaining({ title: '夜市巡逻', status: 'assigned', cancelled: false })]);
    expect(p.tips).toEqual([expect.objectContaining({ category: 'hazard', text: '井盖缺失', status: 'new' })]);

    expect((await t.get(`/api/volunteers/${m.id}/profile`, otherChief)).statusCode).toBe(404);
    expect((await t.get(`/api/volunteers/${m.id}/profile`, volunteer)).statusCode).toBe(403);
    expect((await t.get(`/api/volunteers/999999/profile`, officer)).statusCode).toBe(404);
    // A grid worker sees a member of the own grid without the phone.
    const gridArea = await t.db.selectFrom('users').select('jurisdiction_id').where('id', '=', grid.userId).executeTakeFirstOrThrow();
    const inGrid = await member(officer, { jurisdictionId: gridArea.jurisdiction_id });
    const asGrid = await t.get(`/api/volunteers/${inGrid.id}/profile`, grid);
    expect(asGrid.statusCode, asGrid.body).toBe(200);
    expect(asGrid.json<{ member: Member }>().member.phone).toBeNull();
  });
});
