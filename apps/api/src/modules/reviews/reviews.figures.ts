import { sql } from 'kysely';
import type { Queryable } from '../../app/db/database.js';
import { addDays } from '../followups/followups.days.js';
import { bounds, type Week } from './reviews.weeks.js';

// The read side of the Monday review: every query is scoped to a jurisdiction's subtree by its
// materialised path (`path%`). Overdue definitions are the ones the reminder jobs use
// (transfers.jobs.ts escalateTransfers, followups/notifications.jobs.ts): a review never says
// "overdue" where the chief got no reminder, nor the other way round.

export interface Periods {
  week: Week;
  previousWeek: Week;
  lastYearWeek: Week;
}

interface Counted {
  cur: string;
  prev: string;
  ly: string;
}

function periodParams(p: Periods) {
  const c = bounds(p.week);
  const w = bounds(p.previousWeek);
  const y = bounds(p.lastYearWeek);
  return { c, w, y };
}

/** Incidents per kind in the three weeks. */
export async function countsByKind(db: Queryable, prefix: string, p: Periods) {
  const { c, w, y } = periodParams(p);
  const { rows } = await sql<Counted & { kind: string }>`
    select i.kind,
      count(*) filter (where i.received_at >= ${c.start} and i.received_at < ${c.end}) as cur,
      count(*) filter (where i.received_at >= ${w.start} and i.received_at < ${w.end}) as prev,
      count(*) filter (where i.received_at >= ${y.start} and i.received_at < ${y.end}) as ly
    from incidents i join jurisdictions j on j.id = i.jurisdiction_id
    where j.path like ${prefix}
      and ((i.received_at >= ${w.start} and i.received_at < ${c.end}) or (i.received_at >= ${y.start} and i.received_at < ${y.end}))
    group by i.kind`.execute(db);
  return rows.map((r) => ({ kind: r.kind, cur: Number(r.cur), prev: Number(r.prev), ly: Number(r.ly) }));
}

/** Incidents per category in the three weeks (categories seen in any of them). */
export async function countsByCategory(db: Queryable, prefix: string, p: Periods) {
  const { c, w, y } = periodParams(p);
  const { rows } = await sql<Counted & { code: string; name: string | null; kind: string }>`
    select i.category_code as code, max(cat.name_zh) as name, max(i.kind) as kind,
      count(*) filter (where i.received_at >= ${c.start} and i.received_at < ${c.end}) as cur,
      count(*) filter (where i.received_at >= ${w.start} and i.received_at < ${w.end}) as prev,
      count(*) filter (where i.received_at >= ${y.start} and i.received_at < ${y.end}) as ly
    from incidents i join jurisdictions j on j.id = i.jurisdiction_id
    left join incident_categories cat on cat.code = i.category_code
    where j.path like ${prefix}
      and ((i.received_at >= ${w.start} and i.received_at < ${c.end}) or (i.received_at >= ${y.start} and i.received_at < ${y.end}))
    group by i.category_code`.execute(db);
  return rows.map((r) => ({ code: r.code, name: r.name ?? r.code, kind: r.kind, cur: Number(r.cur), prev: Number(r.prev), ly: Number(r.ly) }));
}

/** Incidents by hour of day (Beijing) in the four weeks ending with the reviewed week. */
export async function hourCounts(db: Queryable, prefix: string, week: Week): Promise<number[]> {
  const start = bounds({ from: addDays(week.to, -28), to: week.to }).start;
  const end = bounds(week).end;
  const { rows } = await sql<{ h: number; n: string }>`
    select extract(hour from i.received_at at time zone 'Asia/Shanghai')::int as h, count(*) as n
    from incidents i join jurisdictions j on j.id = i.jurisdiction_id
    where j.path like ${prefix} and i.received_at >= ${start} and i.received_at < ${end}
    group by 1`.execute(db);
  const hours = Array.from({ length: 24 }, () => 0);
  for (const r of rows) hours[r.h] = Number(r.n);
  return hours;
}

/** Repeat clusters with at least one incident in the week, busiest first. */
export async function activeClusters(db: Queryable, prefix: string, week: Week) {
  const { start, end } = bounds(week);
  const { rows } = await sql<{
    id: number;
    link_by: 'address' | 'phone' | 'party';
    link_value: string;
    level: 'red' | 'orange' | 'yellow' | 'blue' | null;
    incident_count: number;
    jurisdiction_name: string;
    address_name: string | null;
    n: string;
  }>`
    select c.id, c.link_by, c.link_value, c.level, c.incident_count, j.name as jurisdiction_name,
      (select a.full_name from addresses a where c.link_by = 'address' and a.id::text = c.link_value) as address_name,
      count(*) as n
    from repeat_clusters c
    join jurisdictions j on j.id = c.jurisdiction_id
    join repeat_cluster_incidents rci on rci.cluster_id = c.id
    join incidents i on i.id = rci.incident_id
    where j.path like ${prefix} and i.received_at >= ${start} and i.received_at < ${end}
    group by c.id, j.name
    order by count(*) desc, c.id
    limit 50`.execute(db);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Warnings not closed, raised before the end of the week; the gravest and oldest deadline first. */
export function openWarnings(db: Queryable, prefix: string, end: Date) {
  return db
    .selectFrom('warnings as w')
    .innerJoin('jurisdictions as j', 'j.id', 'w.jurisdiction_id')
    .leftJoin('users as u', 'u.id', 'w.owner_user_id')
    .select(['w.id', 'w.level', 'w.reason', 'u.display_name as owner_name', 'w.deadline', 'w.status', 'w.plan', 'j.name as jurisdiction_name'])
    .where('j.path', 'like', prefix)
    .where('w.status', '<>', 'closed')
    .where('w.created_at', '<', end)
    .orderBy(sql`case w.level when 'red' then 1 when 'orange' then 2 when 'yellow' then 3 else 4 end`)
    .orderBy('w.deadline')
    .orderBy('w.id')
    .limit(200)
    .execute();
}

/** 投诉 and 举报 (incident kinds complaint and report) received in the week. */
export function complaintsAndReports(db: Queryable, prefix: string, week: Week) {
  const { start, end } = bounds(week);
  return db
    .selectFrom('incidents as i')
    .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
    .leftJoin('incident_categories as cat', 'cat.code', 'i.category_code')
    .select(['i.id', 'i.kind', 'i.received_at', 'i.category_code', 'cat.name_zh as category_name', 'i.summary', 'i.status', 'j.name as jurisdiction_name'])
    .where('j.path', 'like', prefix)
    .where('i.kind', 'in', ['complaint', 'report'])
    .where('i.received_at', '>=', start)
    .where('i.received_at', '<', end)
    .orderBy('i.received_at')
    .orderBy('i.id')
    .limit(200)
    .execute();
}

/** 跟踪督办: as escalateTransfers — 'sent' past the acknowledgement deadline, or accepted and unfinished past the deadline. */
export function overdueTransfers(db: Queryable, prefix: string, now: Date) {
  return db
    .selectFrom('case_transfers as t')
    .innerJoin('dispute_cases as c', 'c.id', 't.case_id')
    .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
    .innerJoin('departments as d', 'd.id', 't.department_id')
    .select(['t.id', 't.case_id', 'c.case_no', 't.doc_no', 'd.name as department_name', 't.status', 't.ack_due_at', 't.due_at'])
    .where('j.path', 'like', prefix)
    .where((eb) =>
      eb.or([
        eb.and([eb('t.status', '=', 'sent'), eb('t.ack_due_at', '<', now)]),
        eb.and([eb('t.status', '=', 'accepted'), eb('t.due_at', '<', now)]),
      ]),
    )
    .orderBy('t.id')
    .limit(200)
    .execute();
}

/** 超期: as notifyStageOverdue — an open case past its stage deadline. */
export function overdueCases(db: Queryable, prefix: string, now: Date) {
  return db
    .selectFrom('dispute_cases as c')
    .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
    .innerJoin('case_stages as s', 's.code', 'c.stage')
    .leftJoin('users as u', 'u.id', 'c.officer_user_id')
    .select(['c.id', 'c.case_no', 'c.title', 's.name_zh as stage_name', 'c.stage_due_at', 'u.display_name as officer_name'])
    .where('j.path', 'like', prefix)
    .where('c.stage', '<>', 'closed')
    .where('c.stage_due_at', '<', now)
    .orderBy('c.stage_due_at')
    .orderBy('c.id')
    .limit(200)
    .execute();
}

/** 回访逾期: as notifyFollowupOverdue — a visit of a closed case not done after its day. */
export function overdueFollowups(db: Queryable, prefix: string, today: string) {
  return db
    .selectFrom('case_followups as f')
    .innerJoin('dispute_cases as c', (join) => join.onRef('c.id', '=', 'f.case_id').on('c.stage', '=', 'closed'))
    .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
    .leftJoin('users as u', 'u.id', 'f.assigned_user_id')
    .select(['f.id', 'f.case_id', 'c.case_no', 'f.kind', 'f.due_on', 'u.display_name as assignee_name'])
    .where('j.path', 'like', prefix)
    .where('f.done_at', 'is', null)
    .where('f.due_on', '<', today)
    .orderBy('f.due_on')
    .orderBy('f.id')
    .limit(200)
    .execute();
}
