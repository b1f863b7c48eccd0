import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let t: TestApp;
let admin: Session;
let bureauId: number;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('demo-admin');
  bureauId = (await t.db.selectFrom('jurisdictions').select('id').where('kind', '=', 'bureau').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t.close();
});

const square = { type: 'Polygon', coordinates: [[[111, 35], [111.01, 35], [111.01, 35.01], [111, 35.01], [111, 35]]] };

describe('the jurisdiction tree', () => {
  it('lets an administrator build station → community → grid and police room, each audited', async () => {
    const before = await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'jurisdiction.created').executeTakeFirstOrThrow();
    const station = await t.send('POST', '/api/jurisdictions', admin, { parentId: bureauId, kind: 'station', name: '高新派出所', code: '149901009', centerLat: 35.0, centerLon: 111.0, boundary: square });
    expect(station.statusCode).toBe(201);
    const s = station.json<{ id: number; boundary: unknown }>();
    expect(s.boundary).toEqual(square);
    const community = await t.send('POST', '/api/jurisdictions', admin, { parentId: s.id, kind: 'community', name: '科创社区' });
    const c = community.json<{ id: number }>();
    expect((await t.send('POST', '/api/jurisdictions', admin, { parentId: c.id, kind: 'grid', name: '科创社区第1网格' })).statusCode).toBe(201);
    expect((await t.send('POST', '/api/jurisdictions', admin, { parentId: c.id, kind: 'police_room', name: '科创警务室' })).statusCode).toBe(201);
    const row = await t.db.selectFrom('jurisdictions').select('path').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.path).toBe(`/${bureauId}/${s.id}/${c.id}/`);
    const after = await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'jurisdiction.created').executeTakeFirstOrThrow();
    expect(after.n - before.n).toBe(4);
  });

  it('refuses a kind that cannot sit under the parent, naming the field and the rule', async () => {
    const res = await t.send('POST', '/api/jurisdictions', admin, { parentId: bureauId, kind: 'grid', name: '错误网格' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string; rule: string; message: string }[] }>().fields[0]).toMatchObject({ path: 'kind', rule: 'child_kind' });
  });

  it('refuses an unclosed boundary ring with the path of the bad part', async () => {
    const res = await t.send('POST', '/api/jurisdictions', admin, { parentId: bureauId, kind: 'station', name: '坏边界', boundary: { type: 'Polygon', coordinates: [[[111, 35], [111.01, 35], [111.01, 35.01], [111, 35.02]]] } });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string; rule: string; message: string }[] }>().fields[0]).toEqual({ path: 'boundary.coordinates.0', rule: 'ring_closed', message: '边界环必须闭合（首尾坐标相同）' });
  });

  it('renames a unit and records what changed', async () => {
    const target = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '北街社区').executeTakeFirstOrThrow();
    const res = await t.send('PATCH', `/api/jurisdictions/${target.id}`, admin, { name: '北街新区社区' });
    expect(res.statusCode).toBe(200);
    const event = await t.db.selectFrom('audit_events').select(['change', 'actor_name']).where('action', '=', 'jurisdiction.updated').where('entity_id', '=', String(target.id)).executeTakeFirstOrThrow();
    expect(event.change).toEqual({ name: { from: '北街社区', to: '北街新区社区' } });
  });

  it('will not archive a unit that still has sub-units or users, and archives an empty one', async () => {
    const busy = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '府前社区').executeTakeFirstOrThrow();
    const refused = await t.send('DELETE', `/api/jurisdictions/${busy.id}`, admin);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe('org.jurisdiction_in_use');
    const empty = (await t.send('POST', '/api/jurisdictions', admin, { parentId: busy.id, kind: 'grid', name: '临时网格' })).json<{ id: number }>();
    expect((await t.send('DELETE', `/api/jurisdictions/${empty.id}`, admin)).statusCode).toBe(204);
    expect((await t.get(`/api/jurisdictions/${empty.id}`, admin)).statusCode).toBe(404);
  });

  it('serves boundaries for the map only when asked', async () => {
    const chief = await t.login('demo-chief');
    const plain = (await t.get('/api/jurisdictions', chief)).json<{ items: Record<string, unknown>[] }>().items;
    expect(plain.every((j) => !('boundary' in j))).toBe(true);
    const withShapes = (await t.get('/api/jurisdictions?includeBoundary=true', chief)).json<{ items: { kind: string; boundary: unknown }[] }>().items;
    expect(withShapes.filter((j) => j.kind !== 'police_room').every((j) => j.boundary !== null)).toBe(true);
  });
});

describe('partner departments', () => {
  it('are created by an administrator and seen by the stations they serve', async () => {
    const dh = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '东湖派出所').executeTakeFirstOrThrow();
    const created = await t.send('POST', '/api/departments', admin, { name: '东湖物业管理站', kind: '物业主管', jurisdictionId: dh.id, phone: '0359-1234567' });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: number }>().id;
    const dhChief = await t.login('dh-chief');
    const cgChief = await t.login('demo-chief');
    expect((await t.get('/api/departments', dhChief)).json<{ items: { id: number }[] }>().items.map((d) => d.id)).toContain(id);
    expect((await t.get('/api/departments', cgChief)).json<{ items: { id: number }[] }>().items.map((d) => d.id)).not.toContain(id);
    // County bodies serve every station.
    expect((await t.get('/api/departments', cgChief)).json<{ items: { name: string }[] }>().items.map((d) => d.name)).toContain('枫源县司法局');
  });

  it('a partner user sees only its own department', async () => {
    const partner = await t.login('demo-partner');
    const items = (await t.get('/api/departments', partner)).json<{ items: { id: number }[] }>().items;
    const own = await t.db.selectFrom('users').select('department_id').where('username', '=', 'demo-partner').executeTakeFirstOrThrow();
    expect(items.map((d) => d.id)).toEqual([own.department_id]);
  });

  it('will not archive a department that still has active users', async () => {
    const own = await t.db.selectFrom('users').select('department_id').where('username', '=', 'demo-partner').executeTakeFirstOrThrow();
    const res = await t.send('DELETE', `/api/departments/${own.department_id}`, admin);
    expect(res.statusCode).toBe(409);
  });
});
