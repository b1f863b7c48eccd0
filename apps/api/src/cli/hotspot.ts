import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { runBacktest, type BacktestResult } from '../modules/hotspots/engine/backtest.js';
import { loadPoints, MissingColumnError, parseDay } from '../modules/hotspots/engine/csv.js';
import { HOTSPOT_METHODS, methodByName, paramsFor } from '../modules/hotspots/engine/methods.js';
import { DAY_MS, type HotspotMethod } from '../modules/hotspots/engine/types.js';
import { resolveUserPath } from './args.js';

/**
 * `npm run hotspot -- backtest --input FILE.csv[.gz] --time-col COL --lat-col COL --lon-col COL
 *  [--category-col COL --category VALUE] [--cell-m 250] [--train-days 365] --test-start YYYY-MM-DD
 *  --test-end YYYY-MM-DD [--horizon 1d] [--coverage 1,5,10,20] [--method NAME|all] [--out results.json]
 *  [--polygon AREA.geojson] [--validation-days 91]`
 * Tables go to stdout, progress to stderr; bad arguments exit with code 2.
 */
const USAGE =
  'usage: npm run hotspot -- backtest --input FILE.csv[.gz] --time-col COL --lat-col COL --lon-col COL [--category-col COL --category VALUE] ' +
  '[--cell-m 250] [--train-days 365] --test-start YYYY-MM-DD --test-end YYYY-MM-DD [--horizon 1d] [--coverage 1,5,10,20] ' +
  `[--method ${HOTSPOT_METHODS.map((m) => m.name).join('|')}|all] [--out results.json] [--polygon AREA.geojson] [--validation-days 91]`;

const FLAGS = ['input', 'time-col', 'lat-col', 'lon-col', 'category-col', 'category', 'cell-m', 'train-days', 'test-start', 'test-end', 'horizon', 'coverage', 'method', 'out', 'polygon', 'validation-days'];

class UsageError extends Error {}

function bad(message: string): never {
  throw new UsageError(message);
}

function parseFlags(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) bad(`unexpected argument "${a}"`);
    let name = a.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    } else value = argv[++i];
    if (!FLAGS.includes(name)) bad(`--${name}: unknown flag`);
    if (value === undefined || (value.startsWith('--') && eq < 0)) bad(`--${name}: a value is required`);
    if (out.has(name)) bad(`--${name}: given twice`);
    out.set(name, value);
  }
  return out;
}

function required(f: Map<string, string>, name: string): string {
  const v = f.get(name);
  if (v === undefined || v.trim() === '') bad(`--${name} is required`);
  return v;
}

function positiveInt(f: Map<string, string>, name: string, fallback: number, min: number, max: number): number {
  const raw = f.get(name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) bad(`--${name}: must be a whole number from ${min} to ${max} (got "${raw}")`);
  return v;
}

function day(f: Map<string, string>, name: string): number {
  const raw = required(f, name);
  const t = parseDay(raw);
  if (!Number.isFinite(t)) bad(`--${name}: must be a date YYYY-MM-DD (got "${raw}")`);
  return t;
}

/** Ray casting over the rings of a GeoJSON Polygon or MultiPolygon (holes subtract by parity). */
function polygonTest(file: string): (lat: number, lon: number) => boolean {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(resolveUserPath(file), 'utf8'));
  } catch (e) {
    bad(`--polygon: cannot read ${file} as JSON (${(e as Error).message})`);
  }
  const rings: number[][][] = [];
  const add = (g: { type?: string; coordinates?: unknown; geometry?: unknown; features?: unknown[] } | null | undefined): void => {
    if (!g) return;
    if (g.type === 'FeatureCollection') for (const f of g.features ?? []) add(f as typeof g);
    else if (g.type === 'Feature') add(g.geometry as typeof g);
    else if (g.type === 'Polygon') rings.push(...(g.coordinates as number[][][]));
    else if (g.type === 'MultiPolygon') for (const p of g.coordinates as number[][][][]) rings.push(...p);
  };
  add(json as Parameters<typeof add>[0]);
  if (rings.length === 0) bad('--polygon: the file holds no Polygon or MultiPolygon');
  return (lat, lon) => {
    let inside = false;
    for (const ring of rings)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi! > lat !== yj! > lat && lon < ((xj! - xi!) * (lat - yi!)) / (yj! - yi!) + xi!) inside = !inside;
      }
    return inside;
  };
}

function table(result: BacktestResult, coverages: number[]): string {
  const lines: string[] = [];
  const head = ['method', ...coverages.flatMap((k) => [`hit@${k}%`, `PAI@${k}%`, `PEI@${k}%`]), 'seconds'];
  lines.push(head.join('\t'));
  for (const [name, r] of Object.entries(result.methods)) {
    const cells = coverages.flatMap((k) => {
      const s = r.scores[String(k)]!;
      return [s.hitRate.toFixed(4), s.pai.toFixed(3), s.pei.toFixed(3)];
    });
    lines.push([name + (name === result.best ? '*' : ''), ...cells, r.seconds.toFixed(1)].join('\t'));
  }
  return lines.join('\n');
}

async function backtest(argv: string[]): Promise<void> {
  const f = parseFlags(argv);
  const input = resolveUserPath(required(f, 'input'));
  const timeCol = required(f, 'time-col');
  const latCol = required(f, 'lat-col');
  const lonCol = required(f, 'lon-col');
  const categoryCol = f.get('category-col');
  const category = f.get('category');
  if ((categoryCol === undefined) !== (category === undefined)) bad(categoryCol === undefined ? '--category needs --category-col' : '--category-col needs --category');
  const cellM = positiveInt(f, 'cell-m', 250, 10, 10_000);
  const trainDays = positiveInt(f, 'train-days', 365, 30, 3650);
  const validationDays = positiveInt(f, 'validation-days', 91, 0, 365);
  const testStart = day(f, 'test-start');
  const testEnd = day(f, 'test-end');
  if (testEnd < testStart) bad('--test-end: must not be before --test-start');
  const horizon = f.get('horizon') ?? '1d';
  const hm = /^(\d+)d$/.exec(horizon);
  if (!hm || +hm[1]! < 1 || +hm[1]! > 365) bad(`--horizon: must be a number of days such as 1d or 7d (got "${horizon}")`);
  const horizonDays = +hm[1]!;
  const coverageRaw = f.get('coverage') ?? '1,5,10,20';
  const coverages = coverageRaw.split(',').map((s) => Number(s.trim()));
  if (coverages.some((k) => !Number.isFinite(k) || k <= 0 || k > 100)) bad(`--coverage: must be percentages between 0 and 100 separated by commas (got "${coverageRaw}")`);
  const methodName = f.get('method') ?? 'all';
  let methods: HotspotMethod[];
  if (methodName === 'all') methods = [...HOTSPOT_METHODS];
  else {
    methods = methodName.split(',').map((n) => methodByName(n.trim()) ?? bad(`--method: unknown method "${n}" (known: ${HOTSPOT_METHODS.map((m) => m.name).join(', ')}, all)`));
  }
  const polygon = f.has('polygon') ? polygonTest(f.get('polygon')!) : undefined;
  const out = f.get('out');

  const started = performance.now();
  let loaded;
  try {
    loaded = await loadPoints(input, { timeCol, latCol, lonCol, categoryCol, category });
  } catch (e) {
    if (e instanceof MissingColumnError) bad(e.message);
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') bad(`--input: no such file ${input}`);
    throw e;
  }
  const loadSeconds = (performance.now() - started) / 1000;
  const firstTrain = testStart - trainDays * DAY_MS;
  const inTraining = loaded.points.filter((p) => p.t >= firstTrain && p.t < testStart).length;
  process.stderr.write(`read ${loaded.rows} rows, kept ${loaded.points.length}${category ? ` of category "${category}"` : ''}, skipped ${loaded.skipped} without time or coordinates, in ${loadSeconds.toFixed(1)} s\n`);
  if (inTraining === 0) bad(`--test-start: no events in the ${trainDays} training days before ${required(f, 'test-start')}`);

  const result = runBacktest(loaded.points, {
    cellM,
    trainDays,
    testStart,
    testEnd,
    horizonDays,
    coverages,
    methods,
    validationDays,
    polygon,
    onMethod: (name, s) => process.stderr.write(`${name}: ${s.toFixed(1)} s\n`),
  });

  const w = process.stdout;
  w.write(`hotspot backtest: ${input}${category ? ` (${categoryCol} = ${category})` : ''}\n`);
  w.write(`test ${required(f, 'test-start')} .. ${required(f, 'test-end')} inclusive, horizon ${horizonDays} d, predictions at 00:00 local; training ${trainDays} days; cells ${cellM} m anchored at the data's south-west corner (${result.grid.cols} × ${result.grid.rows})\n`);
  w.write(`study area: ${result.studyAreaCells} cells (${result.studyAreaKm2.toFixed(1)} km²)${polygon ? ' inside the polygon' : ' with at least one event in the training days'}; N = ${Object.values(result.methods)[0]?.events ?? 0} test events${polygon ? ' inside it' : ' (those in cells outside the study area count in N, never as hits)'}\n`);
  w.write('parameters:\n');
  for (const m of methods) w.write(`  ${m.name}: cell ${cellM} m, ${Object.entries(result.methods[m.name]!.params).map(([k, v]) => `${k}=${v}`).join(', ')}\n`);
  w.write(`\n${table(result, coverages)}\n\n`);
  if (result.validation) {
    w.write(`best (* above): ${result.best}, chosen by PAI at ${result.validation.coverage}% on ${result.validation.start} .. ${result.validation.end} (before the test period): ${Object.entries(result.validation.pai).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}\n`);
  } else w.write(`best: ${result.best} (the only method run)\n`);
  const load = loadavg().map((v) => v.toFixed(2)).join(' ');
  w.write(`load average after the run: ${load}\n`);

  if (out) {
    const json = {
      methods: Object.fromEntries(Object.entries(result.methods).map(([name, r]) => [name, Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, { hitRate: s.hitRate, pai: s.pai, pei: s.pei, cells: s.cells, hits: s.hits, bestHits: s.bestHits }]))])),
      best: result.best,
      seconds: Object.fromEntries(Object.entries(result.methods).map(([name, r]) => [name, r.seconds])),
      params: Object.fromEntries(methods.map((m) => [m.name, { cellM, ...paramsFor(m, result.methods[m.name]!.params) }])),
      validation: result.validation,
      testEvents: Object.values(result.methods)[0]?.events ?? 0,
      studyAreaCells: result.studyAreaCells,
      studyAreaKm2: result.studyAreaKm2,
      grid: result.grid,
      input: { file: input, rows: loaded.rows, kept: loaded.points.length, skipped: loaded.skipped, category: category ?? null },
      test: { start: required(f, 'test-start'), end: required(f, 'test-end'), endInclusive: true, horizonDays, trainDays },
      loadAverage: loadavg(),
    };
    writeFileSync(resolveUserPath(out), `${JSON.stringify(json, null, 2)}\n`);
    process.stderr.write(`wrote ${resolveUserPath(out)}\n`);
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command !== 'backtest') bad(command === undefined ? 'a command is required' : `unknown command "${command}"`);
  await backtest(rest);
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`hotspot: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  throw e;
}
