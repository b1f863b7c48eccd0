import { maskIdNumber, validateCreditCode, validateIdNumber } from '@fengqiao/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityCipher } from '../../app/crypto.js';
import { seedDemoCounty } from '../../demo/index.js';
import { TEST_DATA_KEY, TEST_DEMO_PASSWORD } from '../../test/constants.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';

// The demo county's population (population step), read from the demo template.
let d: TestDatabase;
beforeAll(async () => {
  d = await createTestDatabase({ template: 'demo' });
});
afterAll(async () => {
  await d.drop();
});

describe('the demo population', () => {
  it('has only valid identity numbers, encrypted under the configured key, with matching hash, mask, gender and birth date', async () => {
    const identity = createIdentityCipher(TEST_DATA_KEY);
    const rows = await d.db.selectFrom('persons').select(['id_number_enc', 'id_number_hash', 'id_number_masked', 'gender', 'birth_date']).execute();
    expect(rows.length).toBeGreaterThan(3000);
    const seen = new Set<string>();
    const areas = new Set<string>();
    for (const r of rows) {
      const whole = identity.decrypt(r.id_number_enc!);
      const v = validateIdNumber(whole);
      expect(v.valid, whole).toBe(true);
      expect(v.normalized).toBe(whole);
      expect(r.id_number_hash).toBe(identity.lookupHash(whole));
      expect(r.id_number_masked).toBe(maskIdNumber(whole));
      expect(r.gender).toBe(v.gender);
      expect(r.birth_date).toBe(v.birthDate);
      seen.add(whole);
      areas.add(whole.slice(0, 6));
    }
    expect(seen.size).toBe(rows.length);
    expect(areas.has('140871')).toBe(true);
    expect([...areas].some((a) => a.startsWith('14') && a !== '140871')).toBe(true);
    expect([...areas].some((a) => !a.startsWith('14'))).toBe(true);
  });

  it('has registered people as the large majority, and floating people and tenants', async () => {
    const rows = await d.db.selectFrom('persons').select(['category', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('category').execute();
    const n = (c: string) => rows.find((r) => r.category === c)?.n ?? 0;
    const total = n('registered') + n('floating') + n('tenant');
    expect(n('registered') / total).toBeGreaterThan(0.6);
    expect(n('floating') / total).toBeGreaterThan(0.08);
    expect(n('tenant') / total).toBeGreaterThan(0.05);
  });

  it('has births from 1940 to 2010, most of them of working age', async () => {
    const { rows } = await sql<{ min: string; max: string; working: number; total: number }>`
      select min(birth_date)::text as min, max(birth_date)::text as max,
             count(*) filter (where birth_date between '1960-01-01' and '2005-12-31')::int as working, count(*)::int as total
      from persons`.execute(d.db);
    const r = rows[0]!;
    expect(r.min >= '1940-01-01').toBe(true);
    expect(r.max <= '2010-12-31').toBe(true);
    expect(r.working / r.total).toBeGreaterThan(0.6);
  });

  it('has a house for every dwelling and shopfront, in its address’s jurisdiction', async () => {
    const { rows: leaves } = await sql<{ id: number }>`
      select a.id from addresses a
      where a.level in ('room', 'building') and not exists (select 1 from addresses c where c.parent_id = a.id)
        and not exists (select 1 from houses h where h.address_id = a.id and h.jurisdiction_id = a.jurisdiction_id)`.execute(d.db);
    expect(leaves).toEqual([]);
    const uses = await d.db.selectFrom('houses').select(['use', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('use').execute();
    for (const use of ['own', 'rental', 'vacant', 'business']) expect(uses.find((u) => u.use === use)?.n ?? 0).toBeGreaterThan(0);
    const { rows: rentalsWithoutLimit } = await sql`select id from houses where use = 'rental' and occupant_limit is null`.execute(d.db);
    expect(rentalsWithoutLimit).toEqual([]);
  });

  it('places one to four people in every occupied home that is not let, each with an open residence there', async () => {
    const { rows } = await sql<{ address_id: number; n: number; open: number }>`
      select p.current_address_id as address_id, count(*)::int as n,
             count(*) filter (where exists (select 1 from person_addresses pa where pa.person_id = p.id and pa.kind = 'residence' and pa.to_date is null and pa.address_id = p.current_address_id))::int as open
      from persons p join houses h on h.address_id = p.current_address_id
      where h.use = 'own' group by 1`.execute(d.db);
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.every((r) => r.n >= 1 && r.n <= 4 && r.open === r.n)).toBe(true);
    const { rows: moved } = await sql<{ n: number }>`select count(distinct person_id)::int as n from person_addresses where kind = 'residence' and to_date is not null`.execute(d.db);
    expect(moved[0]!.n).toBeGreaterThan(100);
  });

  it('has shops, enterprises, a school per town and key places, with credit codes: valid ones and a few failing the check character', async () => {
    const units = await d.db.selectFrom('units').select(['name', 'kind', 'key_place', 'credit_code', 'credit_code_ok']).execute();
    for (const kind of ['shop', 'enterprise', 'school', 'venue', 'key_place']) expect(units.some((u) => u.kind === kind), kind).toBe(true);
    const towns = await d.db.selectFrom('addresses').select('id').where('level', '=', 'town').execute();
    expect(units.filter((u) => u.kind === 'school').length).toBe(towns.length);
    for (const name of ['医院', '银行', '市场', '网吧']) expect(units.some((u) => u.key_place && u.name.includes(name)), name).toBe(true);
    const coded = units.filter((u) => u.credit_code);
    for (const u of coded) {
      const v = validateCreditCode(u.credit_code!);
      expect(v.wellFormed).toBe(true);
      expect(v.checksumOk).toBe(u.credit_code_ok);
    }
    const failing = coded.filter((u) => !u.credit_code_ok).length;
    expect(failing).toBeGreaterThanOrEqual(2);
    expect(failing).toBeLessThanOrEqual(3);
  });

  it('is drawn the same way every time from the same seed (identity numbers compared by their keyed hash)', async () => {
    const fresh = await createTestDatabase({ template: 'empty' });
    try {
      await seedDemoCounty(fresh.db, { password: TEST_DEMO_PASSWORD, identity: createIdentityCipher(TEST_DATA_KEY) });
      const fingerprint = async (db: TestDatabase['db']) =>
        (
          await sql<{ p: string; h: string; u: string }>`
            select (select md5(string_agg(concat_ws('|', id, name, category, id_number_hash, gender, birth_date, phone, household_place, current_address_id, jurisdiction_id), ',' order by id)) from persons) as p,
                   (select md5(string_agg(concat_ws('|', id, address_id, jurisdiction_id, use, owner_person_id, area_m2, occupant_limit), ',' order by id)) from houses) as h,
                   (select md5(string_agg(concat_ws('|', id, name, kind, credit_code, credit_code_ok, address_id, jurisdiction_id, legal_representative, employees, key_place), ',' order by id)) from units) as u`.execute(db)
        ).rows[0];
      expect(await fingerprint(fresh.db)).toEqual(await fingerprint(d.db));
    } finally {
      await fresh.drop();
    }
  });
});
