import { sql } from 'kysely';
import type { Database } from '../../app/db/database.js';
import type { IncidentKind } from '../../app/db/schema.js';

/**
 * What intake validates against, kept in the process: the code tables (channels, categories with
 * kind and active flag, risk domains, dispute types) and the versions they and the address
 * matches were read under. Intake's write (incident_intake, migration 0012) is refused when
 * either version moved on meanwhile; then the caller reloads this and validates again. Input
 * that fails validation against a copy not read in this request is validated again against a
 * fresh one before the 400 goes out, so a newly added code is never refused.
 */
export interface IntakeCodes {
  versions: { codes: number; match: number };
  channels: Set<string>;
  categories: Map<string, { code: string; kind: IncidentKind; active: boolean }>;
  riskDomains: Set<string>;
  disputeTypes: Set<string>;
  /** When it was read (Date.now()). */
  loadedAt: number;
}

const states = new WeakMap<Database, Promise<IntakeCodes>>();

async function load(db: Database): Promise<IntakeCodes> {
  const { rows } = await sql<{
    codes: number;
    match: number;
    channels: string[];
    categories: [string, IncidentKind, boolean][];
    risk_domains: string[];
    dispute_types: string[];
  }>`
    select (select version from intake_codes_version) as codes,
      (select version from address_match_version) as match,
      coalesce((select json_agg(code) from channels), '[]') as channels,
      coalesce((select json_agg(json_build_array(code, kind, active)) from incident_categories), '[]') as categories,
      coalesce((select json_agg(code) from risk_domains), '[]') as risk_domains,
      coalesce((select json_agg(code) from mediation_dispute_types), '[]') as dispute_types`.execute(db);
  const r = rows[0]!;
  return {
    versions: { codes: Number(r.codes), match: Number(r.match) },
    channels: new Set(r.channels),
    categories: new Map(r.categories.map(([code, kind, active]) => [code, { code, kind, active }])),
    riskDomains: new Set(r.risk_domains),
    disputeTypes: new Set(r.dispute_types),
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
