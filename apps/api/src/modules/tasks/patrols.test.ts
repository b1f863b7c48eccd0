import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { shanghaiDay } from '../followups/followups.days.js';
import { isoWeekMonday } from './patrols.usecases.js';
import { missedGuardPosts } from './tasks.jobs.js';

let t: TestApp;
let volunteer: Session;
let volunteer2: Session;
let officer: Session;
let chief: Session;
let grid: Session;
let otherChief: Session;
let areaId: number;
let otherAreaId: number;
const vols: Record<string, { id: number; userId: number }> = {};

const CP = [
  { name: '夜市东口', lat: 30.0, lon: 120.0 },
  { name: '夜市西口', lat: 30.001, lon: 120.0 },
];
const north = (p: { lat: number; lon: number }, metres: number) => ({ lat: p.lat + metres / 111_194.93, lon: p.lon });
const fieldOf = (body: string) => (JSON.parse(body) as { fields: { path: string; rule: string }[] }).fields[0];

async function volunteerFor(username: string, name: string) {
  const user = await t.db.selectFrom('users').select(['id', 'jurisdiction_id']).where('username', '=', username).executeTakeFirstOrThrow();
  await t.db.insertInto('volunteers').values({ user_id: user.id, name, role: 'info', jurisdiction_id: user.jurisdiction_id }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
  await t.db.updateTable('volunteers').set({ status: 'active' }).where('user_id', '=', user.id).execute();
  const row = await t.db.selectFrom('volunteers').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
  vols[username] = { id: row.id, userId: user.id };
}

async function plan(session: Session, body: Record<string, unknown> = {}) {
  const res = await t.send('POST', '/api/patrol-plans', session, { name: '夜市步巡', jurisdictionId: areaId, mode: 'foot', bandStart: '20:00', bandEnd: '02:00', weekdays: [1, 3, 5], staggered: true, checkpoints: CP, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; bandStart: string; bandEnd: string; staggered: boolean }>();
}

beforeAll(async () => {
  t = await createTestApp();
  await volunteerFor('demo-volunteer', '王志愿');
  await volunteerFor('cg1-vol2', '李红袖');
  await volunteerFor('dh1-vol1', '赵远');
  volunteer = await t.login('demo-volunteer');
  volunteer2 = await t.login('cg1-vol2');
  officer = await t.login('demo-officer');
  chief = await t.login('demo-chief');
  grid = await t.login('demo-grid');
  otherChief = await t.login('dh-chief');
  areaId = (await t.db.selectFrom('users').select('jurisdiction_id').where('username', '=', 'demo-officer').executeTakeFirstOrThrow()).jurisdiction_id;
  otherAreaId = (await t.db.selectFrom('users').select('jurisdiction_id').where('username', '=', 'dh1-officer').executeTakeFirstOrThrow()).jurisdiction_id;
});
afterAll(async () => {
  await t.close();
});

describe('patrol plans', () => {
  it('are planned in scope by the police only', async () => {
    const p = await plan(officer);
    expect(p).toMatchObject({ bandStart: '20:00', bandEnd: '02:00', staggered: true });
    expect((await t.send('POST', '/api/patrol-plans', volunteer, { name: 'x', jurisdictionId: areaId, mode: 'foot', bandStart: '08:00', bandEnd: '09:00', checkpoints: CP })).statusCode).toBe(403);
    const foreign = await t.send('POST', '/api/patrol-plans', officer, { name: 'x', jurisdictionId: otherAreaId, mode: 'vehicle', bandStart: '08:00', bandEnd: '09:00', checkpoints: CP });
    expect(fieldOf(foreign.body)).toMatchObject({ path: 'jurisdictionId', rule: 'out_of_scope' });
    const noRoute = await t.send('POST', '/api/patrol-plans', officer, { name: 'x', jurisdictionId: areaId, mode: 'vehicle', bandStart: '08:00', bandEnd: '09:00', checkpoints: [] });
    expect(fieldOf(noRoute.body)).toMatchObject({ path: 'checkpoints' });
    expect((await t.get('/api/patrol-plans', otherChief)).json<{ items: { id: number }[] }>().items.map((i) => i.id)).not.toContain(p.id);
    expect((await t.get('/api/patrol-plans', chief)).json<{ items: { id: number }[] }>().items.map((i) => i.id)).toContain(p.id);
  });

  it('check-ins are on site within 150 m of the checkpoint and earn a volunteer points once per checkpoint and day', async () => {
    const p = await plan(officer, { weekdays: [1, 2, 3, 4, 5, 6, 7] });
    const inside = await t.send('POST', `/api/patrol-plans/${p.id}/checkins`, volunteer, { checkpointIndex: 1, ...north(CP[1]!, 149) });
    expect(inside.statusCode, inside.body).toBe(201);
    expect(inside.json()).toMatchObject({ onSite: true, distanceM: 149, checkpointName: '夜市西口', pointsAwarded: 1 });
    const outside = await t.send('POST', `/api/patrol-plans/${p.id}/checkins`, volunteer, { checkpointIndex: 1, ...north(CP[1]!, 151) });
    expect(outside.json()).toMatchObject({ onSite: false, distanceM: 151, pointsAwarded: 0 });
    const again = await t.send('POST', `/api/patrol-plans/${p.id}/checkins`, volunteer, { checkpointIndex: 1, lat: CP[1]!.lat, lon: CP[1]!.lon });
    expect(again.json()).toMatchObject({ onSite: true, pointsAwarded: 0 });
    expect(fieldOf((await t.send('POST', `/api/patrol-plans/${p.id}/checkins`, volunteer, { checkpointIndex: 2, lat: 30, lon: 120 })).body)).toMatchObject({ path: 'checkpointIndex', rule: 'out_of_range' });
    // Another station's chief and a volunteer of another station see no such plan.
    expect((await t.send('POST', `/api/patrol-plans/${p.id}/checkins`, otherChief, { checkpointIndex: 0, lat: 30, lon: 120 })).statusCode).toBe(404);
    const mine = (await t.get('/api/my/patrol-plans', volunteer)).json<{ items: { id: number; todayCheckins: { onSite: boolean }[] }[] }>();
    expect(mine.items.find((i) => i.id === p.id)?.todayCheckins.map((c) => c.onSite)).toEqual([true, false, true]);
    // A plan for a team reaches its members only.
    const team = await t.db.insertInto('volunteer_teams').values({ name: '巡逻队', kind: 'red_armband', jurisdiction_id: areaId }).returning('id').executeTakeFirstOrThrow();
    const teamPlan = await plan(officer, { teamId: team.id, weekdays: [1, 2, 3, 4, 5, 6, 7] });
    expect((await t.send('POST', `/api/patrol-plans/${teamPlan.id}/checkins`, volunteer, { checkpointIndex: 0, lat: 30, lon: 120 })).statusCode).toBe(404);
    expect((await t.get('/api/my/patrol-plans', volunteer)).json<{ items: { id: number }[] }>().items.map((i) => i.id)).not.toContain(teamPlan.id);
  });

  it('reports weekly coverage: checkpoints × scheduled bands vs. on-site check-ins inside the band', async () => {
    const p = await plan(officer);
    expect(isoWeekMonday('2030-W10')).toBe('2030-03-04');
    expect(isoWeekMonday('2026-W01')).toBe('2025-12-29');
    const at = (local: string, index: number, onSite = true) => ({ plan_id: p.id, checkpoint_index: index, user_id: officer.userId, lat: 30, lon: 120, distance_m: onSite ? 10 : 500, on_site: onSite, at: new Date(`${local}+08:00`) });
    await t.db
      .insertInto('patrol_checkins')
      .values([
        at('2030-03-04T21:00:00', 0), // Monday's band
        at('2030-03-04T22:00:00', 0), // the same checkpoint again: no more coverage
        at('2030-03-05T01:30:00', 1), // after midnight: still Monday's band
        at('2030-03-05T21:00:00', 0), // Tuesday: no band scheduled
        at('2030-03-06T19:59:00', 0), // Wednesday, before the band
        at('2030-03-06T20:00:00', 1, false), // Wednesday, in the band but not on site
        at('2030-03-08T23:00:00', 0), // Friday's band
        at('2030-03-11T01:00:00', 1), // Sunday night into next Monday: Sunday not scheduled
      ])
      .execute();
    const res = await t.get('/api/patrol-plans/coverage?week=2030-W10', officer);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ from: string; to: string; items: { planId: number; bands: number; scheduled: number; covered: number; coveragePct: number }[] }>();
    expect(body).toMatchObject({ from: '2030-03-04', to: '2030-03-10' });
    expect(body.items.find((i) => i.planId === p.id)).toMatchObject({ bands: 3, scheduled: 6, covered: 3, coveragePct: 50 });
    expect((await t.get('/api/patrol-plans/coverage?week=2030-W10', otherChief)).json<{ items: { planId: number }[] }>().items.map((i) => i.planId)).not.toContain(p.id);
    expect(fieldOf((await t.get('/api/patrol-plans/coverage?week=2030-10', officer)).body)).toMatchObject({ path: 'week' });
    expect((await t.get('/api/patrol-plans/coverage?week=2030-W10', volunteer)).statusCode).toBe(403);
  });
});

/** Minutes since Beijing midnight, now. */
function beijingMinutes(): number {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}

/** 'HH:MM' in Beijing, `minutes` from now. */
function beijingClock(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(11, 16);
}

describe('school guard posts', () => {
  async function school(opening: string, closing: string) {
    const res = await t.send('POST', '/api/schools', chief, { name: `实验小学${opening}`, jurisdictionId: areaId, lat: 30.01, lon: 120.01, openingTime: opening, closingTime: closing });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>();
  }
  async function post(schoolId: number) {
    const res = await t.send('POST', '/api/guard-posts', chief, { schoolId, name: '校门口', officerUserId: officer.userId, volunteerIds: [vols['demo-volunteer']!.id, vols['cg1-vol2']!.id] });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; volunteers: { id: number }[] }>();
  }

  it('need an officer and exactly two active volunteers in scope', async () => {
    const s = await school('07:30', '16:30');
    const base = { schoolId: s.id, name: '校门口', officerUserId: officer.userId };
    for (const volunteerIds of [[vols['demo-volunteer']!.id], [vols['demo-volunteer']!.id, vols['demo-volunteer']!.id], [vols['demo-volunteer']!.id, vols['dh1-vol1']!.id]]) {
      const res = await t.send('POST', '/api/guard-posts', chief, { ...base, volunteerIds });
      expect(res.statusCode).toBe(400);
      expect(fieldOf(res.body)).toMatchObject({ path: 'volunteerIds', rule: 'exactly_two' });
    }
    expect((await t.send('POST', '/api/guard-posts', volunteer, { ...base, volunteerIds: [1, 2] })).statusCode).toBe(403);
    const p = await post(s.id);
    expect(p.volunteers).toHaveLength(2);
    const officers = (await t.get('/api/guard-posts/officers', chief)).json<{ items: { id: number }[] }>();
    expect(officers.items.map((o) => o.id)).toContain(officer.userId);
    expect((await t.get('/api/guard-posts/officers', otherChief)).json<{ items: { id: number }[] }>().items.map((o) => o.id)).not.toContain(officer.userId);
    expect((await t.get('/api/guard-posts', otherChief)).json<{ items: { id: number }[] }>().items.map((i) => i.id)).not.toContain(p.id);
  });

  it('take attendance from the officer and the two volunteers within 30 minutes of the band', async () => {
    // One band is inside its 30-minute window and the other outside, with the opening before the
    // closing at any hour the suite runs (near Beijing midnight the bands shift so neither wraps).
    const m = beijingMinutes();
    const [openingOffset, closingOffset, inside, outside] =
      m < 30 ? [25, 60, 'opening', 'closing'] as const
      : m < 23 * 60 + 20 ? [-25, 40, 'opening', 'closing'] as const
      : [-60, -25, 'closing', 'opening'] as const;
    const insideOffset = inside === 'opening' ? openingOffset : closingOffset;
    const s = await school(beijingClock(openingOffset), beijingClock(closingOffset));
    const p = await post(s.id);
    const ok = await t.send('POST', `/api/guard-posts/${p.id}/attendance`, volunteer, { band: inside, lat: 30.01, lon: 120.01 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ band: inside, distanceM: 0, pointsAwarded: 2, day: shanghaiDay(new Date(Date.now() + insideOffset * 60_000)) });
    const twice = await t.send('POST', `/api/guard-posts/${p.id}/attendance`, volunteer, { band: inside, lat: 30.01, lon: 120.01 });
    expect(twice.json<{ code: string }>().code).toBe('guard.already_attended');
    const early = await t.send('POST', `/api/guard-posts/${p.id}/attendance`, volunteer, { band: outside, lat: 30.01, lon: 120.01 });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string }>().code).toBe('guard.outside_window');
    expect((await t.send('POST', `/api/guard-posts/${p.id}/attendance`, officer, { band: inside, lat: 30.01, lon: 120.01 })).statusCode).toBe(201);
    expect((await t.send('POST', `/api/guard-posts/${p.id}/attendance`, volunteer2, { band: inside, lat: 30.011, lon: 120.01 })).statusCode).toBe(201);
    // Someone who does not stand the post learns nothing about it.
    expect((await t.send('POST', `/api/guard-posts/${p.id}/attendance`, grid, { band: inside, lat: 30.01, lon: 120.01 })).statusCode).toBe(404);
    expect((await t.send('POST', `/api/guard-posts/${p.id}/attendance`, chief, { band: inside, lat: 30.01, lon: 120.01 })).statusCode).toBe(404);
    const today = (await t.get('/api/guard-posts', chief)).json<{ items: { id: number; attendance: { band: string }[] }[] }>();
    expect(today.items.find((i) => i.id === p.id)?.attendance).toHaveLength(3);
    const mine = (await t.get('/api/my/guard-posts', volunteer)).json<{ items: { id: number }[] }>();
    expect(mine.items.map((i) => i.id)).toContain(p.id);
  });

  it('report a post short of three people 15 minutes after the band starts, once, to its officer and the station chief', async () => {
    const s = await school('07:30', '16:30');
    const p = await post(s.id);
    const day = '2030-03-04'; // a Monday
    const present = (band: 'opening' | 'closing', userId: number) => ({ post_id: p.id, day, band, user_id: userId });
    await t.db
      .insertInto('guard_attendance')
      .values([present('opening', officer.userId), present('opening', vols['demo-volunteer']!.userId), present('opening', vols['cg1-vol2']!.userId), present('closing', officer.userId), present('closing', vols['demo-volunteer']!.userId)])
      .execute();
    const notes = () => t.db.selectFrom('notifications').select(['user_id', 'dedupe_key']).where('kind', '=', 'guard.missed').where('entity_id', '=', String(p.id)).execute();
    await missedGuardPosts(t.db, new Date('2030-03-04T07:45:00+08:00'));
    expect(await notes()).toHaveLength(0); // the opening band was fully staffed
    await missedGuardPosts(t.db, new Date(new Date('2030-03-04T16:45:00+08:00').getTime() - 1));
    expect(await notes()).toHaveLength(0);
    await missedGuardPosts(t.db, new Date('2030-03-04T16:45:00+08:00'));
    await missedGuardPosts(t.db, new Date('2030-03-04T18:00:00+08:00'));
    const sent = await notes();
    expect(sent.map((n) => n.user_id).sort((a, b) => a - b)).toEqual([officer.userId, chief.userId].sort((a, b) => a - b));
    expect(sent.every((n) => n.dedupe_key?.startsWith(`guard.missed:${p.id}:2030-03-04:closing:`))).toBe(true);
    // Another weekday with nobody at the opening band: reported; a Saturday: schools keep no bands.
    await missedGuardPosts(t.db, new Date('2030-03-05T07:45:00+08:00'));
    expect((await notes()).filter((n) => n.dedupe_key?.includes(':2030-03-05:opening:'))).toHaveLength(2);
    await missedGuardPosts(t.db, new Date('2030-03-09T17:00:00+08:00'));
    expect((await notes()).filter((n) => n.dedupe_key?.includes(':2030-03-09:'))).toHaveLength(0);
  });
});
