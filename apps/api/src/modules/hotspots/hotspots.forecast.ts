import { sql } from 'kysely';
import type { HotspotCellJson, HotspotGridJson, IncidentKind } from '../../app/db/schema.js';
import type { Queryable } from '../../app/db/database.js';
import { cellCentre, eventSet, gridCovering, planeAtSouthWest, rankCells } from './engine/grid.js';
import { DEFAULT_METHOD, methodByName, paramsFor } from './engine/methods.js';
import { DAY_MS } from './engine/types.js';

export interface Forecast {
  method: string;
  params: Record<string, number>;
  cellM: number;
  /** time-of-day band 'HH:MM-HH:MM' (Asia/Shanghai) the training incidents were taken from; null = all day */
  band: string | null;
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
  /**
   * Time-of-day band 'HH:MM-HH:MM' in Asia/Shanghai: train only on incidents received at a local
   * time of day inside it (start inclusive, end exclusive); a band whose end is not after its start
   * wraps midnight ('22:00-02:00'). Null or absent = all day.
   */
  band?: string | null;
}

/** The method used when none is named: the engine's best (DEFAULT_METHOD). */
export function defaultHotspotMethod(): string {
  return methodByName(DEFAULT_METHOD) ? DEFAULT_METHOD : 'naive';
}

const BAND = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of a band's start and end; null when the text is not a valid band (or start = end). */
export function parseBand(band: string): { start: number; end: number } | null {
  const m = BAND.exec(band);
  if (!m) return null;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return start === end ? null : { start, end };
}

/** The risk of every cell beside the forecast (patrol proposals need the whole surface). */
export interface ForecastSurface {
  forecast: Forecast;
  /** one value per grid cell (cols · rows); empty when there were no events */
  risk: Float64Array;
  /** cells with at least one training event: the study area */
  studyCells: number;
  /** latitude and longitude of a cell's centre */
  centreOf: (cell: number) => { lat: number; lon: number };
}

/**
 * A hotspot forecast for a jurisdiction (and everything below it) from its incidents with
 * coordinates. Used by the hotspot page and the Monday review ("next week's predicted
 * hotspots"). Without a method named it uses the engine's default method.
 */
export async function forecastHotspots(db: Queryable, jurisdictionPath: string, options: ForecastOptions = {}): Promise<Forecast> {
  return (await forecastSurface(db, jurisdictionPath, options)).forecast;
}

export async function forecastSurface(db: Queryable, jurisdictionPath: string, options: ForecastOptions = {}): Promise<ForecastSurface> {
  const method = methodByName(options.method ?? defaultHotspotMethod());
  if (!method) throw new Error(`unknown hotspot method ${options.method}`);
  const params = paramsFor(method, options.params);
  const at = options.at ?? new Date();
  const horizonDays = options.horizonDays ?? 7;
  const cellM = options.cellM ?? 250;
  const trainDays = params.trainDays ?? 365;
  const trainStart = new Date(at.getTime() - trainDays * DAY_MS);
  const band = options.band ? parseBand(options.band) : null;
  if (options.band && !band) throw new Error(`bad time band ${options.band}`);
  // minutes after local midnight of the incident's receipt
  const minuteOfDay = sql<number>`(extract(hour from i.received_at at time zone 'Asia/Shanghai') * 60 + extract(minute from i.received_at at time zone 'Asia/Shanghai'))`;
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
    .$if(band !== null && band.start < band.end, (qb) => qb.where(sql<boolean>`${minuteOfDay} >= ${band!.start} and ${minuteOfDay} < ${band!.end}`))
    .$if(band !== null && band.start > band.end, (qb) => qb.where(sql<boolean>`(${minuteOfDay} >= ${band!.start} or ${minuteOfDay} < ${band!.end})`))
    .execute();
  const points = rows.map((r) => ({ lat: Number(r.lat), lon: Number(r.lon), t: Number(r.t) }));
  const empty = { originLat: 0, originLon: 0, cellM, cols: 0, rows: 0 };
  const base = {
    method: method.name,
    params,
    cellM,
    band: options.band ?? null,
    trainStart,
    trainEnd: at,
    targetStart: at,
    targetEnd: new Date(at.getTime() + horizonDays * DAY_MS),
    eventCount: points.length,
  };
  if (points.length === 0) return { forecast: { ...base, grid: empty, cells: [] }, risk: new Float64Array(0), studyCells: 0, centreOf: () => ({ lat: 0, lon: 0 }) };
  const plane = planeAtSouthWest(points);
  const events = points.map((p) => ({ t: p.t, ...plane.toXY(p.lat, p.lon) }));
  const grid = gridCovering(events, cellM);
  const data = eventSet(grid, events);
  const risk = method.create(data, params)(at.getTime(), horizonDays * DAY_MS);
  const seen = new Uint8Array(grid.cols * grid.rows);
  for (const c of data.cell) if (c >= 0) seen[c] = 1;
  const order = rankCells(risk);
  const cells: HotspotCellJson[] = [];
  const centreOf = (cell: number) => {
    const c = cellCentre(grid, cell);
    return plane.toLatLon(c.x, c.y);
  };
  for (let k = 0; k < order.length && cells.length < (options.top ?? 20); k++) {
    const cell = order[k]!;
    if (risk[cell]! <= 0) break;
    cells.push({ cell, ...centreOf(cell), risk: risk[cell]!, rank: cells.length + 1 });
  }
  const forecast = { ...base, grid: { originLat: plane.originLat, originLon: plane.originLon, cellM, cols: grid.cols, rows: grid.rows }, cells };
  return { forecast, risk, studyCells: seen.reduce((n, v) => n + v, 0), centreOf };
}
