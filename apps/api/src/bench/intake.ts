import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import { sql } from 'kysely';
import { createIdentityCipher } from '../app/crypto.js';
import { createDatabase, type Database } from '../app/db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../app/db/embedded.js';
import { migrateToLatest } from '../app/db/migrate.js';
import { createFileStore } from '../app/files.js';
import { createServer } from '../app/server.js';
import { isDatabaseEmpty, seedDemoCounty } from '../demo/index.js';
import { intakeGatherer } from '../modules/incidents/incidents.intake-batch.js';
import { KeepAliveConnection } from './http-client.js';
import { machineLine, recordResult } from './machine.js';

/**
 * `npm run bench:intake`: sustained incident intake with repeat detection, through the real HTTP
 * server and a channel's API key, into a database already holding 1,000,000 incidents.
 * Target: ≥ 1,000 incidents/s and p99 < 50 ms on a 2-core machine with the embedded server.
 *
 * BENCH_INCIDENTS (1,000,000 preloaded), BENCH_SECONDS (30, measured), BENCH_WARMUP (5 s before them, not counted), BENCH_CLIENTS (24:
 * on 2 cores the knee of throughput against latency — 32 clients gave no more incidents/s and a
 * third more latency, 16 fewer incidents/s; bench/results/2026-11-24-intake-episodes.md),
 * BENCH_SCALE (demo county size, 4), DATABASE_URL (an empty database instead of the embedded server),
 * BENCH_REUSE=1 (keep the embedded server's folder after the run and, when it already holds the
 * seeded county and the preloaded incidents, start from it instead of seeding and loading again:
 * for repeated measurements while working on intake; the recorded line says so).
 *
 * The load-generating clients run in a child process of their own, so that the API process's CPU
 * figure is the server's alone; the clients' CPU is reported separately.
 */

interface WorkerInput {
  port: number;
  secret: string;
  seconds: number;
  /** Seconds of sending before the measured window (caches and plans warm, batches formed). */
  warmup: number;
  clients: number;
  addresses: string[];
  categories: string[];
  /** Dispute categories among them: scored for escalation on intake (not gathered into batches). */
  disputes: string[];
  worker: number;
}

interface WorkerResult {
  latencies: number[];
  /** The same latencies split: dispute incidents (scored on intake, not gathered) and the others. */
  disputeLatencies: number[];
  otherLatencies: number[];
  created: number;
  duplicates: number;
  errors: Record<string, number>;
  /** CPU milliseconds (user + system) the client process used in the measured window. */
  cpuMs: number;
  /** Length of the measured window, ms. */
  windowMs: number;
}

/** Keep-alive clients in a process of their own, each sending one incident after another. */
async function runClients(input: WorkerInput): Promise<WorkerResult> {
  let cpu0 = process.cpuUsage();
  const latencies: number[] = [];
  const disputeLatencies: number[] = [];
  const otherLatencies: number[] = [];
  const disputes = new Set(input.disputes);
  const errors: Record<string, number> = {};
  let created = 0;
  let duplicates = 0;
  let serial = 0;
  // Some callers and places call again and again: repeat detection fires.
  const hotPhones = Array.from({ length: 500 }, (_, i) => `137${String(10_000_000 + i * 7919).slice(0, 8)}`);
  const rnd = (n: number) => Math.floor(Math.random() * n);
  const hotAddresses = Array.from({ length: 300 }, (_, i) => input.addresses[(i * 7919) % input.addresses.length]!);
  const body = () => {
    const hot = Math.random() < 0.1;
    const address = Math.random() < 0.12 ? `${['城关镇', '东湖镇', '南塘镇'][rnd(3)]}${['人民路与建设路交叉口', '汽车站门口', '农贸市场东门'][rnd(3)]}` : hot ? hotAddresses[rnd(hotAddresses.length)]! : input.addresses[rnd(input.addresses.length)]!;
    const phone = hot ? hotPhones[rnd(hotPhones.length)]! : `1${3 + rnd(6)}${String(rnd(1e9)).padStart(9, '0')}`;
    const categoryCode = input.categories[rnd(input.categories.length)]!;
    const payload = JSON.stringify({
      channel: '110',
      receivedAt: new Date(Date.now() - 1000).toISOString(),
      categoryCode,
      summary: '群众报警，请求出警处置',
      narrative: '报警人称在该处与他人发生纠纷，情绪激动，请民警到场处理。',
      callerName: '王先生',
      callerPhone: phone,
      addressText: address,
    });
    return { payload, dispute: disputes.has(categoryCode) };
  };
  // One connection per client (bench/http-client.ts: a lighter load generator than node:http's client).
  const connections: KeepAliveConnection[] = [];
  const auth = `authorization: Bearer ${input.secret}\r\n`;
  const measureFrom = Date.now() + input.warmup * 1000;
  const until = measureFrom + input.seconds * 1000;
  let measuring = input.warmup <= 0;
  const warm = setTimeout(() => {
    measuring = true;
    cpu0 = process.cpuUsage();
  }, Math.max(0, measureFrom - Date.now()));
  const client = async () => {
    const connection = new KeepAliveConnection('127.0.0.1', input.port);
    connections.push(connection);
    const send = (payload: string, key: string) => connection.post('/api/incidents', `${auth}idempotency-key: ${key}\r\n`, payload);
    while (Date.now() < until) {
      const { payload, dispute } = body();
      const key = `bench-${input.worker}-${++serial}-${Date.now().toString(36)}`;
      const counted = measuring;
      const t0 = process.hrtime.bigint();
      try {
        const status = await send(payload, key);
        if (!counted) continue;
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        latencies.push(ms);
        (dispute ? disputeLatencies : otherLatencies).push(ms);
        if (status === 201) created++;
        else if (status === 200) duplicates++;
        else errors[status] = (errors[status] ?? 0) + 1;
      } catch (e) {
        errors[(e as Error).message] = (errors[(e as Error).message] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: input.clients }, client));
  clearTimeout(warm);
  const windowMs = Date.now() - measureFrom;
  for (const c of connections) c.close();
  const cpu = process.cpuUsage(cpu0);
  return { latencies, disputeLatencies, otherLatencies, created, duplicates, errors, cpuMs: (cpu.user + cpu.system) / 1000, windowMs };
}

/** utime, stime, cutime, cstime (clock ticks) and the parent pid of a process, from /proc (Linux). */
function procTimes(pid: number): { own: number; children: number; ppid: number } | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { own: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]), ppid: Number(fields[1]) };
  } catch {
    return null;
  }
}

/**
 * CPU seconds (user + system) used so far by the PostgreSQL server: the postmaster, its live
 * processes (backends, WAL writer, checkpointer, autovacuum …) and the ones that already ended
 * (the postmaster's reaped children); `backends` is the client backends' share. Linux only; 0
 * elsewhere. Falls back to the processes listed in pg_stat_activity when the postmaster cannot be
 * read (a server on another machine).
 */
async function serverCpu(db: Database): Promise<{ total: number; backends: Map<number, number> }> {
  const { rows } = await sql<{ pid: number; backend_type: string }>`select pid, backend_type from pg_stat_activity`.execute(db);
  const tick = 100;
  const backends = new Map<number, number>();
  for (const r of rows) if (r.backend_type === 'client backend') backends.set(r.pid, (procTimes(r.pid)?.own ?? 0) / tick);
  const postmaster = rows.map((r) => procTimes(r.pid)?.ppid).find((p) => p !== undefined && p > 1);
  const pm = postmaster ? procTimes(postmaster) : null;
  if (postmaster && pm) {
    let total = pm.own + pm.children;
    let children: number[] = [];
    try {
      children = fs.readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      children = rows.map((r) => r.pid);
    }
    for (const pid of children) total += procTimes(pid)?.own ?? 0;
    return { total: total / tick, backends };
  }
  let total = 0;
  for (const { pid } of rows) total += procTimes(pid)?.own ?? 0;
  return { total: total / tick, backends };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * 1,000,000 incidents over ten years (a bureau's archive; about 8,000 fall in the last 30 days) at the
 * county's addresses and a skewed set of phones, set-based, with the indexes built after.
 */
async function preload(db: Database, count: number): Promise<number> {
  const started = Date.now();
  const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes where tablename = 'incidents' and indexname not in (select conname from pg_constraint where conrelid = 'incidents'::regclass)`.execute(db);
  for (const i of indexes) await sql.raw(`drop index ${i.indexname}`).execute(db);
  await sql`
    create temporary table bench_places as
    select row_number() over (order by a.id)::int as n, a.id, a.full_name, a.jurisdiction_id, a.lat, a.lon
    from addresses a where a.level in ('room', 'building') and a.archived_at is null`.execute(db);
  await sql`
    create temporary table bench_categories as
    select row_number() over (order by code)::int as n, code, kind, name_zh from incident_categories where source = 'jcj110' and level = 2 and active`.execute(db);
  const { rows: sizes } = await sql<{ places: number; categories: number }>`select (select count(*) from bench_places)::int as places, (select count(*) from bench_categories)::int as categories`.execute(db);
  const { places, categories } = sizes[0]!;
  // Skewed picks (power of a uniform draw): a few places and phones carry many incidents, most few.
  await sql`
    with src as materialized (
      select g, now() - interval '1 hour' - random() * interval '3650 days' as at,
        1 + floor(${places} * power(random(), 1.5))::int as pn,
        '1' || (3 + g % 6) || lpad(floor(600000 * power(random(), 2))::int::text, 9, '0') as phone
      from generate_series(1, ${count}::int) g)
    insert into incidents (channel, received_at, category_code, kind, summary, narrative, caller_name, caller_phone, address_text, address_id, address_confidence,
      lat, lon, jurisdiction_id, status, dispatched_at, arrived_at, handled_at, closed_at, created_at)
    select ch.code, src.at, c.code, c.kind, c.name_zh || '警情', '报警人称' || c.name_zh || '，请求处置。', '李女士', src.phone,
      p.full_name, case when src.g % 8 = 0 then null else p.id end, case when src.g % 8 = 0 then null else 0.95 end,
      p.lat, p.lon, p.jurisdiction_id, 'closed', src.at + interval '40 seconds', src.at + interval '4 minutes', src.at + interval '40 minutes', src.at + interval '3 hours', src.at
    from src
    join bench_places p on p.n = src.pn
    join bench_categories c on c.n = 1 + (src.g * 7) % ${categories}
    join (select code, (row_number() over (order by code))::int as n from channels) ch on ch.n = 1 + src.g % (select count(*) from channels)`.execute(db);
  await sql`set maintenance_work_mem = '512MB'`.execute(db);
  for (const i of indexes) await sql.raw(i.indexdef).execute(db);
  // A bureau's database that has run for years is vacuumed: without this the autovacuum of the
  // freshly loaded table (visibility map, hint bits) and of the freshly seeded county's tables
  // would run during the measurement.
  await sql`vacuum (analyze)`.execute(db);
  // …and not in the middle of writing out a million rows' pages: the load's checkpoint is taken now.
  await sql`checkpoint`.execute(db);
  return (Date.now() - started) / 1000;
}

async function main() {
  const total = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
  const seconds = Number(process.env.BENCH_SECONDS ?? 30);
  const warmup = Number(process.env.BENCH_WARMUP ?? 5);
  const clients = Number(process.env.BENCH_CLIENTS ?? 24);
  const scale = Number(process.env.BENCH_SCALE ?? 4);
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  const workDir = path.join(repoRoot, 'bench', 'tmp', 'intake');
  const reuse = process.env.BENCH_REUSE === '1' && !process.env.DATABASE_URL;
  if (!reuse) fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });

  let pg: EmbeddedPostgres | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    pg = await startEmbeddedPostgres({ dir: path.join(workDir, 'pg') });
    url = pg.socketUrl ?? pg.url;
  }
  const { db } = createDatabase(url, { max: Number(process.env.BENCH_POOL ?? 10) });
  try {
    await migrateToLatest(db);
    const identity = createIdentityCipher(Buffer.alloc(32, 7));
    const reused = reuse && !(await isDatabaseEmpty(db)) && (await db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n >= total;
    let seeded: { counts: { addresses?: number }; seconds: number } = { counts: {}, seconds: 0 };
    let loadSeconds = 0;
    if (!reused) {
      if (!(await isDatabaseEmpty(db))) throw new Error('bench:intake needs an empty database (it loads a million incidents into it)');
      // The demo county without its own two years of incidents: the bench loads its own.
      seeded = await seedDemoCounty(db, { password: 'bench-password', scale, identity, without: ['incidents'] });
      loadSeconds = await preload(db, total);
    } else {
      seeded.counts.addresses = (await db.selectFrom('addresses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      await sql`checkpoint`.execute(db);
    }
    const incidentsBefore = (await db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    process.stdout.write(
      reused
        ? `reused the database of an earlier run: ${incidentsBefore.toLocaleString('en')} incidents\n`
        : `seeded the demo county (scale ${scale}, ${seeded.counts.addresses} addresses) in ${seeded.seconds.toFixed(1)} s; loaded ${incidentsBefore.toLocaleString('en')} incidents in ${loadSeconds.toFixed(1)} s\n`,
    );

    const app = await createServer({ db, logger: false, identity, files: createFileStore(path.join(workDir, 'files')), options: { sessionSecret: 'bench-secret-bench-secret-bench-secret', cookieSecure: false, trustProxy: false, tileUrl: null, tileAttribution: null, webDist: null } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-admin', password: 'bench-password' } });
    const cookie = `fq_session=${login.cookies.find((c) => c.name === 'fq_session')!.value}`;
    const csrf = login.json<{ csrfToken: string }>().csrfToken;
    const bureau = await db.selectFrom('jurisdictions').select('id').where('kind', '=', 'bureau').executeTakeFirstOrThrow();
    const key = await app.inject({ method: 'POST', url: '/api/api-keys', headers: { cookie, 'x-csrf-token': csrf }, payload: { name: 'bench 110', channel: '110', jurisdictionId: bureau.id } });
    if (key.statusCode !== 201) throw new Error(`api key: ${key.statusCode} ${key.body}`);
    const secret = key.json<{ secret: string }>().secret;

    // Address texts as callers give them: the standard name without the county, some with the county.
    const places = await db.selectFrom('addresses').select('full_name').where('level', 'in', ['room', 'building']).orderBy('id').execute();
    const addresses = places.map((p, i) => (i % 3 === 0 ? p.full_name : p.full_name.replace(/^枫源县/, '')));
    const codes = await db.selectFrom('incident_categories').select(['code', 'kind']).where('source', '=', 'jcj110').where('level', '=', 2).where('active', '=', true).execute();
    const categories = codes.map((c) => c.code);
    const disputes = codes.filter((c) => c.kind === 'dispute').map((c) => c.code);
    const warningsBefore = (await db.selectFrom('warnings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const load = os.loadavg()[0]!;

    const procs = Number(process.env.BENCH_CLIENT_PROCESSES ?? 1);
    const gatherer = intakeGatherer(db);
    // The server's CPU and the batches are counted from the end of the warm-up, as the clients count.
    let cpu0 = { node: process.cpuUsage(), pg: await serverCpu(db), sent: { ...gatherer.sent } };
    const warm = new Promise<void>((resolve) =>
      setTimeout(() => {
        void serverCpu(db).then((pgCpu) => {
          cpu0 = { node: process.cpuUsage(), pg: pgCpu, sent: { ...gatherer.sent } };
          resolve();
        });
      }, warmup * 1000),
    );
    const results = await Promise.all(
      Array.from(
        { length: procs },
        (_, worker) =>
          new Promise<WorkerResult>((resolve, reject) => {
            const child = fork(fileURLToPath(import.meta.url), ['--clients'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
            child.once('message', (m) => resolve(m as WorkerResult));
            child.once('error', reject);
            child.once('exit', (code) => (code ? reject(new Error(`bench client process exited with ${code}`)) : undefined));
            child.send({ port, secret, seconds, warmup, clients: Math.ceil(clients / procs), addresses, categories, disputes, worker } satisfies WorkerInput);
          }),
      ),
    );
    await warm;
    const elapsed = Math.max(...results.map((r) => r.windowMs)) / 1000;
    const batches = { calls: gatherer.sent.calls - cpu0.sent.calls, items: gatherer.sent.items - cpu0.sent.items };
    const nodeCpu = process.cpuUsage(cpu0.node);
    const pg1 = await serverCpu(db);
    const pgCpu = pg1.total - cpu0.pg.total;
    // Backends alive at the end, from what each had used at the start (a pooled connection closed
    // meanwhile is counted in the total only).
    let pgBackendsCpu = 0;
    for (const [pid, used] of pg1.backends) pgBackendsCpu += used - (cpu0.pg.backends.get(pid) ?? 0);
    const clientCpuMs = results.reduce((s, r) => s + r.cpuMs, 0);
    const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const disputeLatencies = results.flatMap((r) => r.disputeLatencies).sort((a, b) => a - b);
    const otherLatencies = results.flatMap((r) => r.otherLatencies).sort((a, b) => a - b);
    const created = results.reduce((s, r) => s + r.created, 0);
    const errors: Record<string, number> = {};
    for (const r of results) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
    const warningsAfter = (await db.selectFrom('warnings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const matched = await db.selectFrom('incidents').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('address_id').as('m')]).where('api_key_id', 'is not', null).executeTakeFirstOrThrow();
    await app.close();

    const rate = created / elapsed;
    const p = (q: number) => percentile(latencies, q).toFixed(1);
    const n = Math.max(1, created);
    const apiMs = (nodeCpu.user + nodeCpu.system) / 1000 / n;
    const pgMs = (pgCpu * 1000) / n;
    const pgBackendsMs = (pgBackendsCpu * 1000) / n;
    const clientMs = clientCpuMs / n;
    const cores = os.cpus().length;
    const lines = [
      reused
        ? `- database before the run: ${incidentsBefore.toLocaleString('en')} incidents (reused from an earlier run with BENCH_REUSE=1: the preload and the earlier runs' incidents), demo county at scale ${scale} (${(seeded.counts.addresses ?? 0).toLocaleString('en')} addresses)`
        : `- database before the run: ${incidentsBefore.toLocaleString('en')} incidents (loaded set-based in ${loadSeconds.toFixed(1)} s), demo county at scale ${scale} (${(seeded.counts.addresses ?? 0).toLocaleString('en')} addresses)`,
      `- load: ${clients} keep-alive clients in ${procs} separate process(es) for ${seconds} s after ${warmup} s of warm-up (not counted), through HTTP with a 110 channel API key, distinct Idempotency-Keys, 10 % of requests from 500 repeating phones at 300 repeating addresses, 12 % with an address no standard address matches`,
      `- created: ${created.toLocaleString('en')} incidents in ${elapsed.toFixed(1)} s = **${Math.round(rate).toLocaleString('en')} incidents/s** (target ≥ 1,000: ${rate >= 1000 ? 'met' : 'NOT met'})`,
      `- latency: p50 ${p(50)} ms, p95 ${p(95)} ms, **p99 ${p(99)} ms** (target < 50 ms: ${percentile(latencies, 99) < 50 ? 'met' : 'NOT met'}), max ${latencies[latencies.length - 1]?.toFixed(1)} ms`,
      `- by path: ${otherLatencies.length.toLocaleString('en')} incidents gathered into batch calls p50 ${percentile(otherLatencies, 50).toFixed(1)} ms, p99 ${percentile(otherLatencies, 99).toFixed(1)} ms; ${disputeLatencies.length.toLocaleString('en')} dispute incidents (${((100 * disputeLatencies.length) / Math.max(1, latencies.length)).toFixed(1)} %, scored for escalation in a transaction of their own) p50 ${percentile(disputeLatencies, 50).toFixed(1)} ms, p99 ${percentile(disputeLatencies, 99).toFixed(1)} ms`,
      `- address matched on ${matched.n ? Math.round((100 * matched.m) / matched.n) : 0} % of the new incidents; warnings raised during the run: ${warningsAfter - warningsBefore}; intakes gathered ${batches.calls ? (batches.items / batches.calls).toFixed(1) : '–'} per batch call on average; errors: ${Object.keys(errors).length ? JSON.stringify(errors) : 'none'}`,
      `- CPU per created incident: API process ${apiMs.toFixed(2)} ms, PostgreSQL ${pgMs.toFixed(2)} ms (the connections open at the end ${pgBackendsMs.toFixed(2)} ms; closed connections, WAL writer, checkpointer, autovacuum and the rest ${(pgMs - pgBackendsMs).toFixed(2)} ms), load-generating client ${clientMs.toFixed(2)} ms (${Math.round((100 * clientMs) / (apiMs + pgMs + clientMs))} % of the three); server side ${(apiMs + pgMs).toFixed(2)} ms: on ${cores} otherwise idle cores with the client elsewhere that bounds intake near ${Math.round((cores * 1000) / (apiMs + pgMs)).toLocaleString('en')} incidents/s (${Math.round((cores * 1000) / (apiMs + pgMs + clientMs)).toLocaleString('en')} with the client on the same cores)`,
      `- machine load average when the run started: ${load.toFixed(2)} (other work on the machine makes the figures noisy)`,
    ];
    process.stdout.write(`bench:intake on ${machineLine()}\n${lines.join('\n')}\n`);
    const out = recordResult(repoRoot, 'intake', lines);
    process.stdout.write(`recorded in ${path.relative(repoRoot, out)}\n`);
  } finally {
    await db.destroy();
    await pg?.stop();
    if (!reuse) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

// The parent runs the bench; a child process (`--clients`) runs the clients.
if (process.argv.includes('--clients')) {
  process.once('message', (input) => {
    void runClients(input as WorkerInput).then((result) => process.send!(result, () => process.exit(0)));
  });
} else {
  await main();
}
