import { ensureDemoPhotos } from './demo/tips.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLE_LABELS } from '@fengqiao/shared';
import { ConfigError, loadConfig } from './app/config.js';
import { createLogger } from './app/logger.js';
import { migrateToLatest } from './app/db/migrate.js';
import { openDatabase } from './app/db/open.js';
import { resolveSecrets } from './app/secrets.js';
import { createServer } from './app/server.js';
import { createIdentityCipher } from './app/crypto.js';
import { createFileStore } from './app/files.js';
import { createJobRunner, defaultJobs } from './app/jobs.js';
import { DEMO_USERNAMES, isDatabaseEmpty, seedDemoCounty } from './demo/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Composition root of the server process: configuration → database → migrations → demo data → HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const secrets = resolveSecrets(config);
  const database = await openDatabase(config, logger);
  const { db } = database;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await jobs?.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  let app: Awaited<ReturnType<typeof createServer>> | null = null;
  let jobs: ReturnType<typeof createJobRunner> | null = null;

  const applied = await migrateToLatest(db);
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');
  let seeded = false;
  const files = createFileStore(path.join(config.dataDir, 'files'));
  if (await isDatabaseEmpty(db)) {
    if (config.demo) {
      logger.info('empty database: building the demo county');
      const result = await seedDemoCounty(db, { password: config.demoPassword, identity: createIdentityCipher(secrets.dataKey) });
      // The demo's tip and task photos are drawn in code; their bytes go into the file store.
      await ensureDemoPhotos(db, files);
      logger.info(result, 'demo county built');
      seeded = true;
    } else {
      logger.warn('the database has no organisation yet: run `npm run admin:create` to make the first bureau administrator');
    }
  }

  app = await createServer({
    db,
    logger,
    identity: createIdentityCipher(secrets.dataKey),
    files,
    options: {
      sessionSecret: secrets.sessionSecret,
      cookieSecure: config.cookieSecure,
      trustProxy: config.trustProxy,
      tileUrl: config.tileUrl,
      tileAttribution: config.tileAttribution,
      webDist: config.webDist ?? path.resolve(here, '../../web/dist'),
    },
  });
  await app.listen({ port: config.port, host: config.host });
  // Overdue reminders, follow-up reminders, transfer escalation (跟踪督办), judicial-confirmation reminders.
  jobs = createJobRunner({ db, logger, jobs: defaultJobs() });
  jobs.start();
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  枫桥 Fengqiao is running: ${url}`,
    `  database: ${database.embedded ? `embedded PostgreSQL 15 in ${path.join(config.dataDir, 'pg')}` : 'DATABASE_URL'}`,
  ];
  if (config.demo) {
    lines.push(`  demo accounts (password "${config.demoPassword}")${seeded ? '' : ' — if the demo county was built with another password, that one'}:`);
    const roles = await db.selectFrom('users').select(['username', 'role']).where('username', 'in', [...DEMO_USERNAMES]).where('is_demo', '=', true).execute();
    roles.sort((a, b) => DEMO_USERNAMES.indexOf(a.username as (typeof DEMO_USERNAMES)[number]) - DEMO_USERNAMES.indexOf(b.username as (typeof DEMO_USERNAMES)[number]));
    for (const r of roles) lines.push(`    ${r.username.padEnd(16)} ${ROLE_LABELS[r.role].zh} / ${ROLE_LABELS[r.role].en}`);
  }
  lines.push('  Ctrl-C stops the server and its database.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`Fengqiao cannot start: ${err.message}\n`);
  } else {
    process.stderr.write(`Fengqiao failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
