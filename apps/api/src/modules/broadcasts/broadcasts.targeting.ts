import { sql } from 'kysely';
import type { Queryable } from '../../app/db/database.js';
import type { GeoPolygon } from '../../app/db/schema.js';
import { distanceMetres, insidePolygon } from '../../app/geo.js';

export type Area = { type: 'radius'; center: { lat: number; lon: number }; radiusM: number } | { type: 'polygon'; polygon: GeoPolygon };

export interface Target {
  area: Area | null;
  teamIds: number[];
  includeGrid: boolean;
  /** The sender's scope (path prefix, e.g. `/1/4/`): nobody outside it is addressed. */
  scopePath: string;
  /** For team broadcasts with grid workers: the sender's station path. */
  stationPath: string;
}

export function inArea(area: Area, p: { lat: number; lon: number }): boolean {
  if (area.type === 'radius') return distanceMetres(area.center, p) <= area.radiusM;
  return insidePolygon(p, area.polygon.coordinates);
}

/** A grid's area meets the broadcast area when its centre or any corner of its boundary lies inside. */
function gridInArea(area: Area, g: { center_lat: number | null; center_lon: number | null; boundary: GeoPolygon | null }): boolean {
  if (g.center_lat !== null && g.center_lon !== null && inArea(area, { lat: g.center_lat, lon: g.center_lon })) return true;
  for (const ring of g.boundary?.coordinates ?? []) for (const [lon, lat] of ring) if (inArea(area, { lat, lon })) return true;
  return false;
}

/**
 * The user ids a broadcast goes to, resolved once at send time: active volunteers with a sign-in
 * whose last known position (else their jurisdiction's centre) is inside the area, or who belong
 * to the chosen teams; plus, when asked, the grid workers of the area (or of the sender's station
 * for a team broadcast). Everyone within the sender's scope.
 */
export async function resolveRecipients(db: Queryable, target: Target): Promise<number[]> {
  const out = new Set<number>();
  if (target.area) {
    const area = target.area;
    const rows = await db
      .selectFrom('volunteers as v')
      .innerJoin('users as u', 'u.id', 'v.user_id')
      .innerJoin('jurisdictions as j', 'j.id', 'v.jurisdiction_id')
      .select(['u.id as user_id', 'v.last_lat', 'v.last_lon', 'j.center_lat', 'j.center_lon'])
      .where('v.status', '=', 'active')
      .where('u.active', '=', true)
      .where('j.path', 'like', `${target.scopePath}%`)
      .execute();
    for (const r of rows) {
      const p = r.last_lat !== null && r.last_lon !== null ? { lat: r.last_lat, lon: r.last_lon } : r.center_lat !== null && r.center_lon !== null ? { lat: r.center_lat, lon: r.center_lon } : null;
      if (p && inArea(area, p)) out.add(r.user_id);
    }
    if (target.includeGrid) {
      const grids = await db
        .selectFrom('users as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select(['u.id', 'j.center_lat', 'j.center_lon', 'j.boundary'])
        .where('u.role', '=', 'grid')
        .where('u.active', '=', true)
        .where('j.path', 'like', `${target.scopePath}%`)
        .execute();
      for (const g of grids) if (gridInArea(area, { center_lat: g.center_lat, center_lon: g.center_lon, boundary: g.boundary })) out.add(g.id);
    }
  } else {
    if (target.teamIds.length > 0) {
      const rows = await db
        .selectFrom('volunteers as v')
        .innerJoin('users as u', 'u.id', 'v.user_id')
        .innerJoin('volunteer_teams as t', 't.id', 'v.team_id')
        .innerJoin('jurisdictions as tj', 'tj.id', 't.jurisdiction_id')
        .select('u.id')
        .where('v.team_id', 'in', target.teamIds)
        .where('v.status', '=', 'active')
        .where('u.active', '=', true)
        .where('tj.path', 'like', `${target.scopePath}%`)
        .execute();
      for (const r of rows) out.add(r.id);
    }
    if (target.includeGrid) {
      const rows = await db
        .selectFrom('users as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select('u.id')
        .where('u.role', '=', 'grid')
        .where('u.active', '=', true)
        .where('j.path', 'like', `${target.stationPath}%`)
        .execute();
      for (const r of rows) out.add(r.id);
    }
  }
  return [...out];
}

/** The path of the station the actor belongs to (their own path when they sit at or above a station). */
export async function stationPathOf(db: Queryable, path: string): Promise<string> {
  const ids = path.split('/').filter(Boolean).map(Number);
  if (ids.length === 0) return path;
  const station = await db.selectFrom('jurisdictions').select('path').where('id', 'in', ids).where('kind', '=', 'station').executeTakeFirst();
  return station && path.startsWith(station.path) ? station.path : path;
}

/** Inserts the recipient rows in chunks (one statement per 5,000 users). */
export async function insertRecipients(db: Queryable, broadcastId: number, userIds: number[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += 5000) {
    const chunk = userIds.slice(i, i + 5000);
    await sql`insert into broadcast_recipients (broadcast_id, user_id) select ${broadcastId}, unnest(${chunk}::int[]) on conflict do nothing`.execute(db);
  }
}
