import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.js';
import { createJobRunner, defaultJobs, type Job } from './jobs.js';

let t: TestDatabase;
const logger = () => ({ info: vi.fn(), error: vi.fn() });

beforeAll(async () => {
  t = await createTestDatabase({ template: 'empty' });
});
afterAll(async () => {
  await t.drop();
});

describe('the job runner', () => {
  it('has the product’s four jobs', () => {
    expect(defaultJobs().map((j) => j.name)).toEqual(['cases.stage_overdue', 'followups.overdue', 'transfers.escalate', 'agreements.judicial_reminder', 'tasks.overdue', 'guard_posts.missed', 'stats.rollup', 'reviews.monday']);
  });

  it('hands each job the time it is run for and reports what it made', async () => {
    const seen: Date[] = [];
    const job: Job = { name: 'test.count', intervalMs: 60_000, run: async (_db, now) => (seen.push(now), 3) };
    const runner = createJobRunner({ db: t.db, logger: logger(), jobs: [job] });
    const at = new Date('2027-03-01T00:00:00+08:00');
    expect(await runner.runOnce(at)).toEqual([{ name: 'test.count', status: 'ran', count: 3 }]);
    expect(seen).toEqual([at]);
  });

  it('logs a failing job and goes on with the next one', async () => {
    const log = logger();
    const ran = vi.fn(async () => 1);
    const runner = createJobRunner({
      db: t.db,
      logger: log,
      jobs: [
        { name: 'test.fails', intervalMs: 60_000, run: async () => Promise.reject(new Error('boom')) },
        { name: 'test.after', intervalMs: 60_000, run: ran },
      ],
    });
    const results = await runner.runOnce();
    expect(results).toEqual([
      { name: 'test.fails', status: 'failed', error: 'boom' },
      { name: 'test.after', status: 'ran', count: 1 },
    ]);
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ job: 'test.fails', err: 'boom' }), 'job failed');
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('never runs one job in two processes at once (advisory lock)', async () => {
    let active = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Job = {
      name: 'test.slow',
      intervalMs: 60_000,
      run: async () => {
        active += 1;
        most = Math.max(most, active);
        await gate;
        active -= 1;
        return 1;
      },
    };
    // Two runners stand for two server processes on one database.
    const a = createJobRunner({ db: t.db, logger: logger(), jobs: [slow] });
    const b = createJobRunner({ db: t.db, logger: logger(), jobs: [slow] });
    const first = a.runJob('test.slow');
    await vi.waitFor(() => expect(active).toBe(1));
    const second = await b.runJob('test.slow');
    expect(second).toEqual({ name: 'test.slow', status: 'skipped' });
    release();
    expect(await first).toEqual({ name: 'test.slow', status: 'ran', count: 1 });
    expect(most).toBe(1);
    // The lock is released afterwards: the next round runs.
    expect((await b.runJob('test.slow')).status).toBe('ran');
  });

  it('skips a round while another session holds the job’s lock', async () => {
    const run = vi.fn(async () => 0);
    const runner = createJobRunner({ db: t.db, logger: logger(), jobs: [{ name: 'test.held', intervalMs: 60_000, run }] });
    await t.db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(hashtext('fengqiao.job:test.held'))`.execute(conn);
      expect((await runner.runJob('test.held')).status).toBe('skipped');
      await sql`select pg_advisory_unlock(hashtext('fengqiao.job:test.held'))`.execute(conn);
    });
    expect(run).not.toHaveBeenCalled();
    expect((await runner.runJob('test.held')).status).toBe('ran');
  });

  it('runs each job at start and again at its interval until stopped', async () => {
    const run = vi.fn(async () => 0);
    const runner = createJobRunner({ db: t.db, logger: logger(), jobs: [{ name: 'test.tick', intervalMs: 50, run }] });
    runner.start();
    await vi.waitFor(() => expect(run.mock.calls.length).toBeGreaterThanOrEqual(3), { timeout: 3000 });
    await runner.stop();
    const calls = run.mock.calls.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(run.mock.calls.length).toBe(calls);
  });
});
