import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

// bigint (count(*), bigserial ids) as JS numbers: our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Calendar dates stay 'YYYY-MM-DD' strings: no time zone can shift them.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
export type Queryable = Database | Tx;

export function createDatabase(url: string, options: { max?: number } = {}): { db: Database; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  connectionStrings.set(db, url);
  return { db, pool };
}

const connectionStrings = new WeakMap<Database, string>();

/** The connection string a database handle was opened with (the realtime hub opens its own LISTEN connection with it). */
export function connectionStringOf(db: Database): string | null {
  return connectionStrings.get(db) ?? null;
}
