import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

interface Rule {
  id?: number;
  name: string;
  linkBy: 'address' | 'phone' | 'party';
  windowDays: number;
  threshold: number;
  level: 'blue' | 'yellow' | 'orange' | 'red';
  active: boolean;
}

let t: TestApp;
let bureau: Session;
let officer: Session;
let room: string;

beforeAll(async () => {
  t = await createTestApp();
  bureau = await t.login('demo-bureau');
  officer = await t.login('demo-officer');
  const community = await t.db.selectFrom('jurisdictions').select('path').where('name', '=', '东湖新村社区').executeTakeFirstOrThrow();
  const found = await t.db
    .selectFrom('addresses as a')
    .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
    .select('a.full_name')
    .where('a.level', '=', 'room')
    .where('a.archived_at', 'is', null)
    .where('j.path', 'like', `${community.path}%`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('incidents as i').select('i.id').whereRef('i.address_id', '=', 'a.id'))))
    .orderBy('a.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  room = found.full_name;
});
afterAll(async () => {
  await t.close();
});

async function rules(session: Session) {
  const res = await t.get('/api/repeat-rules', session);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ rules: (Rule & { id: number })[] }>().rules;
}

describe('repeat-incident rules as data', () => {
  it('only the bureau and the administrator edit them', async () => {
    for (const who of ['demo-chief', 'demo-officer', 'demo-mediator', 'demo-volunteer']) {
      const s = await t.login(who);
      expect((await t.get('/api/repeat-rules', s)).statusCode).toBe(403);
      expect((await t.send('PUT', '/api/repeat-rules', s, { rules: [] })).statusCode).toBe(403);
    }
    expect((await rules(await t.login('demo-admin'))).length).toBeGreaterThan(0);
  });

  it('names the field and the rule of a bad list', async () => {
    const current = await rules(bureau);
    const address = current.filter((r) => r.linkBy === 'address');
    const inverted = current.map((r) => (r.id === address[address.length - 1]!.id ? { ...r, level: 'blue' as const } : r));
    const res = await t.send('PUT', '/api/repeat-rules', bureau, { rules: inverted });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ rule: 'grade_order' });
    const zero = await t.send('PUT', '/api/repeat-rules', bureau, { rules: [{ ...current[0]!, threshold: 1 }] });
    expect(zero.statusCode).toBe(400);
    expect(zero.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('rules.0.threshold');
    const unknown = await t.send('PUT', '/api/repeat-rules', bureau, { rules: [{ ...current[0]!, id: 999999 }] });
    expect(unknown.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'rules.0.id', rule: 'not_found' });
    // Nothing changed.
    expect(await rules(bureau)).toEqual(current);
  });

  it('a new rule applies to the next incident: two at one address within 7 days raise a blue warning', async () => {
    const current = await rules(bureau);
    const res = await t.send('PUT', '/api/repeat-rules', bureau, { rules: [...current, { name: '同一地址7天内报警2次', linkBy: 'address', windowDays: 7, threshold: 2, level: 'blue', active: true }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ rules: Rule[] }>().rules).toHaveLength(current.length + 1);
    const audit = await t.db.selectFrom('audit_events').select('action').where('action', '=', 'repeat_rules.updated').execute();
    expect(audit).toHaveLength(1);

    const report = async (n: number) => {
      const r = await t.send('POST', '/api/incidents', officer, { channel: '110', receivedAt: new Date(Date.now() - n * 3_600_000).toISOString(), categoryCode: '100100', summary: `规则测试${n}`, addressText: room }, { 'idempotency-key': `rules-test-${n}` });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ id: number; addressId: number }>();
    };
    const first = await report(3);
    await report(2);
    const warnings = await t.db
      .selectFrom('warnings as w')
      .innerJoin('repeat_clusters as c', 'c.id', 'w.cluster_id')
      .select(['w.level', 'c.incident_count'])
      .where('c.link_by', '=', 'address')
      .where('c.link_value', '=', String(first.addressId))
      .execute();
    expect(warnings).toEqual([{ level: 'blue', incident_count: 2 }]);

    // Deactivated, it no longer raises anything for another address.
    const withRule = await rules(bureau);
    const off = await t.send('PUT', '/api/repeat-rules', bureau, { rules: withRule.map((r) => (r.name === '同一地址7天内报警2次' ? { ...r, active: false } : r)) });
    expect(off.statusCode).toBe(200);
    expect((await rules(bureau)).find((r) => r.name === '同一地址7天内报警2次')!.active).toBe(false);
  });
});
