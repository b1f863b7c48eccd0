import { sql, type Kysely } from 'kysely';

// Intake in one round trip. An incident's intake used to send about fifteen statements (key
// claim, insert, board event, repeat rules, a look-up and three writes per link, warning upkeep,
// audit), each a round trip with its own parse, bind and commit work on both sides. These
// functions do the same work inside PostgreSQL:
//
// - `repeat_link(...)`: the repeat linking of warnings/repeats.ts (same rules, windows, clusters,
//   warning grades, reasons, owners, warning events and board events); returns the audit events
//   (warning.raised) for the caller to record. The TypeScript `linkRepeats` calls it, so intake,
//   party and address changes and the demo generator share this one implementation.
// - `incident_intake(p jsonb)`: the check that the caller validated against current code tables
//   and address matches (intake_codes_version, address_match_version), the idempotency check and claim, the insert, the key pointing at the
//   incident, the board's `incident.created` event and, with `finish`, the repeat linking and the
//   audit events (incident.created, then warning.raised), all in the caller's transaction (one
//   statement: its own transaction when called alone).
//
// Every function but the one-line rank is PL/pgSQL: PostgreSQL 15 plans the statements of a SQL
// function again on every call, PL/pgSQL keeps their plans per connection.
//
// The board events use the board's row projection (modules/board/board.presenter.ts,
// boardIncidents / boardWarnings) written out in SQL; the station is found among the
// jurisdiction's ancestors by id (its path holds their ids) rather than by comparing every
// jurisdiction's path, the same rows found through an index. The board tests receive these events.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The code tables intake validates against (channels, categories, risk domains, dispute
    -- types) are kept in the API process; this counter, bumped by any statement writing them, says
    -- when that copy went stale. incident_intake refuses to write under a stale copy (or a stale
    -- address_match_version, migration 0009) and tells the caller to reload and validate again.
    create table intake_codes_version (
      id boolean primary key default true check (id),
      version bigint not null default 0
    );
    insert into intake_codes_version default values;
    create or replace function bump_intake_codes_version() returns trigger language plpgsql as $$
    begin
      update intake_codes_version set version = version + 1;
      return null;
    end
    $$;
    create trigger channels_intake_codes_version after insert or update or delete or truncate on channels
      for each statement execute function bump_intake_codes_version();
    create trigger incident_categories_intake_codes_version after insert or update or delete or truncate on incident_categories
      for each statement execute function bump_intake_codes_version();
    create trigger risk_domains_intake_codes_version after insert or update or delete or truncate on risk_domains
      for each statement execute function bump_intake_codes_version();
    create trigger mediation_dispute_types_intake_codes_version after insert or update or delete or truncate on mediation_dispute_types
      for each statement execute function bump_intake_codes_version();

    create or replace function warning_level_rank(p_level text) returns int language sql immutable as $$
      select case p_level when 'blue' then 1 when 'yellow' then 2 when 'orange' then 3 when 'red' then 4 else 0 end
    $$;

    -- realtime.ts publishRows for one row: the row's path is the event's path, its other columns the data.
    create or replace function fq_publish_row(p_type text, p_row jsonb) returns void language plpgsql as $$
    declare
      v_payload text;
    begin
      if p_row is null then return; end if;
      v_payload := json_build_object('type', p_type, 'path', p_row ->> 'path', 'data', p_row - 'path')::text;
      if octet_length(v_payload) > 7800 then
        v_payload := json_build_object('type', p_type, 'path', p_row ->> 'path', 'data', json_build_object('id', p_row -> 'id', 'truncated', true))::text;
      end if;
      perform pg_notify('fq_events', v_payload);
    end
    $$;

    create or replace function board_incident_row(p_id bigint) returns jsonb language plpgsql stable as $$
    begin
      return (select to_jsonb(e) from (
        select i.id, to_char(i.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "receivedAt", i.category_code as "categoryCode",
          c.name_zh as "categoryName", i.kind, i.status, i.channel, left(i.summary, 300) as summary, left(i.address_text, 300) as "addressText",
          i.lat, i.lon, i.jurisdiction_id as "jurisdictionId", j.name as "jurisdictionName", s.id as "stationId", s.name as "stationName", j.path
        from incidents i
        join jurisdictions j on j.id = i.jurisdiction_id
        join incident_categories c on c.code = i.category_code
        left join jurisdictions s on s.kind = 'station' and s.id = any (string_to_array(trim(both '/' from j.path), '/')::int[]) and j.path like s.path || '%'
        where i.id = p_id) e);
    end
    $$;

    create or replace function board_warning_row(p_id bigint) returns jsonb language plpgsql stable as $$
    begin
      return (select to_jsonb(e) from (
        select w.id, w.source, w.level, w.status, left(w.reason, 300) as reason, w.deadline, u.display_name as "ownerName",
          coalesce(rc.incident_count, 1) as "incidentCount", w.incident_id as "incidentId", w.jurisdiction_id as "jurisdictionId",
          j.name as "jurisdictionName", s.id as "stationId", s.name as "stationName",
          to_char(w.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
          to_char(w.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt", j.path
        from warnings w
        join jurisdictions j on j.id = w.jurisdiction_id
        left join repeat_clusters rc on rc.id = w.cluster_id
        left join users u on u.id = w.owner_user_id
        left join jurisdictions s on s.kind = 'station' and s.id = any (string_to_array(trim(both '/' from j.path), '/')::int[]) and j.path like s.path || '%'
        where w.id = p_id) e);
    end
    $$;

    -- The community officer of a jurisdiction: an officer there, else at its nearest ancestor.
    create or replace function community_officer(p_jurisdiction_id int) returns int language plpgsql stable as $$
    declare
      v_ids int[];
    begin
      select string_to_array(trim(both '/' from path), '/')::int[] into v_ids from jurisdictions where id = p_jurisdiction_id;
      if v_ids is null then return null; end if;
      return (select u.id from users u
        join jurisdictions uj on uj.id = u.jurisdiction_id
        where u.role = 'officer' and u.active and u.jurisdiction_id = any (v_ids)
          and (uj.id = p_jurisdiction_id or uj.kind in ('community', 'village', 'police_room'))
        order by length(uj.path) desc, u.id
        limit 1);
    end
    $$;

    -- One link (address, phone or party key) of a just-inserted incident: warnings/repeats.ts linkOne.
    create or replace function repeat_link_one(p_incident_id bigint, p_at timestamptz, p_link_by text, p_value text, p_jurisdiction_id int) returns jsonb language plpgsql as $$
    declare
      v_max int;
      v_exists boolean;
      v_existing_last timestamptz;
      v_cluster_id bigint;
      v_level text;
      v_ids bigint[];
      v_ats timestamptz[];
      v_unlinked bigint[];
      v_added int;
      v_rule record;
      v_best_level text;
      v_best_window int;
      v_best_count int;
      v_count int;
      v_current text;
      v_reason text;
      v_live record;
      v_owner int;
      v_warning_id bigint;
    begin
      select max(window_days) into v_max from repeat_rules where active and link_by = p_link_by;
      if v_max is null then return '[]'::jsonb; end if;
      select id, last_at into v_cluster_id, v_existing_last from repeat_clusters where link_by = p_link_by and link_value = p_value;
      v_exists := found;

      -- Earlier incidents sharing the link within the longest window, newest first (at most 1,000).
      if p_link_by = 'party' then
        select array_agg(e.id order by e.received_at desc), array_agg(e.received_at order by e.received_at desc), array_agg(e.id) filter (where not e.linked)
        into v_ids, v_ats, v_unlinked
        from (select distinct i.id, i.received_at,
                exists (select 1 from repeat_cluster_incidents ci where ci.cluster_id = v_cluster_id and ci.incident_id = i.id) as linked
              from incident_parties p join incidents i on i.id = p.incident_id
              where p.link_key = p_value and i.received_at >= p_at - v_max * interval '24 hours' and i.received_at <= p_at and i.id <> p_incident_id
              order by i.received_at desc limit 1000) e;
      elsif p_link_by = 'address' then
        select array_agg(e.id order by e.received_at desc), array_agg(e.received_at order by e.received_at desc), array_agg(e.id) filter (where not e.linked)
        into v_ids, v_ats, v_unlinked
        from (select i.id, i.received_at,
                exists (select 1 from repeat_cluster_incidents ci where ci.cluster_id = v_cluster_id and ci.incident_id = i.id) as linked
              from incidents i
              where i.address_id = p_value::bigint and i.received_at >= p_at - v_max * interval '24 hours' and i.received_at <= p_at and i.id <> p_incident_id
              order by i.received_at desc limit 1000) e;
      else
        select array_agg(e.id order by e.received_at desc), array_agg(e.received_at order by e.received_at desc), array_agg(e.id) filter (where not e.linked)
        into v_ids, v_ats, v_unlinked
        from (select i.id, i.received_at,
                exists (select 1 from repeat_cluster_incidents ci where ci.cluster_id = v_cluster_id and ci.incident_id = i.id) as linked
              from incidents i
              where i.caller_phone = p_value and i.received_at >= p_at - v_max * interval '24 hours' and i.received_at <= p_at and i.id <> p_incident_id
              order by i.received_at desc limit 1000) e;
      end if;
      -- A cluster needs two incidents.
      if v_ids is null and not v_exists then return '[]'::jsonb; end if;

      -- The upsert locks the cluster row: concurrent intakes on one link queue here.
      insert into repeat_clusters (link_by, link_value, jurisdiction_id, first_at, last_at)
      values (p_link_by, p_value, p_jurisdiction_id, least(p_at, (select min(t) from unnest(v_ats) t)), p_at)
      on conflict (link_by, link_value) do update set
        first_at = least(repeat_clusters.first_at, excluded.first_at),
        last_at = greatest(repeat_clusters.last_at, excluded.last_at)
      returning id, level into v_cluster_id, v_level;
      with added as (
        insert into repeat_cluster_incidents (cluster_id, incident_id)
        select v_cluster_id, x from unnest(array[p_incident_id] || coalesce(v_unlinked, '{}')) x
        on conflict do nothing
        returning 1)
      select count(*) into v_added from added;
      update repeat_clusters set incident_count = incident_count + v_added where id = v_cluster_id;

      -- The grade the rules give this incident's windows; the winning rule words the reason.
      for v_rule in select window_days, threshold, level from repeat_rules where active and link_by = p_link_by order by id loop
        v_count := 1 + (select count(*) from unnest(v_ats) t where t >= p_at - v_rule.window_days * interval '24 hours');
        if v_count >= v_rule.threshold and (v_best_level is null or warning_level_rank(v_rule.level) > warning_level_rank(v_best_level)) then
          v_best_level := v_rule.level;
          v_best_window := v_rule.window_days;
          v_best_count := v_count;
        end if;
      end loop;
      if v_best_level is null then return '[]'::jsonb; end if;
      -- A cluster quiet for a whole window starts a new episode: its old grade no longer holds.
      v_current := case when v_exists and v_existing_last < p_at - v_max * interval '24 hours' then null else v_level end;
      if warning_level_rank(v_best_level) <= warning_level_rank(v_current) then return '[]'::jsonb; end if;

      update repeat_clusters set level = v_best_level where id = v_cluster_id;
      v_reason := case p_link_by
          when 'phone' then '报警电话 ' || p_value
          when 'party' then trim('当事人 ' || coalesce((select name from incident_parties where link_key = p_value order by id desc limit 1), ''))
          else coalesce((select full_name from addresses where id = p_value::bigint), '地址 #' || p_value)
        end || ' ' || v_best_window || '天内报警' || v_best_count || '次';
      select id, level, status, jurisdiction_id into v_live from warnings where cluster_id = v_cluster_id and status <> 'closed' limit 1;
      if found then
        update warnings set level = v_best_level, reason = v_reason,
          deadline = current_date + (case v_best_level when 'red' then 3 when 'orange' then 7 else 14 end), updated_at = clock_timestamp()
        where id = v_live.id;
        insert into warning_events (warning_id, actor_name, from_status, to_status, note)
        values (v_live.id, '系统', v_live.status, v_live.status,
          '升级为' || case v_best_level when 'red' then '红色' when 'orange' then '橙色' when 'yellow' then '黄色' else '蓝色' end || '预警：' || v_reason);
        perform fq_publish_row('warning.upgraded', board_warning_row(v_live.id));
        return jsonb_build_array(jsonb_build_object('action', 'warning.raised', 'entityType', 'warning', 'entityId', v_live.id, 'jurisdictionId', v_live.jurisdiction_id,
          'change', jsonb_build_object('level', jsonb_build_object('from', v_live.level, 'to', v_best_level), 'reason', v_reason, 'incidentId', p_incident_id)));
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

    -- Every link of a just-inserted incident, in the order address, phone, party keys: warnings/repeats.ts linkRepeats.
    create or replace function repeat_link(p_incident_id bigint, p_at timestamptz, p_address_id bigint, p_phone text, p_party_keys text[], p_jurisdiction_id int) returns jsonb language plpgsql as $$
    declare
      v_events jsonb := '[]'::jsonb;
      v_key text;
    begin
      if p_address_id is not null then v_events := v_events || repeat_link_one(p_incident_id, p_at, 'address', p_address_id::text, p_jurisdiction_id); end if;
      if p_phone is not null then v_events := v_events || repeat_link_one(p_incident_id, p_at, 'phone', p_phone, p_jurisdiction_id); end if;
      foreach v_key in array coalesce(p_party_keys, '{}') loop
        v_events := v_events || repeat_link_one(p_incident_id, p_at, 'party', v_key, p_jurisdiction_id);
      end loop;
      return v_events;
    end
    $$;

    -- app/audit.ts recordAudit: p_actor {userId, apiKeyId, name, role, ip, requestId}, events in order.
    create or replace function audit_record(p_actor jsonb, p_events jsonb) returns void language plpgsql as $$
    begin
      insert into audit_events (actor_user_id, actor_api_key_id, actor_name, actor_role, action, entity_type, entity_id, jurisdiction_id, ip, request_id, change)
      select (p_actor ->> 'userId')::int, (p_actor ->> 'apiKeyId')::int, p_actor ->> 'name', p_actor ->> 'role', e ->> 'action', e ->> 'entityType',
        e ->> 'entityId', (e ->> 'jurisdictionId')::int, p_actor ->> 'ip', p_actor ->> 'requestId', e -> 'change'
      from jsonb_array_elements(p_events) with ordinality as x(e, n)
      order by n;
    end
    $$;

    -- The idempotency key's earlier answer: null when unused.
    create or replace function intake_replay(p_scope text, p_key text, p_hash text) returns jsonb language plpgsql stable as $$
    begin
      return (select jsonb_build_object('status', case when request_hash <> p_hash then 'mismatch' when incident_id is null then 'pending' else 'replay' end, 'id', incident_id)
      from idempotency_keys where scope = p_scope and key = p_key);
    end
    $$;

    /*
      p: { scope, key, hash, incident: { channel, externalRef, receivedAt, categoryCode, kind, riskDomain, disputeType,
           summary, narrative, callerName, callerPhone, addressText, addressId, addressConfidence, lat, lon, jurisdictionId,
           createdBy, apiKeyId }, finish, partyKeys, actor, versions: { codes, match } }
      Returns { status: 'created' | 'replay' | 'mismatch' | 'pending' | 'stale', id }.
    */
    create or replace function incident_intake(p jsonb) returns jsonb language plpgsql as $$
    declare
      v jsonb := p -> 'incident';
      v_scope text := p ->> 'scope';
      v_key text := p ->> 'key';
      v_earlier jsonb;
      v_id bigint;
      v_events jsonb;
    begin
      -- Validated against a stale copy of the code tables or of the address matches: nothing written.
      if (p -> 'versions' ->> 'codes')::bigint is distinct from (select version from intake_codes_version)
        or (p -> 'versions' ->> 'match')::bigint is distinct from (select version from address_match_version) then
        return jsonb_build_object('status', 'stale', 'id', null);
      end if;
      v_earlier := intake_replay(v_scope, v_key, p ->> 'hash');
      if v_earlier is not null then return v_earlier; end if;
      -- A concurrent twin blocks here on the key's unique index until it ends; then the key is taken.
      insert into idempotency_keys (scope, key, request_hash) values (v_scope, v_key, p ->> 'hash') on conflict do nothing;
      if not found then
        return coalesce(intake_replay(v_scope, v_key, p ->> 'hash'), jsonb_build_object('status', 'pending', 'id', null));
      end if;
      insert into incidents (channel, external_ref, received_at, category_code, kind, risk_domain, dispute_type, summary, narrative, caller_name, caller_phone,
        address_text, address_id, address_confidence, lat, lon, jurisdiction_id, created_by, api_key_id)
      values (v ->> 'channel', v ->> 'externalRef', (v ->> 'receivedAt')::timestamptz, v ->> 'categoryCode', v ->> 'kind', v ->> 'riskDomain', v ->> 'disputeType',
        v ->> 'summary', v ->> 'narrative', v ->> 'callerName', v ->> 'callerPhone', v ->> 'addressText', (v ->> 'addressId')::bigint,
        (v ->> 'addressConfidence')::real, (v ->> 'lat')::double precision, (v ->> 'lon')::double precision, (v ->> 'jurisdictionId')::int,
        (v ->> 'createdBy')::int, (v ->> 'apiKeyId')::int)
      returning id into v_id;
      update idempotency_keys set incident_id = v_id where scope = v_scope and key = v_key;
      perform fq_publish_row('incident.created', board_incident_row(v_id));
      if coalesce((p ->> 'finish')::boolean, false) then
        v_events := repeat_link(v_id, (v ->> 'receivedAt')::timestamptz, (v ->> 'addressId')::bigint, v ->> 'callerPhone',
          array(select jsonb_array_elements_text(coalesce(p -> 'partyKeys', '[]'::jsonb))), (v ->> 'jurisdictionId')::int);
        perform audit_record(p -> 'actor', jsonb_build_array(jsonb_build_object('action', 'incident.created', 'entityType', 'incident', 'entityId', v_id,
          'jurisdictionId', (v ->> 'jurisdictionId')::int,
          'change', jsonb_build_object('channel', v -> 'channel', 'categoryCode', v -> 'categoryCode', 'summary', v -> 'summary', 'addressId', v -> 'addressId'))) || v_events);
      end if;
      return jsonb_build_object('status', 'created', 'id', v_id);
    end
    $$;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
