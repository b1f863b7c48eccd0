import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../app/config.js';
import { createIdentityCipher } from '../app/crypto.js';
import { resolveSecrets } from '../app/secrets.js';
import { migrateToLatest } from '../app/db/migrate.js';
import { openDatabase } from '../app/db/open.js';
import { createLogger } from '../app/logger.js';
import { isDatabaseEmpty, seedDemoCounty } from '../demo/index.js';
import { ensureDemoPhotos } from '../demo/tips.js';
import { createFileStore } from '../app/files.js';
import { fail, flag } from './args.js';

/** `npm run seed -- [--scale N] [--reset]`: builds the demo county (N times larger for benchmarks). */
const args = process.argv.slice(2);
const scale = Number(flag(args, 'scale') ?? '1');
if (!Number.isInteger(scale) || scale < 1 || scale > 10_000) fail('--scale must be a whole number from 1 to 10000');
const reset = args.includes('--reset');
const config = loadConfig();
const database = await openDatabase(config, createLogger(process.env.LOG_LEVEL ?? 'warn'));
try {
  await migrateToLatest(database.db);
  if (!(await isDatabaseEmpty(database.db))) {
    if (!reset) {
      await database.close();
      fail('The database already holds data. Add --reset to delete everything and build the demo county again.');
    }
    // Everything goes, reference tables the migrations seed included; the migrations then build
    // the schema and its code tables again exactly as on a fresh database.
    await sql`drop schema public cascade`.execute(database.db);
    await sql`create schema public`.execute(database.db);
    await migrateToLatest(database.db);
  }
  const result = await seedDemoCounty(database.db, { password: config.demoPassword, scale, identity: createIdentityCipher(resolveSecrets(config).dataKey) });
  await ensureDemoPhotos(database.db, createFileStore(path.join(config.dataDir, 'files')));
  process.stdout.write(`demo county built at scale ${scale} in ${result.seconds.toFixed(1)} s: ${JSON.stringify(result.counts)}\n`);
} finally {
  await database.close();
}
