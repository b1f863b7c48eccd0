// OWNED BY the transfers helper. Contract used by the job runner (keep the signatures):
import type { Database } from '../../app/db/database.js';

/** 跟踪督办: each day, one notification to the station chief(s) per unacknowledged or overdue transfer. Returns how many were created. */
export async function escalateTransfers(_db: Database, _now: Date): Promise<number> {
  throw new Error('not implemented yet');
}

/** A reminder to the case officer before the 30-day judicial-confirmation limit of a signed agreement. Returns how many were created. */
export async function remindJudicialConfirmation(_db: Database, _now: Date): Promise<number> {
  throw new Error('not implemented yet');
}
