import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../app/db/database.js';
import { DEMO_TEMPLATE, EMPTY_TEMPLATE } from './constants.js';

export interface TestDatabase {
  db: Database;
  url: string;
  name: string;
  adminUrl: string;
  drop(): Promise<void>;
}

/** A database of this test file's own, cloned from the migrated template (with or without the demo county). */
export async function createTestDatabase(options: { template?: 'demo' | 'empty' } = {}): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `fq_test_${crypto.randomBytes(6).toString('hex')}`;
  const template = options.template === 'empty' ? EMPTY_TEMPLATE : DEMO_TEMPLATE;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${template}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const { db } = createDatabase(url.toString(), { max: 5 });
  return {
    db,
    url: url.toString(),
    name,
    adminUrl,
    async drop() {
      await db.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}
