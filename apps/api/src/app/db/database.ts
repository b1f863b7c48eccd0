import crypto from 'node:crypto';
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

const PREPARE_MAX_TEXT = 4000;
const PREPARE_MAX_PARAMS = 64;
const PREPARED_PER_CONNECTION = 500;
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    if (statementNames.size > 5000) statementNames.clear();
    name = `fq_${crypto.createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    statementNames.set(text, name);
  }
  return name;
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Sends the connection's parameterised statements as named prepared statements (the name is a
 * hash of the text), so PostgreSQL parses and plans each statement once per connection instead of
 * on every call — most of an intake's database time went there. Long texts, statements with many
 * parameters (IN lists of varying length) and any beyond the first 500 per connection stay
 * unnamed, so the server's memory per connection stays bounded; so do statements that start with
 * CUSTOM_PLAN.
 */
/**
 * Put this comment in a statement that must be planned with its values every time (analytic
 * queries over date ranges): a named statement switches to a generic plan after five runs, and a
 * generic plan of a range query over millions of rows can be a thousand times slower.
 */
export const CUSTOM_PLAN = '/* custom plan */';

function prepareStatements(client: pg.PoolClient): void {
  const names = new Set<string>();
  const target = client as unknown as { query: QueryFn };
  const query: QueryFn = target.query.bind(client);
  target.query = (...args: unknown[]) => {
    const [text, values, ...rest] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && values.length <= PREPARE_MAX_PARAMS && text.length <= PREPARE_MAX_TEXT && !text.startsWith(CUSTOM_PLAN)) {
      const name = statementName(text);
      if (names.has(name) || names.size < PREPARED_PER_CONNECTION) {
        names.add(name);
        return query({ name, text, values }, ...rest);
      }
    }
    return query(...args);
  };
}

export function createDatabase(url: string, options: { max?: number } = {}): { db: Database; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  pool.on('connect', prepareStatements);
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
