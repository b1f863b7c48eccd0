import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ trustProxy: '127.0.0.1' });
});
afterAll(async () => {
  await t.close();
});

describe('the audit log', () => {
  it('records actor, action, entity, time, IP and change of every write', async () => {
    const admin = await t.login('demo-admin');
    const target = await t.db.selectFrom('users').select('id').where('username', '=', 'dh1-officer').executeTakeFirstOrThrow();
    await t.send('PATCH', `/api/users/${target.id}`, admin, { phone: '13900002222' }, { 'x-forwarded-for': '203.0.113.7' });
    const res = await t.get(`/api/audit?entityType=user&entityId=${target.id}&action=user.updated`, admin);
    const [event] = res.json<{ items: Record<string, unknown>[] }>().items;
    expect(event).toMatchObject({ actorName: '郑国栋', actorRole: 'admin', action: 'user.updated', entityType: 'user', entityId: String(target.id), ip: '203.0.113.7' });
    expect((event!.change as Record<string, { to: unknown }>).phone!.to).toBe('13900002222');
    expect(Date.now() - new Date(event!.at as string).getTime()).toBeLessThan(60_000);
  });

  it('filters by user and by date', async () => {
    const chief = await t.login('demo-chief');
    const mine = (await t.get(`/api/audit?userId=${chief.userId}`, chief)).json<{ items: { actorUserId: number }[] }>();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e) => e.actorUserId === chief.userId)).toBe(true);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await t.get(`/api/audit?from=${encodeURIComponent(future)}`, chief)).json<{ total: number }>().total).toBe(0);
  });

  it('shows a chief the events of their own station and not those of another', async () => {
    await t.login('dh-chief');
    const chief = await t.login('demo-chief');
    const names = (await t.get('/api/audit?pageSize=200', chief)).json<{ items: { actorName: string; action: string }[] }>().items;
    const dh = await t.db.selectFrom('users').select('display_name').where('username', '=', 'dh-chief').executeTakeFirstOrThrow();
    expect(names.some((e) => e.actorName === dh.display_name)).toBe(false);
  });

  it('records every export as an event of its own', async () => {
    const bureau = await t.login('demo-bureau');
    const res = await t.get('/api/users/export.xlsx', bureau);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const events = await t.db.selectFrom('audit_events').select(['actor_user_id', 'change']).where('action', '=', 'users.exported').execute();
    expect(events.some((e) => e.actor_user_id === bureau.userId)).toBe(true);
  });

  it('ignores X-Forwarded-For from a proxy it was not told to trust', async () => {
    const untrusting = await (await import('../../test/app.js')).createTestApp();
    try {
      await untrusting.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': '198.51.100.9' }, payload: { username: 'demo-chief', password: 'fengqiao-demo' } });
      const event = await untrusting.db.selectFrom('audit_events').select('ip').where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(event.ip).not.toBe('198.51.100.9');
    } finally {
      await untrusting.close();
    }
  });

  it('writes the audit event in the same transaction as the change: a failed write leaves neither', async () => {
    const admin = await t.login('demo-admin');
    const before = await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    // A code over the column's check fails inside the transaction after validation passed.
    const station = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '城关派出所').executeTakeFirstOrThrow();
    await t.db.schema.alterTable('jurisdictions').addCheckConstraint('test_no_forbidden_name', (await import('kysely')).sql`name <> '禁用名称'`).execute();
    const res = await t.send('POST', '/api/jurisdictions', admin, { parentId: station.id, kind: 'community', name: '禁用名称' });
    expect(res.statusCode).toBe(500);
    expect(res.json<{ requestId: string; message: string }>().requestId).toBeTruthy();
    expect(res.body).not.toContain('at ');
    const after = await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '禁用名称').executeTakeFirst()).toBeUndefined();
  });
});
