import { sql, type Kysely } from 'kysely';

// A repeat cluster's new episode gets its own grade. repeat_link_one (migration 0019) ignored a
// cluster's old grade only for the incident that ended a quiet spell (no incident for a whole
// window) and left the grade on the cluster, so the episode after it warned again only once it
// passed the old grade: an address warned yellow in January, quiet in February, raised nothing for
// three incidents in March. The grade now starts again with the episode (written with the count);
// a warning still live from the old episode keeps its higher grade and records that the link
// warns again ("再次达到预警条件"). repeat_link_one also runs fewer statements: the window, the
// cluster and the earlier incidents in one query, and for an existing cluster its new members,
// count, span and grade in one.
//
// Intake's functions plan by key look-ups only. Their statements are planned once per connection
// (generic plans) from the statistics of tables that start empty in a new county and grow by the
// thousand in a busy hour (clusters, their members, warnings, idempotency keys): after a vacuum
// found them empty the planner trusted that, hashed or scanned them whole, and kept doing so as they
// grew (bench:intake after a full vacuum: 531 incidents/s, p99 201 ms, PostgreSQL 3.0 ms per
// incident). Sequential scans, hash joins and merge joins are therefore off inside them: every
// statement there reads a few rows by an index.
//
// (A set-based rewrite of the batch's linking was measured and not kept: it cut PostgreSQL's time
// per incident by a fifth on a database where a third of incidents raise a warning, but was no
// faster through HTTP at the benchmark's load; docs/incidents.md "Intake performance".)

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- repeat_link_one of migration 0019, with the new episode's grade written (see above), in fewer
    -- statements: the window, the cluster and the earlier incidents in one query; for an existing
    -- cluster its members, count, span and grade in one (the cluster row gets one new version per
    -- intake instead of two).
    create or replace function repeat_link_one(p_incident_id bigint, p_at timestamptz, p_link_by text, p_value text, p_jurisdiction_id int) returns jsonb language plpgsql as $$
    declare
      v_max int;
      v_exists boolean;
      v_existing_last timestamptz;
      v_cluster_id bigint;
      v_ids bigint[];
      v_ats timestamptz[];
      v_unlinked bigint[];
      v_best_level text;
      v_best_window int;
      v_best_count int;
      v_current text;
      v_reason text;
      v_live record;
      v_owner int;
      v_warning_id bigint;
      v_to text;
    begin
      -- The rules' longest window, the link's cluster and the earlier incidents sharing the link
      -- within that window (newest first, at most 1,000; which of them the cluster lacks), in one query.
      if p_link_by = 'party' then
        select r.days, c.id, c.last_at, e.ids, e.ats, e.unlinked into v_max, v_cluster_id, v_existing_last, v_ids, v_ats, v_unlinked
        from (select max(window_days) as days from repeat_rules where active and link_by = p_link_by) r
        left join repeat_clusters c on c.link_by = p_link_by and c.link_value = p_value
        left join lateral (
          select array_agg(x.id order by x.received_at desc) as ids, array_agg(x.received_at order by x.received_at desc) as ats, array_agg(x.id) filter (where not x.linked) as unlinked
          from (select distinct i.id, i.received_at,
                  exists (select 1 from repeat_cluster_incidents ci where ci.cluster_id = c.id and ci.incident_id = i.id) as linked
                from incident_parties p join incidents i on i.id = p.incident_id
                where p.link_key = p_value and i.received_at >= p_at - r.days * interval '24 hours' and i.received_at <= p_at and i.id <> p_incident_id
                order by i.received_at desc limit 1000) x) e on true;
      elsif p_link_by = 'address' then
        select r.days, c.id, c.last_at, e.ids, e.ats, e.unlinked into v_max, v_cluster_id, v_existing_last, v_ids, v_ats, v_unlinked
        from (select max(window_days) as days from repeat_rules where active and link_by = p_link_by) r
        left join repeat_clusters c on c.link_by = p_link_by and c.link_value = p_value
        left join lateral (
          select array_agg(x.id order by x.received_at desc) as ids, array_agg(x.received_at order by x.received_at desc) as ats, array_agg(x.id) filter (where not x.linked) as unlinked
          from (select i.id, i.received_at,
                  exists (select 1 from repeat_cluster_incidents ci where ci.cluster_id = c.id and ci.incident_id = i.id) as linked
                from incidents i
                where i.address_id = p_value::bigint and i.received_at >= p_at - r.days * interval '24 hours' and i.received_at <= p_at and i.id <> p_incident_id
                order by i.received_at desc limit 1000) x) e on true;
      else
        select r.days, c.id, c.last_at, e.ids, e.ats, e.unlinked into v_max, v_cluster_id, v_existing_last, v_ids, v_ats, v_unlinked
        from (select max(window_days) as days from repeat_rules where active and link_by = p_link_by) r
        left join repeat_clusters c on c.link_by = p_link_by and c.link_value = p_value
        left join lateral (
          select array_agg(x.id order by x.received_at desc) as ids, array_agg(x.received_at order by x.received_at desc) as ats, array_agg(x.id) filter (where not x.linked) as unlinked
          from (select i.id, i.received_at,
                  exists (select 1 from repeat_cluster_incidents ci where ci.cluster_id = c.id and ci.incident_id = i.id) as linked
                from incidents i
                where i.caller_phone = p_value and i.received_at >= p_at - r.days * interval '24 hours' and i.received_at <= p_at and i.id <> p_incident_id
                order by i.received_at desc limit 1000) x) e on true;
      end if;
      if v_max is null then return '[]'::jsonb; end if;
      v_exists := v_cluster_id is not null;
      -- A cluster needs two incidents.
      if v_ids is null and not v_exists then return '[]'::jsonb; end if;

      if v_exists then
        -- The new members (in id order: two intakes adding the same earlier incidents never wait on
        -- each other in a circle), the count, the span and the grade in one statement; the update
        -- locks the cluster row, so concurrent intakes on one link queue here. A cluster quiet for
        -- a whole window starts a new episode: its old grade no longer holds.
        with added as (
          insert into repeat_cluster_incidents (cluster_id, incident_id)
          select v_cluster_id, x from unnest(array[p_incident_id] || coalesce(v_unlinked, '{}')) x order by x
          on conflict do nothing
          returning 1)
        update repeat_clusters set
          first_at = least(first_at, p_at, (select min(t) from unnest(v_ats) t)),
          last_at = greatest(last_at, p_at),
          incident_count = incident_count + (select count(*) from added),
          level = case when last_at < p_at - v_max * interval '24 hours' then null else level end
        where id = v_cluster_id
        returning level into v_current;
      else
        -- A new cluster (or one another intake made meanwhile: the upsert then waits for it and keeps its grade).
        insert into repeat_clusters (link_by, link_value, jurisdiction_id, first_at, last_at)
        values (p_link_by, p_value, p_jurisdiction_id, least(p_at, (select min(t) from unnest(v_ats) t)), p_at)
        on conflict (link_by, link_value) do update set
          first_at = least(repeat_clusters.first_at, excluded.first_at),
          last_at = greatest(repeat_clusters.last_at, excluded.last_at)
        returning id, level into v_cluster_id, v_current;
        with added as (
          insert into repeat_cluster_incidents (cluster_id, incident_id)
          select v_cluster_id, x from unnest(array[p_incident_id] || coalesce(v_unlinked, '{}')) x order by x
          on conflict do nothing
          returning 1)
        update repeat_clusters set incident_count = incident_count + (select count(*) from added) where id = v_cluster_id;
      end if;

      -- The grade the rules give this incident's windows; the winning rule words the reason.
      -- The highest grade among the rules met (the first rule of that grade), in one query.
      select r.level, r.window_days, r.n into v_best_level, v_best_window, v_best_count
      from (select rr.id, rr.level, rr.window_days, rr.threshold,
                   1 + (select count(*) from unnest(v_ats) t where t >= p_at - rr.window_days * interval '24 hours')::int as n
            from repeat_rules rr where rr.active and rr.link_by = p_link_by) r
      where r.n >= r.threshold
      order by warning_level_rank(r.level) desc, r.id
      limit 1;
      if v_best_level is null then return '[]'::jsonb; end if;
      if warning_level_rank(v_best_level) <= warning_level_rank(v_current) then return '[]'::jsonb; end if;

      update repeat_clusters set level = v_best_level where id = v_cluster_id;
      v_reason := case p_link_by
          when 'phone' then '报警电话 ' || p_value
          when 'party' then trim('当事人 ' || coalesce((select name from incident_parties where link_key = p_value order by id desc limit 1), ''))
          else coalesce((select full_name from addresses where id = p_value::bigint), '地址 #' || p_value)
        end || ' ' || v_best_window || '天内报警' || v_best_count || '次';
      select id, level, status, jurisdiction_id into v_live from warnings where cluster_id = v_cluster_id and status <> 'closed' limit 1;
      if found then
        -- The live warning moves up to the grade; one still open from an earlier episode at a
        -- higher grade keeps it and records that the link warns again.
        v_to := case when warning_level_rank(v_best_level) > warning_level_rank(v_live.level) then v_best_level else v_live.level end;
        update warnings set level = v_to, reason = v_reason,
          deadline = current_date + (case v_to when 'red' then 3 when 'orange' then 7 else 14 end), updated_at = clock_timestamp()
        where id = v_live.id;
        insert into warning_events (warning_id, actor_name, from_status, to_status, note)
        values (v_live.id, '系统', v_live.status, v_live.status,
          case when v_to = v_live.level then '再次达到预警条件：'
            else '升级为' || case v_to when 'red' then '红色' when 'orange' then '橙色' when 'yellow' then '黄色' else '蓝色' end || '预警：' end || v_reason);
        perform fq_publish_row('warning.upgraded', board_warning_row(v_live.id));
        return jsonb_build_array(jsonb_build_object('action', 'warning.raised', 'entityType', 'warning', 'entityId', v_live.id, 'jurisdictionId', v_live.jurisdiction_id,
          'change', jsonb_build_object('level', jsonb_build_object('from', v_live.level, 'to', v_to), 'reason', v_reason, 'incidentId', p_incident_id)));
      end if;
      v_owner := community_officer(p_jurisdiction_id);
      insert into warnings (cluster_id, level, reason, owner_user_id, deadline, jurisdiction_id)
      values (v_cluster_id, v_best_level, v_reason, v_owner, current_date + (case v_best_level when 'red' then 3 when 'orange' then 7 else 14 end), p_jurisdiction_id)
      returning id into v_warning_id;
      insert into warning_events (warning_id, actor_name, from_status, to_status, note) values (v_warning_id, '系统', null, 'open', v_reason);
      perform fq_publish_row('warning.raised', board_warning_row(v_warning_id));
      return jsonb_build_array(jsonb_build_object('action', 'warning.raised', 'entityType', 'warning', 'entityId', v_warning_id, 'jurisdictionId', p_jurisdiction_id,
        'change', jsonb_build_object('level', v_best_level, 'reason', v_reason, 'ownerUserId', v_owner, 'incidentId', p_incident_id)));
    end
    $$;
  `.execute(db);
  for (const fn of ['incident_intake_batch(jsonb)', 'incident_intake(jsonb)', 'repeat_link(bigint, timestamptz, bigint, text, text[], int)']) {
    await sql.raw(`alter function ${fn} set enable_seqscan = off set enable_hashjoin = off set enable_mergejoin = off`).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
