import { sql } from 'kysely';
import type { Database } from '../../app/db/database.js';
import type { IncidentKind } from '../../app/db/schema.js';
import { standardSeconds } from './incidents.timing.js';

/**
 * What intake validates against and answers with, kept in the process: the code tables (channels,
 * categories with name, kind and active flag, risk domains, dispute types), the jurisdictions
 * (name, path, 1-3-5 standard: the created incident's answer, incidents.answer.ts) and the
 * versions they and the address matches were read under (response standards count as code
 * tables, jurisdictions as address data). Intake's write (incident_intake, migration 0012) is refused when
 * either version moved on meanwhile; then the caller reloads this and validates again. Input
 * that fails validation against a copy not read in this request is validated again against a
 * fresh one before the 400 goes out, so a newly added code is never refused.
 */
export interface IntakeCodes {
  versions: { codes: number; match: number };
  channels: Set<string>;
  categories: Map<string, { code: string; name: string; kind: IncidentKind; active: boolean }>;
  riskDomains: Set<string>;
  disputeTypes: Set<string>;
  jurisdictions: Map<number, IntakeJurisdiction>;
  /** When it was read (Date.now()). */
  loadedAt: number;
}

export interface IntakeJurisdiction {
  name: string;
  path: string;
  /** The 1-3-5 standard that applies there (incidents.timing.ts standardSeconds). */
  dispatchLimitSeconds: number | null;
  arriveLimitSeconds: number | null;
}

const states = new WeakMap<Database, Promise<IntakeCodes>>();

async function load(db: Database): Promise<IntakeCodes> {
  const { rows } = await sql<{
    codes: number;
    match: number;
    channels: string[];
    categories: [string, string, IncidentKind, boolean][];
    risk_domains: string[];
    dispute_types: string[];
    jurisdictions: [number, string, string, number | null, number | null][];
  }>`
    select (select version from intake_codes_version) as codes,
      (select version from address_match_version) as match,
      coalesce((select json_agg(code) from channels), '[]') as channels,
      coalesce((select json_agg(json_build_array(code, name_zh, kind, active)) from incident_categories), '[]') as categories,
      coalesce((select json_agg(code) from risk_domains), '[]') as risk_domains,
      coalesce((select json_agg(code) from mediation_dispute_types), '[]') as dispute_types,
      coalesce((select json_agg(json_build_array(j.id, j.name, j.path, ${standardSeconds('dispatch_seconds')}, ${standardSeconds('arrive_seconds')})) from jurisdictions j), '[]') as jurisdictions`.execute(db);
  const r = rows[0]!;
  return {
    versions: { codes: Number(r.codes), match: Number(r.match) },
    channels: new Set(r.channels),
    categories: new Map(r.categories.map(([code, name, kind, active]) => [code, { code, name, kind, active }])),
    riskDomains: new Set(r.risk_domains),
    disputeTypes: new Set(r.dispute_types),
    jurisdictions: new Map(r.jurisdictions.map(([id, name, path, dispatch, arrive]) => [id, { name, path, dispatchLimitSeconds: dispatch, arriveLimitSeconds: arrive }])),
    loadedAt: Date.now(),
  };
}

/** The copy in the process (read on first use; concurrent first requests share one read). */
export function intakeCodes(db: Database): Promise<IntakeCodes> {
  let state = states.get(db);
  if (!state) {
    state = load(db);
    states.set(db, state);
    state.catch(() => states.delete(db));
  }
  return state;
}

/** Reads the copy again (it was stale, or a refusal must be confirmed against current data). */
export function reloadIntakeCodes(db: Database, stale: IntakeCodes): Promise<IntakeCodes> {
  const current = states.get(db);
  // Another request already started a newer read: share it.
  if (current) {
    return current.then((c) => {
      if (c !== stale) return c;
      if (states.get(db) !== current) return intakeCodes(db);
      states.delete(db);
      return intakeCodes(db);
    });
  }
  return intakeCodes(db);
}
