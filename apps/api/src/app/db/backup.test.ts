import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Migrator, sql, type Migration } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { backupDatabase, dependencyOrder, readBackupHeader, restoreDatabase, tableChecksums, type Checksums } from './backup.js';
import type { Database } from './database.js';

// Text COPY must carry untouched: tabs, newlines, CR, backslashes, a lone `\.` line, Chinese, emoji.
const TRICKY = 'tab\there\nnew line\r\n\\.\n\\\\ back\\slash \\N 中文 枫桥经验 😀';
const BIG_VALUE = '枫'.repeat(400_000); // crosses the stream's chunk boundaries

let dir: string;
const databases: TestDatabase[] = [];

async function database(template: 'demo' | 'empty'): Promise<TestDatabase> {
  const db = await createTestDatabase({ template });
  databases.push(db);
  return db;
}

async function addTrickyRows(db: Database): Promise<void> {
  // A child before its parent, in one statement: the table's COPY holds the child row first.
  await sql`insert into jurisdictions (id, parent_id, kind, name, path, center_lat, center_lon, boundary)
    values (9001, 9002, 'grid', ${TRICKY}, '/9002/9001/', 29.712345678901234, 120.2468013579, ${JSON.stringify({ type: 'Polygon', coordinates: [[[120.1, 29.7], [120.2, 29.7], [120.2, 29.8], [120.1, 29.7]]], 名称: '枫桥' })}::jsonb),
           (9002, null, 'bureau', '诸暨市公安局', '/9002/', null, null, null)`.execute(db);
  await sql`insert into users (username, display_name, role, jurisdiction_id, phone, password_hash)
    values ('backup-a', ${TRICKY}, 'officer', 9001, null, 'x'), ('backup-b', '', 'grid', 9002, '', ${BIG_VALUE})`.execute(db);
  await sql`insert into audit_events (actor_name, actor_role, action, entity_type, entity_id, change)
    select 'tester', 'admin', 'user.updated', 'user', i::text,
           jsonb_build_object('i', i, 'text', ${TRICKY}::text, 'nested', jsonb_build_array(null, true, 1.5e-7, '中文'))
    from generate_series(1, 20000) i`.execute(db);
  // The sequence runs ahead of the largest id: restored ids must not be handed out again.
  await sql`delete from audit_events where id > (select max(id) - 5 from audit_events)`.execute(db);
  await sql`insert into app_settings (key, value) values ('backup.null', 'null'::jsonb), ('backup.array', '[1, "二", {"a": null}]'::jsonb)`.execute(db);
}

async function writeGzip(file: string, text: string): Promise<void> {
  await fs.writeFile(file, zlib.gzipSync(Buffer.from(text, 'utf8')));
}

async function rewriteBackup(from: string, to: string, edit: (text: string) => string): Promise<void> {
  await writeGzip(to, edit(zlib.gunzipSync(await fs.readFile(from)).toString('utf8')));
}

/** Every key, index, constraint and trigger of `public`, as PostgreSQL prints them. */
async function schemaOutline(db: Database): Promise<string[]> {
  const { rows } = await sql<{ line: string }>`
    select 'index ' || pg_get_indexdef(i.indexrelid) as line from pg_index i join pg_class c on c.oid = i.indrelid
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'
    union all
    select 'constraint ' || k.conrelid::regclass::text || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) from pg_constraint k
      join pg_namespace n on n.oid = k.connamespace where n.nspname = 'public'
    union all
    select 'trigger ' || pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text from pg_trigger t join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and not t.tgisinternal
    order by 1`.execute(db);
  return rows.map((r) => r.line);
}

/** The restored database minus the audit event the restore itself records. */
async function checksumsWithoutRestoreEvent(db: Database): Promise<Checksums> {
  const deleted = await sql`delete from audit_events where action = 'system.restored'`.execute(db);
  expect(Number(deleted.numAffectedRows)).toBe(1);
  return tableChecksums(db);
}

let source: TestDatabase;
let backupFile: string;
let original: Checksums;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fq-backup-test-'));
  source = await database('demo');
  await addTrickyRows(source.db);
  original = await tableChecksums(source.db);
  backupFile = path.join(dir, 'county.fqbackup');
  await backupDatabase(source.url, backupFile, { verify: true });
});

afterAll(async () => {
  for (const db of databases) await db.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('a backup restored into an empty database equals the original, table by table', async () => {
    const target = await database('empty');
    const result = await restoreDatabase(target.url, backupFile, { verify: true });
    expect(result.rows).toBe(Object.values(original).reduce((sum, t) => sum + t.rows, 0));
    expect(Object.keys(original).length).toBeGreaterThanOrEqual(8);
    expect(original.users?.rows).toBeGreaterThan(2);
    expect(await checksumsWithoutRestoreEvent(target.db)).toEqual(original);
    expect(await schemaOutline(target.db)).toEqual(await schemaOutline(source.db));
  });

  it('records the restore as an audit event in the restored database', async () => {
    const target = await database('empty');
    await restoreDatabase(target.url, backupFile);
    const events = await target.db.selectFrom('audit_events').selectAll().where('action', '=', 'system.restored').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_name: 'cli', actor_role: 'system', entity_type: 'database' });
    expect(events[0]?.change).toMatchObject({ file: backupFile, tables: Object.keys(original).length, rows: Object.values(original).reduce((sum, t) => sum + t.rows, 0) });
  });

  it('identity sequences continue after the largest id and after the original sequence', async () => {
    const target = await database('empty');
    await restoreDatabase(target.url, backupFile);
    const sourceNext = await sql<{ id: number }>`insert into audit_events (actor_name, actor_role, action, entity_type) values ('t', 'admin', 'auth.login', 'user') returning id`.execute(source.db);
    const { rows } = await sql<{ id: number }>`select max(id) as id from audit_events where action <> 'system.restored'`.execute(target.db);
    const restoreEvent = await target.db.selectFrom('audit_events').select('id').where('action', '=', 'system.restored').executeTakeFirstOrThrow();
    // The restore's own event took the id the original would have handed out next.
    expect(Number(restoreEvent.id)).toBe(Number(sourceNext.rows[0]?.id));
    expect(Number(restoreEvent.id)).toBeGreaterThan(Number(rows[0]?.id) + 5);
    await sql`delete from audit_events where id = ${sourceNext.rows[0]?.id}`.execute(source.db);
    const jurisdiction = await target.db
      .insertInto('jurisdictions')
      .values({ parent_id: 9002, kind: 'station', name: '新派出所', path: '/tmp/' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(jurisdiction.id).toBeGreaterThan(9002);
  });

  it('foreign keys and the self-reference are in force again after a restore', async () => {
    const target = await database('empty');
    await restoreDatabase(target.url, backupFile);
    await expect(sql`insert into users (username, display_name, role, jurisdiction_id, password_hash) values ('x', 'x', 'grid', 123456, 'x')`.execute(target.db)).rejects.toThrow(/foreign key/);
    await expect(sql`update jurisdictions set parent_id = 123456 where id = 9001`.execute(target.db)).rejects.toThrow(/foreign key/);
  });

  it('restore refuses a target that holds data unless --force is given', async () => {
    const target = await database('demo');
    const before = await tableChecksums(target.db);
    await expect(restoreDatabase(target.url, backupFile)).rejects.toThrow(/not empty.*--force/);
    expect(await tableChecksums(target.db)).toEqual(before);
    await restoreDatabase(target.url, backupFile, { force: true });
    expect(await checksumsWithoutRestoreEvent(target.db)).toEqual(original);
  });

  it('a cut-short or damaged file fails and leaves the target untouched', async () => {
    const target = await database('demo');
    await sql`insert into app_settings (key, value) values ('still.here', 'true')`.execute(target.db);
    const before = await tableChecksums(target.db);
    const bytes = await fs.readFile(backupFile);
    const cut = path.join(dir, 'cut.fqbackup');
    await fs.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    await expect(restoreDatabase(target.url, cut, { force: true })).rejects.toThrow(/cut short|damaged/);
    const flipped = Buffer.from(bytes);
    for (let i = Math.floor(bytes.length / 2); i < Math.floor(bytes.length / 2) + 64; i++) flipped[i] = (flipped[i] ?? 0) ^ 0x5a;
    const damaged = path.join(dir, 'damaged.fqbackup');
    await fs.writeFile(damaged, flipped);
    await expect(restoreDatabase(target.url, damaged, { force: true })).rejects.toThrow();
    // Well-formed gzip, but the rows disagree with the end marker.
    const lying = path.join(dir, 'lying.fqbackup');
    await rewriteBackup(backupFile, lying, (text) => text.replace(/\{"name":"users","rows":(\d+)/, (_m, n: string) => `{"name":"users","rows":${Number(n) + 1}`));
    await expect(restoreDatabase(target.url, lying, { force: true })).rejects.toThrow(/damaged/);
    // Well-formed framing, but a value PostgreSQL rejects in the last table.
    const invalid = path.join(dir, 'invalid.fqbackup');
    await rewriteBackup(backupFile, invalid, (text) => text.replace('\n\\.\n{"end":true', '\nnot\ta\tvalid\trow\n\\.\n{"end":true'));
    await expect(restoreDatabase(target.url, invalid, { force: true })).rejects.toThrow();
    expect(await tableChecksums(target.db)).toEqual(before);
  });

  it('a backup from a newer migration level is refused before the target is touched', async () => {
    const newer = path.join(dir, 'newer.fqbackup');
    await rewriteBackup(backupFile, newer, (text) => text.replace('"migrations":["0001_foundation"', '"migrations":["0001_foundation","9999_from_the_future"'));
    expect((await readBackupHeader(newer)).migrations).toContain('9999_from_the_future');
    const target = await database('empty');
    await expect(restoreDatabase(target.url, newer, { force: true })).rejects.toThrow(/newer version of Fengqiao.*9999_from_the_future/);
  });

  it('a file that is not a backup is refused', async () => {
    const text = path.join(dir, 'notes.fqbackup');
    await writeGzip(text, 'hello\n');
    const target = await database('empty');
    await expect(restoreDatabase(target.url, text)).rejects.toThrow(/not a Fengqiao backup|damaged/);
    await fs.writeFile(text, 'plain text');
    await expect(restoreDatabase(target.url, text)).rejects.toThrow(/damaged|cut short/);
  });
});

// Column types and schema features the current migrations do not use yet, through a test-only migration.
const probeMigration: Migration = {
  async up(db) {
    await sql`
      create table backup_probe (
        id bigint generated always as identity (start with 1000) primary key,
        parent_id bigint references backup_probe(id),
        data bytea, tags text[], grid integer[][], doc jsonb, note text, at timestamptz, span interval,
        amount numeric(30, 10), ratio real, exact double precision, flag boolean, day date, moment time,
        note_length integer generated always as (length(note)) stored,
        stamped text
      );
      create function backup_probe_stamp() returns trigger language plpgsql as $$
        begin new.stamped := coalesce(new.stamped, '') || '+trigger'; return new; end $$;
      create trigger backup_probe_stamp before insert on backup_probe for each row execute function backup_probe_stamp();
    `.execute(db);
  },
};
const withProbe = { ...migrations, '9000_backup_probe': probeMigration };

describe('backup format', () => {
  it('bytea, arrays, intervals, numerics, generated columns and user triggers survive a round trip', async () => {
    const probe = await database('empty');
    const migrator = new Migrator({ db: probe.db, provider: { getMigrations: () => Promise.resolve(withProbe) } });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    await sql`insert into backup_probe (data, tags, grid, doc, note, at, span, amount, ratio, exact, flag, day, moment)
      select (select string_agg(set_byte('\\x00'::bytea, 0, b), ''::bytea) from generate_series(0, 255) b),
             array['a,b', '"quoted"', null, ${TRICKY}::text, '{}'], array[[1, 2], [3, null]],
             jsonb_build_object('k', ${TRICKY}::text), ${TRICKY}::text, '2024-02-29 23:59:59.123456+08', '1 year 2 mons -3 days 04:05:06.7',
             12345678901234567890.0123456789, 0.1, 0.1 + 0.2, true, '2024-02-29', '23:59:59.999999'
      from generate_series(1, 3)`.execute(probe.db);
    await sql`insert into backup_probe (parent_id, note) values (1002, null), (null, '')`.execute(probe.db);
    await sql`update backup_probe set parent_id = 1004 where id = 1000`.execute(probe.db);
    const before = await tableChecksums(probe.db);
    const file = path.join(dir, 'probe.fqbackup');
    await backupDatabase(probe.url, file);

    const target = await database('empty');
    await expect(restoreDatabase(target.url, file)).rejects.toThrow(/newer version.*9000_backup_probe/);
    await restoreDatabase(target.url, file, { migrations: withProbe });
    expect(await checksumsWithoutRestoreEvent(target.db)).toEqual(before);
    expect(await schemaOutline(target.db)).toEqual(await schemaOutline(probe.db));
    const next = await sql<{ id: string; stamped: string }>`insert into backup_probe (note) values ('after') returning id::text, stamped`.execute(target.db);
    expect(next.rows[0]).toEqual({ id: '1005', stamped: '+trigger' });
  });

  it('a backup of an older level, taken through a pool, is restored and then migrated to this build', async () => {
    const old = await database('empty');
    const file = path.join(dir, 'old.fqbackup');
    const pool = new pg.Pool({ connectionString: old.url, max: 1 });
    await backupDatabase(pool, file); // through the caller's pool, which stays usable
    expect((await pool.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    await pool.end();
    const target = await database('empty');
    const result = await restoreDatabase(target.url, file, { migrations: withProbe });
    expect(result.upgradedWith).toEqual(['9000_backup_probe']);
  });

  it('tables come after the tables they reference', () => {
    const order = dependencyOrder(
      ['audit_events', 'users', 'jurisdictions', 'departments', 'channels'],
      [
        { table: 'users', references: 'jurisdictions' },
        { table: 'users', references: 'departments' },
        { table: 'departments', references: 'jurisdictions' },
        { table: 'jurisdictions', references: 'jurisdictions' },
        { table: 'audit_events', references: 'users' },
      ],
    );
    expect(order).toEqual(['channels', 'jurisdictions', 'departments', 'users', 'audit_events']);
  });
});
