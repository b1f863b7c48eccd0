import { sql, type Kysely } from 'kysely';

// Intake in batches, answered in the same round trip.
//
// - `incident_intake_row(id, prefix)`: the incident as the API answers it (the columns of
//   incidents.repository.ts COLUMNS, same names, the 1-3-5 standard of incidents.timing.ts
//   standardSeconds), or null outside the jurisdiction prefix: intake no longer reads its incident
//   back with a second statement. `incidents.intake.test.ts` compares the answer with
//   `GET /api/incidents/:id`.
// - `incident_intake_batch(p jsonb)`: an array of incident_intake calls (migration 0012), each with
//   its `prefix`, run one after another in ONE transaction (one commit, one round trip, the
//   NOTIFYs sent together at commit); returns one result per item, with the row of each created
//   incident. The API gathers concurrent intakes into such a call (incidents.intake-batch.ts);
//   if the call fails as a whole, nothing was written and the API sends each item alone again,
//   so one item's failure fails that item only.
//
// The narrative's trigram index keeps its pending list (`fastupdate`, the default): an insert that
// updates the index itself costs ~0.2 ms more of PostgreSQL CPU per incident (measured with
// `fastupdate = off`). The list is merged in the background instead
// (incidents.intake-batch.ts calls gin_clean_pending_list every few hundred intakes), so no
// intake fills it and has to merge it itself (the 1–2 s latencies of before).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function incident_intake_row(p_id bigint, p_prefix text) returns jsonb language plpgsql stable as $$
    begin
      return (select to_jsonb(e) from (
        select i.id, i.channel, i.external_ref, i.received_at, i.category_code, c.name_zh as category_name, i.kind, i.risk_domain, i.dispute_type,
          i.summary, i.narrative, i.caller_name, i.caller_phone, i.address_text, i.address_id, a.full_name as address_name, i.address_confidence,
          i.lat, i.lon, i.jurisdiction_id, j.name as jurisdiction_name, i.status, i.dispatched_at, i.arrived_at, i.handled_at, i.closed_at,
          i.created_at, i.risk_score, i.risk_factors, i.outcome, i.case_number, i.case_category_code, i.outcome_note, i.outcome_at, i.dispute_case_id,
          coalesce(
            (select rs.dispatch_seconds from response_standards rs where rs.area_kind = j.kind),
            (select rs.dispatch_seconds from jurisdictions p1 join response_standards rs on rs.area_kind = p1.kind where p1.id = j.parent_id),
            (select rs.dispatch_seconds from jurisdictions p1 join jurisdictions p2 on p2.id = p1.parent_id join response_standards rs on rs.area_kind = p2.kind where p1.id = j.parent_id),
            (select rs.dispatch_seconds from jurisdictions p1 join jurisdictions p2 on p2.id = p1.parent_id join jurisdictions p3 on p3.id = p2.parent_id join response_standards rs on rs.area_kind = p3.kind where p1.id = j.parent_id)
          ) as dispatch_limit_seconds,
          coalesce(
            (select rs.arrive_seconds from response_standards rs where rs.area_kind = j.kind),
            (select rs.arrive_seconds from jurisdictions p1 join response_standards rs on rs.area_kind = p1.kind where p1.id = j.parent_id),
            (select rs.arrive_seconds from jurisdictions p1 join jurisdictions p2 on p2.id = p1.parent_id join response_standards rs on rs.area_kind = p2.kind where p1.id = j.parent_id),
            (select rs.arrive_seconds from jurisdictions p1 join jurisdictions p2 on p2.id = p1.parent_id join jurisdictions p3 on p3.id = p2.parent_id join response_standards rs on rs.area_kind = p3.kind where p1.id = j.parent_id)
          ) as arrive_limit_seconds,
          i.address_corrected_at, cu.display_name as address_corrected_by_name
        from incidents i
        join jurisdictions j on j.id = i.jurisdiction_id
        join incident_categories c on c.code = i.category_code
        left join addresses a on a.id = i.address_id
        left join users cu on cu.id = i.address_corrected_by
        where i.id = p_id and j.path like p_prefix) e);
    end
    $$;

    /*
      p: [ incident_intake's p (with finish) + prefix (the caller's jurisdiction prefix for the answer row) ]
      Returns [ { status, id, row } ] in the same order; row only for 'created' (null outside the prefix).
    */
    create or replace function incident_intake_batch(p jsonb) returns jsonb language plpgsql as $$
    declare
      v_item jsonb;
      v_r jsonb;
      v_out jsonb := '[]'::jsonb;
    begin
      for v_item in select e from jsonb_array_elements(p) e loop
        v_r := incident_intake(v_item);
        if v_r ->> 'status' = 'created' then
          v_r := v_r || jsonb_build_object('row', incident_intake_row((v_r ->> 'id')::bigint, v_item ->> 'prefix'));
        end if;
        v_out := v_out || jsonb_build_array(v_r);
      end loop;
      return v_out;
    end
    $$;

  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
