import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { sseClients, type SseEvent, type SseStream } from '../../test/sse.js';
import { sql } from 'kysely';
import { createRealtimeHub, publish, publishRows } from '../../app/realtime.js';
import { publishIncidentEvent } from './board.events.js';
import { openBoardStream } from './board.stream.js';
import { shanghaiMidnight } from './board.presenter.js';
import pg from 'pg';
import { intakeGatherer } from '../incidents/incidents.intake-batch.js';

let t: TestApp;
let baseUrl: string;
let officer: Session;
let chief: Session;
let otherChief: Session;
let bureau: Session;
let volunteer: Session;
let station: { id: number; path: string };
let otherStation: { id: number; path: string };
let serial = 0;
const sse = sseClients();

type Stream = SseStream;

interface BoardIncident {
  id: number;
  receivedAt: string;
  kind: string;
  stationId: number | null;
  jurisdictionId: number;
  summary: string;
}
interface BoardWarning {
  id: number;
  level: string;
  status: string;
  stationId: number | null;
}
interface Board {
  since: string;
  incidents: BoardIncident[];
  warnings: BoardWarning[];
  stations: { id: number; name: string }[];
  areas: { id: number; kind: string }[];
}

/** Opens GET /api/board/stream (or another stream URL) over real HTTP. */
function openStream(session: Session | null, headers: Record<string, string> = {}, url = `${baseUrl}/api/board/stream`): Promise<Stream> {
  return sse.open(url, { ...(session ? { cookie: session.cookie } : {}), ...headers });
}

async function openReady(session: Session, headers: Record<string, string> = {}): Promise<Stream> {
  const s = await openStream(session, headers);
  expect(s.status).toBe(200);
  await s.waitFor((e) => e.type === 'ready');
  return s;
}

async function report(session: Session, overrides: Record<string, unknown> = {}): Promise<{ id: number; jurisdictionId: number }> {
  serial += 1;
  const res = await t.send(
    'POST',
    '/api/incidents',
    session,
    { channel: '110', receivedAt: new Date(Date.now() - 30_000).toISOString(), categoryCode: '100100', summary: `指挥大屏测试${serial}`, ...overrides },
    { 'idempotency-key': `board-test-${Date.now()}-${serial}` },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const board = async (session: Session, query = '') => {
  const res = await t.get(`/api/board${query}`, session);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Board>();
};

const isIncident = (id: number) => (e: SseEvent) => e.type === 'incident.created' && e.data.id === id;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  officer = await t.login('demo-officer');
  chief = await t.login('demo-chief');
  otherChief = await t.login('dh-chief');
  bureau = await t.login('demo-bureau');
  volunteer = await t.login('demo-volunteer');
  station = await t.db.selectFrom('jurisdictions').select(['id', 'path']).where('name', '=', '城关派出所').executeTakeFirstOrThrow();
  const dh = await t.db.selectFrom('users as u').innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id').select(['j.id', 'j.path']).where('u.username', '=', 'dh-chief').executeTakeFirstOrThrow();
  otherStation = dh;
  expect(otherStation.id).not.toBe(station.id);
});
afterAll(async () => {
  sse.closeAll();
  await t.close();
});

describe('the live board stream', () => {
  it('answers 401 without a session and 403 to a volunteer, before any stream opens', async () => {
    const anonymous = await openStream(null);
    expect(anonymous.status).toBe(401);
    const denied = await openStream(volunteer);
    expect(denied.status).toBe(403);
    expect(denied.contentType).toContain('application/json');
  });

  it('delivers a new incident to a subscriber of its station within a second, and to the county bureau, but not to another station', async () => {
    const own = await openReady(chief);
    expect(own.contentType).toContain('text/event-stream');
    expect(own.retry).toBeGreaterThan(0);
    const county = await openReady(bureau);
    const other = await openReady(otherChief);

    const started = performance.now();
    const incident = await report(officer);
    const got = await own.waitFor(isIncident(incident.id), 1000);
    const delay = got.at - started;
    expect(delay).toBeLessThan(1000);
    expect(got.data).toMatchObject({ id: incident.id, stationId: station.id, kind: 'criminal', status: 'received' });
    expect(typeof got.data.lat === 'number' || got.data.lat === null).toBe(true);
    expect(got.id).toMatch(/^[0-9a-z]+-\d+$/);
    await county.waitFor(isIncident(incident.id), 1000);
    // The event carries exactly the row the board lists.
    const listed = (await board(chief)).incidents.find((i) => i.id === incident.id);
    expect(got.data).toEqual(listed);

    // Notifications arrive in commit order: when the other station sees its own later incident, the first was filtered out.
    const theirs = await report(otherChief);
    const first = await other.waitFor((e) => e.type === 'incident.created', 2000);
    expect(first.data.id).toBe(theirs.id);
    expect(first.data.stationId).toBe(otherStation.id);
    expect(other.events.some(isIncident(incident.id))).toBe(false);
    // …and the first station does not see the other station's incident either.
    await county.waitFor(isIncident(theirs.id), 1000);
    expect(own.events.some(isIncident(theirs.id))).toBe(false);
  });

  it('delivers every incident of gathered intakes once, to its own station only, several to a notification and each notification under 8,000 bytes', async () => {
    const own = await openReady(chief);
    const other = await openReady(otherChief);
    // The raw notifications, as every server's hub receives them.
    const listener = new pg.Client({ connectionString: t.url });
    const payloads: string[] = [];
    await listener.connect();
    listener.on('notification', (n) => payloads.push(n.payload ?? ''));
    await listener.query('listen fq_events');
    try {
      const sent = { ...intakeGatherer(t.db).sent };
      // Long summaries and addresses (a board row of ~1.5 kB): a batch's events need several notifications.
      const long = (n: number) => ({ summary: `${'批量大屏测试'.repeat(30)}${n}`.slice(-200), addressText: `城关镇${'人民路'.repeat(60)}${n}号`.slice(-200) });
      const made = await Promise.all(Array.from({ length: 30 }, (_, n) => report(n % 3 === 2 ? otherChief : officer, long(n))));
      expect(intakeGatherer(t.db).sent.calls - sent.calls).toBeLessThan(30);
      const mine = made.filter((_, n) => n % 3 !== 2).map((m) => m.id);
      const theirs = made.filter((_, n) => n % 3 === 2).map((m) => m.id);
      for (const id of mine) await own.waitFor(isIncident(id), 2000);
      for (const id of theirs) await other.waitFor(isIncident(id), 2000);
      const got = (s: Stream) => s.events.filter((e) => e.type === 'incident.created' && made.some((m) => m.id === e.data.id)).map((e) => e.data.id as number);
      expect(got(own).sort()).toEqual([...mine].sort());
      expect(got(other).sort()).toEqual([...theirs].sort());
      // The events carry the rows the board lists.
      const listed = new Map((await board(chief)).incidents.map((i) => [i.id, i]));
      for (const e of own.events.filter((e) => e.type === 'incident.created' && mine.includes(e.data.id as number))) expect(e.data).toEqual(listed.get(e.data.id as number));
      await new Promise((r) => setTimeout(r, 100));
      const batched = payloads.map((p) => JSON.parse(p) as { events?: { type: string; data: { id: number } }[] }).filter((p) => p.events?.some((e) => made.some((m) => m.id === e.data.id)));
      expect(batched.some((p) => p.events!.length > 1)).toBe(true);
      expect(batched.flatMap((p) => p.events!.map((e) => e.data.id)).sort()).toEqual(made.map((m) => m.id).sort());
      for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    } finally {
      await listener.end();
    }
  });

  it('publishes nothing from a rolled-back transaction, and the same event once committed', async () => {
    const s = await openReady(chief);
    const incident = await report(officer);
    await s.waitFor(isIncident(incident.id));
    const before = s.events.length;
    await expect(
      t.db.transaction().execute(async (trx) => {
        await publishIncidentEvent(trx, 'incident.updated', incident.id);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await t.db.transaction().execute(async (trx) => publishIncidentEvent(trx, 'incident.updated', incident.id));
    const updated = await s.waitFor((e) => e.type === 'incident.updated');
    // The committed event is the first one after the rollback: nothing came from the rolled-back one.
    expect(s.events.slice(before).filter((e) => e.type === 'incident.updated')).toEqual([updated]);
    expect(updated.data.id).toBe(incident.id);
  });

  it('sends an oversized payload as the record id and `truncated`, and plain publish() events too', async () => {
    const s = await openReady(chief);
    await t.db.transaction().execute(async (trx) => {
      await publishRows(trx, 'incident.updated', sql<{ path: string }>`select 424242 as id, ${station.path}::text as path, repeat('長', 5000) as summary`);
      await publish(trx, { type: 'incident.updated', path: `${station.path}`, data: { id: 434343 } });
      await publish(trx, { type: 'incident.updated', path: '/elsewhere/', data: { id: 444444 } });
    });
    const big = await s.waitFor((e) => e.type === 'incident.updated' && e.data.id === 424242);
    expect(big.data).toEqual({ id: 424242, truncated: true });
    await s.waitFor((e) => e.type === 'incident.updated' && e.data.id === 434343);
    expect(s.events.some((e) => e.data.id === 444444)).toBe(false);
  });

  it('replays what a reconnecting client missed after its Last-Event-ID, and asks an unknown id to reload', async () => {
    const s = await openReady(chief);
    const a = await report(officer);
    const b = await report(officer);
    const first = await s.waitFor(isIncident(a.id));
    await s.waitFor(isIncident(b.id));
    const again = await openReady(chief, { 'last-event-id': first.id! });
    const replayed = again.events.filter((e) => e.type === 'incident.created').map((e) => e.data.id);
    expect(replayed).toEqual([b.id]);
    const stale = await openReady(chief, { 'last-event-id': 'zzzz-1' });
    expect(stale.events.map((e) => e.type)).toContain('resync');
  });

  it('refuses a signed-out session', async () => {
    const session = await t.login('demo-chief');
    const s = await openReady(session);
    const out = await t.send('POST', '/api/auth/logout', session);
    expect(out.statusCode).toBeLessThan(300);
    s.close();
    const again = await openStream(session);
    expect(again.status).toBe(401);
  });
});

describe('the event-stream mechanics', () => {
  it('sends heartbeats, closes with `expired` when the session check fails, and unsubscribes on disconnect', async () => {
    const hub = createRealtimeHub({ connectionString: null });
    await hub.start();
    let allowed = true;
    const server = Fastify({ logger: false });
    server.get('/s', async (request, reply) => {
      openBoardStream(reply, { hub, scope: '/1/', lastEventId: undefined, heartbeatMs: 100, stillAllowed: async () => allowed });
      return reply;
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/s`;
    try {
      const s = await openStream(null, {}, url);
      expect(s.status).toBe(200);
      await s.waitFor((e) => e.type === 'ready');
      expect(hub.subscriberCount).toBe(1);
      await expect.poll(() => s.comments, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
      allowed = false;
      await s.waitFor((e) => e.type === 'expired', 2000);
      await expect.poll(() => s.ended, { timeout: 2000 }).toBe(true);
      expect(hub.subscriberCount).toBe(0);

      allowed = true;
      const dropped = await openStream(null, {}, url);
      await dropped.waitFor((e) => e.type === 'ready');
      expect(hub.subscriberCount).toBe(1);
      dropped.close();
      await expect.poll(() => hub.subscriberCount, { timeout: 2000 }).toBe(0);

      // Server shutdown ends open streams instead of waiting for them.
      const open = await openStream(null, {}, url);
      await open.waitFor((e) => e.type === 'ready');
      hub.endAll();
      await expect.poll(() => open.ended, { timeout: 2000 }).toBe(true);
    } finally {
      await hub.stop();
      await server.close();
    }
  });
});

describe('repeat warnings on the board', () => {
  it('raises a yellow warning at the third incident at one address; the station and the county see it live, another station does not', async () => {
    const community = await t.db.selectFrom('jurisdictions').select('path').where('name', '=', '东湖新村社区').executeTakeFirstOrThrow();
    const since = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    const room = await t.db
      .selectFrom('addresses as a')
      .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
      .select(['a.id', 'a.full_name'])
      .where('a.level', '=', 'room')
      .where('a.archived_at', 'is', null)
      .where('j.path', 'like', `${community.path}%`)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('incidents as i').select('i.id').whereRef('i.address_id', '=', 'a.id').where('i.received_at', '>=', since))))
      .orderBy('a.id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const own = await openReady(chief);
    const county = await openReady(bureau);
    const other = await openReady(otherChief);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await report(officer, { addressText: room.full_name })).id);
    const raised = await own.waitFor((e) => e.type === 'warning.raised' && e.data.level === 'yellow', 2000);
    expect(raised.data).toMatchObject({ level: 'yellow', status: 'open', stationId: station.id, incidentCount: 3 });
    await county.waitFor((e) => e.type === 'warning.raised' && e.data.id === raised.data.id, 1000);

    const cg = await board(chief);
    expect(cg.warnings.find((w) => w.id === raised.data.id)).toEqual(raised.data);
    const dh = await board(otherChief);
    expect(dh.warnings.map((w) => w.id)).not.toContain(raised.data.id);

    // Working the warning moves it on every board.
    const ack = await t.send('POST', `/api/warnings/${String(raised.data.id)}/acknowledge`, officer);
    expect(ack.statusCode, ack.body).toBe(200);
    const changed = await own.waitFor((e) => e.type === 'warning.changed' && e.data.id === raised.data.id);
    expect(changed.data.status).toBe('acknowledged');
    const theirs = await report(otherChief);
    await other.waitFor(isIncident(theirs.id));
    expect(other.events.some((e) => e.type.startsWith('warning.') && e.data.id === raised.data.id)).toBe(false);
  });
});

describe('the board data', () => {
  it('lists today’s incidents and open warnings inside the station only, with its stations and areas for the map', async () => {
    const mine = await report(officer, { lat: 35.1, lon: 111.1 });
    const theirs = await report(otherChief);
    const yesterday = await report(officer, { receivedAt: new Date(shanghaiMidnight().getTime() - 60_000).toISOString() });
    const b = await board(chief);
    expect(b.since).toBe(shanghaiMidnight().toISOString());
    const ids = b.incidents.map((i) => i.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(ids).not.toContain(yesterday.id);
    expect(b.incidents.every((i) => i.stationId === station.id)).toBe(true);
    expect(b.incidents.find((i) => i.id === mine.id)).toMatchObject({ stationId: station.id });
    expect(b.stations).toEqual([{ id: station.id, name: '城关派出所' }]);
    expect(b.areas.some((a) => a.kind === 'community')).toBe(true);
    expect(b.warnings.every((w) => w.stationId === station.id && w.status !== 'closed')).toBe(true);
    // Newest first.
    const times = b.incidents.map((i) => Date.parse(i.receivedAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it('gives the county bureau every station, narrowed by the station and category filters', async () => {
    const mine = await report(officer);
    const theirs = await report(otherChief);
    const all = await board(bureau);
    expect(all.stations).toHaveLength(4);
    expect(all.incidents.map((i) => i.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const narrowed = await board(bureau, `?stationId=${otherStation.id}`);
    expect(narrowed.incidents.map((i) => i.id)).toContain(theirs.id);
    expect(narrowed.incidents.map((i) => i.id)).not.toContain(mine.id);
    expect(narrowed.incidents.every((i) => i.stationId === otherStation.id)).toBe(true);
    const criminal = await board(bureau, '?category=criminal');
    expect(criminal.incidents.every((i) => i.kind === 'criminal')).toBe(true);
    expect(criminal.incidents.map((i) => i.id)).toContain(mine.id);
    const traffic = await board(bureau, '?category=traffic');
    expect(traffic.incidents.map((i) => i.id)).not.toContain(mine.id);
  });

  it('refuses a station outside the scope as not found (400 naming stationId), a bad category, a volunteer and an anonymous caller', async () => {
    const res = await t.get(`/api/board?stationId=${otherStation.id}`, chief);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'stationId', rule: 'not_found' });
    const missing = await t.get('/api/board?stationId=999999', chief);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({ ...res.json(), requestId: expect.any(String) as string });
    const bad = await t.get('/api/board?category=nonsense', chief);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('category');
    expect((await t.get('/api/board', volunteer)).statusCode).toBe(403);
    expect((await t.get('/api/board', null)).statusCode).toBe(401);
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = (await t.get('/api/openapi.json', bureau)).json<{ paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }> }>();
    expect(doc.paths['/api/board']?.get).toBeDefined();
    const stream = doc.paths['/api/board/stream']?.get;
    expect(stream).toBeDefined();
    expect(Object.keys(stream!.responses['200']!.content ?? {})).toContain('text/event-stream');
  });
});
