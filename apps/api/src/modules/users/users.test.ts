import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let t: TestApp;
let admin: Session;
const idOf = async (name: string) => (await t.db.selectFrom('jurisdictions').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('demo-admin');
});
afterAll(async () => {
  await t.close();
});

describe('managing users', () => {
  it('creates a user who must change the password at first sign-in, and audits it', async () => {
    const res = await t.send('POST', '/api/users', admin, { username: 'li.officer', displayName: '李警官', role: 'officer', jurisdictionId: await idOf('南关社区'), phone: '13800001111', password: 'first-password-1' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'li.officer', role: 'officer', jurisdictionName: '南关社区', active: true });
    const s = await t.login('li.officer', 'first-password-1');
    expect((await t.get('/api/me', s)).json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword).toBe(true);
    const events = await t.db.selectFrom('audit_events').select('actor_name').where('action', '=', 'user.created').where('entity_type', '=', 'user').execute();
    expect(events.map((e) => e.actor_name)).toContain('郑国栋');
  });

  it('refuses a role placed at the wrong level of the tree', async () => {
    const res = await t.send('POST', '/api/users', admin, { username: 'bad.chief', displayName: '错所长', role: 'chief', jurisdictionId: await idOf('南关社区'), password: 'first-password-1' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'jurisdictionId', rule: 'role_jurisdiction_kind' });
  });

  it('explains a malformed username and phone in words, per field', async () => {
    const res = await t.send('POST', '/api/users', admin, { username: 'a b', displayName: '格式', role: 'officer', jurisdictionId: await idOf('南关社区'), phone: 'call me', password: 'first-password-1' }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ fields: { path: string; rule: string; message: string }[] }>().fields;
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'username', rule: 'format_username', message: '3 to 32 letters, digits, dots, dashes or underscores' },
        expect.objectContaining({ path: 'phone', rule: 'format_phone' }),
      ]),
    );
  });

  it('requires a department for a partner-department user', async () => {
    const res = await t.send('POST', '/api/users', admin, { username: 'no.dept', displayName: '无单位', role: 'partner', jurisdictionId: await idOf('城关派出所'), password: 'first-password-1' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'departmentId', rule: 'required' });
  });

  it('refuses a username that is taken, whatever its case', async () => {
    const res = await t.send('POST', '/api/users', admin, { username: 'DEMO-officer', displayName: '重名', role: 'officer', jurisdictionId: await idOf('南关社区'), password: 'first-password-1' });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('users.username_taken');
  });

  it('deactivating a user ends their sessions and stops sign-in', async () => {
    const s = await t.login('xl1-officer');
    const user = await t.db.selectFrom('users').select('id').where('username', '=', 'xl1-officer').executeTakeFirstOrThrow();
    expect((await t.send('PATCH', `/api/users/${user.id}`, admin, { active: false })).statusCode).toBe(200);
    expect((await t.get('/api/me', s)).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'xl1-officer', password: 'fengqiao-demo' } });
    expect(again.statusCode).toBe(401);
  });

  it('an administrator cannot deactivate themself', async () => {
    const res = await t.send('PATCH', `/api/users/${admin.userId}`, admin, { active: false });
    expect(res.statusCode).toBe(409);
  });

  it('resets a password and unlocks a locked account', async () => {
    const user = await t.db.selectFrom('users').select('id').where('username', '=', 'nt1-officer').executeTakeFirstOrThrow();
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nt1-officer', password: 'wrong-password' } });
    const listed = (await t.get(`/api/users/${user.id}`, admin)).json<{ lockedUntil: string | null }>();
    expect(listed.lockedUntil).not.toBeNull();
    expect((await t.send('POST', `/api/users/${user.id}/unlock`, admin)).statusCode).toBe(204);
    expect((await t.send('POST', `/api/users/${user.id}/reset-password`, admin, { password: 'reset-password-22' })).statusCode).toBe(204);
    const s = await t.login('nt1-officer', 'reset-password-22');
    expect((await t.get('/api/me', s)).json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword).toBe(true);
  });

  it('searches by name and filters by role and by unit (with its subtree)', async () => {
    const chief = await t.login('demo-chief');
    const grids = (await t.get(`/api/users?role=grid&jurisdictionId=${await idOf('东湖新村社区')}&pageSize=100`, chief)).json<{ items: { role: string }[]; total: number }>();
    expect(grids.total).toBe(4);
    expect(grids.items.every((u) => u.role === 'grid')).toBe(true);
    const one = (await t.get('/api/users?q=demo-off', chief)).json<{ items: { username: string }[] }>();
    expect(one.items.map((u) => u.username)).toEqual(['demo-officer']);
  });
});
