import { sql } from 'kysely';
import type { JurisdictionKind } from '@fengqiao/shared';
import type { Tx } from '../app/db/database.js';
import { centroid, quadToPolygon, subdivide, type Quad } from './geometry.js';
import { PLACE_PREFIXES, PLACE_SUFFIXES } from './names.js';
import type { DemoContext, DemoUnit } from './context.js';

interface StationPlan {
  name: string;
  short: string;
  code: string;
  areas: { name: string; kind: 'community' | 'village'; grids: number }[];
  policeRoomAt: number;
  policeRoom: string;
}

const BASE_STATIONS: StationPlan[] = [
  {
    name: '城关派出所',
    short: 'cg',
    code: '149901001',
    areas: [
      { name: '东湖新村社区', kind: 'community', grids: 4 },
      { name: '府前社区', kind: 'community', grids: 3 },
      { name: '南关社区', kind: 'community', grids: 3 },
      { name: '北街社区', kind: 'community', grids: 4 },
    ],
    policeRoomAt: 0,
    policeRoom: '湖东警务室',
  },
  {
    name: '东湖派出所',
    short: 'dh',
    code: '149901002',
    areas: [
      { name: '湖滨社区', kind: 'community', grids: 3 },
      { name: '杏林村', kind: 'village', grids: 2 },
      { name: '柳湾村', kind: 'village', grids: 2 },
    ],
    policeRoomAt: 0,
    policeRoom: '湖滨警务室',
  },
  {
    name: '西岭派出所',
    short: 'xl',
    code: '149901003',
    areas: [
      { name: '姚村', kind: 'village', grids: 2 },
      { name: '西岭村', kind: 'village', grids: 2 },
      { name: '石坡村', kind: 'village', grids: 2 },
    ],
    policeRoomAt: 0,
    policeRoom: '姚村警务室',
  },
  {
    name: '南塘派出所',
    short: 'nt',
    code: '149901004',
    areas: [
      { name: '南塘社区', kind: 'community', grids: 3 },
      { name: '桃园村', kind: 'village', grids: 2 },
      { name: '新庄村', kind: 'village', grids: 2 },
      { name: '大营村', kind: 'village', grids: 2 },
    ],
    policeRoomAt: 0,
    policeRoom: '南塘警务室',
  },
];

/** Stations beyond the first four, for `--scale N`: generated names, the same shape. */
function extraStation(ctx: DemoContext, index: number): StationPlan {
  const rng = ctx.rng.fork(`station-${index}`);
  const town = rng.pick(PLACE_PREFIXES) + rng.pick(PLACE_SUFFIXES);
  const areaCount = rng.pick([3, 4]);
  const areas = Array.from({ length: areaCount }, (_, i) => {
    const village = rng.chance(0.6);
    const base = rng.pick(PLACE_PREFIXES) + rng.pick(PLACE_SUFFIXES);
    return { name: village ? `${base}村` : `${base}社区`, kind: village ? ('village' as const) : ('community' as const), grids: village ? 2 : 3 + (i % 2) };
  });
  return { name: `${town}${index + 1}派出所`, short: `s${index + 1}`, code: `149901${String(index + 1).padStart(3, '0')}`, areas, policeRoomAt: 0, policeRoom: `${town}${index + 1}警务室` };
}

/** n as columns × rows with cols·rows = n exactly, as square as possible. */
function tiling(n: number): [number, number] {
  for (let d = Math.floor(Math.sqrt(n)); d >= 1; d--) if (n % d === 0) return [n / d, d];
  return [n, 1];
}

interface NewUnit {
  parent: DemoUnit | null;
  kind: JurisdictionKind;
  name: string;
  code: string | null;
  quad: Quad | null;
  point?: { lat: number; lon: number };
}

async function insertUnits(trx: Tx, units: NewUnit[]): Promise<DemoUnit[]> {
  if (units.length === 0) return [];
  const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('jurisdictions', 'id'))::int as id from generate_series(1, ${units.length})`.execute(trx);
  const created: DemoUnit[] = units.map((u, i) => {
    const id = rows[i]!.id;
    const c = u.point ?? (u.quad ? centroid(u.quad) : null);
    return { id, kind: u.kind, name: u.name, path: `${u.parent?.path ?? '/'}${id}/`, parentId: u.parent?.id ?? null, center: c, quad: u.quad, code: u.code };
  });
  for (let i = 0; i < created.length; i += 500) {
    await trx
      .insertInto('jurisdictions')
      .values(
        created.slice(i, i + 500).map((u, j) => ({
          id: u.id,
          parent_id: u.parentId,
          kind: u.kind,
          name: u.name,
          code: u.code,
          path: u.path,
          center_lat: u.center?.lat ?? null,
          center_lon: u.center?.lon ?? null,
          boundary: u.quad ? JSON.stringify(quadToPolygon(u.quad)) : null,
          sort: i + j,
        })),
      )
      .execute();
  }
  return created;
}

/** Bureau → stations → communities and villages → grids, police rooms, with borders that tile the county. */
export async function seedOrganisation(ctx: DemoContext): Promise<void> {
  const { trx } = ctx;
  const rng = ctx.rng.fork('organisation');
  const countyQuad: Quad = [
    [110.9, 34.95],
    [111.22, 34.95],
    [111.22, 35.2],
    [110.9, 35.2],
  ];
  const [bureau] = await insertUnits(trx, [{ parent: null, kind: 'bureau', name: '枫源县公安局', code: '149901', quad: countyQuad }]);
  ctx.county.bureau = bureau!;

  const plans = [...BASE_STATIONS];
  for (let i = BASE_STATIONS.length; i < BASE_STATIONS.length * ctx.scale; i++) plans.push(extraStation(ctx, i));
  const [sx, sy] = tiling(plans.length);
  const stationQuads = subdivide(countyQuad, sx, sy, rng, 0.2);
  const stations = await insertUnits(
    trx,
    plans.map((p, i) => ({ parent: bureau!, kind: 'station' as const, name: p.name, code: p.code, quad: stationQuads[i]! })),
  );

  const areaUnits: NewUnit[] = [];
  plans.forEach((plan, si) => {
    const [ax, ay] = tiling(plan.areas.length);
    const quads = subdivide(stations[si]!.quad!, ax, ay, rng, 0.2);
    plan.areas.forEach((area, ai) => {
      areaUnits.push({ parent: stations[si]!, kind: area.kind, name: area.name, code: `${plan.code}${String(ai + 1).padStart(3, '0')}`, quad: quads[ai]! });
    });
  });
  const areas = await insertUnits(trx, areaUnits);

  const leafUnits: NewUnit[] = [];
  let areaIndex = 0;
  plans.forEach((plan) => {
    plan.areas.forEach((area, ai) => {
      const unit = areas[areaIndex++]!;
      const [gx, gy] = tiling(area.grids);
      subdivide(unit.quad!, gx, gy, rng, 0.15).forEach((quad, gi) => {
        leafUnits.push({ parent: unit, kind: 'grid', name: `${area.name}第${gi + 1}网格`, code: `${unit.code}${String(gi + 1).padStart(2, '0')}`, quad });
      });
      if (ai === plan.policeRoomAt) {
        leafUnits.push({ parent: unit, kind: 'police_room', name: plan.policeRoom, code: null, quad: null, point: unit.center ?? undefined });
      }
    });
  });
  const leaves = await insertUnits(trx, leafUnits);

  ctx.county.stations = plans.map((plan, si) => {
    const station = stations[si]!;
    const stationAreas = areas.filter((a) => a.parentId === station.id);
    return {
      unit: station,
      short: plan.short,
      areas: stationAreas.map((a) => ({
        unit: a,
        grids: leaves.filter((l) => l.parentId === a.id && l.kind === 'grid'),
        policeRooms: leaves.filter((l) => l.parentId === a.id && l.kind === 'police_room'),
      })),
    };
  });
}
