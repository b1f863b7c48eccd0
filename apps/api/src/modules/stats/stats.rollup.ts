import { sql, type RawBuilder } from 'kysely';
import type { Database, Queryable } from '../../app/db/database.js';

/**
 * What one set of incidents contributes to the rollups, as rows of (day, jurisdiction_id, kind,
 * category_code, received, valid, filed, solved, arrived, compliant): the same rule as the SQL
 * function stats_apply (migration 0016), which moves the counts of a folded incident on update.
 *
 * - received: every incident, on its local day of receipt;
 * - valid (有效警情): every incident except those of kind 'other' (社会联动, 警种协助, 其它报警) that
 *   the police did nothing with (no outcome, or 'no_action');
 * - arrived / compliant: the 1-3-5 figures of modules/incidents timing (compliant = dispatched and
 *   arrived within the standard of the incident's area), on the day of receipt;
 * - filed (立案): outcome criminal_case or administrative_case, on the local day of outcome_at;
 * - solved (破案): a filed case with case_solved_at, on that local day.
 *
 * `where` selects incidents (alias i).
 */
export function contributions(where: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    with std as materialized (
      select j.id, st.dispatch_seconds, st.arrive_seconds from jurisdictions j cross join lateral stats_standard(j.id) st
      where j.id in (select distinct i.jurisdiction_id from incidents i where ${where}))
    select c.day, c.jurisdiction_id, c.kind, c.category_code,
      sum(c.received)::int as received, sum(c.valid)::int as valid, sum(c.filed)::int as filed,
      sum(c.solved)::int as solved, sum(c.arrived)::int as arrived, sum(c.compliant)::int as compliant
    from (
      select (i.received_at at time zone 'Asia/Shanghai')::date as day, i.jurisdiction_id, i.kind, i.category_code,
        1 as received,
        case when i.kind <> 'other' or i.outcome in ('criminal_case', 'administrative_case', 'dispute_case', 'help_given') then 1 else 0 end as valid,
        0 as filed, 0 as solved,
        case when i.arrived_at is not null then 1 else 0 end as arrived,
        case when i.arrived_at is not null and i.dispatched_at is not null
          and floor(extract(epoch from i.dispatched_at - i.received_at)) <= s.dispatch_seconds
          and floor(extract(epoch from i.arrived_at - i.received_at)) <= s.arrive_seconds then 1 else 0 end as compliant
      from incidents i
      left join std s on s.id = i.jurisdiction_id
      where ${where}
      union all
      select (i.outcome_at at time zone 'Asia/Shanghai')::date, i.jurisdiction_id, i.kind, i.category_code, 0, 0, 1, 0, 0, 0
      from incidents i
      where i.outcome in ('criminal_case', 'administrative_case') and i.outcome_at is not null and ${where}
      union all
      select (i.case_solved_at at time zone 'Asia/Shanghai')::date, i.jurisdiction_id, i.kind, i.category_code, 0, 0, 0, 1, 0, 0
      from incidents i
      where i.outcome in ('criminal_case', 'administrative_case') and i.case_solved_at is not null and ${where}
    ) c
    group by c.day, c.jurisdiction_id, c.kind, c.category_code`;
}

/**
 * The incidents the rollups do not hold yet (counted live by the presenter): ids above the
 * watermark and the gaps. Read first and inlined, so the planner uses the primary key.
 */
export async function unfoldedWhere(db: Queryable): Promise<RawBuilder<unknown>> {
  const { rows } = await sql<{ folded_id: number; gaps: string[] }>`select folded_id, gaps::text[] as gaps from stats_rollup_state`.execute(db);
  const state = rows[0] ?? { folded_id: 0, gaps: [] };
  // Literals, not parameters: a prepared statement's generic plan would guess "a third of all
  // incidents" for id > $1 and scan the table; with the value the planner walks the primary key.
  const folded = sql.lit(Number(state.folded_id));
  const gaps = state.gaps.map(Number).filter(Number.isSafeInteger);
  return gaps.length ? sql`(i.id > ${folded} or i.id = any(${sql.raw(`'{${gaps.join(',')}}'`)}::bigint[]))` : sql`i.id > ${folded}`;
}

/** Standards and tree shape the folded 1-3-5 counts depend on: when it changes, the job rebuilds. */
const FINGERPRINT = sql<{ fp: string }>`
  select md5(coalesce((select string_agg(area_kind || ':' || dispatch_seconds || ':' || arrive_seconds, ',' order by area_kind) from response_standards), '')
    || '|' || coalesce((select string_agg(id || ':' || coalesce(parent_id, 0) || ':' || kind, ',' order by id) from jurisdictions), '')) as fp`;

const ROLLUPS = [
  { table: 'stats_kind_days', period: 'day', byCategory: false },
  { table: 'stats_kind_months', period: 'month', byCategory: false },
  { table: 'stats_category_days', period: 'day', byCategory: true },
  { table: 'stats_category_months', period: 'month', byCategory: true },
] as const;
const MEASURES = ['received', 'valid', 'filed', 'solved', 'arrived', 'compliant'] as const;

/** Adds a set of contribution rows (temp table stats_fold) to the four rollups. */
async function addFold(trx: Queryable): Promise<void> {
  for (const r of ROLLUPS) {
    const period = r.period === 'day' ? 'day' : "date_trunc('month', day)::date";
    const category = r.byCategory ? 'category_code' : "''";
    await sql`
      insert into ${sql.table(r.table)} as t (${sql.raw(r.period)}, jurisdiction_id, kind, category_code, ${sql.raw(MEASURES.join(', '))})
      select ${sql.raw(period)}, jurisdiction_id, kind, ${sql.raw(category)}, ${sql.raw(MEASURES.map((m) => `sum(${m})`).join(', '))}
      from stats_fold group by 1, 2, 3, 4
      on conflict (${sql.raw(r.period)}, jurisdiction_id, kind, category_code) do update set
        ${sql.raw(MEASURES.map((m) => `${m} = t.${m} + excluded.${m}`).join(', '))}`.execute(trx);
  }
}

/** A gap older than this whose transaction horizon has passed can no longer appear: it rolled back. */
const GAP_GRACE_MS = 60 * 60 * 1000;

/**
 * Folds the incidents received since the last run into the rollups (the job `stats.rollup`), or
 * rebuilds them when the 1-3-5 standards or the jurisdiction tree changed. Returns the number of
 * incidents folded. The state row stays locked for the whole fold, so an incident update waits
 * for it (trigger stats_incident_changed) and is counted exactly once.
 */
export async function foldIncidents(db: Database, now: Date = new Date()): Promise<number> {
  return db.transaction().execute((trx) => foldWithin(trx, now));
}

/** The fold inside a transaction the caller holds (the demo county folds its own incidents). */
export async function foldWithin(trx: Queryable, now: Date): Promise<number> {
  {
    const state = await sql<{ folded_id: number; gaps: string[]; fingerprint: string | null }>`select folded_id, gaps::text[] as gaps, fingerprint from stats_rollup_state where id for update`.execute(trx);
    const { fp } = (await FINGERPRINT.execute(trx)).rows[0]!;
    let from = state.rows[0]!.folded_id;
    let gaps = state.rows[0]!.gaps.map(Number);
    if (state.rows[0]!.fingerprint !== fp) {
      gaps = [];
      await sql`truncate stats_kind_days, stats_kind_months, stats_category_days, stats_category_months`.execute(trx);
      await sql`update stats_rollup_state set folded_id = 0, gaps = '{}', gap_xmax = '{}', gap_found = '{}'`.execute(trx);
      from = 0;
    }
    const snap = await sql<{ upto: number; xmax: string; xmin: string }>`
      select coalesce((select max(id) from incidents), 0)::bigint as upto,
        pg_snapshot_xmax(pg_current_snapshot())::text as xmax, pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(trx);
    const { upto, xmax, xmin } = snap.rows[0]!;
    const range = gaps.length ? sql`((i.id > ${from} and i.id <= ${upto}) or i.id = any(${gaps}::bigint[]))` : sql`(i.id > ${from} and i.id <= ${upto})`;
    await sql`create temp table stats_fold on commit drop as ${contributions(range)}`.execute(trx);
    await addFold(trx);
    const folded = await sql<{ n: number }>`
      select count(*)::int as n from incidents i where ${range}`.execute(trx);
    // New gaps: ids in (from, upto] that are not visible now. Old gaps: kept until they appear, or
    // until every transaction that could still insert them has ended (then they were rolled back).
    await sql`
      with old as (
        select g.id, g.xmax, g.found from stats_rollup_state s, unnest(s.gaps, s.gap_xmax, s.gap_found) as g(id, xmax, found)
      ), fresh as (
        select g.id, ${xmax}::bigint as xmax, ${now}::timestamptz as found
        from generate_series(${from}::bigint + 1, ${upto}::bigint) g(id)
        where not exists (select 1 from incidents i where i.id = g.id)
      ), kept as (
        select * from old o
        where not exists (select 1 from incidents i where i.id = o.id)
          and not (o.xmax < ${xmin}::bigint and o.found < ${new Date(now.getTime() - GAP_GRACE_MS)}::timestamptz)
        union all select * from fresh
      )
      update stats_rollup_state set folded_id = greatest(folded_id, ${upto}::bigint),
        gaps = coalesce((select array_agg(id order by id) from kept), '{}'),
        gap_xmax = coalesce((select array_agg(xmax order by id) from kept), '{}'),
        gap_found = coalesce((select array_agg(found order by id) from kept), '{}'),
        fingerprint = ${fp}, folded_at = ${now}`.execute(trx);
    return folded.rows[0]!.n;
  }
}
