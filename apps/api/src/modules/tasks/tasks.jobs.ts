import { sql } from 'kysely';
import type { Database } from '../../app/db/database.js';
import { shanghaiDay } from '../followups/followups.days.js';

// Reminders of the tasks module. `now` is a parameter so tests can stand at the boundaries; the
// dedupe key makes each reminder happen once however often (and in however many processes) the
// job runs.

/**
 * 任务逾期: an assignment not completed after its window ends, or not accepted 30 minutes before
 * the window starts → one notification to the volunteer's sign-in and one to the dispatching
 * officer, once per assignment and kind (a not-accepted reminder may be followed by an overdue one).
 */
export async function overdueTasks(db: Database, now: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with due as (
      select a.id as assignment_id, t.id as task_id, t.title, t.created_by, v.user_id as volunteer_user_id, v.name as volunteer_name,
        case when t.window_end < ${now}::timestamptz then 'task.overdue' else 'task.unaccepted' end as kind,
        to_char(t.window_start at time zone 'Asia/Shanghai', 'MM-DD HH24:MI') as starts,
        to_char(t.window_end at time zone 'Asia/Shanghai', 'MM-DD HH24:MI') as ends
      from task_assignments a
      join tasks t on t.id = a.task_id and t.cancelled_at is null
      join volunteers v on v.id = a.volunteer_id
      where a.status not in ('completed', 'declined')
        and (t.window_end < ${now}::timestamptz or (a.status = 'assigned' and t.window_start - interval '30 minutes' <= ${now}::timestamptz))
    ),
    targets as (
      select d.*, d.volunteer_user_id as user_id, '/v/tasks' as link from due d where d.volunteer_user_id is not null
      union all
      select d.*, d.created_by as user_id, '/tasks?id=' || d.task_id as link from due d where d.created_by is not null
    ),
    inserted as (
      insert into notifications (user_id, kind, title, body, link, entity_type, entity_id, dedupe_key)
      select x.user_id, x.kind,
        case when x.kind = 'task.overdue' then '任务逾期未完成：' else '任务即将开始仍未接受：' end || x.title,
        x.volunteer_name || ' 的任务（' || x.starts || '–' || x.ends || '）' ||
          case when x.kind = 'task.overdue' then '已过截止时间仍未完成。' else '将于 30 分钟内开始，尚未接受。' end,
        x.link, 'task_assignment', x.assignment_id::text,
        x.kind || ':' || x.assignment_id || ':' || x.user_id
      from targets x
      join users u on u.id = x.user_id and u.active
      on conflict (dedupe_key) do nothing
      returning entity_id
    ),
    marked as (
      update task_assignments set reminded_at = ${now}::timestamptz
      where id in (select entity_id::bigint from inserted)
      returning id
    )
    select count(*)::int as n from inserted
  `.execute(db);
  return rows[0]?.n ?? 0;
}

/** Minutes after a band starts when a post short of its three people is reported. */
export const GUARD_MISSED_AFTER_MIN = 15;

/**
 * 护学岗缺岗: 15 minutes after a school's opening or closing band starts, a post with fewer than
 * three attendances (officer + two volunteers) that day and band → its officer and the station
 * chief, once per post, day, band and person. Schools keep no weekend bands (ISO days 6 and 7).
 */
export async function missedGuardPosts(db: Database, now: Date): Promise<number> {
  const day = shanghaiDay(now);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return 0;
  const { rows } = await sql<{ n: number }>`
    with bands as (
      select p.id as post_id, p.name as post_name, s.name as school_name, p.officer_user_id, sj.path, x.band,
        (${day}::date + x.tm) at time zone 'Asia/Shanghai' as starts, to_char(x.tm, 'HH24:MI') as hhmm,
        (select count(*) from guard_attendance g where g.post_id = p.id and g.day = ${day}::date and g.band = x.band) as present
      from guard_posts p
      join schools s on s.id = p.school_id
      join jurisdictions sj on sj.id = s.jurisdiction_id
      cross join lateral (values ('opening', s.opening_time), ('closing', s.closing_time)) as x(band, tm)
      where p.active
    ),
    missed as (
      select * from bands where present < 3 and starts + make_interval(mins => ${GUARD_MISSED_AFTER_MIN}) <= ${now}::timestamptz
    ),
    targets as (
      select m.post_id, m.post_name, m.school_name, m.band, m.hhmm, m.present, m.officer_user_id as user_id from missed m where m.officer_user_id is not null
      union
      select m.post_id, m.post_name, m.school_name, m.band, m.hhmm, m.present, u.id
      from missed m
      join jurisdictions cj on cj.kind = 'station' and m.path like cj.path || '%'
      join users u on u.jurisdiction_id = cj.id and u.role = 'chief'
    ),
    inserted as (
      insert into notifications (user_id, kind, title, body, link, entity_type, entity_id, dedupe_key)
      select x.user_id, 'guard.missed',
        '护学岗缺岗：' || x.school_name || ' ' || x.post_name,
        ${day} || ' ' || case when x.band = 'opening' then '上学' else '放学' end || '岗（' || x.hhmm || '）仅到岗 ' || x.present || ' 人，应到 3 人。',
        '/guard-posts', 'guard_post', x.post_id::text,
        'guard.missed:' || x.post_id || ':' || ${day} || ':' || x.band || ':' || x.user_id
      from targets x
      join users u on u.id = x.user_id and u.active
      on conflict (dedupe_key) do nothing
      returning id
    )
    select count(*)::int as n from inserted
  `.execute(db);
  return rows[0]?.n ?? 0;
}
