import { sql } from 'kysely';
import type { RequestContext } from '../../app/actor.js';
import type { Database } from '../../app/db/database.js';
import { can } from '../../app/policy.js';
import { shanghaiMonth } from './points.usecases.js';
import type { MemberProfileDto } from './volunteers.schemas.js';

// A member's page for the police (volunteers.view): the registry record as the list shows it
// (phone masked for roles that do not see phones), then what the member did — courses completed,
// points with their entries, rewards to the member or the member's team, the latest assignments
// and tips. The caller has already found the member in scope (404 otherwise).

const LIMIT = 50;

export async function memberActivity(db: Database, ctx: RequestContext, member: { id: number; teamId: number | null }): Promise<Omit<MemberProfileDto, 'member'>> {
  const month = shanghaiMonth(new Date());
  const [training, sums, entries, rewards, tasks, tips] = await Promise.all([
    db
      .selectFrom('training_completions as c')
      .innerJoin('training_courses as k', 'k.id', 'c.course_id')
      .select(['k.id', 'k.topic', 'k.title', 'k.hours', 'c.completed_on'])
      .where('c.volunteer_id', '=', member.id)
      .orderBy('c.completed_on', 'desc')
      .orderBy('k.id', 'desc')
      .execute(),
    db
      .selectFrom('point_entries')
      .select([
        sql<number>`coalesce(sum(points), 0)::int`.as('total'),
        sql<number>`coalesce(sum(points) filter (where to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM') = ${month}), 0)::int`.as('month_points'),
      ])
      .where('volunteer_id', '=', member.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('point_entries as pe')
      .innerJoin('point_rules as r', 'r.code', 'pe.rule_code')
      .select(['pe.id', 'pe.rule_code', 'r.name_zh', 'r.name_en', 'pe.points', 'pe.entity_type', 'pe.at'])
      .where('pe.volunteer_id', '=', member.id)
      .orderBy('pe.at', 'desc')
      .orderBy('pe.id', 'desc')
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom('rewards as rw')
      .leftJoin('users as u', 'u.id', 'rw.awarded_by')
      .select(['rw.id', 'rw.month', 'rw.title', 'rw.note', 'rw.team_id', 'rw.awarded_at', 'u.display_name as awarded_by_name'])
      .where((eb) => (member.teamId !== null ? eb.or([eb('rw.volunteer_id', '=', member.id), eb('rw.team_id', '=', member.teamId)]) : eb('rw.volunteer_id', '=', member.id)))
      .orderBy('rw.awarded_at', 'desc')
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom('task_assignments as a')
      .innerJoin('tasks as t', 't.id', 'a.task_id')
      .select(['a.id', 't.id as task_id', 't.kind', 't.title', 'a.status', 't.window_start', 't.window_end', 't.cancelled_at', 'a.checkin_on_site'])
      .where('a.volunteer_id', '=', member.id)
      .orderBy('t.window_start', 'desc')
      .orderBy('a.id', 'desc')
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom('tips as t')
      .select(['t.id', 't.category', 't.text', 't.status', 't.created_at', 't.incident_id'])
      .where('t.volunteer_id', '=', member.id)
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(LIMIT)
      .execute(),
  ]);
  // A tip's text is for those who triage tips; others see its category and outcome only.
  const seesTipText = can(ctx.actor, 'tips.triage');
  return {
    training: training.map((c) => ({ courseId: c.id, topic: c.topic, title: c.title, hours: Number(c.hours), completedOn: c.completed_on })),
    points: {
      total: sums.total,
      month,
      monthPoints: sums.month_points,
      entries: entries.map((e) => ({ id: e.id, ruleCode: e.rule_code, ruleName: e.name_zh, ruleNameEn: e.name_en, points: e.points, entityType: e.entity_type, at: e.at.toISOString() })),
    },
    rewards: rewards.map((r) => ({ id: r.id, month: r.month, title: r.title, note: r.note, toTeam: r.team_id !== null, awardedByName: r.awarded_by_name, awardedAt: r.awarded_at.toISOString() })),
    tasks: tasks.map((a) => ({
      assignmentId: a.id,
      taskId: a.task_id,
      kind: a.kind,
      title: a.title,
      status: a.status,
      cancelled: a.cancelled_at !== null,
      onSite: a.checkin_on_site,
      windowStart: a.window_start.toISOString(),
      windowEnd: a.window_end.toISOString(),
    })),
    tips: tips.map((t) => ({ id: t.id, category: t.category, text: seesTipText ? t.text.slice(0, 200) : null, status: t.status, incidentId: t.incident_id, createdAt: t.created_at.toISOString() })),
  };
}
