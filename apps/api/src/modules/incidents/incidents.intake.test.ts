import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

// The one-statement intake (incident_intake, migration 0012) and the code tables kept in the
// process (incidents.intake-state.ts): the same answers as reading everything on each request.

let t: TestApp;
let officer: Session;
let admin: Session;
/** Rooms inside the chief's station. */
const rooms = () =>
  t.db
    .selectFrom('addresses as a')
    .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
    .select(['a.id', 'a.full_name'])
    .where('a.level', '=', 'room')
    .where('a.archived_at', 'is', null)
    .where('j.path', 'like', sql<string>`(select j2.path from users u join jurisdictions j2 on j2.id = u.jurisdiction_id where u.username = 'demo-chief') || '%'`);
let serial = 0;

interface Incident {
  id: number;
  categoryCode: string;
  kind: string;
  addressId: number | null;
  addressName: string | null;
  jurisdictionId: number;
}

const key = () => `intake-key-${Date.now()}-${++serial}`;
const body = (overrides: Record<string, unknown> = {}) => ({
  channel: '110',
  receivedAt: new Date(Date.now() - 60_000).toISOString(),
  categoryCode: '100100',
  summary: `快速受理测试${++serial}`,
  narrative: '报警人称其停放在楼下的电动车被盗。',
  callerPhone: '13812345678',
  ...overrides,
});
const post = (session: Session, payload: unknown, idempotencyKey: string) => t.send('POST', '/api/incidents', session, payload, { 'idempotency-key': idempotencyKey });

beforeAll(async () => {
  t = await createTestApp();
  officer = await t.login('demo-officer');
  admin = await t.login('demo-chief');
});
afterAll(async () => {
  await t.close();
});

describe('intake in one statement', () => {
  it('answers the create with the same record a read of the incident gives, audited once with the actor', async () => {
    const address = await rooms().orderBy('a.id').executeTakeFirstOrThrow();
    const created = await post(admin, body({ addressText: address.full_name }), key());
    expect(created.statusCode, created.body).toBe(201);
    const incident = created.json<Incident>();
    const read = await t.get(`/api/incidents/${incident.id}`, admin);
    expect(read.statusCode).toBe(200);
    expect(incident).toEqual(read.json());
    const events = await t.db.selectFrom('audit_events').select(['actor_user_id', 'actor_role', 'action', 'entity_type', 'jurisdiction_id', 'change']).where('entity_id', '=', String(incident.id)).where('entity_type', '=', 'incident').execute();
    expect(events).toHaveLength(1);
    expect(incident.addressId).toBe(address.id);
    expect(events[0]).toMatchObject({ action: 'incident.created', actor_role: 'chief', jurisdiction_id: incident.jurisdictionId });
    expect(events[0]!.change).toEqual({ channel: '110', categoryCode: '100100', summary: expect.any(String) as string, addressId: incident.addressId });
  });

  it('takes a category added or deactivated behind its back into account on the next intake', async () => {
    // Written directly, not through the API: only the version counter tells the process.
    const first = await post(officer, body(), key());
    expect(first.statusCode).toBe(201);
    await t.db.insertInto('incident_categories').values({ code: 'T9901', parent_code: null, name_zh: '测试类别', kind: 'other', source: 'local', level: 1 }).execute();
    const added = await post(officer, body({ categoryCode: 'T9901' }), key());
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json<Incident>()).toMatchObject({ categoryCode: 'T9901', kind: 'other' });
    await t.db.updateTable('incident_categories').set({ active: false }).where('code', '=', 'T9901').execute();
    const refused = await post(officer, body({ categoryCode: 'T9901' }), key());
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('categoryCode');
    await t.db.updateTable('incident_categories').set({ kind: 'dispute', active: true }).where('code', '=', 'T9901').execute();
    const dispute = await post(officer, body({ categoryCode: 'T9901' }), key());
    expect(dispute.statusCode, dispute.body).toBe(201);
    expect(dispute.json<Incident>().kind).toBe('dispute');
  });

  it('matches against an address renamed behind its back', async () => {
    const address = await rooms().orderBy('a.id', 'desc').executeTakeFirstOrThrow();
    const before = await post(admin, body({ addressText: address.full_name }), key());
    expect(before.json<Incident>().addressId).toBe(address.id);
    const renamed = `${address.full_name}（改）`;
    await t.db.updateTable('addresses').set({ full_name: renamed }).where('id', '=', address.id).execute();
    const after = await post(admin, body({ addressText: renamed }), key());
    expect(after.statusCode).toBe(201);
    expect(after.json<Incident>()).toMatchObject({ addressId: address.id, addressName: renamed });
  });

  it('answers a resend whose body now fails validation with the original record, and a reused key with another body with 409', async () => {
    await t.db.insertInto('incident_categories').values({ code: 'T9902', parent_code: null, name_zh: '测试类别二', kind: 'other', source: 'local', level: 1 }).execute();
    const k = key();
    const payload = body({ categoryCode: 'T9902' });
    const first = await post(officer, payload, k);
    expect(first.statusCode).toBe(201);
    await t.db.updateTable('incident_categories').set({ active: false }).where('code', '=', 'T9902').execute();
    const again = await post(officer, payload, k);
    expect(again.statusCode).toBe(200);
    expect(again.json<Incident>().id).toBe(first.json<Incident>().id);
    const other = await post(officer, { ...payload, summary: '另一内容' }, k);
    expect(other.statusCode).toBe(409);
  });

  it('links repeats and raises the warning in the same statement, recording the audit events in order', async () => {
    const phone = '13900001111';
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.send('POST', '/api/incidents', admin, body({ callerPhone: phone, receivedAt: new Date(Date.now() - (3 - i) * 60_000).toISOString() }), { 'idempotency-key': key() });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json<Incident>().id);
    }
    const cluster = await t.db.selectFrom('repeat_clusters').select(['id', 'incident_count', 'level']).where('link_by', '=', 'phone').where('link_value', '=', phone).executeTakeFirstOrThrow();
    expect(cluster).toMatchObject({ incident_count: 3, level: 'blue' });
    const warning = await t.db.selectFrom('warnings').select(['id', 'reason', 'status']).where('cluster_id', '=', cluster.id).executeTakeFirstOrThrow();
    expect(warning).toMatchObject({ reason: `报警电话 ${phone} 30天内报警3次`, status: 'open' });
    const { rows } = await sql<{ action: string; entity_id: string }>`select action, entity_id from audit_events where request_id = (select request_id from audit_events where action = 'warning.raised' and entity_id = ${String(warning.id)}) order by id`.execute(t.db);
    expect(rows).toEqual([
      { action: 'incident.created', entity_id: String(ids[2]) },
      { action: 'warning.raised', entity_id: String(warning.id) },
    ]);
  });
});
