import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { followupFixtures } from './followups.fixtures.js';
import type { MyDayDto } from './followups.schemas.js';

let t: TestApp;
let f: ReturnType<typeof followupFixtures>;
let s: Awaited<ReturnType<ReturnType<typeof followupFixtures>['station']>>;
let officer: Session;
let otherOfficerId: number;
const ids: Record<string, number> = {};

const bj = (local: string) => new Date(`${local}+08:00`);
const HOUR = 3_600_000;
const DATE = '2026-12-10';

beforeAll(async () => {
  t = await createTestApp();
  f = followupFixtures(t);
  s = await f.station('日清测试派出所');
  otherOfficerId = await f.user(`${s.officerUsername}-b`, 'officer', s.west.id, '西村民警');
  const me = s.officerId;
  const c1 = await f.case({ jurisdictionId: s.east.id, officerUserId: me, stage: 'closed', title: '已办结待回访' });
  ids.c1 = c1.id;
  ids.phone = await f.followup(c1.id, { kind: 'phone', dueOn: DATE, assignedUserId: me });
  ids.field = await f.followup(c1.id, { kind: 'field', dueOn: '2026-12-01', assignedUserId: me });
  ids.community = await f.followup(c1.id, { kind: 'community', dueOn: '2026-12-20', assignedUserId: me });
  await f.followup(c1.id, { kind: 'phone', dueOn: '2026-12-01', assignedUserId: me, doneAt: bj('2026-12-01T10:00:00') });
  // A reopened case's leftover visit is not due any more.
  const reopened = await f.case({ jurisdictionId: s.east.id, officerUserId: me, stage: 'assessing' });
  await f.followup(reopened.id, { dueOn: '2026-12-01', assignedUserId: me });
  ids.c3 = (await f.case({ jurisdictionId: s.east.id, officerUserId: me, stage: 'mediating', stageDueAt: bj(`${DATE}T17:00:00`) })).id;
  ids.c4 = (await f.case({ jurisdictionId: s.east.id, officerUserId: me, stage: 'assessing', stageDueAt: bj('2026-12-05T09:00:00') })).id;
  ids.c6 = (await f.case({ jurisdictionId: s.west.id, officerUserId: otherOfficerId, stage: 'mediating', stageDueAt: bj('2026-12-09T23:59:59') })).id;
  ids.c7 = (await f.case({ jurisdictionId: s.east.id, officerUserId: me, createdAt: bj('2026-12-09T00:00:00') })).id;
  ids.c8 = (await f.case({ jurisdictionId: s.east.id, officerUserId: me, createdAt: bj('2026-12-08T23:59:59') })).id;
  const now = Date.now();
  ids.t3 = await f.transfer(ids.c3, { sentAt: new Date(now - 30 * HOUR), ackDueAt: new Date(now - HOUR), dueAt: new Date(now + 300 * HOUR), status: 'sent' });
  ids.t4 = await f.transfer(ids.c4, { sentAt: new Date(now - 400 * HOUR), ackDueAt: new Date(now - 380 * HOUR), dueAt: new Date(now - 2 * HOUR), status: 'accepted' });
  await f.transfer(ids.c6, { sentAt: new Date(now - 30 * HOUR), ackDueAt: new Date(now - 20 * HOUR), dueAt: new Date(now + 300 * HOUR), status: 'accepted' });
  officer = await t.login(s.officerUsername);
});
afterAll(async () => {
  await t.close();
});

const keys = (items: MyDayDto['groups'][number]['dueToday']) => items.map((i) => `${i.type}:${i.followupId ?? i.transferId ?? i.caseId}${i.late ? `:${i.late}` : ''}`).sort();

describe('the daily list (日清)', () => {
  it('gives an officer what is due on the day, what is overdue and what is new', async () => {
    const res = await t.get(`/api/my-day?date=${DATE}`, officer);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<MyDayDto>();
    expect(d).toMatchObject({ date: DATE, mode: 'own', canRecord: true, counts: { dueToday: 2, overdue: 4, new: 1, upcoming: 1 } });
    expect(d.groups).toHaveLength(1);
    const g = d.groups[0]!;
    expect(g.officerId).toBe(s.officerId);
    expect(keys(g.dueToday)).toEqual([`followup:${ids.phone}`, `stage:${ids.c3}`].sort());
    expect(keys(g.overdue)).toEqual([`followup:${ids.field}`, `stage:${ids.c4}`, `transfer:${ids.t3}:unacknowledged`, `transfer:${ids.t4}:overdue`].sort());
    expect(keys(g.new)).toEqual([`new:${ids.c7}`]);
    expect(keys(g.upcoming)).toEqual([`followup:${ids.community}`]);
    const phone = g.dueToday.find((i) => i.type === 'followup')!;
    expect(phone).toMatchObject({ caseId: ids.c1, followupKind: 'phone', due: DATE, title: '已办结待回访' });
  });

  it('moves the day: what was due on the 10th is overdue on the 11th', async () => {
    const d = (await t.get('/api/my-day?date=2026-12-11', officer)).json<MyDayDto>();
    const g = d.groups[0]!;
    expect(g.dueToday).toHaveLength(0);
    expect(keys(g.upcoming)).toEqual([`followup:${ids.community}`]);
    expect(keys(g.overdue)).toEqual(expect.arrayContaining([`followup:${ids.phone}`, `followup:${ids.field}`, `stage:${ids.c3}`, `stage:${ids.c4}`]));
    expect(g.new).toHaveLength(0);
  });

  it('gives the chief every officer of the station, grouped by officer', async () => {
    const chief = await t.login(s.chiefUsername);
    const d = (await t.get(`/api/my-day?date=${DATE}`, chief)).json<MyDayDto>();
    expect(d.mode).toBe('station');
    expect(d.counts).toEqual({ dueToday: 2, overdue: 5, new: 1, upcoming: 1 });
    expect(d.groups.map((g) => g.officerId)).toEqual([s.officerId, otherOfficerId]);
    expect(keys(d.groups[1]!.overdue)).toEqual([`stage:${ids.c6}`]);
  });

  it('shows nothing of this station to another station’s officer or chief', async () => {
    const all = Object.values(ids);
    for (const username of ['demo-officer', 'demo-chief']) {
      const d = (await t.get(`/api/my-day?date=${DATE}`, await t.login(username))).json<MyDayDto>();
      const seen = d.groups.flatMap((g) => [...g.dueToday, ...g.overdue, ...g.new, ...g.upcoming]).map((i) => i.caseId);
      expect(seen.some((id) => all.includes(id)), username).toBe(false);
    }
  });

  it('refuses roles without daily case work and names a bad date', async () => {
    for (const username of ['demo-mediator', 'demo-grid', 'demo-partner', 'demo-volunteer']) {
      expect((await t.get('/api/my-day', await t.login(username))).statusCode, username).toBe(403);
    }
    const bad = await t.get('/api/my-day?date=2026-13-01', officer);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('date');
    // The pattern holds but there is no 30 February.
    expect((await t.get('/api/my-day?date=2026-02-30', officer)).statusCode).toBe(400);
    const today = await t.get('/api/my-day', officer);
    expect(today.statusCode).toBe(200);
  });
});
