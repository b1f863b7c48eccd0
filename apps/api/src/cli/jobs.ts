import { parseArgs } from 'node:util';
import { loadConfig } from '../app/config.js';
import { migrateToLatest } from '../app/db/migrate.js';
import { openDatabase } from '../app/db/open.js';
import { createJobRunner, defaultJobs } from '../app/jobs.js';
import { createLogger } from '../app/logger.js';
import { runCli } from './backup.js';

// npm run jobs:run [-- --job NAME] [--at ISO-TIME]: runs the scheduled jobs once (overdue and
// follow-up reminders, transfer escalation, judicial-confirmation reminders) and exits. Safe next
// to a running server: a job the server is running at that moment is skipped (advisory lock).

const USAGE = 'usage: npm run jobs:run [-- --job NAME] [--at 2026-11-24T09:00:00+08:00]';

await runCli('jobs:run', async (_signal, setDb) => {
  const { values, positionals } = parseArgs({ options: { job: { type: 'string' }, at: { type: 'string' } }, allowPositionals: true });
  if (positionals.length > 0) throw new Error(USAGE);
  const now = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--at is not a time: ${values.at}. ${USAGE}`);
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const opened = await openDatabase(config, logger);
  setDb(opened);
  await migrateToLatest(opened.db);
  const jobs = defaultJobs();
  if (values.job && !jobs.some((j) => j.name === values.job)) throw new Error(`unknown job ${values.job}; jobs: ${jobs.map((j) => j.name).join(', ')}`);
  const runner = createJobRunner({ db: opened.db, logger, jobs: values.job ? jobs.filter((j) => j.name === values.job) : jobs });
  const results = await runner.runOnce(now);
  for (const r of results) {
    const detail = r.status === 'ran' ? `${r.count ?? 0} created` : r.status === 'failed' ? `failed: ${r.error ?? ''}` : 'skipped (running elsewhere)';
    console.log(`  ${r.name.padEnd(30)} ${detail}`);
  }
  if (results.some((r) => r.status === 'failed')) throw new Error('some jobs failed (see above)');
});
