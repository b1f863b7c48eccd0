import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { RequestContext } from '../app/actor.js';
import { createIdentityCipher } from '../app/crypto.js';
import { createDatabase, type Database } from '../app/db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../app/db/embedded.js';
import { migrateToLatest } from '../app/db/migrate.js';
import { isDatabaseEmpty, seedDemoCounty } from '../demo/index.js';
import { createStatsPresenter } from '../modules/stats/stats.presenter.js';
import { foldIncidents } from '../modules/stats/stats.rollup.js';
import { machineLine } from './machine.js';

/**
 * `npm run bench:stats`: the statistics presenter over 5,000,000 incidents (three years of a
 * county, about 4,600 a day) in the demo county's jurisdiction tree. Target: p95 < 200 ms per query.
 *
 * BENCH_INCIDENTS (5,000,000), BENCH_RUNS (50 per query), BENCH_SCALE (demo county size, 4),
 * BENCH_REUSE=1 (keep bench/tmp/stats and start from it when it already holds the incidents).
 * The incidents' secondary indexes are dropped for the load and not rebuilt (the presenter reads
 * the rollups and the primary key only); BENCH_INDEXES=1 rebuilds them.
 */

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function load(db: Database, count: number): Promise<number> {
  const started = Date.now();
  const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes where tablename = 'incidents' and indexname not in (select conname from pg_constraint where conrelid = 'incidents'::regclass)`.execute(db);
  for (const i of indexes) await sql.raw(`drop index ${i.indexname}`).execute(db);
  await sql`create temporary table bench_areas as
    select row_number() over (order by id)::int as n, id from jurisdictions where kind in ('grid', 'police_room', 'community', 'village') and archived_at is null`.execute(db);
  await sql`create temporary table bench_categories as
    select row_number() over (order by code)::int as n, code, kind, name_zh from incident_categories where source = 'jcj110' and level = 2 and active`.execute(db);
  const { rows } = await sql<{ areas: number; categories: number }>`select (select count(*) from bench_areas)::int as areas, (select count(*) from bench_categories)::int as categories`.execute(db);
  const { areas, categories } = rows[0]!;
  // Three years up to yesterday; skewed areas and categories; timing within and beyond 1-3-5;
  // a share of criminal and public-order calls filed as cases, most of those solved later.
  await sql`
    with src as materialized (
      select g, date_trunc('day', now()) - interval '1 second' - random() * interval '1095 days' as at,
        1 + floor(${areas} * power(random(), 1.3))::int as an,
        1 + floor(${categories} * power(random(), 2))::int as cn,
        random() as r1, random() as r2
      from generate_series(1, ${count}::int) g)
    insert into incidents (channel, received_at, category_code, kind, summary, jurisdiction_id, status, dispatched_at, arrived_at, handled_at, closed_at,
      outcome, outcome_at, case_solved_at, created_at)
    select '110', src.at, c.code, c.kind, c.name_zh || '警情', a.id, 'closed',
      src.at + (20 + floor(src.r2 * 60)) * interval '1 second', src.at + (90 + floor(src.r2 * 300)) * interval '1 second',
      src.at + interval '40 minutes', src.at + interval '3 hours',
      o.outcome, case when o.outcome is null then null else src.at + interval '1 day' end,
      case when o.outcome in ('criminal_case', 'administrative_case') and src.r2 < 0.85 then src.at + interval '1 day' + src.r2 * interval '30 days' end,
      src.at
    from src
    join bench_areas a on a.n = src.an
    join bench_categories c on c.n = src.cn
    cross join lateral (select case
      when c.kind = 'criminal' and src.r1 < 0.4 then 'criminal_case'
      when c.kind = 'public_order' and src.r1 < 0.3 then 'administrative_case'
      when c.kind = 'help' then 'help_given'
      when c.kind = 'dispute' and src.r1 < 0.3 then 'dispute_case'
      when src.r1 < 0.1 then 'no_action' end as outcome) o`.execute(db);
  // Disputes screened: about 10,000 a year, 97 % resolved.
  await sql`
    insert into dispute_cases (case_no, title, source, dispute_type, stage, resolution, jurisdiction_id, created_at, closed_at)
    select 'B' || g, '邻里纠纷' || g, 'direct', (select code from mediation_dispute_types order by code limit 1),
      case when random() < 0.97 then 'closed' else 'mediating' end, null, a.id, t, null
    from generate_series(1, ${Math.round(count / 160)}::int) g
    cross join lateral (select date_trunc('day', now()) - random() * interval '1095 days' + g * interval '0 second' as t) tt
    join bench_areas a on a.n = 1 + (g % ${areas})`.execute(db);
  await sql`update dispute_cases set resolution = 'resolved', closed_at = created_at + interval '7 days' where case_no like 'B%' and stage = 'closed'`.execute(db);
  if (process.env.BENCH_INDEXES === '1') {
    await sql`set maintenance_work_mem = '512MB'`.execute(db);
    for (const i of indexes) await sql.raw(i.indexdef).execute(db);
  }
  await sql`analyze incidents`.execute(db);
  await sql`analyze dispute_cases`.execute(db);
  return (Date.now() - started) / 1000;
}

async function main() {
  const count = Number(process.env.BENCH_INCIDENTS ?? 5_000_000);
  const runs = Number(process.env.BENCH_RUNS ?? 50);
  const scale = Number(process.env.BENCH_SCALE ?? 4);
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  const workDir = path.join(repoRoot, 'bench', 'tmp', 'stats');
  const reuse = process.env.BENCH_REUSE === '1';
  if (!reuse) fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const pg: EmbeddedPostgres = await startEmbeddedPostgres({ dir: path.join(workDir, 'pg') });
  const { db } = createDatabase(pg.socketUrl ?? pg.url, { max: 4 });
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  try {
    await migrateToLatest(db);
    if (await isDatabaseEmpty(db)) {
      const seeded = await seedDemoCounty(db, { password: 'bench-password', scale, identity: createIdentityCipher(Buffer.alloc(32, 7)), without: ['incidents'] });
      log(`- demo county (scale ${scale}) seeded in ${seeded.seconds.toFixed(1)} s, ${seeded.counts.jurisdictions} jurisdictions`);
    }
    const have = Number((await sql<{ n: string }>`select count(*) as n from incidents`.execute(db)).rows[0]!.n);
    if (have < count) log(`- ${count.toLocaleString('en')} incidents and ${Math.round(count / 160).toLocaleString('en')} dispute cases loaded with generate_series in ${(await load(db, count - have)).toFixed(1)} s`);
    else log(`- reused ${have.toLocaleString('en')} incidents (BENCH_REUSE)`);
    const t0 = Date.now();
    const folded = await foldIncidents(db);
    const rollupRows = (await sql<{ d: number; m: number; cd: number; cm: number }>`select (select count(*) from stats_kind_days)::int as d, (select count(*) from stats_kind_months)::int as m,
      (select count(*) from stats_category_days)::int as cd, (select count(*) from stats_category_months)::int as cm`.execute(db)).rows[0]!;
    log(`- rollups built by the job in ${((Date.now() - t0) / 1000).toFixed(1)} s (${folded.toLocaleString('en')} incidents folded; rows: kind/day ${rollupRows.d}, kind/month ${rollupRows.m}, category/day ${rollupRows.cd}, category/month ${rollupRows.cm})`);
    // 100 incidents received since the last fold: the presenter counts them live.
    await sql`insert into incidents (channel, received_at, category_code, kind, summary, jurisdiction_id)
      select '110', now() - g * interval '1 minute', c.code, c.kind, '新警情', (select id from jurisdictions where kind = 'grid' order by id limit 1)
      from generate_series(1, 100) g, (select code, kind from incident_categories where source = 'jcj110' and level = 2 order by code limit 1) c`.execute(db);
    // What autovacuum does in a running county: the rollups' visibility map lets the presenter read
    // day rows from the covering indexes alone.
    await sql`vacuum analyze stats_kind_days, stats_kind_months, stats_category_days, stats_category_months`.execute(db);
    await sql`analyze`.execute(db);

    const user = await db.selectFrom('users as u').innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id').select(['u.id', 'u.username', 'u.display_name', 'u.jurisdiction_id', 'j.path']).where('u.username', '=', 'demo-bureau').executeTakeFirstOrThrow();
    const ctx: RequestContext = {
      actor: { kind: 'user', userId: user.id, username: user.username, displayName: user.display_name, role: 'bureau', jurisdictionId: user.jurisdiction_id, jurisdictionPath: user.path, departmentId: null, sessionId: 'bench' },
      ip: '127.0.0.1',
      requestId: 'bench',
      lang: 'zh',
    };
    const station = await db.selectFrom('jurisdictions').select('id').where('kind', '=', 'station').orderBy('id').executeTakeFirstOrThrow();
    const community = await db.selectFrom('jurisdictions').select('id').where('parent_id', '=', station.id).orderBy('id').executeTakeFirstOrThrow();
    const presenter = createStatsPresenter({ db });
    const lastYear = `${new Date().getUTCFullYear() - 1}-06-01`;
    const queries: [string, () => Promise<unknown>][] = [
      ['county, year to date, 同比 table', () => presenter.overview(ctx, { period: 'year' })],
      ['county, last whole year, 同比 table', () => presenter.overview(ctx, { period: 'year', date: lastYear })],
      ['station drill-down (year)', () => presenter.overview(ctx, { node: station.id, period: 'year', date: lastYear })],
      ['community drill-down (year)', () => presenter.overview(ctx, { node: community.id, period: 'year', date: lastYear })],
      ['monthly trend (county, year)', () => presenter.trend(ctx, { period: 'year', date: lastYear })],
      ['custom range 17 Jan–9 May (county)', () => presenter.overview(ctx, { period: 'custom', from: `${lastYear.slice(0, 4)}-01-17`, to: `${lastYear.slice(0, 4)}-05-09` })],
      ['daily trend, this month (county)', () => presenter.trend(ctx, { period: 'month' })],
    ];
    log('');
    log(`| query (${runs} runs each, after 3 warm-up) | p50 ms | p95 ms | max ms |`);
    log('|---|---:|---:|---:|');
    for (const [name, run] of queries) {
      for (let i = 0; i < 3; i++) await run();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = process.hrtime.bigint();
        await run();
        times.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      times.sort((a, b) => a - b);
      log(`| ${name} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${times.at(-1)!.toFixed(1)} |`);
    }
    log('');
    log(`load average after the run: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const out = path.join(repoRoot, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-stats.md`);
    const header = fs.existsSync(out) ? '' : '# bench:stats\n\nThe statistics presenter over 5,000,000 incidents. Reproduce with `npm run bench:stats`.\n';
    fs.appendFileSync(out, `${header}\n## ${new Date().toISOString()} — ${machineLine()}\n\n${lines.join('\n')}\n`);
    process.stdout.write(`recorded in ${out}\n`);
  } finally {
    await db.destroy();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
