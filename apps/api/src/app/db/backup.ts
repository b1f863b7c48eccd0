import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { CompiledQuery, Kysely, Migrator, NO_MIGRATIONS, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { migrations as codeMigrations } from '../../migrations/index.js';

/*
 * Logical backup and restore without pg_dump (the embedded server ships none): one gzip stream
 * holding a JSON header line, then per table a JSON line, its COPY text data and a `\.` line,
 * then a JSON trailer line. The format is described in docs/operations.md.
 */

export const BACKUP_FORMAT = 'fengqiao-backup';
export const BACKUP_VERSION = 1;
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];
const END_OF_DATA = Buffer.from('\\.\n');
const TERMINATOR = Buffer.from('\n\\.\n');
// Both ends write and read COPY text under the same settings, whatever the server defaults.
const SESSION_SETTINGS = [
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  "set local timezone = 'UTC'",
  'set local extra_float_digits = 3',
  "set local bytea_output = 'hex'",
  "set local client_encoding = 'UTF8'",
  'set local statement_timeout = 0',
];

export class BackupError extends Error {}

export interface TableChecksum {
  rows: number;
  md5: string;
}
export type Checksums = Record<string, TableChecksum>;

export interface TableCount {
  name: string;
  rows: number;
  /** Uncompressed COPY text. */
  bytes: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  server: string;
  /** Names from kysely_migration, in order: restore rebuilds the schema to exactly this level. */
  migrations: string[];
  /** In foreign-key dependency order (referenced tables first), as they follow in the file. */
  tables: { name: string; columns: string[] }[];
  /** Identity and serial sequences, so that restored ids continue where the original's did. */
  sequences: { table: string; column: string; lastValue: string; isCalled: boolean }[];
}

interface BackupTrailer {
  end: true;
  tables: TableCount[];
  rows: number;
  checksums?: Checksums;
}

export interface BackupResult {
  file: string;
  tables: TableCount[];
  rows: number;
  /** Size of the gzip file. */
  fileBytes: number;
  seconds: number;
  checksums?: Checksums;
}

export interface RestoreResult {
  file: string;
  tables: TableCount[];
  rows: number;
  seconds: number;
  backupCreatedAt: string;
  /** Code migrations run after the load because the backup was older than this build. */
  upgradedWith: string[];
  checksums?: Checksums;
}

export interface BackupOptions {
  /** Also compute per-table checksums in the backup's snapshot and store them in the file. */
  verify?: boolean;
  onTable?: (table: TableCount) => void;
  signal?: AbortSignal;
}

export interface RestoreOptions {
  /** Replace a target that holds data (anything beyond what the migrations seed). */
  force?: boolean;
  /** Compare per-table checksums of the loaded data with the ones stored by `backup --verify`. */
  verify?: boolean;
  onTable?: (table: TableCount) => void;
  signal?: AbortSignal;
}

type Run = <R>(text: string, values?: unknown[]) => Promise<R[]>;
const runOn =
  (client: pg.ClientBase): Run =>
  async <R>(text: string, values?: unknown[]) =>
    (await client.query(text, values)).rows as R[];
const q = (name: string) => pg.escapeIdentifier(name);

// ---------------------------------------------------------------------------------------------
// Catalogue queries

interface TableInfo {
  name: string;
  columns: string[];
}

/** Ordinary tables of `public`, without kysely's own tables and those an extension owns. */
async function listTables(run: Run): Promise<TableInfo[]> {
  return run<TableInfo>(
    `select c.relname as name,
       array(select a.attname::text from pg_attribute a
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
             order by a.attnum) as columns
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' and c.relname <> all($1::text[])
       and not exists (select 1 from pg_depend d
                       where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
     order by c.relname`,
    [MIGRATION_TABLES],
  );
}

interface ForeignKey {
  table: string;
  references: string;
  name: string;
  definition: string;
}

async function listForeignKeys(run: Run): Promise<ForeignKey[]> {
  return run<ForeignKey>(
    `select src.relname as table, dst.relname as references, k.conname as name,
       pg_get_constraintdef(k.oid) as definition
     from pg_constraint k
       join pg_class src on src.oid = k.conrelid
       join pg_class dst on dst.oid = k.confrelid
       join pg_namespace n on n.oid = src.relnamespace
     where k.contype = 'f' and k.conparentid = 0 and n.nspname = 'public'
     order by src.relname, k.conname`,
  );
}

/** Referenced tables before the tables that reference them (Kahn); a cycle falls back to name order. */
export function dependencyOrder(tables: string[], foreignKeys: { table: string; references: string }[]): string[] {
  const known = new Set(tables);
  const needs = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const fk of foreignKeys) {
    if (fk.table !== fk.references && known.has(fk.table) && known.has(fk.references)) needs.get(fk.table)?.add(fk.references);
  }
  const order: string[] = [];
  const pending = [...tables].sort();
  while (pending.length > 0) {
    const index = pending.findIndex((t) => [...(needs.get(t) ?? [])].every((d) => order.includes(d)));
    order.push(...pending.splice(index === -1 ? 0 : index, 1));
  }
  return order;
}

interface SequenceColumn {
  table: string;
  column: string;
  sequence: string;
}

async function listSequenceColumns(run: Run): Promise<SequenceColumn[]> {
  return run<SequenceColumn>(
    `select * from (
       select c.relname as table, a.attname as column,
         pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as sequence
       from pg_attribute a
         join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
         and c.relname <> all($1::text[])) s
     where sequence is not null
     order by 1, 2`,
    [MIGRATION_TABLES],
  );
}

async function appliedMigrations(run: Run): Promise<string[]> {
  const [exists] = await run<{ found: boolean }>("select to_regclass('public.kysely_migration') is not null as found");
  if (!exists?.found) return [];
  return (await run<{ name: string }>('select name from public.kysely_migration order by name')).map((r) => r.name);
}

// ---------------------------------------------------------------------------------------------
// Checksums

/**
 * Row count and an order-independent digest per table: the sum of a 64-bit hash of every row's
 * text, so no table's text is ever held in one string. Call inside a transaction (`set local`).
 */
async function checksumTables(run: Run, tables: string[]): Promise<Checksums> {
  for (const setting of SESSION_SETTINGS) await run(setting);
  const out: Checksums = {};
  for (const table of tables) {
    const [row] = await run<{ rows: string; md5: string }>(
      `select count(*)::text as rows,
         md5(coalesce(sum(('x' || left(md5(row(t.*)::text), 16))::bit(64)::bigint)::text, '')) as md5
       from ${q(table)} t`,
    );
    out[table] = { rows: Number(row?.rows ?? 0), md5: row?.md5 ?? '' };
  }
  return out;
}

/** Per-table `{ rows, md5 }` of every table a backup holds, in one snapshot. */
export async function tableChecksums(db: Kysely<any>): Promise<Checksums> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const run: Run = async <R>(text: string, values: unknown[] = []) => (await trx.executeQuery<R>(CompiledQuery.raw(text, values))).rows;
      return checksumTables(run, (await listTables(run)).map((t) => t.name));
    });
}

// ---------------------------------------------------------------------------------------------
// Backup

/** A gzip file being written under a temporary name; `commit` renames it into place. */
function createSink(target: string) {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  const gzip = zlib.createGzip({ level: 3, chunkSize: 256 * 1024 });
  const file = fs.createWriteStream(temporary, { flags: 'wx' });
  const done = pipeline(gzip, file);
  done.catch(() => undefined);
  return {
    async write(chunk: Buffer | string): Promise<void> {
      if (!gzip.write(chunk)) await Promise.race([once(gzip, 'drain'), done]);
    },
    async commit(): Promise<number> {
      gzip.end();
      await done;
      await fs.promises.rename(temporary, target);
      return (await fs.promises.stat(target)).size;
    },
    async discard(): Promise<void> {
      gzip.destroy();
      await done.catch(() => undefined);
      await fs.promises.rm(temporary, { force: true });
    },
  };
}

async function readHeader(run: Run): Promise<BackupHeader> {
  const tables = await listTables(run);
  const order = dependencyOrder(
    tables.map((t) => t.name),
    await listForeignKeys(run),
  );
  const sequences: BackupHeader['sequences'] = [];
  for (const s of await listSequenceColumns(run)) {
    const [state] = await run<{ last_value: string; is_called: boolean }>(`select last_value::text, is_called from ${s.sequence}`);
    if (state) sequences.push({ table: s.table, column: s.column, lastValue: state.last_value, isCalled: state.is_called });
  }
  const [server] = await run<{ version: string }>('select version()');
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    server: server?.version ?? '',
    migrations: await appliedMigrations(run),
    tables: order.map((name) => ({ name, columns: tables.find((t) => t.name === name)?.columns ?? [] })),
    sequences,
  };
}

/**
 * Writes every table of `public` (but kysely's) from one repeatable-read snapshot into `outFile`,
 * streaming: memory use does not grow with the size of the tables.
 */
export async function backupDatabase(source: string | pg.Pool, outFile: string, options: BackupOptions = {}): Promise<BackupResult> {
  const started = performance.now();
  const client = typeof source === 'string' ? new pg.Client({ connectionString: source }) : await source.connect();
  if (client instanceof pg.Client) await client.connect();
  const run = runOn(client);
  const sink = createSink(path.resolve(outFile));
  try {
    await run('begin isolation level repeatable read read only');
    for (const setting of SESSION_SETTINGS) await run(setting);
    const header = await readHeader(run);
    await sink.write(`${JSON.stringify(header)}\n`);
    const counts: TableCount[] = [];
    for (const table of header.tables) {
      await sink.write(`${JSON.stringify({ table: table.name })}\n`);
      const columns = table.columns.map(q).join(', ');
      const stream = client.query(copyStreams.to(`copy ${q(table.name)} (${columns}) to stdout`));
      let bytes = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        options.signal?.throwIfAborted();
        bytes += chunk.length;
        await sink.write(chunk);
      }
      await sink.write(END_OF_DATA);
      const count = { name: table.name, rows: stream.rowCount, bytes };
      counts.push(count);
      options.onTable?.(count);
    }
    const rows = counts.reduce((sum, t) => sum + t.rows, 0);
    const checksums = options.verify ? await checksumTables(run, header.tables.map((t) => t.name)) : undefined;
    const trailer: BackupTrailer = { end: true, tables: counts, rows, ...(checksums ? { checksums } : {}) };
    await sink.write(`${JSON.stringify(trailer)}\n`);
    await run('commit');
    const fileBytes = await sink.commit();
    return { file: path.resolve(outFile), tables: counts, rows, fileBytes, seconds: (performance.now() - started) / 1000, ...(checksums ? { checksums } : {}) };
  } catch (err) {
    await sink.discard();
    throw err;
  } finally {
    if (client instanceof pg.Client) await client.end().catch(() => undefined);
    else (client as pg.PoolClient).release(true);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a backup file

/** Splits the gunzipped stream into JSON lines and COPY data sections. */
class BackupReader {
  private buffer = Buffer.alloc(0);
  private readonly chunks: AsyncIterator<Buffer>;
  private ended = false;

  constructor(private readonly input: Readable) {
    this.chunks = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  static open(file: string): BackupReader {
    const input = fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(zlib.createGunzip({ chunkSize: 256 * 1024 }));
    return new BackupReader(input);
  }

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    let next: IteratorResult<Buffer>;
    try {
      next = await this.chunks.next();
    } catch (err) {
      throw new BackupError(`the backup file is damaged or cut short (${(err as Error).message})`);
    }
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffer = this.buffer.length > 0 ? Buffer.concat([this.buffer, next.value]) : next.value;
    return true;
  }

  /** The next JSON line, or null at the end of the stream. */
  async json<T>(): Promise<T | null> {
    for (;;) {
      const newline = this.buffer.indexOf(0x0a);
      if (newline >= 0) {
        const line = this.buffer.subarray(0, newline).toString('utf8');
        this.buffer = this.buffer.subarray(newline + 1);
        try {
          return JSON.parse(line) as T;
        } catch {
          throw new BackupError('the backup file is damaged: a frame line is not JSON');
        }
      }
      if (this.buffer.length > 64 * 1024 * 1024) throw new BackupError('the backup file is damaged: a frame line is too long');
      if (!(await this.more())) {
        if (this.buffer.length > 0) throw new BackupError('the backup file is cut short');
        return null;
      }
    }
  }

  /** Hands one table's COPY text to `write`, up to (not including) its `\.` line. */
  async copyData(write: (chunk: Buffer) => Promise<void>): Promise<void> {
    let atLineStart = true;
    for (;;) {
      const buf = this.buffer;
      let end = -1;
      if (atLineStart && buf.length >= 3 && buf.subarray(0, 3).equals(END_OF_DATA)) end = 0;
      else {
        const found = buf.indexOf(TERMINATOR);
        if (found >= 0) end = found + 1;
      }
      if (end >= 0) {
        if (end > 0) await write(buf.subarray(0, end));
        this.buffer = buf.subarray(end + END_OF_DATA.length);
        return;
      }
      // Hold back a tail that could be the start of the terminator.
      const cut = buf.length - Math.min(buf.length, 3);
      if (cut > 0) {
        await write(buf.subarray(0, cut));
        atLineStart = buf[cut - 1] === 0x0a;
        this.buffer = buf.subarray(cut);
      }
      if (!(await this.more())) throw new BackupError('the backup file is cut short');
    }
  }

  close(): void {
    this.input.destroy();
  }
}

/** Reads and checks the header only. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const reader = BackupReader.open(file);
  try {
    return checkHeader(await reader.json<BackupHeader>());
  } finally {
    reader.close();
  }
}

function checkHeader(header: BackupHeader | null): BackupHeader {
  if (!header || header.format !== BACKUP_FORMAT) throw new BackupError('not a Fengqiao backup file');
  if (header.version !== BACKUP_VERSION) throw new BackupError(`backup format version ${String(header.version)} is not supported (this build reads version ${BACKUP_VERSION})`);
  return header;
}

/** The backup's migrations must be the first migrations of this build, in the same order. */
function checkMigrationLevel(header: BackupHeader): void {
  const code = Object.keys(codeMigrations).sort();
  const unknown = header.migrations.filter((m) => !code.includes(m));
  if (unknown.length > 0) {
    throw new BackupError(
      `this backup comes from a newer version of Fengqiao: its migration ${unknown.join(', ')} is unknown to this build (newest here: ${code.at(-1) ?? 'none'}); restore it with that version or a later one`,
    );
  }
  if (header.migrations.some((m, i) => code[i] !== m)) {
    throw new BackupError(`the backup's migrations (${header.migrations.join(', ')}) are not a prefix of this build's migrations`);
  }
}
