import { sql } from 'kysely';
import { ROLES } from '@fengqiao/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityCipher } from '../app/crypto.js';
import { TEST_DATA_KEY } from '../test/constants.js';
import { createTestDatabase, type TestDatabase } from '../test/db.js';
import { DEMO_USERNAMES, seedDemoCounty } from './index.js';

let a: TestDatabase;
let b: TestDatabase;
beforeAll(async () => {
  a = await createTestDatabase({ template: 'demo' });
  b = await createTestDatabase({ template: 'empty' });
});
afterAll(async () => {
  await a.drop();
  await b.drop();
});

async function fingerprint(db: TestDatabase['db']) {
  const { rows } = await sql<{ j: string; u: string; d: string }>`
    select (select md5(string_agg(concat_ws('|', id, parent_id, kind, name, code, path, center_lat, center_lon, boundary::text), ',' order by id)) from jurisdictions) as j,
           (select md5(string_agg(concat_ws('|', id, username, display_name, role, jurisdiction_id, department_id, phone), ',' order by id)) from users) as u,
           (select md5(string_agg(concat_ws('|', id, name, kind, jurisdiction_id, contact_name, phone), ',' order by id)) from departments) as d`.execute(db);
  return rows[0];
}

describe('the demo county', () => {
  it('is built the same way every time from the same seed', async () => {
    await seedDemoCounty(b.db, { password: 'fengqiao-demo', identity: createIdentityCipher(TEST_DATA_KEY) });
    expect(await fingerprint(b.db)).toEqual(await fingerprint(a.db));
    // A whole county with its two years of incidents: slower than a test's default 30 s on a busy machine.
  }, 120_000);

  it('has a bureau, at least 3 stations, 10 communities and villages with grids, police rooms and borders', async () => {
    const counts = await a.db.selectFrom('jurisdictions').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
    const n = (k: string) => counts.find((c) => c.kind === k)?.n ?? 0;
    expect(n('bureau')).toBe(1);
    expect(n('station')).toBeGreaterThanOrEqual(3);
    expect(n('community') + n('village')).toBeGreaterThanOrEqual(10);
    expect(n('village')).toBeGreaterThan(0);
    expect(n('police_room')).toBeGreaterThanOrEqual(n('station'));
    const areas = await a.db.selectFrom('jurisdictions as j').select(['j.id', (eb) => eb.selectFrom('jurisdictions as g').select((e) => e.fn.countAll<number>().as('n')).whereRef('g.parent_id', '=', 'j.id').where('g.kind', '=', 'grid').as('grids')]).where('j.kind', 'in', ['community', 'village']).execute();
    expect(areas.every((r) => (r.grids ?? 0) >= 2)).toBe(true);
    const shapeless = await a.db.selectFrom('jurisdictions').select('id').where('kind', '<>', 'police_room').where('boundary', 'is', null).execute();
    expect(shapeless).toEqual([]);
    const pointless = await a.db.selectFrom('jurisdictions').select('id').where((eb) => eb.or([eb('center_lat', 'is', null), eb('center_lon', 'is', null)])).execute();
    expect(pointless).toEqual([]);
  });

  it('has users of every role with Chinese names, and the ten demo accounts', async () => {
    const users = await a.db.selectFrom('users').select(['username', 'display_name', 'role', 'is_demo']).execute();
    for (const role of ROLES) expect(users.some((u) => u.role === role)).toBe(true);
    expect(users.every((u) => /^[\u4e00-\u9fa5]{2,4}$/.test(u.display_name))).toBe(true);
    expect(users.every((u) => u.is_demo)).toBe(true);
    for (const name of DEMO_USERNAMES) expect(users.map((u) => u.username)).toContain(name);
  });

  it('has partner departments for the county and every station', async () => {
    const stations = await a.db.selectFrom('jurisdictions').select('id').where('kind', '=', 'station').execute();
    const depts = await a.db.selectFrom('departments').select(['jurisdiction_id']).execute();
    for (const s of stations) expect(depts.some((d) => d.jurisdiction_id === s.id)).toBe(true);
  });

  it('grows with --scale for benchmarks', async () => {
    const big = await createTestDatabase({ template: 'empty' });
    try {
      await seedDemoCounty(big.db, { password: 'fengqiao-demo', scale: 3, identity: createIdentityCipher(TEST_DATA_KEY) });
      const stations = await big.db.selectFrom('jurisdictions').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'station').executeTakeFirstOrThrow();
      expect(stations.n).toBe(12);
      const usernames = await big.db.selectFrom('users').select('username').execute();
      expect(new Set(usernames.map((u) => u.username)).size).toBe(usernames.length);
    } finally {
      await big.drop();
    }
  }, 180_000);
});
