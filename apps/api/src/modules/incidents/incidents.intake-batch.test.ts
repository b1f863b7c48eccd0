import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { IntakeGatherer, type IntakeCall } from './incidents.intake-batch.js';
import { intakeCodes } from './incidents.intake-state.js';

// Group commit (incidents.intake-batch.ts, incident_intake_batch in migration 0017): concurrent
// intakes gathered into one call and one transaction, each still answered on its own.

let t: TestApp;
let officer: Session;
let serial = 0;

interface Incident {
  id: number;
  summary: string;
  callerPhone: string | null;
}
interface ErrorBody {
  code: string;
  fields?: { path: string; rule: string }[];
}

const key = () => `batch-key-${Date.now()}-${++serial}`;
const body = (overrides: Record<string, unknown> = {}) => ({
  channel: '110',
  receivedAt: new Date(Date.now() - 60_000).toISOString(),
  categoryCode: '100100',
  summary: `成批受理测试${++serial}`,
  narrative: '报警人称其停放在楼下的电动车被盗。',
  callerPhone: `139${String(10_000_000 + serial).slice(-8)}`,
  ...overrides,
});
/** One call as the intake route hands it to the gatherer (an officer-less channel actor). */
const gatheredCall = (state: Awaited<ReturnType<typeof intakeCodes>>, jurisdictionId: number, summary: string, categoryCode = '100100'): IntakeCall => ({
  scope: 'test:gatherer',
  key: key(),
  hash: summary,
  incident: {
    channel: '110', externalRef: null, receivedAt: new Date(Date.now() - 60_000).toISOString(), categoryCode, kind: state.categories.get('100100')!.kind, riskDomain: null, disputeType: null,
    summary, narrative: '', callerName: null, callerPhone: null, addressText: null, addressId: null, addressConfidence: null, lat: null, lon: null,
    jurisdictionId, createdBy: null, apiKeyId: null,
  },
  finish: true,
  partyKeys: [],
  actor: { userId: null, apiKeyId: null, name: 'test', role: 'test', ip: null, requestId: null },
  versions: state.versions,
});
const post = (payload: unknown, idempotencyKey: string) => t.send('POST', '/api/incidents', officer, payload, { 'idempotency-key': idempotencyKey });
/** Incidents written by one transaction share its xmin. */
const transactionsOf = async (ids: number[]) =>
  Number((await sql<{ n: string }>`select count(distinct xmin::text) as n from incidents where id = any (${ids}::bigint[])`.execute(t.db)).rows[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  officer = await t.login('demo-officer');
});
afterAll(async () => {
  await t.close();
});

describe('intake gathered into batches', () => {
  it('answers 200 concurrent distinct intakes each with its own record, in fewer transactions than requests', async () => {
    const payloads = Array.from({ length: 200 }, () => body());
    const responses = await Promise.all(payloads.map((p) => post(p, key())));
    expect(responses.map((r) => r.statusCode)).toEqual(payloads.map(() => 201));
    const incidents = responses.map((r) => r.json<Incident>());
    expect(new Set(incidents.map((i) => i.id)).size).toBe(200);
    incidents.forEach((incident, i) => expect(incident).toMatchObject({ summary: payloads[i]!.summary, callerPhone: payloads[i]!.callerPhone }));
    // Each answer is the record a read gives.
    for (const i of [0, 57, 199]) {
      const read = await t.get(`/api/incidents/${incidents[i]!.id}`, officer);
      expect(incidents[i]).toEqual(read.json());
    }
    expect(await transactionsOf(incidents.map((i) => i.id))).toBeLessThan(200);
    const audited = await t.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'incident.created').where('entity_id', 'in', incidents.map((i) => String(i.id))).execute();
    expect(audited).toHaveLength(200);
  });

  it('keeps idempotency inside a batch: a twin gets the same incident (200), the same key with another body 409, a bad item its 400', async () => {
    const resent = body();
    const resentKey = key();
    const first = await post(resent, resentKey);
    expect(first.statusCode).toBe(201);
    const twin = body();
    const twinKey = key();
    const clashKey = key();
    const good = Array.from({ length: 30 }, () => body());
    const requests = [
      ...good.map((p) => post(p, key())),
      post(twin, twinKey),
      post(twin, twinKey),
      post(body(), clashKey),
      post(body(), clashKey),
      post(resent, resentKey),
      post(body({ summary: `已用键${serial}` }), resentKey),
      post(body({ callerPhone: '12345' }), key()),
    ];
    const responses = await Promise.all(requests);
    const goodResponses = responses.slice(0, 30);
    expect(goodResponses.map((r) => r.statusCode)).toEqual(good.map(() => 201));
    goodResponses.forEach((r, i) => expect(r.json<Incident>().summary).toBe(good[i]!.summary));
    const [twinA, twinB, clashA, clashB, resend, reused, bad] = responses.slice(30);
    expect([twinA!.statusCode, twinB!.statusCode].sort()).toEqual([200, 201]);
    expect(twinA!.json<Incident>().id).toBe(twinB!.json<Incident>().id);
    expect((await t.db.selectFrom('incidents').select('id').where('summary', '=', twin.summary).execute()).length).toBe(1);
    expect([clashA!.statusCode, clashB!.statusCode].sort()).toEqual([201, 409]);
    expect([clashA!, clashB!].find((r) => r.statusCode === 409)!.json<ErrorBody>().code).toBe('incidents.idempotency_mismatch');
    expect(resend!.statusCode).toBe(200);
    expect(resend!.json<Incident>().id).toBe(first.json<Incident>().id);
    expect(reused!.statusCode).toBe(409);
    expect(bad!.statusCode).toBe(400);
    expect(bad!.json<ErrorBody>().fields![0]).toMatchObject({ path: 'callerPhone', rule: 'format_phone' });
  });

  it('sends a second call beside a running one only for a backlog; fewer intakes wait for the running call', async () => {
    const state = await intakeCodes(t.db);
    const jurisdiction = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '城关派出所').executeTakeFirstOrThrow();
    const call = (): IntakeCall => gatheredCall(state, jurisdiction.id, `重叠${++serial}`);
    // Two calls may run at once, the second only when 3 intakes wait.
    const g = new IntakeGatherer(t.db, 64, 2, 3);
    const few = [g.submit(call()), g.submit(call()), g.submit(call())];
    expect(g.sent).toEqual({ calls: 1, items: 1 }); // the first at once; two wait for it
    await Promise.all(few);
    expect(g.sent).toEqual({ calls: 2, items: 3 }); // then the two together
    const backlog = [g.submit(call()), g.submit(call()), g.submit(call()), g.submit(call())];
    expect(g.sent).toEqual({ calls: 4, items: 7 }); // the first at once, the backlog of 3 beside it
    const results = await Promise.all(backlog);
    expect(results.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created']);
    expect(g.sent).toEqual({ calls: 4, items: 7 });
  });

  it('fails an item that breaks inside a gathered call alone: the others are written', async () => {
    const state = await intakeCodes(t.db);
    const jurisdiction = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '城关派出所').executeTakeFirstOrThrow();
    const call = (summary: string, categoryCode = '100100'): IntakeCall => gatheredCall(state, jurisdiction.id, summary, categoryCode);
    // One call at a time: the first goes out alone, the next three wait and go out together.
    const g = new IntakeGatherer(t.db, 64, 1);
    const calls = [call(`单独${++serial}`), call(`同批甲${++serial}`), call(`同批坏${++serial}`, 'NO-SUCH-CODE'), call(`同批乙${++serial}`)];
    const settled = await Promise.allSettled(calls.map((c) => g.submit(c)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    for (const i of [0, 1, 3]) {
      const r = (settled[i] as PromiseFulfilledResult<Awaited<ReturnType<IntakeGatherer['submit']>>>).value;
      expect(r.status).toBe('created');
      const made = await t.db.selectFrom('incidents').select(['summary', 'created_at']).where('id', '=', r.id!).executeTakeFirstOrThrow();
      expect(made.summary).toBe((calls[i]!.incident as { summary: string }).summary);
      // The answer's creation time is the incident's created_at (to the millisecond a Date keeps).
      expect(new Date(r.createdAt!).getTime()).toBe(made.created_at.getTime());
    }
    expect(await t.db.selectFrom('incidents').select('id').where('summary', '=', (calls[2]!.incident as { summary: string }).summary).execute()).toHaveLength(0);
    expect(await t.db.selectFrom('idempotency_keys').select('key').where('key', '=', calls[2]!.key).execute()).toHaveLength(0);
  });
});
