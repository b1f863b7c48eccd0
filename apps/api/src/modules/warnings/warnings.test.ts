import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let t: TestApp;
let officer: Session;
let chief: Session;
let otherChief: Session;
let grid: Session;
let rooms: string[];
let serial = 0;

const DAY = 24 * 60 * 60 * 1000;

interface Warning {
  id: number;
  level: string;
  reason: string;
  status: string;
  ownerUserId: number | null;
  deadline: string;
  incidentCount: number;
  plan: string | null;
  closedReason: string | null;
  incidents: { id: number }[];
  events: { fromStatus: string | null; toStatus: string }[];
}
interface Incident {
  id: number;
  addressId: number | null;
}

async function report(at: Date, overrides: Record<string, unknown> = {}): Promise<Incident> {
  serial += 1;
  const res = await t.send(
    'POST',
    '/api/incidents',
    officer,
    { channel: '110', receivedAt: at.toISOString(), categoryCode: '100100', summary: `重复警情测试${serial}`, callerPhone: `1370000${String(serial).padStart(4, '0')}`, ...overrides },
    { 'idempotency-key': `warn-test-${Date.now()}-${serial}` },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Incident>();
}

const ago = (days: number) => new Date(Date.now() - days * DAY);

async function warningsAt(addressId: number) {
  return t.db
    .selectFrom('warnings as w')
    .innerJoin('repeat_clusters as c', 'c.id', 'w.cluster_id')
    .select(['w.id', 'w.level', 'w.reason', 'c.incident_count'])
    .where('c.link_by', '=', 'address')
    .where('c.link_value', '=', String(addressId))
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  officer = await t.login('demo-officer');
  chief = await t.login('demo-chief');
  otherChief = await t.login('dh-chief');
  grid = await t.login('demo-grid');
  const community = await t.db.selectFrom('jurisdictions').select('path').where('name', '=', '东湖新村社区').executeTakeFirstOrThrow();
  const found = await t.db
    .selectFrom('addresses as a')
    .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
    .select('a.full_name')
    .where('a.level', '=', 'room')
    .where('a.archived_at', 'is', null)
    .where('j.path', 'like', `${community.path}%`)
    // Rooms the demo county's own incidents never reached, so the counts below are this test's alone.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('incidents as i').select('i.id').whereRef('i.address_id', '=', 'a.id'))))
    .orderBy('a.id')
    .limit(6)
    .execute();
  rooms = found.map((r) => r.full_name);
  expect(rooms).toHaveLength(6);
});
afterAll(async () => {
  await t.close();
});

describe('repeat incidents at one standard address', () => {
  it('raises no warning for two incidents and a yellow one with its reason for the third within 30 days', async () => {
    const a = await report(ago(10), { addressText: rooms[0] });
    expect(a.addressId).not.toBeNull();
    await report(ago(5), { addressText: rooms[0] });
    expect(await warningsAt(a.addressId!)).toHaveLength(0);
    await report(ago(1), { addressText: rooms[0] });
    const ws = await warningsAt(a.addressId!);
    expect(ws).toHaveLength(1);
    expect(ws[0]!.level).toBe('yellow');
    expect(ws[0]!.reason).toBe(`${rooms[0]} 30天内报警3次`);
    expect(ws[0]!.incident_count).toBe(3);
    const audit = await t.db.selectFrom('audit_events').select('id').where('action', '=', 'warning.raised').where('entity_id', '=', String(ws[0]!.id)).execute();
    expect(audit).toHaveLength(1);

    const detail = await t.get(`/api/warnings/${ws[0]!.id}`, officer);
    expect(detail.statusCode, detail.body).toBe(200);
    const w = detail.json<Warning>();
    expect(w.incidents).toHaveLength(3);
    expect(w.ownerUserId).toBe(officer.userId);
    const in14 = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10);
    expect([in14, new Date(Date.now() + 13 * DAY).toISOString().slice(0, 10), new Date(Date.now() + 15 * DAY).toISOString().slice(0, 10)]).toContain(w.deadline);
  });

  it('does not count an incident 31 days before the newest one', async () => {
    const a = await report(ago(32), { addressText: rooms[1] });
    await report(ago(3), { addressText: rooms[1] });
    await report(ago(1), { addressText: rooms[1] });
    expect(await warningsAt(a.addressId!)).toHaveLength(0);
    // The fourth inside the window makes three within 30 days.
    await report(ago(0.5), { addressText: rooms[1] });
    const ws = await warningsAt(a.addressId!);
    expect(ws).toHaveLength(1);
    expect(ws[0]!.reason).toBe(`${rooms[1]} 30天内报警3次`);
  });

  it('starts a new episode after a quiet window: a closed warning is followed by a new one at the third incident again', async () => {
    const a = await report(ago(100), { addressText: rooms[4] });
    for (const d of [99, 98]) await report(ago(d), { addressText: rooms[4] });
    const first = await warningsAt(a.addressId!);
    expect(first.map((w) => w.level)).toEqual(['yellow']);
    await t.db.updateTable('warnings').set({ status: 'closed', closed_reason: '已化解' }).where('id', '=', first[0]!.id).execute();
    // Quiet for more than 30 days, then three incidents again.
    await report(ago(50), { addressText: rooms[4] });
    await report(ago(49), { addressText: rooms[4] });
    expect(await warningsAt(a.addressId!)).toHaveLength(1);
    await report(ago(48), { addressText: rooms[4] });
    const after = await warningsAt(a.addressId!);
    expect(after).toHaveLength(2);
    expect(after.map((w) => w.level)).toEqual(['yellow', 'yellow']);
    expect(after[1]!.reason).toBe(`${rooms[4]} 30天内报警3次`);
  });

  it('keeps a live orange warning from the earlier episode at orange and records that the address warns again', async () => {
    const a = await report(ago(100), { addressText: rooms[5] });
    for (const d of [99, 98, 97, 96]) await report(ago(d), { addressText: rooms[5] });
    expect((await warningsAt(a.addressId!)).map((w) => w.level)).toEqual(['orange']);
    for (const d of [50, 49, 48]) await report(ago(d), { addressText: rooms[5] });
    const ws = await warningsAt(a.addressId!);
    expect(ws.map((w) => w.level)).toEqual(['orange']);
    expect(ws[0]!.reason).toBe(`${rooms[5]} 30天内报警3次`);
    const events = await t.db.selectFrom('warning_events').select('note').where('warning_id', '=', ws[0]!.id).orderBy('id').execute();
    expect(events.at(-1)!.note).toBe(`再次达到预警条件：${rooms[5]} 30天内报警3次`);
    const cluster = await t.db.selectFrom('repeat_clusters').select('level').where('link_by', '=', 'address').where('link_value', '=', String(a.addressId)).executeTakeFirstOrThrow();
    expect(cluster.level).toBe('yellow');
  });

  it('upgrades the live warning to orange at the fifth incident instead of raising a second one', async () => {
    const a = await report(ago(9), { addressText: rooms[2] });
    for (const d of [8, 7, 6]) await report(ago(d), { addressText: rooms[2] });
    expect((await warningsAt(a.addressId!)).map((w) => w.level)).toEqual(['yellow']);
    await report(ago(5), { addressText: rooms[2] });
    const ws = await warningsAt(a.addressId!);
    expect(ws.map((w) => w.level)).toEqual(['orange']);
    expect(ws[0]!.reason).toBe(`${rooms[2]} 30天内报警5次`);
  });
});

describe('repeat incidents from one caller phone', () => {
  it('links incidents without a standard address by the caller phone and raises a blue warning at the third', async () => {
    const phone = '13955550001';
    await report(ago(20), { callerPhone: phone });
    await report(ago(10), { callerPhone: phone });
    const cluster = await t.db.selectFrom('repeat_clusters').select(['id', 'incident_count', 'level']).where('link_by', '=', 'phone').where('link_value', '=', phone).executeTakeFirstOrThrow();
    expect(cluster.incident_count).toBe(2);
    expect(cluster.level).toBeNull();
    await report(ago(1), { callerPhone: phone });
    const w = await t.db.selectFrom('warnings').select(['level', 'reason']).where('cluster_id', '=', cluster.id).executeTakeFirstOrThrow();
    expect(w.level).toBe('blue');
    expect(w.reason).toBe(`报警电话 ${phone} 30天内报警3次`);
  });
});

describe('warning lifecycle and scope', () => {
  let id: number;
  beforeAll(async () => {
    const a = await report(ago(3), { addressText: rooms[3] });
    await report(ago(2), { addressText: rooms[3] });
    await report(ago(1), { addressText: rooms[3] });
    id = (await warningsAt(a.addressId!))[0]!.id;
  });

  it('moves open → acknowledged → planned → closed, recording each step, and refuses a skipped step with 409', async () => {
    const skip = await t.send('POST', `/api/warnings/${id}/close`, chief, { reason: '已处理' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json<{ code: string }>().code).toBe('warnings.transition_not_allowed');

    const ack = await t.send('POST', `/api/warnings/${id}/acknowledge`, officer);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json<Warning>().status).toBe('acknowledged');
    const again = await t.send('POST', `/api/warnings/${id}/acknowledge`, officer);
    expect(again.statusCode).toBe(409);

    const plan = await t.send('POST', `/api/warnings/${id}/plan`, officer, { plan: '社区民警上门走访，联合物业调解邻里矛盾' });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json<Warning>().plan).toBe('社区民警上门走访，联合物业调解邻里矛盾');

    const close = await t.send('POST', `/api/warnings/${id}/close`, chief, { reason: '矛盾已化解' });
    expect(close.statusCode, close.body).toBe(200);
    const closed = close.json<Warning>();
    expect(closed.status).toBe('closed');
    expect(closed.closedReason).toBe('矛盾已化解');
    expect(closed.events.map((e) => e.toStatus)).toEqual(['open', 'acknowledged', 'planned', 'closed']);

    const actions = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'warning').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['warning.raised', 'warning.acknowledged', 'warning.planned', 'warning.closed']);
  });

  it('lists warnings filtered by status and level within the jurisdiction', async () => {
    const res = await t.get('/api/warnings?status=closed&level=yellow', chief);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ items: Warning[]; total: number }>();
    expect(body.items.map((w) => w.id)).toContain(id);
    expect(body.items.every((w) => w.status === 'closed' && w.level === 'yellow')).toBe(true);
  });

  it('hides the warning from a chief of another station (404) and lets a grid worker read but not act', async () => {
    expect((await t.get(`/api/warnings/${id}`, otherChief)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/warnings/${id}/acknowledge`, otherChief)).statusCode).toBe(404);
    const list = await t.get('/api/warnings', otherChief);
    expect(list.json<{ items: Warning[] }>().items.map((w) => w.id)).not.toContain(id);
    expect((await t.send('POST', `/api/warnings/${id}/acknowledge`, grid)).statusCode).toBe(403);
  });
});
