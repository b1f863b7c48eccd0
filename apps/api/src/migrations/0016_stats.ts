import { sql, type Kysely } from 'kysely';

// Statistics (统计分析): when a filed case was solved (破案), and the daily and monthly rollups the
// statistics presenter reads so that a county-year table over millions of incidents answers in
// milliseconds.
//
// Each rollup row counts, per local (Asia/Shanghai) day or month × incident jurisdiction × kind
// (stats_kind_*, category_code '') or × category (stats_category_*), the incidents RECEIVED that day (received, valid, arrived, 1-3-5 compliant), the cases
// FILED that day (outcome_at) and the cases SOLVED that day (case_solved_at): every measure on the
// day of its own event.
//
// Freshness without touching intake (no insert trigger): the job `stats.rollup` folds every
// incident with an id up to `folded_id`; the presenter adds a live count of the incidents with a
// larger id and of the `gaps` (ids at or below `folded_id` that were not yet visible when folded:
// a transaction still in flight, or one that rolled back). An update or delete of an incident that
// is already folded moves its counts at once (the trigger below), so the figures always equal a
// direct count from `incidents`.

/** The four rollups: per day or month, by kind (category_code '') or by category. */
export const ROLLUPS = [
  { table: 'stats_kind_days', period: 'day', byCategory: false },
  { table: 'stats_kind_months', period: 'month', byCategory: false },
  { table: 'stats_category_days', period: 'day', byCategory: true },
  { table: 'stats_category_months', period: 'month', byCategory: true },
] as const;
type Rollup = (typeof ROLLUPS)[number];
const MEASURES = ['received', 'valid', 'filed', 'solved', 'arrived', 'compliant'];

const createRollup = (r: Rollup) => `
    create table ${r.table} (
      ${r.period} date not null,
      jurisdiction_id integer not null,
      kind text not null,
      category_code text not null,
      ${MEASURES.map((m) => `${m} integer not null default 0,`).join(' ')}
      primary key (${r.period}, jurisdiction_id, kind, category_code)
    );`;

const upsertRollup = (r: Rollup) => `
      insert into ${r.table} as t (${r.period}, jurisdiction_id, kind, category_code, ${MEASURES.join(', ')})
      values (${r.period === 'day' ? 'p_day' : "date_trunc('month', p_day)::date"}, p_jid, p_kind, ${r.byCategory ? 'p_cat' : "''"}, ${MEASURES.map((m) => `p_${m}`).join(', ')})
      on conflict (${r.period}, jurisdiction_id, kind, category_code) do update set
        ${MEASURES.map((m) => `${m} = t.${m} + excluded.${m}`).join(', ')};`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table incidents add column case_solved_at timestamptz;

    ${sql.raw(ROLLUPS.map(createRollup).join('\n'))}

    -- One row: how far the job has folded, the ids it could not see yet, and the fingerprint of the
    -- 1-3-5 standards and the jurisdiction tree the folded compliance counts were computed with.
    create table stats_rollup_state (
      id boolean primary key default true check (id),
      folded_id bigint not null default 0,
      gaps bigint[] not null default '{}',
      -- per gap: the snapshot xmax when it was found, and when (it is dropped once no transaction
      -- of that time can still commit it)
      gap_xmax bigint[] not null default '{}',
      gap_found timestamptz[] not null default '{}',
      fingerprint text,
      folded_at timestamptz
    );
    insert into stats_rollup_state (id) values (true);

    -- The 1-3-5 standard of a jurisdiction: the response_standards row of its own kind, else of the
    -- nearest ancestor's kind that has one. The same rule as standardSeconds() in
    -- modules/incidents/incidents.timing.ts (a test checks both agree on every jurisdiction).
    create or replace function stats_standard(p_jurisdiction_id int, out dispatch_seconds int, out arrive_seconds int)
    language sql stable as $$
      select rs.dispatch_seconds, rs.arrive_seconds
      from jurisdictions j
      join lateral unnest(string_to_array(trim(both '/' from j.path), '/')::int[]) with ordinality as a(id, n) on true
      join jurisdictions anc on anc.id = a.id
      join response_standards rs on rs.area_kind = anc.kind
      where j.id = p_jurisdiction_id
      order by a.n desc
      limit 1
    $$;

    -- The counts one incident row contributes (sign +1 or -1) to both rollups.
    create or replace function stats_apply(r incidents, p_sign int) returns void language plpgsql as $$
    declare
      v_day date := (r.received_at at time zone 'Asia/Shanghai')::date;
      v_valid int := case when r.kind <> 'other' or r.outcome in ('criminal_case', 'administrative_case', 'dispute_case', 'help_given') then 1 else 0 end;
      v_filed boolean := r.outcome in ('criminal_case', 'administrative_case');
      v_arrived int := case when r.arrived_at is not null then 1 else 0 end;
      v_compliant int := 0;
      v_std record;
      v_ds int;
      v_ar int;
    begin
      if r.arrived_at is not null and r.dispatched_at is not null then
        select * into v_std from stats_standard(r.jurisdiction_id);
        v_ds := floor(extract(epoch from r.dispatched_at - r.received_at))::int;
        v_ar := floor(extract(epoch from r.arrived_at - r.received_at))::int;
        if v_std.dispatch_seconds is not null and v_ds <= v_std.dispatch_seconds and v_ar <= v_std.arrive_seconds then v_compliant := 1; end if;
      end if;
      perform stats_add(v_day, r.jurisdiction_id, r.kind, r.category_code, p_sign, p_sign * v_valid, 0, 0, p_sign * v_arrived, p_sign * v_compliant);
      if coalesce(v_filed, false) and r.outcome_at is not null then
        perform stats_add((r.outcome_at at time zone 'Asia/Shanghai')::date, r.jurisdiction_id, r.kind, r.category_code, 0, 0, p_sign, 0, 0, 0);
      end if;
      if coalesce(v_filed, false) and r.case_solved_at is not null then
        perform stats_add((r.case_solved_at at time zone 'Asia/Shanghai')::date, r.jurisdiction_id, r.kind, r.category_code, 0, 0, 0, p_sign, 0, 0);
      end if;
    end $$;

    create or replace function stats_add(p_day date, p_jid int, p_kind text, p_cat text, p_received int, p_valid int, p_filed int, p_solved int, p_arrived int, p_compliant int)
    returns void language sql as $$
      ${sql.raw(ROLLUPS.map(upsertRollup).join('\n'))}
    $$;

    -- Moves the counts of an already folded incident when a counted column changes (human edits:
    -- outcome, timing, reclassification, address correction). Not-yet-folded incidents are counted
    -- live, so nothing happens for them. The share lock waits for a fold in progress.
    create or replace function stats_incident_changed() returns trigger language plpgsql as $$
    declare
      v_state stats_rollup_state;
    begin
      select * into v_state from stats_rollup_state where id for share;
      if old.id > v_state.folded_id or old.id = any(v_state.gaps) then return null; end if;
      perform stats_apply(old, -1);
      if tg_op = 'UPDATE' then perform stats_apply(new, 1); end if;
      return null;
    end $$;

    create trigger stats_incident_updated after update on incidents for each row
      when (old.received_at is distinct from new.received_at or old.jurisdiction_id is distinct from new.jurisdiction_id
        or old.kind is distinct from new.kind or old.category_code is distinct from new.category_code
        or old.outcome is distinct from new.outcome or old.outcome_at is distinct from new.outcome_at
        or old.case_solved_at is distinct from new.case_solved_at
        or old.dispatched_at is distinct from new.dispatched_at or old.arrived_at is distinct from new.arrived_at)
      execute function stats_incident_changed();
    create trigger stats_incident_deleted after delete on incidents for each row execute function stats_incident_changed();

    create index dispute_cases_created_idx on dispute_cases (created_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
