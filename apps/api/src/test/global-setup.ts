import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../app/db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../app/db/embedded.js';
import { migrateToLatest } from '../app/db/migrate.js';
import { seedDemoCounty } from '../demo/index.js';
import { createIdentityCipher } from '../app/crypto.js';
import { EMPTY_TEMPLATE, DEMO_TEMPLATE, TEST_DATA_KEY, TEST_DEMO_PASSWORD } from './constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * Tests run against real PostgreSQL: TEST_DATABASE_URL (a maintenance database on a server the
 * tests may create databases on) or the embedded server in .test-data/. Migrate once into a
 * template database; each test file clones its own.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgres | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({ dir: path.join(repoRoot, '.test-data', 'pg') });
    adminUrl = embedded.adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Leftovers of an interrupted run.
  const old = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'fq_test_%' or datname in ($1, $2)", [EMPTY_TEMPLATE, DEMO_TEMPLATE]);
  for (const row of old.rows) {
    await admin.query(`alter database "${row.datname}" is_template false`).catch(() => undefined);
    await admin.query(`drop database if exists "${row.datname}" with (force)`);
  }
  for (const name of [EMPTY_TEMPLATE, DEMO_TEMPLATE]) {
    await admin.query(`create database "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const { db } = createDatabase(url.toString(), { max: 2 });
    await migrateToLatest(db);
    if (name === DEMO_TEMPLATE) await seedDemoCounty(db, { password: TEST_DEMO_PASSWORD, scale: 1, identity: createIdentityCipher(TEST_DATA_KEY) });
    await db.destroy();
  }
  await admin.end();
  project.provide('pgAdminUrl', adminUrl);

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const left = await client.query<{ datname: string }>("select datname from pg_database where datname like 'fq_test_%' or datname in ($1, $2)", [EMPTY_TEMPLATE, DEMO_TEMPLATE]);
    for (const row of left.rows) await client.query(`drop database if exists "${row.datname}" with (force)`);
    await client.end();
    await embedded?.stop();
  };
}
