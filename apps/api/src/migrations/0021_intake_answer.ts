import { sql, type Kysely } from 'kysely';

// Intake answers built by the API. incident_intake_batch (migration 0019) read every created
// incident back through the wide incident_answer_rows view and turned it into JSON (the 1-3-5
// standard's correlated look-ups, the category, address and jurisdiction names): about a seventh
// of PostgreSQL's time per intake. Everything in that row is what the API itself sent (the
// incident's values, its address match), a default of a new incident, or a name or standard from
// tables the API keeps with their version (incidents.intake-state.ts: the code tables, now with the
// categories' names, and the jurisdictions with their names, paths and response standards). The
// batch now answers a created item with its id and creation time, and the API builds the row
// (incidents.answer.ts); a test holds it equal to the incident as read back. The response
// standards join the code tables' version: a change to them makes a running intake answer
// 'stale' and the API reload its copy, as a change to a category does.
//
// The board's incident.created events of a batch go out several to a notification ({"events":
// [...]}, realtime.ts), not one NOTIFY per incident; which links can act is decided with the
// batch's own rows counted by address and phone instead of a look-up per incident and link.
//
// The audit log keeps no foreign keys. Its actor, API key and jurisdiction columns record who
// did what where at the time (beside the actor's name and role, written out); they are facts of
// the log, not relationships the database must hold true afterwards. Their checks were a tenth of
// an intake's PostgreSQL time (three trigger firings per audit row, a shared row lock on the user,
// key or jurisdiction each; SQL alone, three rounds: 0.95–1.00 → 0.86–0.88 ms per intake).
//
// repeat_link_one (migration 0020): a new cluster is counted as it is inserted (this incident and
// the earlier ones in the window, none of which a new cluster can hold yet) instead of by a
// second statement updating the row just written.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_events
      drop constraint audit_events_actor_user_id_fkey,
      drop constraint audit_events_actor_api_key_id_fkey,
      drop constraint audit_events_jurisdiction_id_fkey;

    create trigger response_standards_intake_codes_version after insert or update or delete or truncate on response_standards
      for each statement execute function bump_intake_codes_version();

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
      v_made boolean;
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
        -- A new cluster, counted as it is made: this incident and every earlier one in the window.
        -- If another intake made it meanwhile, the upsert waits for that one and keeps its grade,
        -- and the members it lacks are added and counted as for an existing cluster.
        insert into repeat_clusters (link_by, link_value, jurisdiction_id, first_at, last_at, incident_count)
        values (p_link_by, p_value, p_jurisdiction_id, least(p_at, (select min(t) from unnest(v_ats) t)), p_at, 1 + coalesce(cardinality(v_unlinked), 0))
        on conflict (link_by, link_value) do update set
          first_at = least(repeat_clusters.first_at, excluded.first_at),
          last_at = greatest(repeat_clusters.last_at, excluded.last_at)
        returning id, level, xmax = 0 into v_cluster_id, v_current, v_made;
        if v_made then
          insert into repeat_cluster_incidents (cluster_id, incident_id)
          select v_cluster_id, x from unnest(array[p_incident_id] || coalesce(v_unlinked, '{}')) x order by x;
        else
          with added as (
            insert into repeat_cluster_incidents (cluster_id, incident_id)
            select v_cluster_id, x from unnest(array[p_incident_id] || coalesce(v_unlinked, '{}')) x order by x
            on conflict do nothing
            returning 1)
          update repeat_clusters set incident_count = incident_count + (select count(*) from added) where id = v_cluster_id;
        end if;
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

    /*
      p: [ { scope, key, hash, incident, partyKeys, actor, versions } ] (incident_intake's p,
      migration 0012, always finished: linked and audited). Returns [ { status, id, createdAt } ]
      in the same order; createdAt (the transaction's time: the incident's created_at) only for
      'created'.
    */
    create or replace function incident_intake_batch(p jsonb) returns jsonb language plpgsql
      set plan_cache_mode = force_generic_plan set enable_seqscan = off set enable_hashjoin = off set enable_mergejoin = off as $$
    declare
      v_n int := jsonb_array_length(p);
      v_codes bigint := (select version from intake_codes_version);
      v_match bigint := (select version from address_match_version);
      v_status text[] := array_fill(null::text, array[greatest(v_n, 1)]);
      v_ids bigint[] := array_fill(null::bigint, array[greatest(v_n, 1)]);
      v_item jsonb;
      v_ref text;
      v_existing jsonb;
      v_claimed text[] := '{}';
      v_won text[];
      v_won_at tid[];
      v_pos int;
      -- The items that claim their key, in order: item index, scope, key, hash.
      c_ord int[] := '{}';
      c_scope text[] := '{}';
      c_key text[] := '{}';
      c_hash text[] := '{}';
      -- The items that create an incident, in order.
      n_ord int[] := '{}';
      n_ref text[] := '{}';
      n_at tid[] := '{}';
      n_id bigint[];
      v_needs jsonb;
      -- The batch's audit events in order (arrays appended in place, not a JSON array copied each time).
      a_actor jsonb[] := '{}';
      a_event jsonb[] := '{}';
      v_ev jsonb;
      v_events jsonb;
      v_out jsonb[] := '{}';
      v_r jsonb;
      ix int;
      kx int;
    begin
      if v_n = 0 then return '[]'::jsonb; end if;

      -- Keys already used before this batch, one look-up for all (an index probe per key: the
      -- lateral with its limit keeps the planner from hashing the whole key table).
      select coalesce(jsonb_object_agg(t.scope || chr(31) || t.key, jsonb_build_object('hash', t.request_hash, 'id', t.incident_id)), '{}'::jsonb) into v_existing
      from (select distinct e ->> 'scope' as scope, e ->> 'key' as key from jsonb_array_elements(p) e) w,
        lateral (select k.scope, k.key, k.request_hash, k.incident_id from idempotency_keys k where k.scope = w.scope and k.key = w.key limit 1) t;

      for ix in 1 .. v_n loop
        v_item := p -> (ix - 1);
        -- Validated against a stale copy of the code tables or of the address matches: nothing written.
        if (v_item -> 'versions' ->> 'codes')::bigint is distinct from v_codes or (v_item -> 'versions' ->> 'match')::bigint is distinct from v_match then
          v_status[ix] := 'stale';
          continue;
        end if;
        v_ref := (v_item ->> 'scope') || chr(31) || (v_item ->> 'key');
        if v_existing ? v_ref then
          v_ids[ix] := (v_existing -> v_ref ->> 'id')::bigint;
          v_status[ix] := case when v_existing -> v_ref ->> 'hash' <> v_item ->> 'hash' then 'mismatch' when v_ids[ix] is null then 'pending' else 'replay' end;
        elsif v_ref = any (v_claimed) then
          v_status[ix] := 'again'; -- an earlier item of this batch has the key: answered at the end
        else
          v_claimed := array_append(v_claimed, v_ref);
          c_ord := c_ord || ix;
          c_scope := c_scope || (v_item ->> 'scope');
          c_key := c_key || (v_item ->> 'key');
          c_hash := c_hash || (v_item ->> 'hash');
        end if;
      end loop;

      -- Claim the keys, in key order (two batches never wait on each other's keys in a circle).
      -- A concurrent batch holding one of them is waited for; its key is then taken.
      if cardinality(c_ord) > 0 then
        with claimed as (
          insert into idempotency_keys (scope, key, request_hash)
          select u.s, u.k, u.h from unnest(c_scope, c_key, c_hash) as u(s, k, h) order by u.s, u.k
          on conflict do nothing
          returning ctid, scope, key)
        select coalesce(array_agg(scope || chr(31) || key), '{}'), coalesce(array_agg(ctid), '{}') into v_won, v_won_at from claimed;
        for kx in 1 .. cardinality(c_ord) loop
          v_pos := array_position(v_won, c_scope[kx] || chr(31) || c_key[kx]);
          if v_pos is not null then
            n_ord := n_ord || c_ord[kx];
            n_at := n_at || v_won_at[v_pos];
            n_ref := n_ref || (c_scope[kx] || chr(31) || c_key[kx]);
          else
            v_status[c_ord[kx]] := 'again';
          end if;
        end loop;
      end if;

      if cardinality(n_ord) > 0 then
        -- (The sequence looked up once, not once per id.)
        select array_agg(nextval(q.seq) order by g) into n_id from (select pg_get_serial_sequence('incidents', 'id')::regclass as seq) q, generate_series(1, cardinality(n_ord)) g;
        insert into incidents (id, channel, external_ref, received_at, category_code, kind, risk_domain, dispute_type, summary, narrative, caller_name, caller_phone,
          address_text, address_id, address_confidence, lat, lon, jurisdiction_id, created_by, api_key_id)
        select u.id, v ->> 'channel', v ->> 'externalRef', (v ->> 'receivedAt')::timestamptz, v ->> 'categoryCode', v ->> 'kind', v ->> 'riskDomain', v ->> 'disputeType',
          v ->> 'summary', v ->> 'narrative', v ->> 'callerName', v ->> 'callerPhone', v ->> 'addressText', (v ->> 'addressId')::bigint,
          (v ->> 'addressConfidence')::real, (v ->> 'lat')::double precision, (v ->> 'lon')::double precision, (v ->> 'jurisdictionId')::int,
          (v ->> 'createdBy')::int, (v ->> 'apiKeyId')::int
        from unnest(n_ord, n_id) with ordinality as u(ord, id, n), lateral (select p -> (u.ord - 1) -> 'incident' as v) x
        order by u.n;
        -- The claimed key rows by their tuple ids (this transaction wrote them: nothing moved them).
        update idempotency_keys t set incident_id = n_id[array_position(n_ref, t.scope || chr(31) || t.key)]
        where t.ctid = any (n_at);
        for kx in 1 .. cardinality(n_ord) loop
          v_status[n_ord[kx]] := 'created';
          v_ids[n_ord[kx]] := n_id[kx];
        end loop;

        -- The board's incident.created events (realtime.ts publishRows; fq_publish_row's rule for a long row).
        -- Several events to a notification (realtime.ts receive: {"events": [...]}, in order), each
        -- notification under 8,000 bytes: an event starts a new one when 3,800 bytes of events came
        -- before it in the current one; an event longer than 3,800 bytes goes as its id and
        -- truncated (a board row is at most ~2,500).
        perform pg_notify('fq_events', z.payload)
        from (with e as materialized (
                -- Materialised: each payload built once, not again for each use in the steps below.
                select b.id, b.path, json_build_object('type', 'incident.created', 'path', b.path, 'data', to_jsonb(b) - 'path')::text as payload
                from incident_board_rows b where b.id = any (n_id)),
              x as materialized (
                select e.id, case when octet_length(e.payload) > 3800
                    then json_build_object('type', 'incident.created', 'path', e.path, 'data', json_build_object('id', e.id, 'truncated', true))::text
                    else e.payload end as payload
                from e)
              select y.chunk, '{"events":[' || string_agg(y.payload, ',' order by y.id) || ']}' as payload
              from (select x.id, x.payload, (sum(octet_length(x.payload) + 1) over (order by x.id) - octet_length(x.payload) - 1) / 3800 as chunk from x) y
              group by y.chunk
              order by y.chunk) z;

        -- Which links can do anything: another incident of this batch on the same address or phone
        -- (counted over the batch's rows, not looked up per incident), a cluster, or an earlier
        -- incident within the longest window.
        select coalesce(jsonb_object_agg(q.id::text, jsonb_build_object('address', q.address, 'phone', q.phone)), '{}'::jsonb) into v_needs
        from (
          select i2.id,
            i2.address_id is not null and wa.days is not null and (
              i2.same_address > 1
              or exists (select 1 from repeat_clusters rc where rc.link_by = 'address' and rc.link_value = i2.address_id::text)
              or exists (select 1 from incidents o where o.address_id = i2.address_id and o.received_at >= i2.received_at - wa.days * interval '24 hours'
                         and o.received_at <= i2.received_at and o.id <> i2.id)) as address,
            i2.caller_phone is not null and wp.days is not null and (
              i2.same_phone > 1
              or exists (select 1 from repeat_clusters rc where rc.link_by = 'phone' and rc.link_value = i2.caller_phone)
              or exists (select 1 from incidents o where o.caller_phone = i2.caller_phone and o.received_at >= i2.received_at - wp.days * interval '24 hours'
                         and o.received_at <= i2.received_at and o.id <> i2.id)) as phone
          from (select b.id, b.address_id, b.caller_phone, b.received_at,
                  count(*) over (partition by b.address_id) as same_address, count(*) over (partition by b.caller_phone) as same_phone
                from incidents b where b.id = any (n_id)) i2,
            (select max(window_days) as days from repeat_rules where active and link_by = 'address') wa,
            (select max(window_days) as days from repeat_rules where active and link_by = 'phone') wp) q;

        -- Repeat linking in the batch's order (address, phone, party keys: repeat_link), each
        -- incident's audit events after its incident.created.
        for kx in 1 .. cardinality(n_ord) loop
          v_item := p -> (n_ord[kx] - 1);
          v_events := '[]'::jsonb;
          if (v_needs -> n_id[kx]::text ->> 'address')::boolean then
            v_events := v_events || repeat_link_one(n_id[kx], (v_item -> 'incident' ->> 'receivedAt')::timestamptz, 'address', v_item -> 'incident' ->> 'addressId',
              (v_item -> 'incident' ->> 'jurisdictionId')::int);
          end if;
          if (v_needs -> n_id[kx]::text ->> 'phone')::boolean then
            v_events := v_events || repeat_link_one(n_id[kx], (v_item -> 'incident' ->> 'receivedAt')::timestamptz, 'phone', v_item -> 'incident' ->> 'callerPhone',
              (v_item -> 'incident' ->> 'jurisdictionId')::int);
          end if;
          if jsonb_array_length(coalesce(v_item -> 'partyKeys', '[]'::jsonb)) > 0 then
            v_events := v_events || repeat_link(n_id[kx], (v_item -> 'incident' ->> 'receivedAt')::timestamptz, null, null,
              array(select jsonb_array_elements_text(v_item -> 'partyKeys')), (v_item -> 'incident' ->> 'jurisdictionId')::int);
          end if;
          a_actor := array_append(a_actor, v_item -> 'actor');
          a_event := array_append(a_event, jsonb_build_object('action', 'incident.created', 'entityType', 'incident',
            'entityId', n_id[kx], 'jurisdictionId', (v_item -> 'incident' ->> 'jurisdictionId')::int,
            'change', jsonb_build_object('channel', v_item -> 'incident' -> 'channel', 'categoryCode', v_item -> 'incident' -> 'categoryCode',
              'summary', v_item -> 'incident' -> 'summary', 'addressId', v_item -> 'incident' -> 'addressId')));
          if jsonb_array_length(v_events) > 0 then
            for v_ev in select y.ev from jsonb_array_elements(v_events) with ordinality as y(ev, n) order by y.n loop
              a_actor := array_append(a_actor, v_item -> 'actor');
              a_event := array_append(a_event, v_ev);
            end loop;
          end if;
        end loop;

        -- app/audit.ts recordAudit for every event of the batch, in order.
        insert into audit_events (actor_user_id, actor_api_key_id, actor_name, actor_role, action, entity_type, entity_id, jurisdiction_id, ip, request_id, change)
        select (x.a ->> 'userId')::int, (x.a ->> 'apiKeyId')::int, x.a ->> 'name', x.a ->> 'role', x.e ->> 'action', x.e ->> 'entityType',
          x.e ->> 'entityId', (x.e ->> 'jurisdictionId')::int, x.a ->> 'ip', x.a ->> 'requestId', x.e -> 'change'
        from unnest(a_actor, a_event) with ordinality as x(a, e, n)
        order by x.n;

      end if;

      for ix in 1 .. v_n loop
        if v_status[ix] = 'again' then
          -- The key of an earlier item of this batch, or of a batch that committed meanwhile.
          v_item := p -> (ix - 1);
          v_r := coalesce(intake_replay(v_item ->> 'scope', v_item ->> 'key', v_item ->> 'hash'), jsonb_build_object('status', 'pending', 'id', null));
        elsif v_status[ix] = 'created' then
          v_r := jsonb_build_object('status', 'created', 'id', v_ids[ix], 'createdAt', now());
        else
          v_r := jsonb_build_object('status', v_status[ix], 'id', v_ids[ix]);
        end if;
        v_out := array_append(v_out, v_r);
      end loop;
      return to_jsonb(v_out);
    end
    $$;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
