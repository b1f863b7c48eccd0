import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { sseClients, type SseStream } from '../../test/sse.js';

let t: TestApp;
let baseUrl: string;
let officer: Session;
let chief: Session;
let otherChief: Session;
let grid: Session;
/** Volunteers with a sign-in, all in 城关派出所. */
const vol: { username: string; userId: number; session: Session }[] = [];
let station: { id: number; path: string };
let gridCentre: { lat: number; lon: number };
const sse = sseClients();

/** Metres north of `p` (1° of latitude ≈ 111,195 m on the haversine sphere). */
const north = (p: { lat: number; lon: number }, m: number) => ({ lat: p.lat + m / 111_195.08, lon: p.lon });
/** A point far from the demo county, so only the positions set here matter. */
const C = { lat: 29.5, lon: 121.5 };

type Stream = SseStream;

function openStream(session: Session | null, url: string, headers: Record<string, string> = {}): Promise<Stream> {
  return sse.open(`${baseUrl}${url}`, { ...(session ? { cookie: session.cookie } : {}), ...headers }, 4000);
}

async function place(userId: number, p: { lat: number; lon: number } | null) {
  await t.db.updateTable('volunteers').set({ last_lat: p?.lat ?? null, last_lon: p?.lon ?? null }).where('user_id', '=', userId).execute();
}

async function send(session: Session, body: Record<string, unknown>) {
  const res = await t.send('POST', '/api/broadcasts', session, { kind: 'missing_person', title: '寻找走失老人', body: '男，78岁，身穿灰色棉袄，患有阿尔茨海默症。', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; counts: { recipients: number } }>();
}

const recipientsOf = async (id: number) => (await t.db.selectFrom('broadcast_recipients').select('user_id').where('broadcast_id', '=', id).execute()).map((r) => r.user_id);

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  officer = await t.login('demo-officer');
  chief = await t.login('demo-chief');
  otherChief = await t.login('dh-chief');
  grid = await t.login('demo-grid');
  station = await t.db.selectFrom('jurisdictions').select(['id', 'path']).where('name', '=', '城关派出所').executeTakeFirstOrThrow();
  const officerPath = (await t.db.selectFrom('users as u').innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id').select('j.path').where('u.username', '=', 'demo-officer').executeTakeFirstOrThrow()).path;
  const users = await t.db
    .selectFrom('users as u')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select(['u.id', 'u.username', 'u.jurisdiction_id'])
    .where('u.role', '=', 'volunteer')
    .where('j.path', 'like', `${station.path}%`)
    .orderBy((eb) => eb.case().when('u.username', '=', 'demo-volunteer').then(0).when('j.path', 'like', `${officerPath}%`).then(1).else(2).end())
    .orderBy('u.id')
    .limit(4)
    .execute();
  expect(users.length).toBe(4);
  for (const u of users) {
    await t.db
      .insertInto('volunteers')
      .values({ user_id: u.id, name: `志愿者${u.id}`, role: 'info', jurisdiction_id: u.jurisdiction_id, status: 'active' })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ status: 'active', jurisdiction_id: u.jurisdiction_id }))
      .execute();
    vol.push({ username: u.username, userId: u.id, session: await t.login(u.username) });
  }
  // Everyone else's volunteers (e.g. demo data) stay away from the test area.
  await t.db.updateTable('volunteers').set({ last_lat: 0, last_lon: 0 }).where('user_id', 'not in', vol.map((v) => v.userId)).execute();
  const g = await t.db.selectFrom('users as u').innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id').select(['j.id', 'j.center_lat', 'j.center_lon']).where('u.username', '=', 'demo-grid').executeTakeFirstOrThrow();
  if (g.center_lat === null || g.center_lon === null) {
    await t.db.updateTable('jurisdictions').set({ center_lat: 30.2, center_lon: 120.2 }).where('id', '=', g.id).execute();
    gridCentre = { lat: 30.2, lon: 120.2 };
  } else gridCentre = { lat: g.center_lat, lon: g.center_lon };
});
afterAll(async () => {
  sse.closeAll();
  await t.close();
});

describe('targeting', () => {
  it('addresses a volunteer just inside the radius and not one just outside', async () => {
    await place(vol[0]!.userId, north(C, 990));
    await place(vol[1]!.userId, north(C, 1010));
    await place(vol[2]!.userId, null);
    await place(vol[3]!.userId, north(C, -500));
    const b = await send(chief, { target: { type: 'radius', centerLat: C.lat, centerLon: C.lon, radiusM: 1000 }, includeGrid: false });
    const r = await recipientsOf(b.id);
    expect(r).toContain(vol[0]!.userId);
    expect(r).not.toContain(vol[1]!.userId);
    expect(r).toContain(vol[3]!.userId);
    expect(r).not.toContain(vol[2]!.userId);
    expect(b.counts.recipients).toBe(r.length);
    // The officer's own area only: the volunteer of the neighbouring area is not addressed.
    const own = await recipientsOf((await send(officer, { target: { type: 'radius', centerLat: C.lat, centerLon: C.lon, radiusM: 1000 }, includeGrid: false })).id);
    expect(own).toContain(vol[0]!.userId);
    expect(own).not.toContain(vol[3]!.userId);
  });

  it('uses the jurisdiction centre when a volunteer has no known position', async () => {
    const j = await t.db.selectFrom('volunteers as v').innerJoin('jurisdictions as j', 'j.id', 'v.jurisdiction_id').select(['j.center_lat', 'j.center_lon']).where('v.user_id', '=', vol[2]!.userId).executeTakeFirstOrThrow();
    if (j.center_lat === null || j.center_lon === null) return;
    await place(vol[2]!.userId, null);
    const b = await send(chief, { target: { type: 'radius', centerLat: j.center_lat, centerLon: j.center_lon, radiusM: 100 }, includeGrid: false });
    expect(await recipientsOf(b.id)).toContain(vol[2]!.userId);
  });

  it('addresses the volunteers inside a polygon only', async () => {
    await place(vol[0]!.userId, { lat: C.lat + 0.005, lon: C.lon + 0.005 });
    await place(vol[1]!.userId, { lat: C.lat + 0.015, lon: C.lon + 0.005 });
    const ring: [number, number][] = [
      [C.lon, C.lat],
      [C.lon + 0.01, C.lat],
      [C.lon + 0.01, C.lat + 0.01],
      [C.lon, C.lat + 0.01],
      [C.lon, C.lat],
    ];
    const b = await send(officer, { target: { type: 'polygon', polygon: { type: 'Polygon', coordinates: [ring] } }, includeGrid: false });
    const r = await recipientsOf(b.id);
    expect(r).toContain(vol[0]!.userId);
    expect(r).not.toContain(vol[1]!.userId);
  });

  it('previews the number of recipients of a target exactly as a send resolves it, storing nothing; scoped and authorized like send', async () => {
    await place(vol[0]!.userId, { lat: C.lat + 0.005, lon: C.lon + 0.005 });
    await place(vol[1]!.userId, { lat: C.lat + 0.006, lon: C.lon + 0.004 });
    await place(vol[2]!.userId, { lat: C.lat + 0.05, lon: C.lon });
    await place(vol[3]!.userId, { lat: C.lat + 0.004, lon: C.lon + 0.006 });
    const ring: [number, number][] = [
      [C.lon, C.lat],
      [C.lon + 0.01, C.lat],
      [C.lon + 0.01, C.lat + 0.01],
      [C.lon, C.lat + 0.01],
      [C.lon, C.lat],
    ];
    const target = { type: 'polygon', polygon: { type: 'Polygon', coordinates: [ring] } };
    const before = await t.db.selectFrom('broadcasts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const preview = await t.send('POST', '/api/broadcasts/preview', chief, { target, includeGrid: false });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({ recipients: 3 });
    const after = await t.db.selectFrom('broadcasts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const b = await send(chief, { target, includeGrid: false });
    expect(b.counts.recipients).toBe(3);
    expect((await recipientsOf(b.id)).sort()).toEqual([vol[0]!.userId, vol[1]!.userId, vol[3]!.userId].sort());
    // Another station's chief reaches none of them; a volunteer may not preview; an open ring is refused by field.
    expect((await t.send('POST', '/api/broadcasts/preview', otherChief, { target, includeGrid: false })).json()).toEqual({ recipients: 0 });
    expect((await t.send('POST', '/api/broadcasts/preview', vol[0]!.session, { target, includeGrid: false })).statusCode).toBe(403);
    const open = await t.send('POST', '/api/broadcasts/preview', chief, { target: { type: 'polygon', polygon: { type: 'Polygon', coordinates: [ring.slice(0, 4)] } } });
    expect(open.statusCode).toBe(400);
    const foreignTeam = await t.db.selectFrom('volunteer_teams as vt').innerJoin('jurisdictions as j', 'j.id', 'vt.jurisdiction_id').select('vt.id').where('j.path', 'not like', `${station.path}%`).executeTakeFirstOrThrow();
    const teams = await t.send('POST', '/api/broadcasts/preview', chief, { target: { type: 'teams', teamIds: [foreignTeam.id] } });
    expect(teams.statusCode).toBe(400);
    expect(teams.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'target.teamIds.0', rule: 'not_found' });
  });

  it('rejects an open polygon ring with the field and rule', async () => {
    const res = await t.send('POST', '/api/broadcasts', officer, { kind: 'fraud_alert', title: 't', body: 'b', target: { type: 'polygon', polygon: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } } });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string }[] }>().fields[0]!.path).toContain('target.polygon.coordinates');
  });

  it('addresses the members of chosen teams, with the station’s grid workers only when asked', async () => {
    const team = await t.db.insertInto('volunteer_teams').values({ name: '快递小哥队', kind: 'courier', jurisdiction_id: station.id }).returning('id').executeTakeFirstOrThrow();
    await t.db.updateTable('volunteers').set({ team_id: team.id }).where('user_id', '=', vol[1]!.userId).execute();
    const withGrid = await send(chief, { target: { type: 'teams', teamIds: [team.id] }, includeGrid: true });
    const r = await recipientsOf(withGrid.id);
    expect(r).toContain(vol[1]!.userId);
    expect(r).not.toContain(vol[0]!.userId);
    expect(r).toContain(grid.userId);
    const without = await send(chief, { target: { type: 'teams', teamIds: [team.id] }, includeGrid: false });
    expect(await recipientsOf(without.id)).not.toContain(grid.userId);
    // Another station's team is refused by name.
    const other = await t.send('POST', '/api/broadcasts', otherChief, { kind: 'fraud_alert', title: 't', body: 'b', target: { type: 'teams', teamIds: [team.id] } });
    expect(other.statusCode).toBe(400);
    expect(other.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'target.teamIds.0', rule: 'not_found' });
  });

  it('includes the grid workers whose grid is in the area only when asked', async () => {
    const area = { type: 'radius', centerLat: gridCentre.lat, centerLon: gridCentre.lon, radiusM: 200 };
    expect(await recipientsOf((await send(officer, { target: area, includeGrid: true })).id)).toContain(grid.userId);
    expect(await recipientsOf((await send(officer, { target: area, includeGrid: false })).id)).not.toContain(grid.userId);
  });

  it('never addresses anyone outside the sender’s jurisdiction', async () => {
    await place(vol[0]!.userId, C);
    const b = await send(otherChief, { target: { type: 'radius', centerLat: C.lat, centerLon: C.lon, radiusM: 5000 }, includeGrid: true });
    expect(await recipientsOf(b.id)).not.toContain(vol[0]!.userId);
  });
});

describe('scoping and denials', () => {
  let id: number;
  beforeAll(async () => {
    await place(vol[0]!.userId, C);
    await place(vol[1]!.userId, north(C, 5000));
    id = (await send(officer, { target: { type: 'radius', centerLat: C.lat, centerLon: C.lon, radiusM: 1000 }, includeGrid: false })).id;
  });

  it('lets only chiefs and officers send', async () => {
    for (const s of [vol[0]!.session, grid]) {
      const res = await t.send('POST', '/api/broadcasts', s, { kind: 'fraud_alert', title: 't', body: 'b', target: { type: 'radius', centerLat: C.lat, centerLon: C.lon, radiusM: 1000 } });
      expect(res.statusCode).toBe(403);
    }
    expect((await t.send('POST', '/api/broadcasts', null, { kind: 'fraud_alert', title: 't', body: 'b', target: { type: 'teams', teamIds: [1] } })).statusCode).toBe(401);
  });

  it('shows a volunteer only the broadcasts addressed to them; 404 on everything else', async () => {
    const mine = (await t.get('/api/my/broadcasts', vol[0]!.session)).json<{ items: { id: number }[] }>();
    expect(mine.items.map((i) => i.id)).toContain(id);
    const theirs = (await t.get('/api/my/broadcasts', vol[1]!.session)).json<{ items: { id: number }[] }>();
    expect(theirs.items.map((i) => i.id)).not.toContain(id);
    expect((await t.send('POST', `/api/my/broadcasts/${id}/ack`, vol[1]!.session)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/my/broadcasts/${id}/replies`, vol[1]!.session, { kind: 'note', text: 'x' })).statusCode).toBe(404);
    expect((await t.get(`/api/broadcasts/${id}`, vol[0]!.session)).statusCode).toBe(403);
    expect((await t.get('/api/broadcasts', vol[0]!.session)).statusCode).toBe(403);
  });

  it('hides a broadcast from another station’s staff and staff from the recipient endpoints', async () => {
    expect((await t.get(`/api/broadcasts/${id}`, otherChief)).statusCode).toBe(404);
    const list = (await t.get('/api/broadcasts', otherChief)).json<{ items: { id: number }[] }>();
    expect(list.items.map((i) => i.id)).not.toContain(id);
    expect((await t.get(`/api/broadcasts/${id}`, chief)).statusCode).toBe(200);
    expect((await t.get('/api/my/broadcasts', officer)).statusCode).toBe(403);
    expect((await t.get(`/api/broadcasts/${id}/stream`, otherChief)).statusCode).toBe(404);
  });

  it('shows a volunteer only their own replies, without names; staff see every reply with its author', async () => {
    await place(vol[3]!.userId, north(C, 200));
    const b = await send(chief, { target: { type: 'radius', centerLat: C.lat, centerLon: C.lon, radiusM: 1000 }, includeGrid: false });
    expect((await t.send('POST', `/api/my/broadcasts/${b.id}/replies`, vol[0]!.session, { kind: 'sighting', text: '菜市场见到', lat: C.lat, lon: C.lon })).statusCode).toBe(201);
    expect((await t.send('POST', `/api/my/broadcasts/${b.id}/replies`, vol[3]!.session, { kind: 'note', text: '我在附近巡查' })).statusCode).toBe(201);
    const seen = (await t.get('/api/my/broadcasts', vol[3]!.session)).json<{ items: { id: number; myReplies: { text: string; byName: string | null }[] }[] }>();
    const item = seen.items.find((i) => i.id === b.id)!;
    expect(item.myReplies.map((r) => r.text)).toEqual(['我在附近巡查']);
    expect(item.myReplies[0]!.byName).toBeNull();
    const staff = (await t.get(`/api/broadcasts/${b.id}`, chief)).json<{ replies: { byName: string | null }[]; counts: { replied: number } }>();
    expect(staff.replies).toHaveLength(2);
    expect(staff.replies.every((r) => typeof r.byName === 'string')).toBe(true);
    expect(staff.counts.replied).toBe(2);
  });

  it('checks a photo by content and serves it to the addressed only', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
    const bad = await t.send('POST', '/api/broadcasts', officer, { kind: 'missing_child', title: 't', body: 'b', photo: { name: 'x.png', data: Buffer.from('<html>').toString('base64') }, target: { type: 'radius', centerLat: C.lat, centerLon: C.lon, radiusM: 1000 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: { rule: string }[] }>().fields[0]!.rule).toBe('file_type');
    const b = await send(officer, { kind: 'missing_child', photo: { name: 'kid.png', data: png }, target: { type: 'radius', centerLat: C.lat, centerLon: C.lon, radiusM: 1000 }, includeGrid: false });
    const ok = await t.get(`/api/broadcasts/${b.id}/photo`, vol[0]!.session);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/png');
    expect((await t.get(`/api/broadcasts/${b.id}/photo`, vol[1]!.session)).statusCode).toBe(404);
    expect((await t.get(`/api/broadcasts/${b.id}/photo`, officer)).statusCode).toBe(200);
  });
});

describe('live delivery, found and close', () => {
  it('pushes a broadcast to an addressed stream and not to an unaddressed one; marks it delivered', async () => {
    await place(vol[0]!.userId, C);
    await place(vol[1]!.userId, north(C, 3000));
    const a = await openStream(vol[0]!.session, '/api/my/broadcasts/stream');
    const b = await openStream(vol[1]!.session, '/api/my/broadcasts/stream');
    expect(a.status).toBe(200);
    await a.waitFor((e) => e.type === 'ready');
    await b.waitFor((e) => e.type === 'ready');
    const first = await send(officer, { target: { type: 'radius', centerLat: C.lat, centerLon: C.lon, radiusM: 1000 }, includeGrid: false });
    const got = await a.waitFor((e) => e.type === 'broadcast' && e.data.id === first.id);
    expect(got.data.title).toBe('寻找走失老人');
    // A second broadcast that reaches B: B gets it, and never got the first.
    const second = await send(officer, { target: { type: 'radius', centerLat: C.lat, centerLon: C.lon, radiusM: 5000 }, includeGrid: false });
    await b.waitFor((e) => e.type === 'broadcast' && e.data.id === second.id);
    expect(b.events.some((e) => e.type === 'broadcast' && e.data.id === first.id)).toBe(false);
    await expect.poll(async () => (await t.db.selectFrom('broadcast_recipients').select('delivered_at').where('broadcast_id', '=', first.id).where('user_id', '=', vol[0]!.userId).executeTakeFirstOrThrow()).delivered_at).not.toBeNull();
    // Reconnecting with Last-Event-ID replays what was addressed to the client.
    const again = await openStream(vol[0]!.session, '/api/my/broadcasts/stream', { 'last-event-id': String(b.events.find((e) => e.type === 'broadcast')!.id).replace(/-\d+$/, '-1') });
    await again.waitFor((e) => e.type === 'broadcast' && e.data.id === first.id);
    a.close();
    b.close();
    again.close();
    // Non-recipients of staff roles cannot open it.
    expect((await openStream(officer, '/api/my/broadcasts/stream')).status).toBe(403);
  });

  it('sets the time to found once, awards points, pushes the reply to the board and notifies every recipient on close', async () => {
    await place(vol[0]!.userId, C);
    await place(vol[3]!.userId, north(C, 100));
    const b = await send(chief, { target: { type: 'radius', centerLat: C.lat, centerLon: C.lon, radiusM: 1000 }, includeGrid: false });
    const board = await openStream(chief, `/api/broadcasts/${b.id}/stream`);
    expect(board.status).toBe(200);
    await board.waitFor((e) => e.type === 'ready');
    const phone = await openStream(vol[3]!.session, '/api/my/broadcasts/stream');
    await phone.waitFor((e) => e.type === 'ready');

    const ack = await t.send('POST', `/api/my/broadcasts/${b.id}/ack`, vol[0]!.session);
    expect(ack.statusCode).toBe(200);
    expect(ack.json<{ acknowledgedAt: string | null }>().acknowledgedAt).not.toBeNull();
    await board.waitFor((e) => e.type === 'broadcast.acknowledged');

    const missingLocation = await t.send('POST', `/api/my/broadcasts/${b.id}/replies`, vol[0]!.session, { kind: 'found', text: '找到了' });
    expect(missingLocation.statusCode).toBe(400);
    expect(missingLocation.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'lat', rule: 'required' });

    const found = await t.send('POST', `/api/my/broadcasts/${b.id}/replies`, vol[0]!.session, { kind: 'found', text: '在公园长椅找到老人', lat: C.lat + 0.001, lon: C.lon });
    expect(found.statusCode, found.body).toBe(201);
    const replyId = found.json<{ replyId: number }>().replyId;
    const pushed = await board.waitFor((e) => e.type === 'broadcast.replied');
    expect(pushed.data).toMatchObject({ id: b.id, replyId, kind: 'found', found: true });

    await t.db.updateTable('broadcasts').set({ created_at: new Date(Date.now() - 18 * 60_000) }).where('id', '=', b.id).execute();
    const later = await t.send('POST', `/api/my/broadcasts/${b.id}/replies`, vol[3]!.session, { kind: 'found', text: '也看到了', lat: C.lat, lon: C.lon });
    expect(later.statusCode).toBe(201);
    const row = await t.db.selectFrom('broadcasts').select(['found_reply_id', 'found_at', 'created_at']).where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(row.found_reply_id).toBe(replyId);
    const detail = (await t.get(`/api/broadcasts/${b.id}`, chief)).json<{ minutesToFound: number; counts: { acknowledged: number; replied: number }; replies: { lat: number | null }[] }>();
    expect(detail.minutesToFound).toBe(Math.round((row.found_at!.getTime() - row.created_at.getTime()) / 60_000));
    expect(detail.minutesToFound).toBe(18);
    expect(detail.counts).toMatchObject({ acknowledged: 1, replied: 2 });
    expect(detail.replies.every((r) => r.lat !== null)).toBe(true);

    const v0 = await t.db.selectFrom('volunteers').select('id').where('user_id', '=', vol[0]!.userId).executeTakeFirstOrThrow();
    const v3 = await t.db.selectFrom('volunteers').select('id').where('user_id', '=', vol[3]!.userId).executeTakeFirstOrThrow();
    const points = await t.db.selectFrom('point_entries').select(['volunteer_id', 'rule_code']).where('entity_type', '=', 'broadcast').where('entity_id', '=', String(b.id)).execute();
    expect(points.filter((p) => p.rule_code === 'broadcast_found').map((p) => p.volunteer_id)).toEqual([v0.id]);
    expect(points.filter((p) => p.rule_code === 'broadcast_ack').map((p) => p.volunteer_id)).toEqual([v0.id]);
    expect(points.some((p) => p.volunteer_id === v3.id && p.rule_code === 'broadcast_found')).toBe(false);

    const closed = await t.send('POST', `/api/broadcasts/${b.id}/close`, chief, { note: '老人已安全送回家' });
    expect(closed.statusCode).toBe(200);
    await phone.waitFor((e) => e.type === 'broadcast.closed' && e.data.id === b.id && e.data.status === 'closed');
    await board.waitFor((e) => e.type === 'broadcast.closed');
    const mine = (await t.get('/api/my/broadcasts', vol[3]!.session)).json<{ items: { id: number; status: string; closeNote: string | null }[] }>();
    expect(mine.items.find((i) => i.id === b.id)).toMatchObject({ status: 'closed', closeNote: '老人已安全送回家' });
    expect((await t.send('POST', `/api/broadcasts/${b.id}/close`, chief, {})).statusCode).toBe(409);
    const afterClose = await t.send('POST', `/api/my/broadcasts/${b.id}/replies`, vol[0]!.session, { kind: 'note', text: 'x' });
    expect(afterClose.statusCode).toBe(409);
    expect(afterClose.json<{ code: string }>().code).toBe('broadcast.closed');
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'broadcast').where('entity_id', '=', String(b.id)).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['broadcast.closed', 'broadcast.replied', 'broadcast.replied', 'broadcast.sent']);
    phone.close();
    board.close();
  });

  it('marks delivered on read for a recipient who was not connected', async () => {
    await place(vol[3]!.userId, C);
    const b = await send(chief, { target: { type: 'radius', centerLat: C.lat, centerLon: C.lon, radiusM: 1000 }, includeGrid: false });
    const before = await t.db.selectFrom('broadcast_recipients').select('delivered_at').where('broadcast_id', '=', b.id).where('user_id', '=', vol[3]!.userId).executeTakeFirstOrThrow();
    expect(before.delivered_at).toBeNull();
    const list = (await t.get('/api/my/broadcasts', vol[3]!.session)).json<{ items: { id: number; deliveredAt: string | null }[] }>();
    expect(list.items.find((i) => i.id === b.id)!.deliveredAt).not.toBeNull();
    const detail = (await t.get(`/api/broadcasts/${b.id}`, chief)).json<{ counts: { delivered: number } }>();
    expect(detail.counts.delivered).toBeGreaterThanOrEqual(1);
  });
});

describe('demo data', () => {
  it('has the 18-minute find and an open missing-child broadcast for demo-volunteer and demo-grid', async () => {
    const list = (await t.get('/api/broadcasts?pageSize=100', chief)).json<{ items: { title: string; kind: string; status: string; minutesToFound: number | null; counts: { acknowledged: number } }[] }>();
    expect(list.items.some((b) => b.status === 'closed' && b.minutesToFound === 18)).toBe(true);
    const mine = (await t.get('/api/my/broadcasts', vol[0]!.session)).json<{ items: { kind: string; status: string; acknowledgedAt: string | null }[] }>();
    expect(mine.items.some((b) => b.kind === 'missing_child' && b.status === 'open')).toBe(true);
    const grids = (await t.get('/api/my/broadcasts', grid)).json<{ items: { kind: string; status: string }[] }>();
    expect(grids.items.some((b) => b.kind === 'missing_child' && b.status === 'open')).toBe(true);
    const open = list.items.find((b) => b.kind === 'missing_child' && b.status === 'open' && b.title.includes('黄色雨衣'));
    expect(open?.counts.acknowledged).toBeGreaterThan(0);
  });
});
