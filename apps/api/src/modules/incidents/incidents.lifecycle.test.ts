import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let t: TestApp;
let officer: Session;
let chief: Session;
let auxiliary: Session;
let grid: Session;
let volunteer: Session;
let mediator: Session;
let bureau: Session;
let otherChief: Session;
let villageGridId: number;
let gaCategory: string;
let serial = 0;

interface Timing {
  dispatchSeconds: number | null;
  arriveSeconds: number | null;
  dispatchLimitSeconds: number | null;
  arriveLimitSeconds: number | null;
  compliant: boolean | null;
}
interface Incident {
  id: number;
  summary: string;
  channel: string;
  status: string;
  receivedAt: string;
  dispatchedAt: string | null;
  arrivedAt: string | null;
  handledAt: string | null;
  closedAt: string | null;
  outcome: string | null;
  caseNumber: string | null;
  caseCategoryCode: string | null;
  outcomeNote: string | null;
  outcomeAt: string | null;
  timing: Timing;
}
interface ErrorBody {
  code: string;
  fields?: { path: string; rule: string }[];
}
interface Figures {
  count: number;
  dispatched: number;
  arrived: number;
  compliant: number;
  complianceRate: number | null;
  dispatchMedianSeconds: number | null;
  dispatchP90Seconds: number | null;
  arriveMedianSeconds: number | null;
  arriveP90Seconds: number | null;
}
interface Report {
  groupBy: string;
  rows: (Figures & { key: number | string | null; label: string })[];
  total: Figures;
  standards: { areaKind: string; dispatchSeconds: number; arriveSeconds: number }[];
}
interface Timeline {
  items: { at: string; action: string; actorName: string | null; summary: { zh: string; en: string }; warningId: number | null }[];
}

const SECOND = 1000;
const plus = (iso: string, seconds: number) => new Date(new Date(iso).getTime() + seconds * SECOND).toISOString();

async function intake(session: Session, receivedAt: Date, overrides: Record<string, unknown> = {}): Promise<Incident> {
  serial += 1;
  const res = await t.send(
    'POST',
    '/api/incidents',
    session,
    { channel: '110', receivedAt: receivedAt.toISOString(), categoryCode: '100100', summary: `出警计时测试${serial}`, ...overrides },
    { 'idempotency-key': `timing-test-${Date.now()}-${serial}` },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Incident>();
}

const step = (session: Session, id: number, to: string, at?: string) => t.send('POST', `/api/incidents/${id}/status`, session, { to, ...(at ? { at } : {}) });
const outcome = (session: Session, id: number, body: Record<string, unknown>) => t.send('POST', `/api/incidents/${id}/outcome`, session, body);

/** Dispatch and arrival `d` and `a` seconds after receipt (either may be omitted). */
async function respond(session: Session, incident: Incident, d: number | null, a: number | null): Promise<Incident> {
  let last = incident;
  if (d !== null) {
    const res = await step(session, incident.id, 'dispatched', plus(incident.receivedAt, d));
    expect(res.statusCode, res.body).toBe(200);
    last = res.json<Incident>();
  }
  if (a !== null) {
    const res = await step(session, incident.id, 'arrived', plus(incident.receivedAt, a));
    expect(res.statusCode, res.body).toBe(200);
    last = res.json<Incident>();
  }
  return last;
}

const minutesAgo = (m: number) => new Date(Math.floor((Date.now() - m * 60_000) / 1000) * 1000);

beforeAll(async () => {
  t = await createTestApp();
  officer = await t.login('demo-officer');
  chief = await t.login('demo-chief');
  auxiliary = await t.login('demo-auxiliary');
  grid = await t.login('demo-grid');
  volunteer = await t.login('demo-volunteer');
  mediator = await t.login('demo-mediator');
  bureau = await t.login('demo-bureau');
  otherChief = await t.login('dh-chief');
  // 杏林村 is a village of 东湖派出所; its grid has no standard of its own and takes the village's.
  villageGridId = (await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '杏林村第1网格').executeTakeFirstOrThrow()).id;
  gaCategory = (await t.db.selectFrom('incident_categories').select('code').where('source', '=', 'ga240').where('level', '>=', 3).where('active', '=', true).orderBy('code').executeTakeFirstOrThrow()).code;
});
afterAll(async () => {
  await t.close();
});

describe('status transitions', () => {
  it('walks received → dispatched → arrived → handled → closed, stamping each time and auditing each step', async () => {
    const i = await intake(officer, minutesAgo(30));
    const dispatched = await step(officer, i.id, 'dispatched', plus(i.receivedAt, 40));
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect(dispatched.json<Incident>()).toMatchObject({ status: 'dispatched', dispatchedAt: plus(i.receivedAt, 40) });
    expect((await step(auxiliary, i.id, 'arrived', plus(i.receivedAt, 150))).statusCode).toBe(200);
    expect((await step(chief, i.id, 'handled')).json<Incident>().status).toBe('handled');
    expect((await outcome(officer, i.id, { outcome: 'help_given' })).statusCode).toBe(200);
    const before = Date.now();
    const closed = (await step(officer, i.id, 'closed')).json<Incident>();
    expect(closed.status).toBe('closed');
    // Without `at` the step is stamped now.
    expect(new Date(closed.closedAt!).getTime()).toBeGreaterThanOrEqual(before - SECOND);
    expect(closed.handledAt).not.toBeNull();

    const events = await t.db.selectFrom('audit_events').select(['action', 'change', 'actor_role']).where('entity_type', '=', 'incident').where('entity_id', '=', String(i.id)).where('action', '=', 'incident.status_changed').orderBy('id').execute();
    expect(events.map((e) => (e.change as { status: { to: string } }).status.to)).toEqual(['dispatched', 'arrived', 'handled', 'closed']);
    expect(events[0]!.change).toMatchObject({ status: { from: 'received', to: 'dispatched' }, at: plus(i.receivedAt, 40) });
    expect(events.map((e) => e.actor_role)).toEqual(['officer', 'auxiliary', 'chief', 'officer']);
  });

  it('refuses a step the transition table does not allow with 409 incidents.transition_not_allowed', async () => {
    const i = await intake(officer, minutesAgo(20));
    for (const to of ['arrived', 'handled', 'closed', 'received']) {
      const res = await step(officer, i.id, to);
      expect(res.statusCode, `${to}: ${res.body}`).toBe(409);
      expect(res.json<ErrorBody>().code).toBe('incidents.transition_not_allowed');
    }
    await respond(officer, i, 30, null);
    const again = await step(officer, i.id, 'dispatched');
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().code).toBe('incidents.transition_not_allowed');
    // Nothing changed and nothing was audited by the refusals.
    const row = await t.db.selectFrom('incidents').select(['status', 'arrived_at']).where('id', '=', i.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'dispatched', arrived_at: null });
    expect(await t.db.selectFrom('audit_events').select('id').where('entity_id', '=', String(i.id)).where('action', '=', 'incident.status_changed').execute()).toHaveLength(1);
  });

  it('lets a walk-in report go from received straight to handled, and no other channel', async () => {
    const walkIn = await intake(officer, minutesAgo(15), { channel: 'walkin' });
    const handled = await step(officer, walkIn.id, 'handled', plus(walkIn.receivedAt, 600));
    expect(handled.statusCode, handled.body).toBe(200);
    expect(handled.json<Incident>()).toMatchObject({ status: 'handled', dispatchedAt: null, arrivedAt: null, handledAt: plus(walkIn.receivedAt, 600) });
    expect(handled.json<Incident>().timing.compliant).toBeNull();
    const phone = await intake(officer, minutesAgo(15), { channel: '12345' });
    expect((await step(officer, phone.id, 'handled')).json<ErrorBody>().code).toBe('incidents.transition_not_allowed');
    const table = (await t.get('/api/incidents/status-transitions', grid)).json<{ items: { fromStatus: string; toStatus: string; channel: string | null }[] }>();
    expect(table.items).toContainEqual({ fromStatus: 'received', toStatus: 'handled', channel: 'walkin' });
    expect(table.items).toContainEqual({ fromStatus: 'received', toStatus: 'dispatched', channel: null });
  });

  it('names the field `at` when the time is in the future or before the previous step', async () => {
    const i = await intake(officer, minutesAgo(10));
    const future = await step(officer, i.id, 'dispatched', new Date(Date.now() + 10 * 60_000).toISOString());
    expect(future.statusCode).toBe(400);
    expect(future.json<ErrorBody>().fields![0]).toMatchObject({ path: 'at', rule: 'future_time' });
    const beforeReceipt = await step(officer, i.id, 'dispatched', plus(i.receivedAt, -1));
    expect(beforeReceipt.statusCode).toBe(400);
    expect(beforeReceipt.json<ErrorBody>().fields![0]).toMatchObject({ path: 'at', rule: 'before_previous' });
    await respond(officer, i, 50, null);
    const beforeDispatch = await step(officer, i.id, 'arrived', plus(i.receivedAt, 49));
    expect(beforeDispatch.json<ErrorBody>().fields![0]).toMatchObject({ path: 'at', rule: 'before_previous' });
    // The same second as the previous step is fine.
    expect((await step(officer, i.id, 'arrived', plus(i.receivedAt, 50))).statusCode).toBe(200);
    const bad = await step(officer, i.id, 'handled', 'yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().fields![0]!.path).toBe('at');
    const unknown = await step(officer, i.id, 'finished');
    expect(unknown.json<ErrorBody>().fields![0]!.path).toBe('to');
  });

  it('closes only with an outcome recorded (409 incidents.outcome_required)', async () => {
    const i = await intake(officer, minutesAgo(10));
    await respond(officer, i, 20, 100);
    expect((await step(officer, i.id, 'handled')).statusCode).toBe(200);
    const res = await step(officer, i.id, 'closed');
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().code).toBe('incidents.outcome_required');
  });
});

describe('outcomes', () => {
  it('requires a case number for administrative and criminal cases, naming caseNumber', async () => {
    const i = await intake(officer, minutesAgo(40));
    await respond(officer, i, 30, 120);
    for (const o of ['administrative_case', 'criminal_case']) {
      const res = await outcome(officer, i.id, { outcome: o, caseNumber: '  ' });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().fields![0]).toMatchObject({ path: 'caseNumber', rule: 'required' });
    }
    const stray = await outcome(officer, i.id, { outcome: 'help_given', caseNumber: 'A123' });
    expect(stray.json<ErrorBody>().fields![0]).toMatchObject({ path: 'caseNumber', rule: 'not_applicable' });
    const notGa = await outcome(officer, i.id, { outcome: 'criminal_case', caseNumber: 'X1', caseCategoryCode: '100100' });
    expect(notGa.statusCode).toBe(400);
    expect(notGa.json<ErrorBody>().fields![0]).toMatchObject({ path: 'caseCategoryCode', rule: 'not_found' });
    const categoryOnAdmin = await outcome(officer, i.id, { outcome: 'administrative_case', caseNumber: 'X1', caseCategoryCode: gaCategory });
    expect(categoryOnAdmin.json<ErrorBody>().fields![0]).toMatchObject({ path: 'caseCategoryCode', rule: 'not_applicable' });
    const bad = await outcome(officer, i.id, { outcome: 'arrested' });
    expect(bad.json<ErrorBody>().fields![0]!.path).toBe('outcome');
    expect((await t.db.selectFrom('incidents').select('outcome').where('id', '=', i.id).executeTakeFirstOrThrow()).outcome).toBeNull();
  });

  it('records a criminal case with its number and GA 240.1 category, and a replacement is audited from → to', async () => {
    const i = await intake(officer, minutesAgo(40));
    await respond(officer, i, 30, 120);
    const first = await outcome(officer, i.id, { outcome: 'criminal_case', caseNumber: 'A3701022026110001', caseCategoryCode: gaCategory, note: '已移交刑侦' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<Incident>()).toMatchObject({ outcome: 'criminal_case', caseNumber: 'A3701022026110001', caseCategoryCode: gaCategory, outcomeNote: '已移交刑侦' });
    expect(first.json<Incident>().outcomeAt).not.toBeNull();
    expect((await step(officer, i.id, 'handled')).statusCode).toBe(200);
    const second = await outcome(chief, i.id, { outcome: 'dispute_case' });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json<Incident>()).toMatchObject({ outcome: 'dispute_case', caseNumber: null, caseCategoryCode: null, outcomeNote: null });
    const events = await t.db.selectFrom('audit_events').select(['change', 'actor_role']).where('entity_id', '=', String(i.id)).where('action', '=', 'incident.outcome_recorded').orderBy('id').execute();
    expect(events).toHaveLength(2);
    expect(events[0]!.change).toMatchObject({ from: null, to: { outcome: 'criminal_case', caseNumber: 'A3701022026110001', caseCategoryCode: gaCategory } });
    expect(events[1]!.change).toMatchObject({
      from: { outcome: 'criminal_case', caseNumber: 'A3701022026110001' },
      to: { outcome: 'dispute_case', caseNumber: null },
      changed: expect.arrayContaining(['outcome', 'caseNumber', 'caseCategoryCode', 'note']) as unknown,
    });
    expect(events[1]!.actor_role).toBe('chief');
  });

  it('is refused before the police arrived and after closure (409 incidents.outcome_not_allowed)', async () => {
    const i = await intake(officer, minutesAgo(40));
    expect((await outcome(officer, i.id, { outcome: 'no_action' })).json<ErrorBody>().code).toBe('incidents.outcome_not_allowed');
    await respond(officer, i, 30, null);
    expect((await outcome(officer, i.id, { outcome: 'no_action' })).statusCode).toBe(409);
    await respond(officer, { ...i }, null, 90);
    expect((await outcome(officer, i.id, { outcome: 'no_action' })).statusCode).toBe(200);
    await step(officer, i.id, 'handled');
    await step(officer, i.id, 'closed');
    const late = await outcome(officer, i.id, { outcome: 'help_given' });
    expect(late.statusCode).toBe(409);
    expect(late.json<ErrorBody>().code).toBe('incidents.outcome_not_allowed');
  });
});

describe('1-3-5 compliance per incident', () => {
  it('counts 60 s to dispatch and 180 s to arrive in a community as compliant, one second more as late', async () => {
    const onTime = await respond(officer, await intake(officer, minutesAgo(50)), 60, 180);
    expect(onTime.timing).toEqual({ dispatchSeconds: 60, arriveSeconds: 180, dispatchLimitSeconds: 60, arriveLimitSeconds: 180, compliant: true });
    const lateArrival = await respond(officer, await intake(officer, minutesAgo(50)), 60, 181);
    expect(lateArrival.timing).toMatchObject({ arriveSeconds: 181, compliant: false });
    const lateDispatch = await respond(officer, await intake(officer, minutesAgo(50)), 61, 120);
    expect(lateDispatch.timing).toMatchObject({ dispatchSeconds: 61, compliant: false });
    const urban300 = await respond(officer, await intake(officer, minutesAgo(50)), 30, 300);
    expect(urban300.timing).toMatchObject({ arriveLimitSeconds: 180, compliant: false });
  });

  it('gives a village (and its grids) 300 s to arrive: 300 s compliant, 301 s late', async () => {
    const onTime = await respond(otherChief, await intake(otherChief, minutesAgo(50), { jurisdictionId: villageGridId }), 60, 300);
    expect(onTime.timing).toEqual({ dispatchSeconds: 60, arriveSeconds: 300, dispatchLimitSeconds: 60, arriveLimitSeconds: 300, compliant: true });
    const late = await respond(otherChief, await intake(otherChief, minutesAgo(50), { jurisdictionId: villageGridId }), 60, 301);
    expect(late.timing).toMatchObject({ arriveSeconds: 301, compliant: false });
  });

  it('gives a police room the standard of the area it sits in, and a station area the urban one', async () => {
    const rooms = await t.db.selectFrom('jurisdictions').select(['id', 'name']).where('name', 'in', ['湖东警务室', '姚村警务室']).execute();
    const inCommunity = rooms.find((r) => r.name === '湖东警务室')!.id;
    const inVillage = rooms.find((r) => r.name === '姚村警务室')!.id;
    const xlChief = await t.login('xl-chief');
    expect((await intake(officer, minutesAgo(5), { jurisdictionId: inCommunity })).timing).toMatchObject({ dispatchLimitSeconds: 60, arriveLimitSeconds: 180 });
    expect((await intake(xlChief, minutesAgo(5), { jurisdictionId: inVillage })).timing).toMatchObject({ dispatchLimitSeconds: 60, arriveLimitSeconds: 300 });
    // A chief's own intake without an address stays at the station.
    expect((await intake(chief, minutesAgo(5))).timing).toMatchObject({ dispatchLimitSeconds: 60, arriveLimitSeconds: 180 });
  });

  it('is null until the police arrived, and follows the standards table when a bureau changes it', async () => {
    const i = await respond(officer, await intake(officer, minutesAgo(50)), 45, null);
    expect(i.timing).toEqual({ dispatchSeconds: 45, arriveSeconds: null, dispatchLimitSeconds: 60, arriveLimitSeconds: 180, compliant: null });
    const fresh = (await t.get(`/api/incidents/${i.id}`, officer)).json<Incident>();
    expect(fresh.timing).toEqual(i.timing);
    await t.db.updateTable('response_standards').set({ arrive_seconds: 240 }).where('area_kind', '=', 'community').execute();
    try {
      const arrived = await respond(officer, i, null, 200);
      expect(arrived.timing).toMatchObject({ arriveLimitSeconds: 240, compliant: true });
    } finally {
      await t.db.updateTable('response_standards').set({ arrive_seconds: 180 }).where('area_kind', '=', 'community').execute();
    }
  });
});

describe('1-3-5 report per station and per day', () => {
  // Two Beijing days in 2019, far from any other record: 2019-03-04 and 2019-03-05, 10:00 onwards.
  const D1 = new Date('2019-03-04T02:00:00Z');
  const D2 = new Date('2019-03-05T02:00:00Z');
  const hours = (d: Date, h: number) => new Date(d.getTime() + h * 3600 * SECOND);
  const period = `from=${encodeURIComponent('2019-03-03T16:00:00Z')}&to=${encodeURIComponent('2019-03-05T16:00:00Z')}`;
  let stationIds: { cg: number; dh: number };

  beforeAll(async () => {
    const stations = await t.db.selectFrom('jurisdictions').select(['id', 'name']).where('name', 'in', ['城关派出所', '东湖派出所']).execute();
    stationIds = { cg: stations.find((s) => s.name === '城关派出所')!.id, dh: stations.find((s) => s.name === '东湖派出所')!.id };
    // 城关 (community, 60/180): A, B compliant; C dispatched late; D arrived late; E not arrived; F a walk-in handled at the desk.
    await respond(officer, await intake(officer, D1), 30, 120);
    await respond(officer, await intake(officer, hours(D1, 1)), 60, 180);
    await respond(officer, await intake(officer, D2), 61, 150);
    await respond(officer, await intake(officer, hours(D2, 1)), 45, 181);
    await respond(officer, await intake(officer, hours(D2, 2)), 20, null);
    const f = await intake(officer, hours(D2, 3), { channel: 'walkin' });
    expect((await step(officer, f.id, 'handled', plus(f.receivedAt, 600))).statusCode).toBe(200);
    // 东湖 (village grid, 60/300): G compliant at 300 s, H late at 301 s.
    await respond(otherChief, await intake(otherChief, D1, { jurisdictionId: villageGridId }), 60, 300);
    await respond(otherChief, await intake(otherChief, hours(D1, 2), { jurisdictionId: villageGridId }), 50, 301);
  });

  it('gives the bureau each station with counts, compliance rate, median and p90', async () => {
    const res = await t.get(`/api/incidents/timing?${period}&groupBy=station`, bureau);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<Report>();
    const cg = report.rows.find((r) => r.key === stationIds.cg)!;
    expect(cg).toMatchObject({ label: '城关派出所', count: 6, dispatched: 5, arrived: 4, compliant: 2, complianceRate: 0.5 });
    // Dispatch 20, 30, 45, 60, 61 s; arrival 120, 150, 180, 181 s (percentile_cont interpolates).
    expect(cg).toMatchObject({ dispatchMedianSeconds: 45, dispatchP90Seconds: 60.6, arriveMedianSeconds: 165, arriveP90Seconds: 180.7 });
    const dh = report.rows.find((r) => r.key === stationIds.dh)!;
    expect(dh).toMatchObject({ label: '东湖派出所', count: 2, dispatched: 2, arrived: 2, compliant: 1, complianceRate: 0.5, dispatchMedianSeconds: 55, arriveMedianSeconds: 300.5, arriveP90Seconds: 300.9 });
    expect(report.rows).toHaveLength(2);
    expect(report.total).toMatchObject({ count: 8, dispatched: 7, arrived: 6, compliant: 3, complianceRate: 0.5 });
    expect(report.standards).toContainEqual({ areaKind: 'village', dispatchSeconds: 60, arriveSeconds: 300 });
    expect(report.standards).toContainEqual({ areaKind: 'community', dispatchSeconds: 60, arriveSeconds: 180 });
  });

  it('groups by Beijing day, one row for every day of the period', async () => {
    const report = (await t.get(`/api/incidents/timing?${period}&groupBy=day`, bureau)).json<Report>();
    expect(report.rows.map((r) => r.key)).toEqual(['2019-03-04', '2019-03-05']);
    expect(report.rows[0]).toMatchObject({ count: 4, dispatched: 4, arrived: 4, compliant: 3, complianceRate: 0.75 });
    expect(report.rows[1]).toMatchObject({ count: 4, dispatched: 3, arrived: 2, compliant: 0, complianceRate: 0 });
    const quiet = (await t.get(`/api/incidents/timing?from=${encodeURIComponent('2019-02-01T16:00:00Z')}&to=${encodeURIComponent('2019-02-03T16:00:00Z')}&groupBy=day`, bureau)).json<Report>();
    expect(quiet.rows).toEqual([
      expect.objectContaining({ key: '2019-02-02', count: 0, complianceRate: null }),
      expect.objectContaining({ key: '2019-02-03', count: 0, arriveMedianSeconds: null }),
    ]);
  });

  it('is scoped to the viewer: a station chief sees only the own station', async () => {
    const mine = (await t.get(`/api/incidents/timing?${period}`, chief)).json<Report>();
    expect(mine.rows.map((r) => r.key)).toEqual([stationIds.cg]);
    expect(mine.total).toMatchObject({ count: 6, compliant: 2 });
    const theirs = (await t.get(`/api/incidents/timing?${period}`, otherChief)).json<Report>();
    expect(theirs.rows.map((r) => r.key)).toEqual([stationIds.dh]);
    expect(theirs.total.count).toBe(2);
  });

  it('refuses a reversed or over-long period, naming from', async () => {
    const reversed = await t.get(`/api/incidents/timing?from=${encodeURIComponent('2019-03-05T00:00:00Z')}&to=${encodeURIComponent('2019-03-04T00:00:00Z')}`, bureau);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json<ErrorBody>().fields![0]).toMatchObject({ path: 'from', rule: 'after_to' });
    const long = await t.get(`/api/incidents/timing?from=${encodeURIComponent('2017-01-01T00:00:00Z')}&to=${encodeURIComponent('2019-01-01T00:00:00Z')}`, bureau);
    expect(long.json<ErrorBody>().fields![0]).toMatchObject({ path: 'from', rule: 'range_too_long' });
    expect((await t.get('/api/incidents/timing?groupBy=week', bureau)).json<ErrorBody>().fields![0]!.path).toBe('groupBy');
  });
});

describe('timeline', () => {
  it('lists intake, each step at its own time, the outcome and the warning of its repeat cluster, oldest first', async () => {
    const phone = '13955557777';
    await intake(officer, minutesAgo(300), { callerPhone: phone });
    await intake(officer, minutesAgo(200), { callerPhone: phone });
    const third = await intake(officer, minutesAgo(100), { callerPhone: phone });
    await respond(officer, third, 55, 170);
    await outcome(officer, third.id, { outcome: 'administrative_case', caseNumber: 'XZ-2026-0042' });
    const res = await t.get(`/api/incidents/${third.id}/timeline`, officer);
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json<Timeline>();
    expect(items.map((e) => e.action)).toEqual(['incident.created', 'incident.status_changed', 'incident.status_changed', 'warning.raised', 'incident.outcome_recorded']);
    const officerName = (await t.db.selectFrom('users').select('display_name').where('username', '=', 'demo-officer').executeTakeFirstOrThrow()).display_name;
    // Intake and steps entered after the fact stand at the time they happened and say when they were entered.
    expect(items[0]).toMatchObject({ at: third.receivedAt, actorName: officerName, warningId: null });
    expect(items[0]!.summary.zh).toContain(`接警（110接处警）：${third.summary}`);
    expect(items[0]!.summary.zh).toContain('录入');
    expect(items[1]).toMatchObject({ at: plus(third.receivedAt, 55), actorName: officerName });
    expect(items[1]!.summary.zh).toContain('已接警 → 已派警');
    expect(items[1]!.summary.zh).toContain('补录');
    expect(items[2]!.summary.en).toContain('Dispatched → Arrived');
    expect(items[3]!.warningId).not.toBeNull();
    expect(items[3]!.summary.zh).toContain(`报警电话 ${phone} 30天内报警3次`);
    expect(items[4]!.summary.zh).toBe('处置结果：立为行政案件（案件编号 XZ-2026-0042）');
  });

  it('shows the times of a record written without events (an import) as steps', async () => {
    const i = await intake(officer, minutesAgo(90));
    await t.db.updateTable('incidents').set({ status: 'arrived', dispatched_at: new Date(new Date(i.receivedAt).getTime() + 30_000), arrived_at: new Date(new Date(i.receivedAt).getTime() + 90_000) }).where('id', '=', i.id).execute();
    const { items } = (await t.get(`/api/incidents/${i.id}/timeline`, chief)).json<Timeline>();
    expect(items.map((e) => [e.action, e.at])).toEqual([
      ['incident.created', expect.any(String)],
      ['incident.status_changed', plus(i.receivedAt, 30)],
      ['incident.status_changed', plus(i.receivedAt, 90)],
    ]);
    expect(items[2]!.actorName).toBeNull();
  });
});

describe('who may do what', () => {
  let mine: Incident;
  beforeAll(async () => {
    mine = await intake(officer, minutesAgo(25));
  });

  it('refuses status and outcome changes to grid workers, mediators, volunteers and the bureau (403)', async () => {
    for (const session of [grid, mediator, volunteer, bureau]) {
      expect((await step(session, mine.id, 'dispatched')).statusCode).toBe(403);
      expect((await outcome(session, mine.id, { outcome: 'no_action' })).statusCode).toBe(403);
    }
    expect((await t.db.selectFrom('incidents').select('status').where('id', '=', mine.id).executeTakeFirstOrThrow()).status).toBe('received');
  });

  it('lets a grid worker read the report and timelines within the own grid only, and neither a volunteer nor a mediator', async () => {
    expect((await t.get(`/api/incidents/${mine.id}/timeline`, grid)).statusCode).toBe(404);
    expect((await t.get('/api/incidents/timing', grid)).statusCode).toBe(200);
    for (const session of [volunteer, mediator]) {
      expect((await t.get(`/api/incidents/${mine.id}/timeline`, session)).statusCode).toBe(403);
      expect((await t.get('/api/incidents/timing', session)).statusCode).toBe(403);
      expect((await t.get('/api/incidents/status-transitions', session)).statusCode).toBe(403);
    }
  });

  it('hides another station’s incident from its chief: 404 for status, outcome and timeline', async () => {
    expect((await step(otherChief, mine.id, 'dispatched')).statusCode).toBe(404);
    expect((await outcome(otherChief, mine.id, { outcome: 'no_action' })).statusCode).toBe(404);
    expect((await t.get(`/api/incidents/${mine.id}/timeline`, otherChief)).statusCode).toBe(404);
    expect((await t.get('/api/incidents/999999999/timeline', officer)).statusCode).toBe(404);
    expect(await t.db.selectFrom('audit_events').select('id').where('entity_id', '=', String(mine.id)).where('action', 'in', ['incident.status_changed', 'incident.outcome_recorded']).execute()).toEqual([]);
  });

  it('needs a signed-in user', async () => {
    expect((await t.send('POST', `/api/incidents/${mine.id}/status`, null, { to: 'dispatched' })).statusCode).toBe(401);
  });
});
