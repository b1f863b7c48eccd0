import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let t: TestApp;
let admin: Session;
let bureau: Session;
let officer: Session;
let chief: Session;
let otherChief: Session;
let station: { id: number };
let serial = 0;

interface Incident {
  id: number;
  channel: string;
  kind: string;
  categoryCode: string;
  jurisdictionId: number;
  addressId: number | null;
  addressConfidence: number | null;
  callerPhone: string | null;
}
interface ErrorBody {
  code: string;
  fields?: { path: string; rule: string }[];
}

const key = () => `test-key-${Date.now()}-${++serial}`;
const body = (overrides: Record<string, unknown> = {}) => ({
  channel: '110',
  receivedAt: new Date(Date.now() - 60_000).toISOString(),
  categoryCode: '100100',
  summary: `东湖新村电动车被盗${++serial}`,
  narrative: '报警人称其停放在楼下的电动车被盗。',
  callerName: '王先生',
  callerPhone: '13812345678',
  ...overrides,
});
const post = (session: Session | null, payload: unknown, idempotencyKey?: string, headers: Record<string, string> = {}) =>
  t.send('POST', '/api/incidents', session, payload, { ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}), ...headers });

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('demo-admin');
  bureau = await t.login('demo-bureau');
  officer = await t.login('demo-officer');
  chief = await t.login('demo-chief');
  otherChief = await t.login('dh-chief');
  station = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '城关派出所').executeTakeFirstOrThrow();
});
afterAll(async () => {
  await t.close();
});

describe('incident intake with an Idempotency-Key', () => {
  it('creates exactly one incident from 50 identical concurrent requests: one 201 and 49 × 200 with the same id', async () => {
    const k = key();
    const payload = body();
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(officer, payload, k)));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201), responses[0]!.body).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const ids = new Set(responses.map((r) => r.json<Incident>().id));
    expect(ids.size).toBe(1);
    const rows = await t.db.selectFrom('incidents').select('id').where('summary', '=', payload.summary).execute();
    expect(rows).toHaveLength(1);
    const events = await t.db.selectFrom('audit_events').select('id').where('action', '=', 'incident.created').where('entity_id', '=', String(rows[0]!.id)).execute();
    expect(events).toHaveLength(1);
  });

  it('returns the original incident with 200 on a resend, and 409 when the same key comes with another body', async () => {
    const k = key();
    const payload = body();
    const first = await post(officer, payload, k);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(officer, { ...payload }, k);
    expect(again.statusCode).toBe(200);
    expect(again.json<Incident>().id).toBe(first.json<Incident>().id);
    const changed = await post(officer, { ...payload, summary: '内容不同' }, k);
    expect(changed.statusCode).toBe(409);
    expect(changed.json<ErrorBody>().code).toBe('incidents.idempotency_mismatch');
  });

  it('refuses a request without the header, naming Idempotency-Key', async () => {
    const res = await post(officer, body());
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().fields![0]).toMatchObject({ path: 'Idempotency-Key', rule: 'required' });
    expect((await post(officer, body(), 'short')).json<ErrorBody>().fields![0]).toMatchObject({ path: 'Idempotency-Key', rule: 'format' });
  });

  it('names the field of bad input: missing channel, unknown category, malformed phone, future time', async () => {
    const { channel: _c, ...noChannel } = body();
    const cases: [Record<string, unknown>, string, string][] = [
      [noChannel, 'channel', 'required'],
      [body({ channel: 'fax' }), 'channel', 'not_found'],
      [body({ categoryCode: '123456' }), 'categoryCode', 'not_found'],
      [body({ callerPhone: '12345' }), 'callerPhone', 'format_phone'],
      [body({ receivedAt: new Date(Date.now() + 10 * 60_000).toISOString() }), 'receivedAt', 'future_time'],
      [body({ disputeType: 'nonsense' }), 'disputeType', 'not_found'],
    ];
    for (const [payload, path, rule] of cases) {
      const res = await post(officer, payload, key());
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json<ErrorBody>().fields![0]).toMatchObject({ path, rule });
    }
    // A failed request does not use up its key.
    expect(await t.db.selectFrom('idempotency_keys').select('key').where('incident_id', 'is', null).execute()).toEqual([]);
  });

  it('accepts landlines and mobiles, and classifies by the category (100100 盗窃案 is criminal)', async () => {
    for (const phone of ['0359-1234567', '03591234567', '+8613912345678']) {
      const res = await post(officer, body({ callerPhone: phone }), key());
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Incident>()).toMatchObject({ kind: 'criminal', categoryCode: '100100', callerPhone: phone });
    }
  });

  it('matches the address text to a standard address in scope and takes its jurisdiction', async () => {
    const me = await t.db.selectFrom('users as u').innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id').select('j.path').where('u.username', '=', 'demo-officer').executeTakeFirstOrThrow();
    const room = await t.db
      .selectFrom('addresses as a')
      .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
      .select(['a.id', 'a.full_name', 'a.jurisdiction_id'])
      .where('a.level', '=', 'room')
      .where('j.path', 'like', `${me.path}%`)
      .orderBy('a.id')
      .executeTakeFirstOrThrow();
    const res = await post(officer, body({ addressText: room.full_name }), key());
    expect(res.statusCode, res.body).toBe(201);
    const incident = res.json<Incident>();
    expect(incident.addressConfidence).not.toBeNull();
    if (incident.addressId !== null) {
      expect(incident.addressConfidence).toBeGreaterThanOrEqual(0.6);
      expect(incident.jurisdictionId).toBe((await t.db.selectFrom('addresses').select('jurisdiction_id').where('id', '=', incident.addressId).executeTakeFirstOrThrow()).jurisdiction_id);
    }
    expect(incident.addressId).toBe(room.id);
  });

  it('refuses a jurisdiction outside the officer’s scope, naming jurisdictionId', async () => {
    const other = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '西岭派出所').executeTakeFirstOrThrow();
    const res = await post(officer, body({ jurisdictionId: other.id }), key());
    expect([400, 404]).toContain(res.statusCode);
    expect(res.json<ErrorBody>().fields![0]!.path).toBe('jurisdictionId');
  });
});

describe('intake by a channel’s API key', () => {
  it('submits for its own channel only (403 for another), and may use no staff endpoint', async () => {
    const created = await t.send('POST', '/api/api-keys', admin, { name: '城关110接口', channel: '110', jurisdictionId: station.id });
    expect(created.statusCode, created.body).toBe(201);
    const auth = { authorization: `Bearer ${created.json<{ secret: string }>().secret}` };
    const ok = await post(null, body({ channel: '110' }), key(), auth);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<Incident>()).toMatchObject({ channel: '110', jurisdictionId: station.id });
    const wrong = await post(null, body({ channel: '12345' }), key(), auth);
    expect(wrong.statusCode).toBe(403);
    expect((await t.get('/api/incidents', null, auth)).statusCode).toBe(403);
    const event = await t.db.selectFrom('audit_events').select(['actor_api_key_id', 'actor_role']).where('action', '=', 'incident.created').where('entity_id', '=', String(ok.json<Incident>().id)).executeTakeFirstOrThrow();
    expect(event.actor_role).toBe('apiKey:110');
  });
});

describe('batch intake', () => {
  it('reports a bad item and still creates the others; a resent batch reports duplicates', async () => {
    const items = [
      { ...body(), idempotencyKey: key() },
      { ...body({ callerPhone: 'not a phone' }), idempotencyKey: key() },
      { ...body({ categoryCode: undefined }), idempotencyKey: key() },
      { ...body(), idempotencyKey: key() },
    ];
    const res = await t.send('POST', '/api/incidents/batch', officer, { items });
    expect(res.statusCode, res.body).toBe(200);
    const { results } = res.json<{ results: { index: number; status: string; incidentId?: number; error?: { fields: { path: string; rule: string }[] } }[] }>();
    expect(results.map((r) => r.status)).toEqual(['created', 'error', 'error', 'created']);
    expect(results[1]!.error!.fields[0]).toMatchObject({ path: 'callerPhone', rule: 'format_phone' });
    expect(results[2]!.error!.fields[0]).toMatchObject({ path: 'categoryCode', rule: 'required' });
    const again = (await t.send('POST', '/api/incidents/batch', officer, { items })).json<{ results: { status: string; incidentId?: number }[] }>().results;
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'error', 'error', 'duplicate']);
    expect(again[0]!.incidentId).toBe(results[0]!.incidentId);
  });

  it('refuses more than 1,000 items', async () => {
    const items = Array.from({ length: 1001 }, () => ({ idempotencyKey: 'x' }));
    expect((await t.send('POST', '/api/incidents/batch', officer, { items })).statusCode).toBe(400);
  });
});

describe('incident lists are scoped', () => {
  it('a chief of another station neither lists nor opens the incident', async () => {
    const created = (await post(officer, body({ channel: 'walkin' }), key())).json<Incident>();
    const mine = (await t.get('/api/incidents?pageSize=200&channel=walkin', chief)).json<{ items: Incident[]; total: number }>();
    expect(mine.items.map((i) => i.id)).toContain(created.id);
    expect((await t.get(`/api/incidents/${created.id}`, chief)).statusCode).toBe(200);
    const theirs = (await t.get('/api/incidents?pageSize=200', otherChief)).json<{ items: Incident[] }>();
    expect(theirs.items.map((i) => i.id)).not.toContain(created.id);
    expect((await t.get(`/api/incidents/${created.id}`, otherChief)).statusCode).toBe(404);
    const criminal = (await t.get('/api/incidents?kind=criminal&categoryCode=100000&pageSize=200', chief)).json<{ items: Incident[] }>();
    expect(criminal.items.every((i) => i.kind === 'criminal')).toBe(true);
  });
});

describe('incident categories are data', () => {
  it('are seeded from the 110 alarm-type table', async () => {
    const { categories, riskDomains, disputeTypes } = (await t.get('/api/incident-categories', officer)).json<{
      categories: { code: string; nameZh: string; kind: string; parentCode: string | null; source: string }[];
      riskDomains: unknown[];
      disputeTypes: unknown[];
    }>();
    expect(categories.find((c) => c.code === '100100')).toMatchObject({ nameZh: '盗窃案', kind: 'criminal', parentCode: '100000', source: 'jcj110' });
    expect(categories.find((c) => c.code === '950100')).toMatchObject({ kind: 'complaint' });
    expect(riskDomains).toHaveLength(4);
    expect(disputeTypes).toHaveLength(15);
  });

  it('the bureau adds and edits a category (audited); an officer may not; an inactive category refuses intake', async () => {
    expect((await t.send('POST', '/api/incident-categories', officer, { code: 'L001', nameZh: '电诈', kind: 'criminal' })).statusCode).toBe(403);
    const created = await t.send('POST', '/api/incident-categories', bureau, { code: 'L001', nameZh: '电信网络诈骗', parentCode: '100000', kind: 'criminal' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'L001', level: 2, source: 'local', active: true });
    expect((await post(officer, body({ categoryCode: 'L001' }), key())).statusCode).toBe(201);
    const updated = await t.send('PATCH', '/api/incident-categories/L001', bureau, { active: false });
    expect(updated.statusCode, updated.body).toBe(200);
    const refused = await post(officer, body({ categoryCode: 'L001' }), key());
    expect(refused.json<ErrorBody>().fields![0]).toMatchObject({ path: 'categoryCode' });
    const events = await t.db.selectFrom('audit_events').select(['action', 'change']).where('entity_type', '=', 'incident_category').where('entity_id', '=', 'L001').orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['category.created', 'category.updated']);
    expect(events[1]!.change).toMatchObject({ active: { from: true, to: false } });
  });
});
