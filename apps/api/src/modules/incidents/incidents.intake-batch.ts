import { sql } from 'kysely';
import type { Database } from '../../app/db/database.js';

/** One incident_intake call (migration 0012), always finished (linked and audited). */
export interface IntakeCall {
  scope: string;
  key: string;
  hash: string;
  incident: unknown;
  finish: true;
  partyKeys: string[];
  actor: unknown;
  versions: { codes: number; match: number };
}

export interface IntakeCallResult {
  status: 'created' | 'replay' | 'mismatch' | 'pending' | 'stale';
  id: number | null;
  /** When a batch created the incident: its created_at (the batch transaction's time). */
  createdAt?: string;
}

interface Waiting {
  call: IntakeCall;
  resolve: (r: IntakeCallResult) => void;
  reject: (e: unknown) => void;
}

/** Calls sent together at most; a larger backlog goes out in several calls. */
const MAX_BATCH = 64;
/** Batch calls in flight at once (each holds one pooled connection). */
const MAX_IN_FLIGHT = 2;
/**
 * Intakes that must be waiting before a second call goes out beside a running one. Fewer wait for
 * the running call to finish (at most one call's time, a few milliseconds) and then go out
 * together: a call costs the database ~0.9 ms of its own besides ~0.8 ms per intake, so batches of
 * ~10 instead of ~5 save a tenth of its work per incident, and the second connection still takes
 * up a backlog at once (bench/results/2026-11-25-intake-overlap.md: 4.6 → 9.5 intakes per call).
 */
const MIN_OVERLAP = 10;
/**
 * Incidents created between two background merges of the narrative trigram index's pending list
 * (each adds ~1–2 kB to it; an insert finding more than gin_pending_list_limit, 4 MB, would merge
 * it itself and hold its batch for a second or two).
 */
const MERGE_EVERY = 300;

/**
 * Group commit for intake. Concurrent intakes are gathered while earlier batch calls are running
 * and sent as ONE call of incident_intake_batch (migration 0017): one round trip, one transaction,
 * one commit for all of them, each with its own result (a created incident's id and creation time).
 * With nothing in flight a call goes out at once (no added wait); under load the batches grow by
 * themselves, and a second call runs beside the first once a backlog of MIN_OVERLAP has formed. A 201 still leaves only after the commit that made its incident durable.
 *
 * If a batch call fails as a whole (a foreign key broken by a concurrent change, a deadlock
 * between two batches …) nothing of it was written: each of its items is sent again alone, so an
 * item's failure fails that item only. Idempotency keys keep their exactly-once meaning inside a
 * batch (a second item with a key the batch already claimed sees the first one's incident: replay)
 * and across batches (a batch waits on a key another uncommitted batch claimed).
 */
export class IntakeGatherer {
  /** Batch calls sent and items in them since the process started (bench:intake reports the mean batch). */
  readonly sent = { calls: 0, items: 0 };
  private queue: Waiting[] = [];
  private inFlight = 0;
  private createdSinceMerge = 0;
  private merging = false;

  constructor(
    private readonly db: Database,
    private readonly maxBatch = MAX_BATCH,
    private readonly maxInFlight = MAX_IN_FLIGHT,
    private readonly minOverlap = MIN_OVERLAP,
  ) {}

  submit(call: IntakeCall): Promise<IntakeCallResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ call, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0 && (this.inFlight === 0 || this.queue.length >= this.minOverlap)) {
      const items = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.run(items).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async send(calls: IntakeCall[]): Promise<IntakeCallResult[]> {
    this.sent.calls++;
    this.sent.items += calls.length;
    const { rows } = await sql<{ r: IntakeCallResult[] }>`select incident_intake_batch(${JSON.stringify(calls)}::jsonb) as r`.execute(this.db);
    return rows[0]!.r;
  }

  private async run(items: Waiting[]): Promise<void> {
    try {
      const results = await this.send(items.map((w) => w.call));
      items.forEach((w, i) => w.resolve(results[i]!));
      this.created(results.filter((r) => r.status === 'created').length);
    } catch (e) {
      if (items.length === 1) {
        items[0]!.reject(e);
        return;
      }
      // Nothing of the batch was written: each item alone, its own success or failure.
      await Promise.all(
        items.map(async (w) => {
          try {
            w.resolve((await this.send([w.call]))[0]!);
          } catch (err) {
            w.reject(err);
          }
        }),
      );
    }
  }

  /**
   * Merges the trigram index's pending list on a connection of its own, not awaited by any
   * request: searches read the pending list as well, so nothing is missed before the merge; an
   * inserter that meets a merge in progress does not wait for it.
   */
  private created(n: number): void {
    this.createdSinceMerge += n;
    if (this.merging || this.createdSinceMerge < MERGE_EVERY) return;
    this.merging = true;
    this.createdSinceMerge = 0;
    sql`select gin_clean_pending_list('incidents_text_trgm_idx'::regclass)`
      .execute(this.db)
      .catch(() => undefined) // the next one merges what this one left
      .finally(() => (this.merging = false));
  }
}

const gatherers = new WeakMap<Database, IntakeGatherer>();

/** The process's gatherer for a database handle. */
export function intakeGatherer(db: Database): IntakeGatherer {
  let g = gatherers.get(db);
  if (!g) {
    g = new IntakeGatherer(db);
    gatherers.set(db, g);
  }
  return g;
}
