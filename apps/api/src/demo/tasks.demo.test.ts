import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.js';

// Tasks, patrols and school guard posts of the demo county, read from the demo template.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ template: 'demo' });
});
afterAll(async () => {
  await t.drop();
});

describe('demo tasks, patrols and guard posts', () => {
  it('gives demo-volunteer assignments in every state, some overdue, and team tasks fanned out', async () => {
    const { rows } = await sql<{ status: string; n: number }>`
      select a.status, count(*)::int as n from task_assignments a join volunteers v on v.id = a.volunteer_id join users u on u.id = v.user_id
      where u.username = 'demo-volunteer' group by a.status`.execute(t.db);
    expect(rows.map((r) => r.status).sort()).toEqual(['accepted', 'assigned', 'checked_in', 'completed', 'declined']);
    const { rows: overdue } = await sql<{ n: number }>`
      select count(*)::int as n from task_assignments a join tasks k on k.id = a.task_id
      where a.status not in ('completed', 'declined') and (k.window_end < now() or (a.status = 'assigned' and k.window_start - interval '30 minutes' <= now()))`.execute(t.db);
    expect(overdue[0]!.n).toBeGreaterThan(0);
    const { rows: teams } = await sql<{ n: number }>`
      select count(*)::int as n from tasks k where k.team_id is not null and (select count(*) from task_assignments a where a.task_id = k.id) > 1`.execute(t.db);
    expect(teams[0]!.n).toBeGreaterThan(0);
    const { rows: pts } = await sql<{ bad: number }>`
      select count(*)::int as bad from task_assignments a where a.status = 'completed'
      and not exists (select 1 from point_entries p where p.rule_code = 'task_completed' and p.entity_type = 'task_assignment' and p.entity_id = a.id::text)`.execute(t.db);
    expect(pts[0]!.bad).toBe(0);
    // Each station has an upcoming team task called off, with its reason.
    const { rows: off } = await sql<{ stations: number; called_off: number; without_reason: number }>`
      select (select count(*)::int from jurisdictions where kind = 'station') as stations,
        count(*)::int as called_off, count(*) filter (where k.cancel_reason is null)::int as without_reason
      from tasks k where k.cancelled_at is not null`.execute(t.db);
    expect(off[0]!.called_off).toBe(off[0]!.stations);
    expect(off[0]!.without_reason).toBe(0);
  });

  it('has per station a staggered foot patrol and vehicle patrols with on-site check-ins', async () => {
    const { rows } = await sql<{ station: string; foot: number; vehicle: number; staggered: number; checkins: number }>`
      select s.name as station, count(*) filter (where p.mode = 'foot')::int as foot, count(*) filter (where p.mode = 'vehicle')::int as vehicle,
        count(*) filter (where p.staggered)::int as staggered,
        (select count(*)::int from patrol_checkins c join patrol_plans q on q.id = c.plan_id join jurisdictions qj on qj.id = q.jurisdiction_id where qj.path like s.path || '%' and c.on_site) as checkins
      from patrol_plans p join jurisdictions j on j.id = p.jurisdiction_id join jurisdictions s on s.kind = 'station' and j.path like s.path || '%'
      group by s.name, s.path`.execute(t.db);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      expect(r.foot).toBeGreaterThanOrEqual(1);
      expect(r.vehicle).toBeGreaterThanOrEqual(1);
      expect(r.staggered).toBeGreaterThanOrEqual(1);
      expect(r.checkins).toBeGreaterThan(0);
    }
  });

  it('has schools with posts of one officer and two volunteers, and attendance', async () => {
    const { rows } = await sql<{ post: number; members: number; attendance: number }>`
      select p.id as post, (select count(*)::int from guard_post_members m where m.post_id = p.id) as members,
        (select count(*)::int from guard_attendance g where g.post_id = p.id) as attendance
      from guard_posts p where p.officer_user_id is not null`.execute(t.db);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) expect(r.members).toBe(2);
    expect(rows.some((r) => r.attendance > 0)).toBe(true);
  });
});
