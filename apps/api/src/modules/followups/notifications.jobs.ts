import { sql } from 'kysely';
import type { Database } from '../../app/db/database.js';
import { shanghaiDay } from './followups.days.js';

// Daily reminders. Each notification carries a dedupe key with the Beijing day, so a job that
// runs every hour (or in two processes) creates one per record per day; `now` is a parameter so
// tests can stand at the boundaries.

/** 超期: an open case past its stage deadline → its officer, once per case per day. */
export async function notifyStageOverdue(db: Database, now: Date): Promise<number> {
  const day = shanghaiDay(now);
  const { rows } = await sql<{ id: number }>`
    insert into notifications (user_id, kind, title, body, link, entity_type, entity_id, dedupe_key)
    select c.officer_user_id, 'case.stage_overdue',
      '矛盾纠纷超期：' || c.case_no || ' ' || c.title,
      '当前阶段“' || s.name_zh || '”应于 ' || to_char(c.stage_due_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || ' 前完成，已超期。',
      '/cases/' || c.id, 'dispute_case', c.id::text,
      'case.stage_overdue:' || c.id || ':' || ${day}
    from dispute_cases c
    join case_stages s on s.code = c.stage
    join users u on u.id = c.officer_user_id and u.active
    where c.stage <> 'closed' and c.stage_due_at < ${now}::timestamptz
    on conflict (dedupe_key) do nothing
    returning id
  `.execute(db);
  return rows.length;
}

const KIND_ZH = `case f.kind when 'phone' then '电话回访' when 'field' then '实地走访' else '社区回访' end`;

/** 回访逾期: a visit not done after its day (of a case still closed) → its assignee, once per visit per day. */
export async function notifyFollowupOverdue(db: Database, now: Date): Promise<number> {
  const day = shanghaiDay(now);
  const { rows } = await sql<{ id: number }>`
    insert into notifications (user_id, kind, title, body, link, entity_type, entity_id, dedupe_key)
    select f.assigned_user_id, 'followup.overdue',
      '回访逾期：' || c.case_no || ' ' || c.title,
      ${sql.raw(KIND_ZH)} || '应于 ' || to_char(f.due_on, 'YYYY-MM-DD') || ' 完成，尚未记录。',
      '/my-day', 'case_followup', f.id::text,
      'followup.overdue:' || f.id || ':' || ${day}
    from case_followups f
    join dispute_cases c on c.id = f.case_id and c.stage = 'closed'
    join users u on u.id = f.assigned_user_id and u.active
    where f.done_at is null and f.due_on < ${day}::date
    on conflict (dedupe_key) do nothing
    returning id
  `.execute(db);
  return rows.length;
}
