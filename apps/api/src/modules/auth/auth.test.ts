import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { API_KEY_TRUST_MS } from '../../app/auth/authenticate.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('signing in', () => {
  it('sets an httpOnly SameSite session cookie and returns the user and a CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-officer', password: 'fengqiao-demo' } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'fq_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const body = res.json<{ user: { username: string; role: string }; csrfToken: string }>();
    expect(body.user).toMatchObject({ username: 'demo-officer', role: 'officer' });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const session = await t.db.selectFrom('sessions').select(['id']).where('user_id', '=', (await t.login('demo-officer')).userId).execute();
    // Only a keyed hash of the cookie is stored.
    expect(session.every((s) => s.id !== cookie!.value)).toBe(true);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-grid', password: 'not-the-password' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-here', password: 'not-the-password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const { requestId: _a, ...a } = wrong.json<Record<string, unknown>>();
    const { requestId: _b, ...b } = unknown.json<Record<string, unknown>>();
    expect(a).toEqual(b);
    expect(a.code).toBe('auth.invalid_credentials');
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-landlord', password: `wrong-${i}` } });
      expect(res.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-landlord', password: 'fengqiao-demo' } });
    expect(locked.statusCode).toBe(401);
    expect(locked.json<{ code: string }>().code).toBe('auth.locked');
    const user = await t.db.selectFrom('users').select(['locked_until']).where('username', '=', 'demo-landlord').executeTakeFirstOrThrow();
    const minutes = (user.locked_until!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const events = await t.db.selectFrom('audit_events').select('action').where('action', '=', 'auth.locked').execute();
    expect(events.length).toBe(1);
  });

  it('tells the signed-in user their role, jurisdiction and permissions at /api/me', async () => {
    const s = await t.login('demo-grid');
    const res = await t.get('/api/me', s);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ user: { role: string; jurisdiction: { kind: string; name: string; path: { kind: string }[] } }; permissions: string[]; csrfToken: string }>();
    expect(body.user.role).toBe('grid');
    expect(body.user.jurisdiction.kind).toBe('grid');
    expect(body.user.jurisdiction.path.map((p) => p.kind)).toEqual(['bureau', 'station', 'community', 'grid']);
    expect(body.permissions).toContain('dashboard.view');
    expect(body.permissions).not.toContain('users.view');
    expect(body.csrfToken).toBe(s.csrfToken);
  });

  it('refuses /api/me without a session', async () => {
    const res = await t.get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json<{ code: string }>().code).toBe('auth.unauthenticated');
  });

  it('ends the session on logout', async () => {
    const s = await t.login('demo-volunteer');
    expect((await t.send('POST', '/api/auth/logout', s)).statusCode).toBe(204);
    expect((await t.get('/api/me', s)).statusCode).toBe(401);
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const s = await t.login('demo-admin');
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json<{ code: string }>().code).toBe('auth.csrf_invalid');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.statusCode).toBe(403);
    expect((await t.get('/api/me', s)).statusCode).toBe(200);
  });
});

describe('changing a password', () => {
  it('stores an argon2id hash, keeps this session and ends the others', async () => {
    const a = await t.login('demo-auxiliary');
    const b = await t.login('demo-auxiliary');
    const res = await t.send('POST', '/api/me/password', a, { currentPassword: 'fengqiao-demo', newPassword: 'a-new-passphrase-2026' });
    expect(res.statusCode).toBe(204);
    const row = await t.db.selectFrom('users').select('password_hash').where('username', '=', 'demo-auxiliary').executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect((await t.get('/api/me', a)).statusCode).toBe(200);
    expect((await t.get('/api/me', b)).statusCode).toBe(401);
    await t.login('demo-auxiliary', 'a-new-passphrase-2026');
  });

  it('names the field and the rule when the new password is too short or the current one wrong', async () => {
    const s = await t.login('demo-mediator');
    const short = await t.send('POST', '/api/me/password', s, { currentPassword: 'fengqiao-demo', newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json<{ fields: { path: string; rule: string }[] }>().fields).toEqual([expect.objectContaining({ path: 'newPassword', rule: 'too_small' })]);
    const wrong = await t.send('POST', '/api/me/password', s, { currentPassword: 'not-it-at-all', newPassword: 'long-enough-passphrase' }, { 'accept-language': 'en' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ fields: { path: string; rule: string; message: string }[] }>().fields[0]).toEqual({ path: 'currentPassword', rule: 'mismatch', message: 'is not your current password' });
  });
});

describe('integration API keys', () => {
  it('authenticate a channel bound to a jurisdiction, and stop working when revoked', async () => {
    const admin = await t.login('demo-admin');
    const station = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '东湖派出所').executeTakeFirstOrThrow();
    const created = await t.send('POST', '/api/api-keys', admin, { name: '东湖110接口', channel: '110', jurisdictionId: station.id });
    expect(created.statusCode).toBe(201);
    const { secret, apiKey } = created.json<{ secret: string; apiKey: { id: number; prefix: string } }>();
    const stored = await t.db.selectFrom('api_keys').select('key_hash').where('id', '=', apiKey.id).executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(secret);

    const me = await t.get('/api/me/api-key', null, { authorization: `Bearer ${secret}` });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ apiKey: { id: apiKey.id, name: '东湖110接口', channel: '110', jurisdictionId: station.id } });
    // A key is for intake, not for the staff endpoints.
    expect((await t.get('/api/users', null, { authorization: `Bearer ${secret}` })).statusCode).toBe(403);

    expect((await t.send('POST', `/api/api-keys/${apiKey.id}/revoke`, admin)).statusCode).toBe(204);
    expect((await t.get('/api/me/api-key', null, { authorization: `Bearer ${secret}` })).statusCode).toBe(401);
    expect((await t.get('/api/me/api-key', null, { authorization: 'Bearer fqk_AAAAAAAA_not-a-real-key-at-all-000000' })).statusCode).toBe(401);
  });

  it('stop working within API_KEY_TRUST_MS when another process revokes the key', async () => {
    const admin = await t.login('demo-admin');
    const station = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '东湖派出所').executeTakeFirstOrThrow();
    const created = await t.send('POST', '/api/api-keys', admin, { name: '东湖12345接口', channel: '12345', jurisdictionId: station.id });
    const { secret, apiKey } = created.json<{ secret: string; apiKey: { id: number } }>();
    const asKey = () => t.get('/api/me/api-key', null, { authorization: `Bearer ${secret}` });
    expect((await asKey()).statusCode).toBe(200);
    // Revoked behind this process's back (another API process, or by hand in the database).
    await t.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', apiKey.id).execute();
    const revokedAt = Date.now();
    const until = revokedAt + API_KEY_TRUST_MS + 1_000;
    let status = 200;
    while (status === 200 && Date.now() < until) {
      status = (await asKey()).statusCode;
      if (status === 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(API_KEY_TRUST_MS + 1_000);
  });

  it('refuses an unknown channel naming the field', async () => {
    const admin = await t.login('demo-admin');
    const res = await t.send('POST', '/api/api-keys', admin, { name: 'x', channel: 'fax', jurisdictionId: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('channel');
  });
});

describe('system endpoints', () => {
  it('answers health with ok', async () => {
    const res = await t.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('publishes an OpenAPI 3 document generated from the route schemas', async () => {
    const res = await t.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me', '/api/users', '/api/jurisdictions', '/api/audit']));
    expect(doc.paths['/api/auth/login']!.post!.requestBody).toBeDefined();
  });

  it('gives bad input a 400 naming each field and rule, in Chinese by default and English on request', async () => {
    const zh = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toMatchObject({ code: 'validation_failed', message: '输入有误，请检查标出的字段', fields: [{ path: 'password', rule: 'required', message: '必填' }] });
    const en = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'accept-language': 'en-US,en;q=0.9' }, payload: { username: 'x' } });
    expect(en.json()).toMatchObject({ message: 'Invalid input: check the fields named', fields: [{ path: 'password', rule: 'required', message: 'is required' }] });
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await t.get('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json<{ code: string }>().code).toBe('not_found');
  });
});
