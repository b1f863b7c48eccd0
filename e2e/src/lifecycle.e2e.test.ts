import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lockedDataDir, startApp } from './server.js';

async function count(baseUrl: string, username: string): Promise<number> {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'fengqiao-demo' }) });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const body = (await (await fetch(`${baseUrl}/api/users?pageSize=1`, { headers: { cookie } })).json()) as { total: number };
  return body.total;
}

function postgresRunningFor(dataDir: string): boolean {
  try {
    return execFileSync('ps', ['-eo', 'args']).toString().split('\n').some((l) => l.includes('postgres') && l.includes(dataDir));
  } catch {
    return false;
  }
}

describe('running the product', () => {
  it('starts again after a kill -9 of the previous run, with the data kept and no second demo county', async () => {
    const dataDir = lockedDataDir('kill9');
    const first = await startApp({ dataDir });
    const before = await count(first.baseUrl, 'demo-admin');
    first.child.kill('SIGKILL');
    await first.exited;
    // The embedded server outlives its killed parent and still holds the data folder.
    expect(postgresRunningFor(dataDir)).toBe(true);
    const second = await startApp({ dataDir });
    expect(await count(second.baseUrl, 'demo-admin')).toBe(before);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(postgresRunningFor(dataDir)).toBe(false);
  }, 420_000);

  it('uses an external PostgreSQL given by DATABASE_URL, with the same migrations', async () => {
    // A separately started server stands in for a bureau's own PostgreSQL.
    const { startEmbeddedPostgres } = await import('../../apps/api/dist/app/db/embedded.js');
    const root = lockedDataDir('external');
    const external = await startEmbeddedPostgres({ dir: `${root}-server` });
    try {
      const app = await startApp({ dataDir: root, env: { DATABASE_URL: external.url } });
      expect(app.output()).toContain('DATABASE_URL');
      expect(await count(app.baseUrl, 'demo-chief')).toBeGreaterThan(0);
      app.child.kill('SIGINT');
      expect(await app.exited).toBe(0);
      // The app neither started nor stopped a server of its own.
      expect(postgresRunningFor(`${root}/pg`)).toBe(false);
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: external.url });
      await client.connect();
      const migrations = await client.query<{ name: string }>('select name from kysely_migration order by name');
      await client.end();
      expect(migrations.rows.map((r) => r.name)).toContain('0001_foundation');
    } finally {
      await external.stop();
    }
  }, 420_000);

  it('Ctrl-C stops the app and its embedded database cleanly', async () => {
    const dataDir = lockedDataDir('sigint');
    const app = await startApp({ dataDir });
    expect(app.output()).toContain('demo-chief');
    expect(app.output()).toContain('fengqiao-demo');
    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
    expect(postgresRunningFor(dataDir)).toBe(false);
  }, 420_000);

  it('a production start without secrets refuses to run and says what to set', async () => {
    const dataDir = lockedDataDir('prod');
    await expect(startApp({ dataDir, env: { FENGQIAO_DEMO: '0', FENGQIAO_SESSION_SECRET: '', FENGQIAO_DATA_KEY: '' } })).rejects.toThrow(/FENGQIAO_SESSION_SECRET[\s\S]*FENGQIAO_DATA_KEY/);
  }, 60_000);

  it('a production start with secrets has no demo data, and admin:create makes the first administrator', async () => {
    const dataDir = lockedDataDir('prod2');
    const env = { FENGQIAO_DEMO: '0', FENGQIAO_SESSION_SECRET: 'p'.repeat(48), FENGQIAO_DATA_KEY: Buffer.alloc(32, 3).toString('base64') };
    const app = await startApp({ dataDir, env });
    const demo = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-admin', password: 'fengqiao-demo' }) });
    expect(demo.status).toBe(401);
    const { repoRoot } = await import('./server.js');
    execFileSync(process.execPath, ['apps/api/dist/cli/admin-create.js', '--username', 'chief-admin', '--name', '王管理', '--bureau', '示范县公安局'], {
      cwd: repoRoot,
      env: { ...process.env, ...env, FENGQIAO_DATA_DIR: dataDir, FENGQIAO_ADMIN_PASSWORD: 'first-admin-password' },
    });
    const login = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'chief-admin', password: 'first-admin-password' }) });
    expect(login.status).toBe(200);
    const me = (await login.json()) as { user: { role: string; jurisdiction: { name: string } } };
    expect(me.user.role).toBe('admin');
    expect(me.user.jurisdiction.name).toBe('示范县公安局');
    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
  }, 420_000);
});
