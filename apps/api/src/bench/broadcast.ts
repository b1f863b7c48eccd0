import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { randomToken, sessionIdFor } from '../app/auth/tokens.js';
import { SESSION_IDLE_MS } from '../app/auth/authenticate.js';
import { createIdentityCipher } from '../app/crypto.js';
import { createDatabase } from '../app/db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../app/db/embedded.js';
import { migrateToLatest } from '../app/db/migrate.js';
import { createFileStore } from '../app/files.js';
import { createServer } from '../app/server.js';
import { isDatabaseEmpty } from '../demo/index.js';
import { machineLine } from './machine.js';

/**
 * `npm run bench:broadcast`: one area broadcast fanned out to 10,000 connected phones on loopback.
 * The product server runs on the embedded PostgreSQL; 10,000 volunteer users with sign-ins and
 * sessions (rows as the auth module writes them) are created in bulk; client child processes open
 * one SSE stream each (GET /api/my/broadcasts/stream); an officer sends one broadcast to the area
 * they all stand in; each client records when the `broadcast` event arrives. Reported: the time
 * from the POST until each client has it (p50 / p99 / max) and how many got it. Target p99 < 2 s.
 *
 * BENCH_CLIENTS (10,000), BENCH_CLIENT_PROCESSES (4), DATABASE_URL (an empty database instead of
 * the embedded server), BENCH_WAIT_SECONDS (30: how long clients wait for the event).
 */

const SECRET = 'bench-secret-bench-secret-bench-secret';
const CENTRE = { lat: 30.25, lon: 120.17 };

interface ClientInput {
  port: number;
  tokens: string[];
  worker: number;
}
type ToClient = { type: 'start'; input: ClientInput } | { type: 'collect'; waitMs: number };
type FromClient = { type: 'ready'; connected: number; failed: number; errors: Record<string, number> } | { type: 'result'; arrivals: number[]; missing: number; cpuMs: number };

const wallNow = () => performance.timeOrigin + performance.now();

/** One process's share of the phones: opens the streams in waves, then waits for the broadcast. */
function runClients() {
  const arrivals: number[] = [];
  const requests: http.ClientRequest[] = [];
  let expected = 0;
  let cpu0 = process.cpuUsage();
  let finish: (() => void) | null = null;
  const errors: Record<string, number> = {};
  process.on('message', (m: ToClient) => {
    if (m.type === 'start') void start(m.input);
    else {
      const deadline = setTimeout(() => finish?.(), m.waitMs);
      finish = () => {
        clearTimeout(deadline);
        finish = null;
        for (const r of requests) r.destroy();
        const cpu = process.cpuUsage(cpu0);
        process.send!({ type: 'result', arrivals, missing: expected - arrivals.length, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies FromClient, () => process.exit(0));
      };
      if (arrivals.length >= expected) finish();
    }
  });

  async function start(input: ClientInput) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    let connected = 0;
    let failed = 0;
    const open = (token: string) =>
      new Promise<void>((resolve) => {
        let got = false;
        let ready = false;
        let tail = '';
        const req = http.request({ host: '127.0.0.1', port: input.port, path: '/api/my/broadcasts/stream', agent, headers: { cookie: `fq_session=${token}`, accept: 'text/event-stream' } }, (res) => {
          if (res.statusCode !== 200) {
            failed += 1;
            errors[String(res.statusCode)] = (errors[String(res.statusCode)] ?? 0) + 1;
            res.resume();
            resolve();
            return;
          }
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const at = wallNow();
            const text = tail + chunk;
            tail = text.slice(-40);
            if (!ready && text.includes('event: ready\n')) {
              ready = true;
              connected += 1;
              resolve();
            }
            if (!got && text.includes('event: broadcast\n')) {
              got = true;
              arrivals.push(at);
              if (arrivals.length >= expected) finish?.();
            }
          });
        });
        req.on('error', (e) => {
          if (!ready) {
            failed += 1;
            errors[e.message] = (errors[e.message] ?? 0) + 1;
            resolve();
          }
        });
        req.end();
        requests.push(req);
      });
    const wave = 200;
    for (let i = 0; i < input.tokens.length; i += wave) await Promise.all(input.tokens.slice(i, i + wave).map(open));
    expected = connected;
    cpu0 = process.cpuUsage();
    process.send!({ type: 'ready', connected, failed, errors } satisfies FromClient);
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main() {
  const clients = Number(process.env.BENCH_CLIENTS ?? 10_000);
  const procs = Number(process.env.BENCH_CLIENT_PROCESSES ?? 4);
  const waitMs = Number(process.env.BENCH_WAIT_SECONDS ?? 30) * 1000;
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  const workDir = path.join(repoRoot, 'bench', 'tmp', 'broadcast');
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  let pg: EmbeddedPostgres | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    pg = await startEmbeddedPostgres({ dir: path.join(workDir, 'pg') });
    url = pg.socketUrl ?? pg.url;
  }
  const { db } = createDatabase(url, { max: 10 });
  try {
    await migrateToLatest(db);
    if (!(await isDatabaseEmpty(db))) throw new Error('bench:broadcast needs an empty database');
    const t0Setup = Date.now();
    // A bureau, a station and a community; the officer sits at the station.
    await sql`insert into jurisdictions (id, parent_id, kind, name, path, center_lat, center_lon) values
      (1, null, 'bureau', '压测县公安局', '/1/', ${CENTRE.lat}, ${CENTRE.lon}),
      (2, 1, 'station', '压测派出所', '/1/2/', ${CENTRE.lat}, ${CENTRE.lon}),
      (3, 2, 'community', '压测社区', '/1/2/3/', ${CENTRE.lat}, ${CENTRE.lon})`.execute(db);
    const officer = await db.insertInto('users').values({ username: 'bench-officer', display_name: '压测民警', role: 'officer', jurisdiction_id: 2, department_id: null, phone: null, password_hash: 'no-password-login' }).returning('id').executeTakeFirstOrThrow();
    // 10,000 volunteers with a sign-in, scattered within 3 km of the centre.
    await sql`insert into users (username, display_name, role, jurisdiction_id, password_hash)
      select 'bench-vol-' || g, '志愿者' || g, 'volunteer', 3, 'no-password-login' from generate_series(1, ${clients}::int) g`.execute(db);
    await sql`insert into volunteers (user_id, name, role, jurisdiction_id, last_lat, last_lon, last_located_at)
      select u.id, u.display_name, 'info', 3, ${CENTRE.lat} + (random() - 0.5) * 0.05, ${CENTRE.lon} + (random() - 0.5) * 0.05, now()
      from users u where u.role = 'volunteer'`.execute(db);
    // Sessions as the auth module writes them: the id is the keyed hash of the cookie token.
    const users = await db.selectFrom('users').select(['id', 'role']).orderBy('id').execute();
    const tokens = new Map<number, string>();
    const expires = new Date(Date.now() + SESSION_IDLE_MS);
    const rows = users.map((u) => {
      const token = randomToken();
      tokens.set(u.id, token);
      return { id: sessionIdFor(SECRET, token), user_id: u.id, csrf_token: randomToken(), ip: '127.0.0.1', user_agent: 'bench', expires_at: expires };
    });
    for (let i = 0; i < rows.length; i += 2000) await db.insertInto('sessions').values(rows.slice(i, i + 2000)).execute();
    const officerToken = tokens.get(officer.id)!;
    const officerCsrf = rows.find((r) => r.user_id === officer.id)!.csrf_token;
    const volunteerTokens = users.filter((u) => u.role === 'volunteer').map((u) => tokens.get(u.id)!);
    await sql`analyze`.execute(db);
    const setupSeconds = (Date.now() - t0Setup) / 1000;
    process.stdout.write(`created ${volunteerTokens.length.toLocaleString('en')} volunteers with sessions in ${setupSeconds.toFixed(1)} s\n`);

    const app = await createServer({
      db,
      logger: false,
      identity: createIdentityCipher(Buffer.alloc(32, 7)),
      files: createFileStore(path.join(workDir, 'files')),
      options: { sessionSecret: SECRET, cookieSecure: false, trustProxy: false, tileUrl: null, tileAttribution: null, webDist: null },
    });
    await app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
    const port = (app.server.address() as { port: number }).port;

    const share = Math.ceil(volunteerTokens.length / procs);
    const children = Array.from({ length: procs }, (_, worker) => {
      const child = fork(fileURLToPath(import.meta.url), ['--clients'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const next = () => new Promise<FromClient>((resolve, reject) => {
        child.once('message', (m) => resolve(m as FromClient));
        child.once('error', reject);
      });
      return { child, worker, tokens: volunteerTokens.slice(worker * share, (worker + 1) * share), next };
    });
    const connectStart = Date.now();
    const ready = await Promise.all(
      children.map((c) => {
        const p = c.next();
        c.child.send({ type: 'start', input: { port, tokens: c.tokens, worker: c.worker } } satisfies ToClient);
        return p;
      }),
    );
    const connected = ready.reduce((s, r) => s + (r.type === 'ready' ? r.connected : 0), 0);
    const connectErrors: Record<string, number> = {};
    for (const r of ready) if (r.type === 'ready') for (const [k, v] of Object.entries(r.errors)) connectErrors[k] = (connectErrors[k] ?? 0) + v;
    const connectSeconds = (Date.now() - connectStart) / 1000;
    process.stdout.write(`${connected.toLocaleString('en')} streams open in ${connectSeconds.toFixed(1)} s${Object.keys(connectErrors).length ? ` (errors ${JSON.stringify(connectErrors)})` : ''}\n`);
    // Let the connection storm settle (heartbeats, GC) before measuring.
    await new Promise((r) => setTimeout(r, 2000));

    const load = os.loadavg();
    const cpu0 = process.cpuUsage();
    const results = children.map((c) => c.next());
    const payload = JSON.stringify({
      kind: 'missing_person',
      title: '寻找走失老人（压测）',
      body: '男，78岁，身穿灰色棉袄，于今天上午在菜市场附近走失。',
      target: { type: 'radius', centerLat: CENTRE.lat, centerLon: CENTRE.lon, radiusM: 5000 },
      includeGrid: false,
    });
    const t0 = wallNow();
    const post = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/broadcasts', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), cookie: `fq_session=${officerToken}`, 'x-csrf-token': officerCsrf } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    const postMs = wallNow() - t0;
    if (post.status !== 201) throw new Error(`POST /api/broadcasts: ${post.status} ${post.body}`);
    const broadcast = JSON.parse(post.body) as { id: number; counts: { recipients: number } };
    for (const c of children) c.child.send({ type: 'collect', waitMs } satisfies ToClient);
    const done = await Promise.all(results);
    const nodeCpu = process.cpuUsage(cpu0);
    const latencies = done.flatMap((r) => (r.type === 'result' ? r.arrivals.map((a) => a - t0) : [])).sort((a, b) => a - b);
    const missing = done.reduce((s, r) => s + (r.type === 'result' ? r.missing : 0), 0);
    const clientCpu = done.reduce((s, r) => s + (r.type === 'result' ? r.cpuMs : 0), 0);
    // Delivery marks are written after the push; give them a moment.
    await new Promise((r) => setTimeout(r, 1000));
    const marked = await db.selectFrom('broadcast_recipients').select((eb) => eb.fn.count<number>('delivered_at').as('n')).where('broadcast_id', '=', broadcast.id).executeTakeFirstOrThrow();
    await app.close();

    const p = (q: number) => `${(percentile(latencies, q) / 1000).toFixed(3)} s`;
    const p99 = percentile(latencies, 99);
    const lines = [
      `- setup: ${volunteerTokens.length.toLocaleString('en')} volunteer users with sessions and positions created in bulk (${setupSeconds.toFixed(1)} s); ${connected.toLocaleString('en')} SSE streams (GET /api/my/broadcasts/stream) opened from ${procs} client process(es) in ${connectSeconds.toFixed(1)} s${Object.keys(connectErrors).length ? `, connect errors ${JSON.stringify(connectErrors)}` : ''}`,
      `- one broadcast (radius 5 km) to ${broadcast.counts.recipients.toLocaleString('en')} recipients; POST answered 201 in ${postMs.toFixed(0)} ms (recipients resolved and inserted in the transaction, one NOTIFY)`,
      `- delivered to **${latencies.length.toLocaleString('en')} / ${connected.toLocaleString('en')}** connected clients (missing ${missing}); delivered_at marked for ${Number(marked.n).toLocaleString('en')}`,
      `- time from the POST until the client has the event: p50 ${p(50)}, p90 ${p(90)}, **p99 ${p(99)}** (target < 2 s: ${p99 < 2000 && missing === 0 ? 'met' : 'NOT met'}), max ${p(100)}`,
      `- CPU during the send and fan-out: API process ${((nodeCpu.user + nodeCpu.system) / 1000).toFixed(0)} ms, client processes ${clientCpu.toFixed(0)} ms`,
      `- machine load average when the send started: ${load.map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min; the 2 cores are shared with other engineers' builds and tests, and the client processes run on the same cores)`,
    ];
    process.stdout.write(`bench:broadcast on ${machineLine()}\n${lines.join('\n')}\n`);
    const day = new Date().toISOString().slice(0, 10);
    const dir = path.join(repoRoot, 'bench', 'results');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `broadcast-${day}.md`);
    const header = fs.existsSync(file) ? '' : `# broadcast fan-out, ${day}\n\nEach run appends a section. Reproduce with \`npm run bench:broadcast\`.\n`;
    fs.appendFileSync(file, `${header}\n## ${new Date().toISOString()} — ${machineLine()}\n\n${lines.join('\n')}\n`);
    process.stdout.write(`recorded in ${path.relative(repoRoot, file)}\n`);
  } finally {
    await db.destroy();
    await pg?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--clients')) runClients();
else await main();
