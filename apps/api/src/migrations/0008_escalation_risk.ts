import { sql, type Kysely } from 'kysely';

// Escalation risk (民转刑): the words the scorer looks for and the weights and threshold it adds
// them up with are data, so a bureau tunes them without a release.

const SETTINGS = {
  threshold: 60,
  levels: { orange: 70, red: 85 },
  deadlineDays: { yellow: 7, orange: 3, red: 1 },
  windowDays: 90,
  disputeTypes: {
    marriage_family: 20,
    neighbour: 18,
    housing_homestead: 18,
    forest_land: 15,
    land_acquisition: 15,
    damages: 12,
    labour: 10,
    medical: 10,
    traffic_accident: 8,
    property_management: 8,
    pollution: 8,
    contract: 6,
    business: 6,
    consumer: 4,
    other: 5,
  },
  untypedDispute: 5,
  categories: {},
  repetition: { perIncident: 10, max: 30 },
  threat: { max: 40 },
  violence: { max: 40 },
  injury: { partyInjured: 20, max: 30 },
  history: { perIncident: 5, max: 20 },
};

const TERMS: [string, 'threat' | 'violence' | 'injury', number][] = [
  ['威胁', 'threat', 10],
  ['恐吓', 'threat', 10],
  ['扬言', 'threat', 10],
  ['报复', 'threat', 15],
  ['同归于尽', 'threat', 25],
  ['弄死', 'threat', 20],
  ['整死', 'threat', 20],
  ['拼命', 'threat', 12],
  ['玩命', 'threat', 12],
  ['走着瞧', 'threat', 8],
  ['不得好死', 'threat', 10],
  ['灭门', 'threat', 25],
  ['砍', 'violence', 15],
  ['砍死', 'violence', 20],
  ['砍人', 'violence', 20],
  ['杀', 'violence', 20],
  ['杀死', 'violence', 20],
  ['杀人', 'violence', 20],
  ['打死', 'violence', 20],
  ['捅', 'violence', 18],
  ['刀', 'violence', 15],
  ['一刀', 'violence', 15],
  ['菜刀', 'violence', 15],
  ['砍刀', 'violence', 15],
  ['刀子', 'violence', 15],
  ['持刀', 'violence', 18],
  ['打人', 'violence', 10],
  ['殴打', 'violence', 12],
  ['互殴', 'violence', 12],
  ['斗殴', 'violence', 10],
  ['打架', 'violence', 8],
  ['动手', 'violence', 8],
  ['掐', 'violence', 10],
  ['放火', 'violence', 20],
  ['纵火', 'violence', 20],
  ['放火烧', 'violence', 20],
  ['汽油', 'violence', 15],
  ['农药', 'violence', 15],
  ['炸药', 'violence', 20],
  ['自杀', 'violence', 15],
  ['跳楼', 'violence', 12],
  ['喝药', 'violence', 15],
  ['受伤', 'injury', 12],
  ['流血', 'injury', 12],
  ['骨折', 'injury', 18],
  ['住院', 'injury', 12],
  ['头破血流', 'injury', 15],
  ['昏迷', 'injury', 18],
  ['轻伤', 'injury', 12],
  ['重伤', 'injury', 20],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table risk_terms (
      term text primary key check (length(term) between 1 and 20),
      kind text not null check (kind in ('threat', 'violence', 'injury')),
      points smallint not null check (points between 1 and 50),
      updated_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`
    insert into risk_terms (term, kind, points)
    select * from unnest(${TERMS.map((t) => t[0])}::text[], ${TERMS.map((t) => t[1])}::text[], ${TERMS.map((t) => t[2])}::smallint[])
    on conflict do nothing
  `.execute(db);
  await sql`insert into app_settings (key, value) values ('incidents.risk', ${JSON.stringify(SETTINGS)}::jsonb) on conflict (key) do nothing`.execute(db);
  // Everything the escalation score of one incident needs, with the incident row locked, as JSON:
  // PL/pgSQL caches the plan per connection, so intake does not pay for planning this query.
  // Earlier incidents are linked by the same standard address or caller phone inside the window
  // (settings.windowDays), or by a shared repeat cluster; parties come with their earlier incidents.
  await sql`
    create function incident_risk_evidence(p_incident bigint) returns json language plpgsql as $fn$
    declare
      result json;
    begin
      select row_to_json(t) into result from (
      select i.id, i.kind, i.category_code, c.name_zh as category_name, c.parent_code, i.dispute_type, d.name_zh as dispute_type_name,
        i.summary, i.narrative, i.jurisdiction_id, j.path as jurisdiction_path, i.risk_score, cfg.value as settings,
        case when i.kind = 'dispute' then (select coalesce(json_agg(json_build_array(term, kind, points)), '[]'::json) from risk_terms) else '[]'::json end as terms,
        case when i.kind = 'dispute' then (select coalesce(json_agg(x), '[]'::json) from (
          (select 'address' as link, e.id from incidents e
            where e.address_id = i.address_id and e.received_at between w.since and i.received_at and e.id <> i.id limit 500)
          union all
          (select 'phone', e.id from incidents e
            where e.caller_phone = i.caller_phone and e.received_at between w.since and i.received_at and e.id <> i.id limit 500)
          union all
          -- The window is checked per linked row (a primary-key look-up) so the planner starts from this incident's clusters.
          (select 'cluster', other.incident_id from repeat_cluster_incidents mine
            join repeat_cluster_incidents other on other.cluster_id = mine.cluster_id
            where mine.incident_id = i.id and other.incident_id <> i.id
              and (select e.received_at from incidents e where e.id = other.incident_id) between w.since and i.received_at
            limit 500)
        ) x) else '[]'::json end as links,
        case when i.kind = 'dispute' then (select coalesce(json_agg(p), '[]'::json) from (
          select p.name, p.injured, p.person_id, p.link_key,
            -- A party is identified by its link key (identity number or person record; migration 0007).
            case when p.link_key is null then 0 else (
              select count(distinct op.incident_id)::int from incident_parties op join incidents oi on oi.id = op.incident_id
              where op.link_key = p.link_key and op.incident_id <> i.id and oi.received_at <= i.received_at
            ) end as earlier
          from incident_parties p where p.incident_id = i.id order by p.id
        ) p) else '[]'::json end as parties
      from incidents i
      join incident_categories c on c.code = i.category_code
      join jurisdictions j on j.id = i.jurisdiction_id
      left join mediation_dispute_types d on d.code = i.dispute_type
      left join app_settings cfg on cfg.key = 'incidents.risk'
      cross join lateral (select i.received_at - make_interval(days => coalesce((cfg.value ->> 'windowDays')::int, 90)) as since) w
      where i.id = p_incident
      for update of i
      ) t;
      return result;
    end
    $fn$
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
