import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.js';

// The demo county's mass-prevention registry, read from the demo template as `npm start` builds it.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ template: 'demo' });
});
afterAll(async () => {
  await t.drop();
});

describe('demo volunteers', () => {
  it('has teams of the seed kinds in every station, security guards linked to a unit of their station', async () => {
    const { rows } = await sql<{ station: string; kinds: string[] }>`
      select s.name as station, array_agg(distinct t.kind order by t.kind) as kinds
      from volunteer_teams t join jurisdictions j on j.id = t.jurisdiction_id join jurisdictions s on s.kind = 'station' and j.path like s.path || '%'
      group by s.name`.execute(t.db);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) expect(r.kinds).toEqual(expect.arrayContaining(['courier', 'sanitation', 'taxi', 'women']));
    const all = new Set(rows.flatMap((r) => r.kinds));
    for (const k of ['ski_resort', 'red_armband', 'security_guard', 'ride_hailing']) expect(all.has(k), k).toBe(true);
    const { rows: guards } = await sql<{ bad: number }>`
      select count(*)::int as bad from volunteer_teams t join jurisdictions j on j.id = t.jurisdiction_id left join units u on u.id = t.unit_id left join jurisdictions ju on ju.id = u.jurisdiction_id
      where t.kind = 'security_guard' and (u.id is null or not exists (select 1 from jurisdictions s where s.kind = 'station' and j.path like s.path || '%' and ju.path like s.path || '%'))`.execute(t.db);
    expect(guards[0]!.bad).toBe(0);
  });

  it('has a few hundred members with every role, positions near their area, and a record for each volunteer account', async () => {
    const { rows } = await sql<{ n: number; roles: number; located: number; undated: number }>`
      select count(*)::int as n, count(distinct role)::int as roles, count(last_lat)::int as located,
             count(*) filter (where last_lat is not null and (last_lon is null or last_located_at is null))::int as undated
      from volunteers`.execute(t.db);
    expect(rows[0]!.undated).toBe(0);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(300);
    expect(rows[0]!.n).toBeLessThanOrEqual(1500);
    expect(rows[0]!.roles).toBe(4);
    expect(rows[0]!.located).toBeGreaterThan(rows[0]!.n / 2);
    const accounts = await t.db
      .selectFrom('users as u')
      .leftJoin('volunteers as v', 'v.user_id', 'u.id')
      .select(['u.username', 'v.id', 'v.team_id', 'v.jurisdiction_id', 'u.jurisdiction_id as user_jurisdiction'])
      .where('u.role', '=', 'volunteer')
      .execute();
    for (const a of accounts) {
      expect(a.id, a.username).not.toBeNull();
      expect(a.jurisdiction_id).toBe(a.user_jurisdiction);
    }
    expect(accounts.find((a) => a.username === 'demo-volunteer')!.team_id).not.toBeNull();
    const grid = await t.db.selectFrom('users as u').innerJoin('volunteers as v', 'v.user_id', 'u.id').select('v.id').where('u.username', '=', 'demo-grid').executeTakeFirst();
    expect(grid).toBeUndefined();
  });

  it('has training completions with their points once each, three months of points and rewards', async () => {
    const { rows } = await sql<{ topics: number; completions: number; training_points: number; mismatched: number }>`
      select (select count(distinct topic)::int from training_courses) as topics,
             (select count(*)::int from training_completions) as completions,
             (select count(*)::int from point_entries where rule_code = 'training_completed') as training_points,
             (select count(*)::int from training_completions c where not exists (
                select 1 from point_entries e where e.volunteer_id = c.volunteer_id and e.rule_code = 'training_completed' and e.entity_type = 'training_course' and e.entity_id = c.course_id::text)) as mismatched`.execute(t.db);
    expect(rows[0]!.topics).toBe(4);
    expect(rows[0]!.completions).toBeGreaterThan(100);
    expect(rows[0]!.training_points).toBe(rows[0]!.completions);
    expect(rows[0]!.mismatched).toBe(0);
    const { rows: months } = await sql<{ months: number; oldest: Date; wrong: number }>`
      select count(distinct to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM'))::int as months, min(at) as oldest,
             count(*) filter (where e.points <> r.points)::int as wrong
      from point_entries e join point_rules r on r.code = e.rule_code`.execute(t.db);
    expect(months[0]!.months).toBeGreaterThanOrEqual(3);
    expect(months[0]!.wrong).toBe(0);
    const demo = await t.db
      .selectFrom('point_entries as e')
      .innerJoin('volunteers as v', 'v.id', 'e.volunteer_id')
      .innerJoin('users as u', 'u.id', 'v.user_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('u.username', '=', 'demo-volunteer')
      .executeTakeFirstOrThrow();
    expect(Number(demo.n)).toBeGreaterThanOrEqual(8);
    // The phone's "this month" is never empty for an account holder.
    const { rows: empty } = await sql<{ n: number }>`
      select count(*)::int as n from volunteers v where v.user_id is not null and not exists (
        select 1 from point_entries e where e.volunteer_id = v.id
          and to_char(e.at at time zone 'Asia/Shanghai', 'YYYY-MM') = (select to_char((value->>'builtAt')::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM') from app_settings where key = 'demo'))`.execute(t.db);
    expect(empty[0]!.n).toBe(0);
    const rewards = await t.db.selectFrom('rewards').select(['volunteer_id', 'team_id', 'month']).execute();
    expect(rewards.some((r) => r.volunteer_id !== null)).toBe(true);
    expect(rewards.some((r) => r.team_id !== null)).toBe(true);
  });
});
