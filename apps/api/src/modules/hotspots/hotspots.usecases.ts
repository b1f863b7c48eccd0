import { sql } from 'kysely';
import type { Actor, RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Database, Queryable } from '../../app/db/database.js';
import type { HotspotCellJson, IncidentKind } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { addDays, dayStart, shanghaiDay } from '../followups/followups.days.js';
import { HOTSPOT_METHODS, methodByName } from './engine/methods.js';
import type { HotspotMethod } from './engine/types.js';
import { defaultHotspotMethod, forecastSurface, parseBand, type Forecast, type ForecastOptions } from './hotspots.forecast.js';
import { MAP_CELLS_MAX, type ForecastDto, type ForecastInput } from './hotspots.schemas.js';

export interface Scope {
  id: number;
  path: string;
  name: string;
}

/** The jurisdiction a request is about: the given one when it lies in the actor's scope (else 404), or the actor's own. */
export async function resolveScope(db: Queryable, actor: Actor, jurisdictionId?: number): Promise<Scope> {
  const row = await db
    .selectFrom('jurisdictions')
    .select(['id', 'path', 'name'])
    .where('id', '=', jurisdictionId ?? actor.jurisdictionId)
    .where('path', 'like', scopePrefix(actor))
    .executeTakeFirst();
  if (!row) throw errors.notFound();
  return row;
}

/** The forecast options of a request, validated against the method's parameter specs; errors name the field. */
export function forecastOptions(input: { method?: string | undefined; params?: Record<string, number> | undefined; band?: string | null | undefined }, prefix = ''): { method: HotspotMethod; params: Record<string, number> } {
  const method = methodByName(input.method ?? defaultHotspotMethod());
  if (!method) throw errors.field(`${prefix}method`, 'unknown_method', { zh: `没有这种预测方法：${input.method}`, en: `no such method: ${input.method}` });
  const params: Record<string, number> = {};
  for (const [key, value] of Object.entries(input.params ?? {})) {
    const spec = method.params.find((p) => p.key === key);
    if (!spec) throw errors.field(`${prefix}params.${key}`, 'unknown_param', { zh: `该方法没有参数 ${key}`, en: `the method has no parameter ${key}` });
    if (value < spec.min || value > spec.max)
      throw errors.field(`${prefix}params.${key}`, 'out_of_range', { zh: `${spec.label.zh}须在 ${spec.min}–${spec.max} 之间`, en: `${spec.label.en} must be between ${spec.min} and ${spec.max}` });
    params[key] = value;
  }
  if (input.band && !parseBand(input.band)) throw errors.field(`${prefix}band`, 'same_as_start', { zh: '时段的结束时间不能与开始时间相同', en: 'the band must end at another time than it starts' });
  return { method, params };
}

export function presentParams(method: HotspotMethod, values: Record<string, number | string>) {
  return method.params.map((p) => ({ key: p.key, label: p.label, unit: p.unit, value: Number(values[p.key] ?? p.default) }));
}

function presentForecast(f: Forecast, scope: Scope, top: number, extra: { runId: number | null; createdAt: Date | null; createdBy: string | null; kind: IncidentKind | null; truncated: boolean }): ForecastDto {
  const method = methodByName(f.method);
  return {
    runId: extra.runId,
    jurisdictionId: scope.id,
    jurisdictionName: scope.name,
    method: f.method,
    methodLabel: method?.label ?? { zh: f.method, en: f.method },
    params: method ? presentParams(method, f.params) : Object.entries(f.params).map(([key, value]) => ({ key, label: { zh: key, en: key }, unit: '', value })),
    kind: extra.kind,
    band: f.band,
    cellM: f.cellM,
    trainStart: f.trainStart.toISOString(),
    trainEnd: f.trainEnd.toISOString(),
    targetStart: f.targetStart.toISOString(),
    targetEnd: f.targetEnd.toISOString(),
    eventCount: f.eventCount,
    grid: f.grid,
    cells: f.cells,
    cellsTruncated: extra.truncated,
    top: f.cells.slice(0, top),
    createdAt: extra.createdAt?.toISOString() ?? null,
    createdBy: extra.createdBy,
  };
}

function runQuery(db: Queryable, actor: Actor) {
  return db
    .selectFrom('hotspot_runs as r')
    .innerJoin('jurisdictions as j', 'j.id', 'r.jurisdiction_id')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .where('j.path', 'like', scopePrefix(actor));
}

export function createHotspotsUseCases(deps: { db: Database }) {
  const { db } = deps;

  return {
    methods(ctx: RequestContext) {
      authorize(ctx.actor, 'hotspots.view');
      const preferred = defaultHotspotMethod();
      return { items: HOTSPOT_METHODS.map((m) => ({ name: m.name, label: m.label, summary: m.summary, params: m.params.map((p) => ({ ...p })), isDefault: m.name === preferred })) };
    },

    /** The jurisdictions the page can choose and outline: the actor's own and the stations, communities and villages below it. */
    async areas(ctx: RequestContext) {
      authorize(ctx.actor, 'hotspots.view');
      const rows = await db
        .selectFrom('jurisdictions')
        .select(['id', 'parent_id', 'kind', 'name', 'boundary', 'center_lat', 'center_lon'])
        .where('path', 'like', scopePrefix(ctx.actor))
        .where((eb) => eb.or([eb('id', '=', ctx.actor.jurisdictionId), eb('kind', 'in', ['station', 'community', 'village'])]))
        .where('archived_at', 'is', null)
        .orderBy('sort')
        .orderBy('id')
        .execute();
      return { items: rows.map((r) => ({ id: r.id, parentId: r.parent_id, kind: r.kind, name: r.name, boundary: r.boundary ?? null, centerLat: r.center_lat, centerLon: r.center_lon })) };
    },

    /** A forecast computed now; saved as a run (audited) when asked. Hotspots.run computes, hotspots.view only reads runs. */
    async forecast(ctx: RequestContext, input: ForecastInput): Promise<ForecastDto> {
      authorize(ctx.actor, 'hotspots.run');
      const { method, params } = forecastOptions(input);
      const scope = await resolveScope(db, ctx.actor, input.jurisdictionId);
      const options: ForecastOptions = { at: input.at ? new Date(input.at) : new Date(), horizonDays: input.horizonDays, kind: input.kind ?? null, method: method.name, params, cellM: input.cellM, band: input.band ?? null, top: MAP_CELLS_MAX + 1 };
      const { forecast } = await forecastSurface(db, scope.path, options);
      const truncated = forecast.cells.length > MAP_CELLS_MAX;
      if (truncated) forecast.cells = forecast.cells.slice(0, MAP_CELLS_MAX);
      if (!input.save) return presentForecast(forecast, scope, input.top, { runId: null, createdAt: null, createdBy: null, kind: input.kind ?? null, truncated });
      const actor = ctx.actor;
      const run = await audited(db, ctx, async (trx, audit) => {
        const row = await insertRun(trx, scope.id, forecast, input.kind ?? null, actor.kind === 'user' ? actor.userId : null);
        audit({ action: 'hotspot.run_saved', entityType: 'hotspot_run', entityId: row.id, jurisdictionId: scope.id, change: { method: forecast.method, kind: input.kind ?? null, band: forecast.band, cellM: forecast.cellM, eventCount: forecast.eventCount } });
        return row;
      });
      return presentForecast(forecast, scope, input.top, { runId: run.id, createdAt: run.created_at, createdBy: actor.kind === 'user' ? actor.displayName : null, kind: input.kind ?? null, truncated });
    },

    async listRuns(ctx: RequestContext, jurisdictionId?: number) {
      authorize(ctx.actor, 'hotspots.view');
      const scope = jurisdictionId ? await resolveScope(db, ctx.actor, jurisdictionId) : null;
      const rows = await runQuery(db, ctx.actor)
        .$if(scope !== null, (qb) => qb.where('j.path', 'like', `${scope!.path}%`))
        .select(['r.id', 'r.jurisdiction_id', 'j.name as jurisdiction_name', 'r.method', 'r.kind', 'r.band', 'r.cell_m', 'r.event_count', 'r.target_start', 'r.target_end', 'r.created_at', 'u.display_name'])
        .orderBy('r.created_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(50)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          jurisdictionId: r.jurisdiction_id,
          jurisdictionName: r.jurisdiction_name,
          method: r.method,
          kind: r.kind,
          band: r.band,
          cellM: r.cell_m,
          eventCount: r.event_count,
          targetStart: r.target_start.toISOString(),
          targetEnd: r.target_end.toISOString(),
          createdAt: r.created_at.toISOString(),
          createdBy: r.display_name,
        })),
      };
    },

    async getRun(ctx: RequestContext, id: number): Promise<ForecastDto> {
      authorize(ctx.actor, 'hotspots.view');
      const r = await runQuery(db, ctx.actor).selectAll('r').select(['j.name as jurisdiction_name', 'j.path', 'u.display_name']).where('r.id', '=', id).executeTakeFirst();
      if (!r) throw errors.notFound();
      const forecast: Forecast = {
        method: r.method,
        params: Object.fromEntries(Object.entries(r.params).map(([k, v]) => [k, Number(v)])),
        cellM: r.cell_m,
        band: r.band,
        trainStart: r.train_start,
        trainEnd: r.train_end,
        targetStart: r.target_start,
        targetEnd: r.target_end,
        eventCount: r.event_count,
        grid: r.grid,
        cells: r.cells,
      };
      return presentForecast(forecast, { id: r.jurisdiction_id, path: r.path, name: r.jurisdiction_name }, 10, { runId: r.id, createdAt: r.created_at, createdBy: r.display_name, kind: r.kind, truncated: false });
    },

    /**
     * Incident counts on a square grid for the heat map, counted in SQL: each incident's offset
     * from the south-west corner of the scope's located incidents, in metres, floored to cells.
     */
    async heat(ctx: RequestContext, q: { jurisdictionId?: number | undefined; kind?: IncidentKind | undefined; from?: string | undefined; to?: string | undefined; days?: number | undefined; cellM: number }) {
      authorize(ctx.actor, 'hotspots.view');
      if (q.days !== undefined && q.from !== undefined) throw errors.field('days', 'with_from', { zh: '给出开始日期时不能再给天数', en: 'must not be given together with from' });
      const scope = await resolveScope(db, ctx.actor, q.jurisdictionId);
      const to = q.to ?? shanghaiDay(new Date());
      const from = q.from ?? addDays(to, -((q.days ?? 365) - 1));
      if (from > to) throw errors.field('from', 'after_to', { zh: '开始日期不能晚于结束日期', en: 'must not be after to' });
      const start = dayStart(from);
      const end = dayStart(addDays(to, 1));
      const kind = q.kind ?? null;
      const cellM = q.cellM;
      const { rows } = await sql<{ gx: number | null; gy: number | null; n: string; lat0: number | null; lon0: number | null; k: number | null }>`
        with f as (
          select i.lat, i.lon from incidents i join jurisdictions j on j.id = i.jurisdiction_id
          where j.path like ${`${scope.path}%`} and i.received_at >= ${start} and i.received_at < ${end}
            and (${kind}::text is null or i.kind = ${kind})
        ),
        o as (select min(lat) as lat0, min(lon) as lon0, 111320 * cos(radians((min(lat) + max(lat)) / 2)) as k from f where lat is not null and lon is not null)
        select floor((f.lon - o.lon0) * o.k / ${cellM})::int as gx, floor((f.lat - o.lat0) * 111320 / ${cellM})::int as gy,
               count(*) as n, min(o.lat0) as lat0, min(o.lon0) as lon0, min(o.k) as k
        from f cross join o
        group by 1, 2`.execute(db);
      let incidentCount = 0;
      let locatedCount = 0;
      let maxCount = 0;
      const cells = [];
      for (const r of rows) {
        const n = Number(r.n);
        incidentCount += n;
        if (r.gx === null || r.gy === null || r.lat0 === null || r.lon0 === null || r.k === null) continue;
        locatedCount += n;
        maxCount = Math.max(maxCount, n);
        const south = Number(r.lat0) + (r.gy * cellM) / 111320;
        const west = Number(r.lon0) + (r.gx * cellM) / Number(r.k);
        cells.push({ south, west, north: south + cellM / 111320, east: west + cellM / Number(r.k), count: n });
      }
      cells.sort((a, b) => b.count - a.count);
      return { jurisdictionId: scope.id, from, to, cellM, incidentCount, locatedCount, maxCount, cells };
    },
  };
}

export async function insertRun(db: Queryable, jurisdictionId: number, f: Forecast, kind: IncidentKind | null, userId: number | null) {
  return db
    .insertInto('hotspot_runs')
    .values({
      jurisdiction_id: jurisdictionId,
      method: f.method,
      kind,
      band: f.band,
      cell_m: f.cellM,
      params: JSON.stringify(f.params),
      train_start: f.trainStart,
      train_end: f.trainEnd,
      target_start: f.targetStart,
      target_end: f.targetEnd,
      event_count: f.eventCount,
      grid: JSON.stringify(f.grid),
      cells: JSON.stringify(f.cells satisfies HotspotCellJson[]),
      created_by: userId,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}
