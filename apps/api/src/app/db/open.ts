import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createDatabase, type Database } from './database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.js';

export interface OpenedDatabase {
  db: Database;
  /** The database's connection string for tools (pg_dump, restore): TCP also for the embedded server. */
  url: string;
  /** Connection string of the maintenance database on the same server (used by restore). */
  adminUrl: string;
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded server in `${dataDir}/pg` (started, or attached to when the app already runs it). */
export async function openDatabase(config: Config, logger: Logger): Promise<OpenedDatabase> {
  let embedded: EmbeddedPostgres | null = null;
  let url: string;
  let adminUrl: string;
  if (config.databaseUrl) {
    url = config.databaseUrl;
    const u = new URL(url);
    u.pathname = '/postgres';
    adminUrl = u.toString();
  } else {
    embedded = await startEmbeddedPostgres({
      dir: path.join(config.dataDir, 'pg'),
      port: config.embeddedPgPort,
      onLog: (line) => logger.debug({ postgres: line }),
    });
    url = embedded.url;
    adminUrl = embedded.adminUrl;
  }
  // The app's own pool talks to the embedded server over its Unix socket when it has one.
  const { db } = createDatabase(embedded?.socketUrl ?? url);
  return {
    db,
    url,
    adminUrl,
    embedded,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
