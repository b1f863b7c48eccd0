import { sql } from 'kysely';
import type { AddressLevel } from '../app/db/schema.js';
import { addressGrams } from '../modules/places/places.text.js';
import type { DemoArea, DemoContext, DemoDwelling, DemoStation, DemoUnit } from './context.js';
import type { Quad } from './geometry.js';
import { PLACE_PREFIXES, PLACE_SUFFIXES } from './names.js';
import type { Random } from './random.js';

// Standard addresses (一标) of the demo county: 枫源县 → towns → communities and villages →
// compounds, streets and village lanes → buildings and courtyards → units → rooms.

const COUNTY_DIVISION = { code: '140871', name: '枫源县', parent: '1408' };
const BASE_TOWNS: Record<string, string> = { 城关派出所: '城关镇', 东湖派出所: '东湖镇', 西岭派出所: '西岭乡', 南塘派出所: '南塘镇' };
// The first compound of each community carries the community's name: 东湖新村小区, 府前花园, 南关佳苑 …
const FIRST_COMPOUND_SUFFIXES = ['小区', '花园', '佳苑', '家园', '小区', '雅苑', '新苑'];
const COMPOUND_STEMS = ['锦绣', '金色', '阳光', '和平', '幸福', '康乐', '翠湖', '御景', '丽景', '世纪', '华府', '紫薇', '桂花', '书香', '盛世', '湖畔', '春晖', '怡和', '文苑', '恒泰'];
const COMPOUND_SUFFIXES = ['家园', '花园', '小区', '雅居', '名苑', '佳苑', '公寓', '华庭'];
const STREETS = ['府前街', '建设路', '解放路', '人民路', '新华路', '中山路', '文化路', '湖滨路', '南关街', '北大街', '东风路', '育才路', '迎宾路', '振兴街', '商贸街', '和平路'];
const LANE_STREETS = ['东街', '西街', '南街', '北街', '前街', '后街', '中街'];
const LANE_GROUPS = ['一组', '二组', '三组', '四组'];

interface Node {
  parent: number | null;
  level: AddressLevel;
  name: string;
  jurisdictionId: number;
  lat: number;
  lon: number;
  divisionCode: string | null;
  sort: number;
  dwelling?: { kind: DemoDwelling['kind']; communityId: number; stationId: number };
}

function bilinear(q: Quad, u: number, v: number): { lat: number; lon: number } {
  const [sw, se, ne, nw] = q;
  const lon = (1 - u) * (1 - v) * sw[0] + u * (1 - v) * se[0] + u * v * ne[0] + (1 - u) * v * nw[0];
  const lat = (1 - u) * (1 - v) * sw[1] + u * (1 - v) * se[1] + u * v * ne[1] + (1 - u) * v * nw[1];
  return { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 };
}

/** A rectangle of a quad's (u, v) parameter square; points interpolated in it stay inside a convex quad. */
interface Slot {
  quad: Quad;
  u0: number;
  u1: number;
  v0: number;
  v1: number;
}

const at = (s: Slot, fu: number, fv: number) => bilinear(s.quad, s.u0 + fu * (s.u1 - s.u0), s.v0 + fv * (s.v1 - s.v0));

/** Points on a cols × rows lattice inside a slot, slightly nudged so blocks do not look ruled. */
function lattice(slot: Slot, n: number, rng: Random): { lat: number; lon: number }[] {
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  return Array.from({ length: n }, (_, i) => at(slot, ((i % cols) + 0.5 + rng.float(-0.2, 0.2)) / cols, (Math.floor(i / cols) + 0.5 + rng.float(-0.2, 0.2)) / rows));
}

/** Gives each place its own strip of one of the area's grids, so everything in a compound or lane lies in one grid. */
function slotsInGrids(grids: DemoUnit[], count: number): { grid: DemoUnit; slot: Slot }[] {
  const perGrid = grids.map(() => 0);
  const assigned = Array.from({ length: count }, (_, i) => {
    const g = i % grids.length;
    return { g, k: perGrid[g]!++ };
  });
  return assigned.map(({ g, k }) => {
    const n = perGrid[g]!;
    const width = 1 / n;
    return { grid: grids[g]!, slot: { quad: grids[g]!.quad!, u0: k * width + width * 0.08, u1: (k + 1) * width - width * 0.08, v0: 0.08, v1: 0.92 } };
  });
}

function uniqueName(rng: Random, taken: Set<string>, make: () => string): string {
  for (let i = 0; i < 50; i++) {
    const name = make();
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  let n = 2;
  const base = make();
  while (taken.has(`${base}${n}`)) n++;
  taken.add(`${base}${n}`);
  return `${base}${n}`;
}

function townName(station: DemoStation, rng: Random, taken: Set<string>): string {
  const fixed = BASE_TOWNS[station.unit.name];
  if (fixed && !taken.has(fixed)) {
    taken.add(fixed);
    return fixed;
  }
  const base = station.unit.name.replace(/派出所$/, '').replace(/\d+/g, '');
  const suffix = rng.chance(0.3) ? '乡' : '镇';
  if (!taken.has(`${base}${suffix}`)) {
    taken.add(`${base}${suffix}`);
    return `${base}${suffix}`;
  }
  return uniqueName(rng, taken, () => rng.pick(PLACE_PREFIXES) + rng.pick(PLACE_SUFFIXES) + suffix);
}

class Builder {
  readonly nodes: Node[] = [];
  add(node: Omit<Node, 'sort'> & { sort?: number }): number {
    this.nodes.push({ sort: 0, ...node });
    return this.nodes.length - 1;
  }
}

/** `compoundsTaken`: compound names are unique in the county, as a county's 小区 names usually are. */
function communityPlaces(b: Builder, rng: Random, area: DemoArea, station: DemoStation, parent: number, index: number, streetsTaken: Set<string>, compoundsTaken: Set<string>): void {
  const core = area.unit.name.replace(/社区$/, '');
  const compounds = rng.int(2, 3);
  const slots = slotsInGrids(area.grids, compounds + 1);
  const dwelling = { communityId: area.unit.id, stationId: station.unit.id };
  for (let c = 0; c < compounds; c++) {
    const name = c === 0 ? `${core}${FIRST_COMPOUND_SUFFIXES[index % FIRST_COMPOUND_SUFFIXES.length]}` : uniqueName(rng, compoundsTaken, () => rng.pick(COMPOUND_STEMS) + rng.pick(COMPOUND_SUFFIXES));
    compoundsTaken.add(name);
    const { grid, slot } = slots[c]!;
    const compound = b.add({ parent, level: 'compound', name, jurisdictionId: grid.id, ...at(slot, 0.5, 0.5), divisionCode: null, sort: c });
    const buildings = rng.int(4, 8);
    lattice(slot, buildings, rng).forEach((point, bi) => {
      const building = b.add({ parent: compound, level: 'building', name: `${bi + 1}号楼`, jurisdictionId: grid.id, ...point, divisionCode: null, sort: bi });
      const units = rng.int(2, 3);
      const floors = rng.int(5, 6);
      for (let u = 1; u <= units; u++) {
        const unit = b.add({ parent: building, level: 'unit', name: `${u}单元`, jurisdictionId: grid.id, ...point, divisionCode: null, sort: u });
        for (let f = 1; f <= floors; f++) {
          for (let r = 1; r <= 2; r++) {
            b.add({ parent: unit, level: 'room', name: `${f}0${r}室`, jurisdictionId: grid.id, ...point, divisionCode: null, sort: f * 10 + r, dwelling: { kind: 'apartment', ...dwelling } });
          }
        }
      }
    });
  }
  // 临街商铺: a street along one grid with a few shopfronts.
  const { grid, slot } = slots[compounds]!;
  const street = uniqueName(rng, streetsTaken, () => rng.pick(STREETS));
  const streetNode = b.add({ parent, level: 'compound', name: street, jurisdictionId: grid.id, ...at(slot, 0.5, 0.5), divisionCode: null, sort: compounds });
  const shops = rng.int(4, 6);
  const first = rng.int(1, 40) * 2;
  for (let s = 0; s < shops; s++) {
    b.add({ parent: streetNode, level: 'building', name: `${first + s * 2}号`, jurisdictionId: grid.id, ...at(slot, (s + 0.5) / shops, 0.5), divisionCode: null, sort: s, dwelling: { kind: 'shopfront', ...dwelling } });
  }
}

/** 杏林村 → 杏林; a one-character village keeps its 村 (姚村). */
const villageCore = (name: string) => (Array.from(name).length > 2 ? name.replace(/村$/, '') : name);

function villagePlaces(b: Builder, rng: Random, area: DemoArea, station: DemoStation, parent: number): void {
  const lanes = rng.int(2, 4);
  const names = rng.chance(0.5) ? rng.shuffle(LANE_STREETS).slice(0, lanes) : LANE_GROUPS.slice(0, lanes);
  const slots = slotsInGrids(area.grids, lanes + 1);
  const dwelling = { communityId: area.unit.id, stationId: station.unit.id };
  names.forEach((name, li) => {
    const { grid, slot } = slots[li]!;
    const lane = b.add({ parent, level: 'compound', name, jurisdictionId: grid.id, ...at(slot, 0.5, 0.5), divisionCode: null, sort: li });
    const courtyards = rng.int(10, 25);
    lattice(slot, courtyards, rng).forEach((point, ci) => {
      b.add({ parent: lane, level: 'building', name: `${ci + 1}号`, jurisdictionId: grid.id, ...point, divisionCode: null, sort: ci, dwelling: { kind: 'courtyard', ...dwelling } });
    });
  });
  // A couple of shops on the village's main street.
  const { grid, slot } = slots[lanes]!;
  const street = b.add({ parent, level: 'compound', name: `${villageCore(area.unit.name)}大街`, jurisdictionId: grid.id, ...at(slot, 0.5, 0.5), divisionCode: null, sort: lanes });
  const shops = rng.int(2, 3);
  for (let s = 0; s < shops; s++) {
    b.add({ parent: street, level: 'building', name: `${s * 2 + 1}号`, jurisdictionId: grid.id, ...at(slot, (s + 0.5) / shops, 0.5), divisionCode: null, sort: s, dwelling: { kind: 'shopfront', ...dwelling } });
  }
}

/** Pseudo GB/T 2260 codes for the demo county (under the real 1408 运城市), its towns and their communities. */
async function seedDivisions(ctx: DemoContext, towns: { code: string; name: string; communities: { code: string; name: string }[] }[]): Promise<void> {
  const rows = [
    { code: COUNTY_DIVISION.code, name: COUNTY_DIVISION.name, level: 3, parent_code: COUNTY_DIVISION.parent },
    ...towns.map((t) => ({ code: t.code, name: t.name, level: 4, parent_code: COUNTY_DIVISION.code })),
    ...towns.flatMap((t) => t.communities.map((c) => ({ code: c.code, name: c.name, level: 5, parent_code: t.code }))),
  ];
  for (let i = 0; i < rows.length; i += 1000) {
    await ctx.trx.insertInto('divisions').values(rows.slice(i, i + 1000)).onConflict((oc) => oc.column('code').doNothing()).execute();
  }
}

export async function seedPlaces(ctx: DemoContext): Promise<void> {
  const rng = ctx.rng.fork('places');
  const { bureau, stations } = ctx.county;
  const b = new Builder();
  const county = b.add({ parent: null, level: 'county', name: COUNTY_DIVISION.name, jurisdictionId: bureau.id, lat: bureau.center!.lat, lon: bureau.center!.lon, divisionCode: COUNTY_DIVISION.code });
  const townsTaken = new Set<string>();
  const divisionTowns: { code: string; name: string; communities: { code: string; name: string }[] }[] = [];
  let communityIndex = 0;
  const compoundsTaken = new Set<string>();
  for (const [si, station] of stations.entries()) {
    const name = townName(station, rng, townsTaken);
    const townCode = `${COUNTY_DIVISION.code}${String(100 + si).padStart(3, '0')}`;
    const town = b.add({ parent: county, level: 'town', name, jurisdictionId: station.unit.id, ...station.unit.center!, divisionCode: townCode, sort: si });
    const streetsTaken = new Set<string>();
    const communities: { code: string; name: string }[] = [];
    let nc = 0;
    let nv = 0;
    for (const [ai, area] of station.areas.entries()) {
      const isVillage = area.unit.kind === 'village';
      // Statistics codes: 0xx for residents' committees, 2xx for villagers' committees.
      const code = `${townCode}${isVillage ? 200 + ++nv : String(++nc).padStart(3, '0')}`;
      communities.push({ code, name: isVillage ? `${area.unit.name}村民委员会` : `${area.unit.name}居民委员会` });
      const node = b.add({ parent: town, level: 'community', name: area.unit.name, jurisdictionId: area.unit.id, ...area.unit.center!, divisionCode: code, sort: ai });
      if (isVillage) villagePlaces(b, rng, area, station, node);
      else communityPlaces(b, rng, area, station, node, communityIndex++, streetsTaken, compoundsTaken);
    }
    divisionTowns.push({ code: townCode, name, communities });
  }
  await seedDivisions(ctx, divisionTowns);

  const { rows: idRows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('addresses', 'id'))::int as id from generate_series(1, ${b.nodes.length})`.execute(ctx.trx);
  const ids = idRows.map((r) => r.id);
  const paths: string[] = [];
  const fullNames: string[] = [];
  b.nodes.forEach((n, i) => {
    paths.push(`${n.parent === null ? '/' : paths[n.parent]!}${ids[i]!}/`);
    fullNames.push(`${n.parent === null ? '' : fullNames[n.parent]!}${n.name}`);
  });
  for (let i = 0; i < b.nodes.length; i += 1000) {
    await ctx.trx
      .insertInto('addresses')
      .values(
        b.nodes.slice(i, i + 1000).map((n, j) => ({
          id: ids[i + j]!,
          parent_id: n.parent === null ? null : ids[n.parent]!,
          level: n.level,
          name: n.name,
          full_name: fullNames[i + j]!,
          path: paths[i + j]!,
          division_code: n.divisionCode,
          jurisdiction_id: n.jurisdictionId,
          lat: n.lat,
          lon: n.lon,
          grams: addressGrams(fullNames[i + j]!),
          sort: n.sort,
        })),
      )
      .execute();
  }
  ctx.county.dwellings = b.nodes.flatMap((n, i): DemoDwelling[] =>
    n.dwelling ? [{ addressId: ids[i]!, fullName: fullNames[i]!, jurisdictionId: n.jurisdictionId, communityId: n.dwelling.communityId, stationId: n.dwelling.stationId, lat: n.lat, lon: n.lon, kind: n.dwelling.kind }] : [],
  );
}
