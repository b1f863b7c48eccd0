import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline as streamPipeline, type Readable, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { CompiledQuery, Kysely, Migrator, NO_MIGRATIONS, PostgresDialect, type Migration, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { migrations as codeMigrations } from '../../migrations/index.js';
import type { Database } from './database.js';

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
  /** The migrations that rebuild the schema; this build's by default. */
  migrations?: Record<string, Migration>;
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
export async function tableChecksums(db: Database): Promise<Checksums> {
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
  // Password hashes and personal data: readable by the owner only.
  const file = fs.createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
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

/** The header of a backup of the database `run` reads, in its snapshot. */
async function describeDatabase(run: Run): Promise<BackupHeader> {
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
  const pooled = typeof source !== 'string';
  const client = pooled ? await source.connect() : new pg.Client({ connectionString: source });
  if (!pooled) await client.connect();
  const run = runOn(client);
  const sink = createSink(path.resolve(outFile));
  let failed = false;
  try {
    await run('begin isolation level repeatable read read only');
    for (const setting of SESSION_SETTINGS) await run(setting);
    const header = await describeDatabase(run);
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
    failed = true;
    await sink.discard();
    throw err;
  } finally {
    if (pooled) (client as pg.PoolClient).release(failed);
    else await client.end().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a backup file

/** Splits the gunzipped stream into JSON lines and COPY data sections. */
class BackupReader {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly chunks: AsyncIterator<Buffer>;
  private ended = false;

  constructor(private readonly input: Readable) {
    this.chunks = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  static open(file: string): BackupReader {
    if (!fs.existsSync(file)) throw new BackupError(`no such file: ${file}`);
    const gunzip = zlib.createGunzip({ chunkSize: 256 * 1024 });
    // pipeline, not pipe: a read error must reach the gunzip stream we iterate.
    streamPipeline(fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), gunzip, () => undefined);
    return new BackupReader(gunzip);
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
    return checkHeader(await reader.json<Record<string, unknown>>());
  } finally {
    reader.close();
  }
}

function checkHeader(header: Record<string, unknown> | null): BackupHeader {
  if (header?.format !== BACKUP_FORMAT) throw new BackupError('not a Fengqiao backup file');
  if (header.version !== BACKUP_VERSION) throw new BackupError(`backup format version ${JSON.stringify(header.version)} is not supported (this build reads version ${BACKUP_VERSION})`);
  return header as unknown as BackupHeader;
}

/** The backup's migrations must be the first migrations of this build, in the same order. */
function checkMigrationLevel(header: BackupHeader, migrations: Record<string, Migration>): void {
  const code = Object.keys(migrations).sort();
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

// ---------------------------------------------------------------------------------------------
// Restore

/** A migrator on our one connection, inside our transaction (it must not open its own). */
function migratorOn(client: pg.Client, migrations: Record<string, Migration>): Migrator {
  const release = () => undefined;
  const pool: PostgresPool = {
    connect: () => Promise.resolve(Object.assign(client, { release }) as unknown as PostgresPoolClient),
    end: () => Promise.resolve(),
  };
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) }, disableTransactions: true });
}

/** Migrates to the named migration (none: no migrations at all), or to the latest when `to` is 'latest'. */
async function migrate(migrator: Migrator, to: { name: string | undefined } | 'latest'): Promise<string[]> {
  const { error, results } = to === 'latest' ? await migrator.migrateToLatest() : await migrator.migrateTo(to.name ?? NO_MIGRATIONS);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new BackupError(`migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Rows per table, counted up to `cap` (a table with more is certainly not just seed data). */
async function countRows(run: Run, tables: string[], cap = 10_000): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await run<{ n: number }>(`select count(*)::int as n from (select 1 from ${q(t)} limit ${cap + 1}) s`);
    out[t] = row?.n ?? 0;
  }
  return out;
}

/** Drops and re-creates `public`, keeping its owner and grants where our role is allowed to. */
async function recreatePublicSchema(run: Run): Promise<void> {
  await run(`do $$
    declare
      owner_name text;
      acl aclitem[];
      g record;
    begin
      select nspowner::regrole::text, nspacl into owner_name, acl from pg_namespace where nspname = 'public';
      drop schema if exists public cascade;
      create schema public;
      begin
        execute format('alter schema public owner to %s', owner_name);
      exception when others then null;
      end;
      for g in select grantee, privilege_type from aclexplode(acl) loop
        begin
          execute format('grant %s on schema public to %s', g.privilege_type,
                         case when g.grantee = 0 then 'public' else g.grantee::regrole::text end);
        exception when others then null;
        end;
      end loop;
    end $$`);
}

/**
 * Like pg_restore, load into bare tables and build keys and indexes afterwards: one sort per index
 * instead of one insertion per row, and each foreign key checked in a single pass instead of once
 * per row (which also needs no superuser, unlike disabling the RI triggers). User triggers are
 * switched off so the load writes rows exactly as they were.
 */
async function setAsideKeysAndIndexes(run: Run): Promise<() => Promise<void>> {
  const constraints = await run<{ table: string; name: string; definition: string; kind: string }>(
    `select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition, k.contype as kind
     from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' and k.contype in ('f', 'p', 'u', 'x') and k.conparentid = 0
       and c.relname <> all($1::text[])
     order by k.contype = 'f' desc, c.relname, k.conname`,
    [MIGRATION_TABLES],
  );
  const indexes = await run<{ name: string; definition: string }>(
    `select i.relname as name, pg_get_indexdef(i.oid) as definition
     from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
       join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' and c.relname <> all($1::text[])
       and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.contype in ('p', 'u', 'x'))
     order by c.relname, i.relname`,
    [MIGRATION_TABLES],
  );
  const triggers = await run<{ table: string; name: string; enabled: string }>(
    `select c.relname as table, t.tgname as name, t.tgenabled as enabled
     from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and not t.tgisinternal and t.tgenabled <> 'D'`,
  );
  for (const k of constraints) await run(`alter table ${q(k.table)} drop constraint ${q(k.name)}`);
  for (const i of indexes) await run(`drop index ${q(i.name)}`);
  for (const t of triggers) await run(`alter table ${q(t.table)} disable trigger ${q(t.name)}`);
  return async () => {
    for (const t of triggers) {
      const mode = t.enabled === 'A' ? 'always ' : t.enabled === 'R' ? 'replica ' : '';
      await run(`alter table ${q(t.table)} enable ${mode}trigger ${q(t.name)}`);
    }
    // Keys before the foreign keys that need them.
    for (const k of [...constraints].reverse()) await run(`alter table ${q(k.table)} add constraint ${q(k.name)} ${k.definition}`);
    for (const i of indexes) await run(i.definition);
  };
}

async function loadTable(client: pg.Client, reader: BackupReader, table: TableInfo, signal?: AbortSignal): Promise<TableCount> {
  const columns = table.columns.map(q).join(', ');
  // FREEZE: the table was created and truncated in this transaction, so rows can be written frozen.
  const copy = client.query(copyStreams.from(`copy ${q(table.name)} (${columns}) from stdin with (freeze)`));
  let failure: Error | null = null;
  copy.on('error', (err: Error) => (failure ??= err));
  let bytes = 0;
  try {
    await reader.copyData(async (chunk) => {
      signal?.throwIfAborted();
      if (failure) throw failure;
      bytes += chunk.length;
      if (!copy.write(chunk)) await once(copy, 'drain');
    });
    copy.end();
    await finished(copy as Writable);
  } catch (err) {
    // The server's complaint, if it made the load stop; else ours (damaged file, Ctrl-C).
    const cause: Error = failure ?? (err as Error);
    // Send CopyFail and wait for the server's answer, so the connection can still roll back.
    if (!copy.destroyed) copy.destroy(err as Error);
    await finished(copy as Writable).catch(() => undefined);
    throw cause instanceof BackupError || cause.name === 'AbortError' ? cause : new BackupError(`loading ${table.name} failed: ${cause.message}`);
  }
  return { name: table.name, rows: copy.rowCount, bytes };
}

async function loadTables(client: pg.Client, reader: BackupReader, header: BackupHeader, options: RestoreOptions): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const table of header.tables) {
    const frame = await reader.json<{ table?: string }>();
    if (frame?.table !== table.name) throw new BackupError(`the backup file is damaged: expected the data of table ${table.name}`);
    const count = await loadTable(client, reader, table, options.signal);
    counts.push(count);
    options.onTable?.(count);
  }
  return counts;
}

/** The end marker must follow, agree with what was loaded, and be the last thing in the file (gzip's CRC is checked there). */
async function readTrailer(reader: BackupReader, counts: TableCount[]): Promise<BackupTrailer> {
  const trailer = await reader.json<BackupTrailer>();
  if (!trailer?.end) throw new BackupError('the backup file is cut short (no end marker)');
  for (const count of counts) {
    const expected = trailer.tables.find((t) => t.name === count.name);
    if (expected?.rows !== count.rows) throw new BackupError(`the backup file is damaged: table ${count.name} holds ${count.rows} rows, the end marker says ${String(expected?.rows)}`);
  }
  if ((await reader.json()) !== null) throw new BackupError('the backup file is damaged: data after the end marker');
  return trailer;
}

/** Each identity/serial sequence continues after both the backed-up sequence value and the largest id. */
async function resetSequences(run: Run, header: BackupHeader): Promise<void> {
  for (const s of await listSequenceColumns(run)) {
    const [row] = await run<{ max: string | null }>(`select max(${q(s.column)})::text as max from ${q(s.table)}`);
    const saved = header.sequences.find((x) => x.table === s.table && x.column === s.column);
    let value = saved ? BigInt(saved.lastValue) : null;
    let called = saved?.isCalled ?? true;
    const max = row?.max == null ? null : BigInt(row.max);
    if (max !== null && (value === null || max > value || (max === value && !called))) {
      value = max;
      called = true;
    }
    if (value !== null) await run('select setval($1::regclass, $2::bigint, $3)', [s.sequence, value.toString(), called]);
  }
}

function compareChecksums(expected: Checksums | undefined, actual: Checksums): void {
  if (!expected) return;
  const differing = Object.keys(expected).filter((t) => actual[t]?.rows !== expected[t]?.rows || actual[t]?.md5 !== expected[t]?.md5);
  if (differing.length > 0) throw new BackupError(`verification failed: the restored data of ${differing.join(', ')} differs from the backup`);
}

/** Schema at the backup's level; refuses when the target holds more than the migrations seed, unless forced. */
async function prepareTarget(run: Run, migrator: Migrator, header: BackupHeader, force: boolean): Promise<TableInfo[]> {
  const before = force ? null : await countRows(run, (await listTables(run)).map((t) => t.name));
  await recreatePublicSchema(run);
  await migrate(migrator, { name: header.migrations.at(-1) });
  const tables = await listTables(run);
  if (before) {
    const seeded = await countRows(run, tables.map((t) => t.name).filter((t) => t in before));
    const occupied = Object.keys(before).filter((t) => (before[t] ?? 0) > (seeded[t] ?? 0));
    if (occupied.length > 0) throw new BackupError(`the target database is not empty (data in ${occupied.join(', ')}); pass --force to replace it`);
  }
  const missing = header.tables.filter((t) => !tables.some((x) => x.name === t.name));
  if (missing.length > 0) throw new BackupError(`the schema at migration ${header.migrations.at(-1) ?? '-'} has no table ${missing.map((t) => t.name).join(', ')}`);
  return tables;
}

/**
 * Replaces the target database's `public` schema with the backup, in one transaction: a damaged
 * file, a refused target or a failed constraint leaves the target exactly as it was.
 */
export async function restoreDatabase(url: string, inFile: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const started = performance.now();
  const file = path.resolve(inFile);
  const reader = BackupReader.open(file);
  const client = new pg.Client({ connectionString: url });
  const run = runOn(client);
  let inTransaction = false;
  try {
    const header = checkHeader(await reader.json<Record<string, unknown>>());
    const migrations = options.migrations ?? codeMigrations;
    checkMigrationLevel(header, migrations);
    await client.connect();
    await run('begin');
    inTransaction = true;
    for (const setting of SESSION_SETTINGS) await run(setting);
    await run("set local maintenance_work_mem = '256MB'");
    const migrator = migratorOn(client, migrations);
    const tables = await prepareTarget(run, migrator, header, options.force ?? false);
    const resume = await setAsideKeysAndIndexes(run);
    if (tables.length > 0) await run(`truncate table ${tables.map((t) => q(t.name)).join(', ')}`);
    const counts = await loadTables(client, reader, header, options);
    const trailer = await readTrailer(reader, counts);
    await resume();
    await resetSequences(run, header);
    const checksums = options.verify ? await checksumTables(run, header.tables.map((t) => t.name)) : undefined;
    if (checksums) compareChecksums(trailer.checksums, checksums);
    const upgradedWith = await migrate(migrator, 'latest');
    const rows = counts.reduce((sum, t) => sum + t.rows, 0);
    const change = { file, tables: counts.length, rows, backupCreatedAt: header.createdAt, migration: header.migrations.at(-1) ?? null };
    await run(
      `insert into audit_events (actor_name, actor_role, action, entity_type, change)
       values ('cli', 'system', 'system.restored', 'database', $1::jsonb)`,
      [JSON.stringify(change)],
    );
    await run('commit');
    inTransaction = false;
    const seconds = (performance.now() - started) / 1000;
    return { file, tables: counts, rows, seconds, backupCreatedAt: header.createdAt, upgradedWith, ...(checksums ? { checksums } : {}) };
  } catch (err) {
    if (inTransaction) await run('rollback').catch(() => undefined);
    throw err;
  } finally {
    reader.close();
    await client.end().catch(() => undefined);
  }
}
