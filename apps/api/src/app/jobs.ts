import { sql } from 'kysely';
import type { Database } from './db/database.js';
import { notifyFollowupOverdue, notifyStageOverdue } from '../modules/followups/notifications.jobs.js';
import { escalateTransfers, remindJudicialConfirmation } from '../modules/transfers/transfers.jobs.js';
import { missedGuardPosts, overdueTasks } from '../modules/tasks/tasks.jobs.js';
import { rollupStats } from '../modules/stats/stats.jobs.js';
import { makeMondayReviews } from '../modules/reviews/reviews.jobs.js';

export interface JobLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Job {
  /** Stable name: also the advisory-lock key, so every process agrees on it. */
  name: string;
  /** How often the runner starts it (it also runs once at start). */
  intervalMs: number;
  /** Does the work as of `now`; returns how many records it made (notifications). */
  run(db: Database, now: Date): Promise<number>;
}

export interface JobResult {
  name: string;
  status: 'ran' | 'skipped' | 'failed';
  count?: number;
  error?: string;
}

export interface JobRunner {
  /** Runs every job once now, then each at its interval. */
  start(): void;
  /** Runs every job once (in order), as of `now`. */
  runOnce(now?: Date): Promise<JobResult[]>;
  /** Runs one job once, as of `now`. */
  runJob(name: string, now?: Date): Promise<JobResult>;
  /** Clears the timers and waits for a job in progress. */
  stop(): Promise<void>;
}

const HOUR = 60 * 60 * 1000;

/** The scheduled work of the product. Daily notifications carry a dedupe key, so running hourly makes one per record per day. */
export function defaultJobs(): Job[] {
  return [
    { name: 'cases.stage_overdue', intervalMs: HOUR, run: notifyStageOverdue },
    { name: 'followups.overdue', intervalMs: HOUR, run: notifyFollowupOverdue },
    { name: 'transfers.escalate', intervalMs: HOUR, run: escalateTransfers },
    { name: 'agreements.judicial_reminder', intervalMs: HOUR, run: remindJudicialConfirmation },
    { name: 'tasks.overdue', intervalMs: 5 * 60 * 1000, run: overdueTasks },
    { name: 'guard_posts.missed', intervalMs: 5 * 60 * 1000, run: missedGuardPosts },
    { name: 'stats.rollup', intervalMs: 10 * 60 * 1000, run: rollupStats },
    { name: 'reviews.monday', intervalMs: HOUR, run: makeMondayReviews },
  ];
}

/**
 * Runs named jobs at intervals. Each run holds a PostgreSQL session advisory lock named after the
 * job on a connection reserved for it, so two processes on one database (two servers, a server
 * and `npm run jobs:run`) never run the same job at once: the second one skips that round. A
 * failing job is logged and tried again at its next interval; it never stops the server.
 */
export function createJobRunner(deps: { db: Database; logger: JobLogger; jobs: Job[] }): JobRunner {
  const { db, logger, jobs } = deps;
  const timers = new Map<string, NodeJS.Timeout>();
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function runLocked(job: Job, now: Date): Promise<JobResult> {
    try {
      return await db.connection().execute(async (conn) => {
        const key = `fengqiao.job:${job.name}`;
        const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(hashtext(${key})) as locked`.execute(conn);
        if (!rows[0]?.locked) return { name: job.name, status: 'skipped' as const };
        try {
          const count = await job.run(db, now);
          return { name: job.name, status: 'ran' as const, count };
        } finally {
          await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(conn);
        }
      });
    } catch (err) {
      return { name: job.name, status: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
  }

  async function runJob(job: Job, now: Date): Promise<JobResult> {
    const started = Date.now();
    const result = await runLocked(job, now);
    const ms = Date.now() - started;
    if (result.status === 'failed') logger.error({ job: job.name, err: result.error, ms }, 'job failed');
    else logger.info({ job: job.name, status: result.status, count: result.count, ms }, 'job done');
    return result;
  }

  /** Jobs of one process run one at a time (they share the pool); the chain serialises them. */
  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = running.then(work, work);
    running = next.catch(() => undefined);
    return next;
  }

  function schedule(job: Job): void {
    if (stopped) return;
    const timer = setTimeout(() => {
      void enqueue(() => runJob(job, new Date())).finally(() => schedule(job));
    }, job.intervalMs);
    timer.unref();
    timers.set(job.name, timer);
  }

  return {
    start() {
      stopped = false;
      for (const job of jobs) {
        void enqueue(() => runJob(job, new Date())).finally(() => schedule(job));
      }
    },
    runOnce(now = new Date()) {
      return enqueue(async () => {
        const results: JobResult[] = [];
        for (const job of jobs) results.push(await runJob(job, now));
        return results;
      });
    },
    runJob(name, now = new Date()) {
      const job = jobs.find((j) => j.name === name);
      if (!job) return Promise.reject(new Error(`unknown job ${name}`));
      return enqueue(() => runJob(job, now));
    },
    async stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await running;
    },
  };
}
