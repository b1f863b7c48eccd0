import type { Actor } from '../../app/actor.js';
import { inScope } from '../../app/policy.js';
import type { IntakeCodes } from './incidents.intake-state.js';
import type { IncidentRow, IncidentValues } from './incidents.repository.js';

/**
 * The row of an incident intake has just created, as the repository would read it back, built
 * from what the API sent (the values, the matched address's name) and what it keeps with the
 * versions the write was checked under (category and jurisdiction names, the 1-3-5 standard):
 * incident_intake_batch (migration 0021) answers with the id and creation time only. Everything
 * else is a new incident's default (received, no timing, no risk, no outcome, never corrected).
 * Null when the incident lies outside the actor's jurisdiction (as the scoped read would be), or
 * when the copy lacks the category or jurisdiction (the caller then reads the incident back).
 * incidents.answer.test.ts holds it equal to the incident as read.
 */
export function createdIncidentRow(
  actor: Actor,
  state: IntakeCodes,
  created: { id: number; createdAt: Date },
  values: IncidentValues,
  addressName: string | null,
): IncidentRow | null {
  const category = state.categories.get(values.categoryCode);
  const jurisdiction = state.jurisdictions.get(values.jurisdictionId);
  if (!category || !jurisdiction || !inScope(actor, jurisdiction.path)) return null;
  return {
    id: created.id,
    channel: values.channel,
    external_ref: values.externalRef,
    received_at: values.receivedAt,
    category_code: values.categoryCode,
    category_name: category.name,
    kind: values.kind,
    risk_domain: values.riskDomain,
    dispute_type: values.disputeType,
    summary: values.summary,
    narrative: values.narrative,
    caller_name: values.callerName,
    caller_phone: values.callerPhone,
    address_text: values.addressText,
    address_id: values.addressId,
    address_name: values.addressId === null ? null : addressName,
    address_confidence: values.addressConfidence,
    lat: values.lat,
    lon: values.lon,
    jurisdiction_id: values.jurisdictionId,
    jurisdiction_name: jurisdiction.name,
    status: 'received',
    dispatched_at: null,
    arrived_at: null,
    handled_at: null,
    closed_at: null,
    created_at: created.createdAt,
    risk_score: null,
    risk_factors: null,
    outcome: null,
    case_number: null,
    case_category_code: null,
    outcome_note: null,
    outcome_at: null,
    case_solved_at: null,
    dispute_case_id: null,
    dispatch_limit_seconds: jurisdiction.dispatchLimitSeconds,
    arrive_limit_seconds: jurisdiction.arriveLimitSeconds,
    address_corrected_at: null,
    address_corrected_by_name: null,
  };
}
