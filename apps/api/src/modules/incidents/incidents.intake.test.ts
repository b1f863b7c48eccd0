import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { intakeAnswers } from './incidents.usecases.js';

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

describe('the answer of a gathered intake, built from what was sent (incidents.answer.ts)', () => {
  /** The chief's jurisdiction path and a grid inside it (its standard is its community's). */
  const scope = async () => {
    const chief = await t.db.selectFrom('users as u').innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id').select('j.path').where('u.username', '=', 'demo-chief').executeTakeFirstOrThrow();
    const grid = await t.db.selectFrom('jurisdictions').select(['id', 'name']).where('kind', '=', 'grid').where('path', 'like', `${chief.path}%`).orderBy('id').executeTakeFirstOrThrow();
    const community = await t.db.selectFrom('jurisdictions').select(['id', 'name']).where('kind', '=', 'community').where('path', 'like', `${chief.path}%`).orderBy('id').executeTakeFirstOrThrow();
    return { grid, community };
  };
  const sameAsRead = async (session: Session | null, payload: Record<string, unknown>, headers: Record<string, string> = {}, reader: Session = admin) => {
    const built = intakeAnswers.built;
    const created = await t.send('POST', '/api/incidents', session, payload, { 'idempotency-key': key(), ...headers });
    expect(created.statusCode, created.body).toBe(201);
    // Answered with the row built from what was sent, not by reading the incident back.
    expect(intakeAnswers.built).toBe(built + 1);
    const incident = created.json<Incident & Record<string, unknown>>();
    const read = await t.get(`/api/incidents/${incident.id}`, reader);
    expect(read.statusCode).toBe(200);
    expect(incident).toEqual(read.json());
    return incident;
  };

  it('equals the incident as read back, however the incident is placed and whoever sends it', async () => {
    const [room, other] = await rooms().orderBy('a.id').limit(2).execute();
    const { grid, community } = await scope();
    const station = await t.db.selectFrom('users as u').innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id').select('j.id').where('u.username', '=', 'demo-chief').executeTakeFirstOrThrow();
    const exact = await sameAsRead(admin, body({ addressText: room!.full_name, externalRef: `JJ-${serial}`, callerName: '赵女士' }));
    expect(exact).toMatchObject({ addressId: room!.id, addressName: room!.full_name, addressConfidence: 1, status: 'received', riskScore: null });
    // Without the county's name (the exact index's second form), and a place no standard address has.
    await sameAsRead(admin, body({ addressText: other!.full_name.replace(/^枫源县/, '') }));
    const unmatched = await sameAsRead(admin, body({ addressText: '城关镇农贸市场东门对面' }));
    expect(unmatched.addressId).toBeNull();
    await sameAsRead(admin, body({ addressText: undefined, callerPhone: undefined }));
    // Placed by the sender: a grid (its community's 1-3-5 standard), a community with coordinates.
    const inGrid = await sameAsRead(admin, body({ jurisdictionId: grid.id }));
    expect(inGrid).toMatchObject({ jurisdictionId: grid.id, jurisdictionName: grid.name });
    expect((inGrid.timing as { dispatchLimitSeconds: number | null }).dispatchLimitSeconds).not.toBeNull();
    await sameAsRead(admin, body({ jurisdictionId: community.id, lat: 35.01, lon: 110.02 }));
    // A channel's API key.
    const made = await t.send('POST', '/api/api-keys', await t.login('demo-admin'), { name: `应答测试${serial}`, channel: '12345', jurisdictionId: station.id });
    expect(made.statusCode, made.body).toBe(201);
    const auth = { authorization: `Bearer ${made.json<{ secret: string }>().secret}` };
    await sameAsRead(null, body({ channel: '12345', addressText: room!.full_name }), auth);
  });

  it('answers with names and standards changed behind its back', async () => {
    const { community } = await scope();
    // Written directly, not through the API: only the version counters tell the process.
    await sameAsRead(admin, body({ jurisdictionId: community.id }));
    await t.db.updateTable('incident_categories').set({ name_zh: '盗窃电动车（改名）' }).where('code', '=', '100100').execute();
    await t.db.updateTable('jurisdictions').set({ name: `${community.name}（改名）` }).where('id', '=', community.id).execute();
    const before = await t.db.selectFrom('response_standards').selectAll().where('area_kind', '=', 'community').executeTakeFirstOrThrow();
    await t.db.updateTable('response_standards').set({ dispatch_seconds: 90, arrive_seconds: 240 }).where('area_kind', '=', 'community').execute();
    try {
      const renamed = await sameAsRead(admin, body({ jurisdictionId: community.id }));
      expect(renamed).toMatchObject({ categoryName: '盗窃电动车（改名）', jurisdictionName: `${community.name}（改名）` });
      expect(renamed.timing).toMatchObject({ dispatchLimitSeconds: 90, arriveLimitSeconds: 240 });
    } finally {
      await t.db.updateTable('response_standards').set(before).where('area_kind', '=', 'community').execute();
    }
  });
});
