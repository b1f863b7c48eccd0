import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityCipher } from '../../app/crypto.js';
import type { GeoPolygon } from '../../app/db/schema.js';
import type { DemoContext } from '../../demo/context.js';
import { DEMO_SEED, DEMO_STEPS } from '../../demo/index.js';
import { createRandom } from '../../demo/random.js';
import { TEST_DATA_KEY } from '../../test/constants.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { addressGrams } from './places.text.js';

let demo: TestDatabase;
beforeAll(async () => {
  demo = await createTestDatabase({ template: 'demo' });
});
afterAll(async () => {
  await demo.drop();
});

/** Ray casting on the outer ring ([lon, lat] positions). */
function inside(polygon: GeoPolygon, lon: number, lat: number): boolean {
  const ring = polygon.coordinates[0]!;
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

describe('the demo county’s standard addresses', () => {
  it('gives every community and village addresses with coordinates inside its boundary, each in the grid that contains it', async () => {
    const areas = await demo.db.selectFrom('jurisdictions').select(['id', 'name', 'kind', 'path', 'boundary']).where('kind', 'in', ['community', 'village']).execute();
    const grids = await demo.db.selectFrom('jurisdictions').select(['id', 'parent_id', 'boundary']).where('kind', '=', 'grid').execute();
    expect(areas.length).toBeGreaterThanOrEqual(10);
    for (const area of areas) {
      const rows = await demo.db
        .selectFrom('addresses as a')
        .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
        .select(['a.full_name', 'a.level', 'a.lat', 'a.lon', 'a.jurisdiction_id', 'j.kind'])
        .where('j.path', 'like', `${area.path}%`)
        .execute();
      expect(rows.filter((r) => r.level === 'room' || r.level === 'building').length, area.name).toBeGreaterThan(10);
      for (const r of rows) {
        expect(r.lat !== null && r.lon !== null && inside(area.boundary!, r.lon, r.lat), `${r.full_name} inside ${area.name}`).toBe(true);
        if (r.kind === 'grid') {
          const grid = grids.find((g) => g.id === r.jurisdiction_id)!;
          expect(inside(grid.boundary!, r.lon!, r.lat!), `${r.full_name} inside its grid`).toBe(true);
        }
      }
      // Only the community or village address itself belongs to the area rather than to one of its grids.
      expect(rows.filter((r) => r.kind !== 'grid').map((r) => r.level)).toEqual(['community']);
    }
  });

  it('has compounds of 4–8 buildings with units and rooms, village lanes of 10–25 courtyards, and shopfronts', async () => {
    const { rows } = await sql<{ area: string; kind: string; name: string; children: number; units: number; rooms: number }>`
      select cm.name as area, j.kind, p.name,
             (select count(*) from addresses c where c.parent_id = p.id)::int as children,
             (select count(*) from addresses u join addresses b on b.id = u.parent_id where b.parent_id = p.id and u.level = 'unit')::int as units,
             (select count(*) from addresses r where r.path like p.path || '%' and r.level = 'room')::int as rooms
      from addresses p join addresses cm on cm.id = p.parent_id join jurisdictions j on j.id = cm.jurisdiction_id
      where p.level = 'compound'`.execute(demo.db);
    const byArea = new Map<string, typeof rows>();
    for (const r of rows) byArea.set(r.area, [...(byArea.get(r.area) ?? []), r]);
    expect(byArea.size).toBe(14);
    for (const [area, places] of byArea) {
      const village = places[0]!.kind === 'village';
      const streets = places.filter((p) => (village ? p.name.endsWith('大街') : /(路|街)$/.test(p.name)));
      const homes = places.filter((p) => !streets.includes(p));
      expect(streets.length, area).toBe(1);
      expect(streets[0]!.children, area).toBeGreaterThanOrEqual(village ? 2 : 4);
      if (village) {
        expect(homes.length, area).toBeGreaterThanOrEqual(2);
        expect(homes.length, area).toBeLessThanOrEqual(4);
        for (const lane of homes) expect(lane.children >= 10 && lane.children <= 25 && lane.rooms === 0, `${area}${lane.name}`).toBe(true);
      } else {
        expect(homes.length === 2 || homes.length === 3, area).toBe(true);
        for (const c of homes) {
          expect(c.children >= 4 && c.children <= 8, `${area}${c.name}`).toBe(true);
          expect(c.units >= c.children * 2 && c.units <= c.children * 3, `${area}${c.name}`).toBe(true);
          expect(c.rooms >= c.units * 10 && c.rooms <= c.units * 12, `${area}${c.name}`).toBe(true);
        }
      }
    }
  });

  it('stores full names, paths and grams the way the API computes them, with the demo divisions', async () => {
    const rows = await demo.db.selectFrom('addresses as a').leftJoin('addresses as p', 'p.id', 'a.parent_id').select(['a.id', 'a.name', 'a.full_name', 'a.path', 'a.grams', 'p.full_name as parent_full', 'p.path as parent_path']).execute();
    for (const r of rows) {
      expect(r.full_name).toBe(`${r.parent_full ?? ''}${r.name}`);
      expect(r.path).toBe(`${r.parent_path ?? '/'}${r.id}/`);
      expect(r.grams).toEqual(addressGrams(r.full_name));
    }
    const county = await demo.db.selectFrom('divisions').selectAll().where('code', '=', '140871').executeTakeFirstOrThrow();
    expect(county).toEqual({ code: '140871', name: '枫源县', level: 3, parent_code: '1408' });
    const towns = await demo.db.selectFrom('addresses as a').innerJoin('divisions as d', 'd.code', 'a.division_code').select(['a.name', 'd.name as division']).where('a.level', '=', 'town').execute();
    expect(towns.map((t) => t.name).sort()).toEqual(['东湖镇', '南塘镇', '城关镇', '西岭乡'].sort());
    expect(towns.every((t) => t.name === t.division)).toBe(true);
  });

  it('hands every room, courtyard and shopfront to later steps as a dwelling, the same way every time', async () => {
    const empty = await createTestDatabase({ template: 'empty' });
    try {
      const upToPlaces = DEMO_STEPS.slice(0, DEMO_STEPS.findIndex((s) => s.name === 'places') + 1);
      const dwellings = await empty.db.transaction().execute(async (trx) => {
        const ctx: DemoContext = {
          trx,
          rng: createRandom(DEMO_SEED),
          scale: 1,
          passwordHash: 'not-used',
          today: new Date(),
          identity: createIdentityCipher(TEST_DATA_KEY),
          county: { bureau: undefined as never, stations: [], departments: [], users: [], dwellings: [] },
        };
        for (const step of upToPlaces) await step.run(ctx);
        return ctx.county.dwellings;
      });
      const fingerprint = (db: TestDatabase['db']) =>
        sql<{ h: string }>`select md5(string_agg(concat_ws('|', id, parent_id, level, full_name, lat, lon, jurisdiction_id, division_code), ',' order by id)) as h from addresses`.execute(db).then((r) => r.rows[0]!.h);
      expect(await fingerprint(empty.db)).toBe(await fingerprint(demo.db));

      const leaves = await empty.db.selectFrom('addresses as a').select(['a.id', 'a.full_name', 'a.level']).where((eb) => eb.not(eb.exists(eb.selectFrom('addresses as c').select('c.id').whereRef('c.parent_id', '=', 'a.id')))).execute();
      expect(dwellings.map((d) => d.addressId).sort((x, y) => x - y)).toEqual(leaves.filter((l) => l.level === 'room' || l.level === 'building').map((l) => l.id).sort((x, y) => x - y));
      const kinds = new Set(dwellings.map((d) => d.kind));
      expect([...kinds].sort()).toEqual(['apartment', 'courtyard', 'shopfront']);
      const stations = await empty.db.selectFrom('jurisdictions').select('id').where('kind', '=', 'station').execute();
      for (const s of stations) expect(dwellings.some((d) => d.stationId === s.id && d.kind === 'courtyard') || dwellings.some((d) => d.stationId === s.id)).toBe(true);
      expect(dwellings.every((d) => d.fullName.startsWith('枫源县') && d.lat > 34 && d.lon > 110)).toBe(true);
    } finally {
      await empty.drop();
    }
  });
});
