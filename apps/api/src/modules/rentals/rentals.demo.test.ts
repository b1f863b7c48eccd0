import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityCipher } from '../../app/crypto.js';
import { seedDemoCounty } from '../../demo/index.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { TEST_DATA_KEY } from '../../test/constants.js';
import { createTestDatabase } from '../../test/db.js';
import { addDays, beijingToday } from './rentals.rules.js';

/** The demo county's rental housing: every state a station meets, and work waiting for demo-landlord. */
let t: TestApp;
const today = beijingToday();
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the demo rental housing', () => {
  it('has tenancies in every state: open verified, open unverified (recent and overdue), checked out verified and unverified', async () => {
    const overdueBefore = addDays(today, -3);
    const { rows } = await sql<{ state: string; n: number }>`
      select case
          when check_out is null and verified_at is not null then 'open_verified'
          when check_out is null and check_in >= ${overdueBefore}::date then 'open_pending_recent'
          when check_out is null then 'open_pending_overdue'
          when checkout_verified_at is not null then 'closed_verified'
          else 'closed_pending' end as state, count(*)::int as n
      from tenancies group by 1`.execute(t.db);
    const n = Object.fromEntries(rows.map((r) => [r.state, r.n]));
    for (const state of ['open_verified', 'open_pending_recent', 'open_pending_overdue', 'closed_verified', 'closed_pending']) expect(n[state] ?? 0, state).toBeGreaterThan(0);
    expect(n.open_verified).toBeGreaterThan(n.open_pending_overdue!);
  });

  it('has agreements valid, expiring, expired and missing, and a house over its limit', async () => {
    const admin = await t.login('demo-admin');
    const totals = (await t.get('/api/rentals/dashboard', admin)).json<{ totals: { rentalHouses: number; flagged: Record<string, number> } }>().totals;
    expect(totals.rentalHouses).toBeGreaterThan(20);
    for (const flag of ['agreement_missing', 'agreement_expired', 'agreement_expiring', 'over_limit', 'unverified']) expect(totals.flagged[flag], flag).toBeGreaterThan(0);
    const flagged = (await t.get('/api/rentals?flag=flagged&pageSize=1', admin)).json<{ total: number }>().total;
    expect(flagged).toBeLessThan(totals.rentalHouses);
  });

  it('keeps its records consistent: let houses, owners as landlords, dates in order, verifiers named', async () => {
    const broken = await sql<{ id: number }>`
      select t.id from tenancies t join rental_houses rh on rh.id = t.rental_house_id join houses h on h.id = rh.house_id
      where h.use <> 'rental' or h.owner_person_id <> rh.landlord_person_id or t.check_in > ${today}::date
         or (t.check_out is not null and (t.check_out < t.check_in or t.check_out > ${today}::date))
         or (t.verified_at is not null and t.verified_by is null) or (t.checkout_verified_at is not null and t.verified_at is null)
         or rh.jurisdiction_id <> h.jurisdiction_id`.execute(t.db);
    expect(broken.rows).toEqual([]);
    const unlet = await t.db.selectFrom('houses as h').leftJoin('rental_houses as rh', 'rh.house_id', 'h.id').select('h.id').where('h.use', '=', 'rental').where('rh.id', 'is', null).execute();
    expect(unlet).toEqual([]);
    const twice = await sql`select person_id from tenancies where check_out is null group by person_id having count(*) > 1`.execute(t.db);
    expect(twice.rows).toEqual([]);
  });

  it('gives demo-landlord two or three houses in 东湖新村社区, with a tenant to check out and a stay waiting for the officer', async () => {
    const landlord = await t.login('demo-landlord');
    const houses = await t.db
      .selectFrom('rental_houses as rh')
      .innerJoin('jurisdictions as j', 'j.id', 'rh.jurisdiction_id')
      .select(['rh.id', 'j.path'])
      .where('rh.landlord_user_id', '=', landlord.userId)
      .execute();
    const community = await t.db.selectFrom('jurisdictions').select('path').where('name', '=', '东湖新村社区').executeTakeFirstOrThrow();
    expect(houses.length).toBeGreaterThanOrEqual(2);
    expect(houses.length).toBeLessThanOrEqual(3);
    expect(houses.every((h) => h.path.startsWith(community.path))).toBe(true);
    const mine = (await t.get('/api/my/rentals', landlord)).json<{ items: { id: number; tenancies: { state: string }[] }[] }>();
    expect(mine.items.map((i) => i.id).sort()).toEqual(houses.map((h) => h.id).sort());
    const states = mine.items.flatMap((i) => i.tenancies.map((x) => x.state));
    expect(states).toContain('verified');
    expect(states.some((s) => s.startsWith('pending'))).toBe(true);
    // Every other landlord account of the county has something too.
    const linked = await sql<{ n: number }>`select count(distinct landlord_user_id)::int as n from rental_houses`.execute(t.db);
    expect(linked.rows[0]!.n).toBeGreaterThan(10);
  });

  it('is built the same way every time from the same seed', async () => {
    const fresh = await createTestDatabase({ template: 'empty' });
    try {
      await seedDemoCounty(fresh.db, { password: 'fengqiao-demo', identity: createIdentityCipher(TEST_DATA_KEY) });
      const fingerprint = async (db: TestApp['db']) =>
        (
          await sql<{ r: string; t: string; a: string }>`
            select (select md5(string_agg(concat_ws('|', id, house_id, landlord_person_id, landlord_user_id, occupant_limit, registered_on), ',' order by id)) from rental_houses) as r,
                   (select md5(string_agg(concat_ws('|', id, rental_house_id, person_id, check_in, check_out, reported_via, verified_at, checkout_verified_at), ',' order by id)) from tenancies) as t,
                   (select md5(string_agg(concat_ws('|', id, rental_house_id, signed_on, expires_on), ',' order by id)) from responsibility_agreements) as a`.execute(db)
        ).rows[0];
      expect(await fingerprint(fresh.db)).toEqual(await fingerprint(t.db));
    } finally {
      await fresh.drop();
    }
  });
});
