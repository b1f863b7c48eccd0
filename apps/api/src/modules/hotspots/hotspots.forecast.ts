import { sql } from 'kysely';
import type { HotspotCellJson, HotspotGridJson, IncidentKind } from '../../app/db/schema.js';
import type { Queryable } from '../../app/db/database.js';
import { cellCentre, eventSet, gridCovering, planeAtSouthWest, rankCells } from './engine/grid.js';
import { methodByName, paramsFor } from './engine/methods.js';
import { DAY_MS } from './engine/types.js';

export interface Forecast {
  method: string;
  params: Record<string, number>;
  cellM: number;
  trainStart: Date;
  trainEnd: Date;
  targetStart: Date;
  targetEnd: Date;
  /** incidents with coordinates used for training (the data behind the map) */
  eventCount: number;
  grid: HotspotGridJson;
  /** the top cells, highest risk first */
  cells: HotspotCellJson[];
}

export interface ForecastOptions {
  /** start of the predicted period; default now */
  at?: Date;
  horizonDays?: number;
  /** incidents.kind (criminal, public_order, …), or all */
  kind?: IncidentKind | null;
  method?: string;
  params?: Record<string, number>;
  cellM?: number;
  /** how many top cells to return */
  top?: number;
}

/**
 * A hotspot forecast for a jurisdiction (and everything below it) from its incidents with
 * coordinates. Used by the hotspot page and the Monday review ("next week's predicted
 * hotspots"). The hotspots module replaces the default method with the best one it has.
 */
export async function forecastHotspots(db: Queryable, jurisdictionPath: string, options: ForecastOptions = {}): Promise<Forecast> {
  const method = methodByName(options.method ?? 'naive');
  if (!method) throw new Error(`unknown hotspot method ${options.method}`);
  const params = paramsFor(method, options.params);
  const at = options.at ?? new Date();
  const horizonDays = options.horizonDays ?? 7;
  const cellM = options.cellM ?? 250;
  const trainDays = params.trainDays ?? 365;
  const trainStart = new Date(at.getTime() - trainDays * DAY_MS);
  const rows = await db
    .selectFrom('incidents as i')
    .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
    .select(['i.lat', 'i.lon', sql<number>`extract(epoch from i.received_at) * 1000`.as('t')])
    .where('j.path', 'like', `${jurisdictionPath}%`)
    .where('i.received_at', '>=', trainStart)
    .where('i.received_at', '<', at)
    .where('i.lat', 'is not', null)
    .where('i.lon', 'is not', null)
    .$if(Boolean(options.kind), (qb) => qb.where('i.kind', '=', options.kind!))
    .execute();
  const points = rows.map((r) => ({ lat: Number(r.lat), lon: Number(r.lon), t: Number(r.t) }));
  const empty = { originLat: 0, originLon: 0, cellM, cols: 0, rows: 0 };
  const base = {
    method: method.name,
    params,
    cellM,
    trainStart,
    trainEnd: at,
    targetStart: at,
    targetEnd: new Date(at.getTime() + horizonDays * DAY_MS),
    eventCount: points.length,
  };
  if (points.length === 0) return { ...base, grid: empty, cells: [] };
  const plane = planeAtSouthWest(points);
  const events = points.map((p) => ({ t: p.t, ...plane.toXY(p.lat, p.lon) }));
  const grid = gridCovering(events, cellM);
  const data = eventSet(grid, events);
  const risk = method.create(data, params)(at.getTime(), horizonDays * DAY_MS);
  const order = rankCells(risk);
  const cells: HotspotCellJson[] = [];
  for (let k = 0; k < order.length && cells.length < (options.top ?? 20); k++) {
    const cell = order[k]!;
    if (risk[cell]! <= 0) break;
    const c = cellCentre(grid, cell);
    const ll = plane.toLatLon(c.x, c.y);
    cells.push({ cell, lat: ll.lat, lon: ll.lon, risk: risk[cell]!, rank: cells.length + 1 });
  }
  return { ...base, grid: { originLat: plane.originLat, originLon: plane.originLon, cellM, cols: grid.cols, rows: grid.rows }, cells };
}
