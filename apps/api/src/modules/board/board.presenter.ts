import { sql } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { scopePrefix } from '../../app/policy.js';
import type { BoardDto, BoardIncident, BoardQuery, BoardWarning } from './board.schemas.js';

/** The board lists at most this many of today's incidents (newest first). */
export const BOARD_INCIDENT_LIMIT = 500;
const BOARD_WARNING_LIMIT = 300;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Display text is cut to keep a NOTIFY payload small. */
const TEXT_MAX = 300;

/** Local midnight in Asia/Shanghai (UTC+8 all year, no daylight saving) before `now`. */
export function shanghaiMidnight(now: Date = new Date()): Date {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(local - (local % DAY_MS) - SHANGHAI_OFFSET_MS);
}

// The station a record belongs to: the station-kind jurisdiction on its path.
const stationJoin = sql<boolean>`s.kind = 'station' and j.path like s.path || '%'`;
// Rows leave SQL in the client's shape, so the board's list and its NOTIFY events are one projection.
const iso = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const cut = (column: string) => sql<string>`left(${sql.ref(column)}, ${TEXT_MAX})`;

/** Incidents as the board shows them (BoardIncident) plus their jurisdiction `path`. */
export function boardIncidents(db: Queryable) {
  return db
    .selectFrom('incidents as i')
    .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
    .innerJoin('incident_categories as c', 'c.code', 'i.category_code')
    .leftJoin('jurisdictions as s', (join) => join.on(stationJoin))
    .select([
      'i.id',
      iso('i.received_at').as('receivedAt'),
      'i.category_code as categoryCode',
      'c.name_zh as categoryName',
      'i.kind',
      'i.status',
      'i.channel',
      cut('i.summary').as('summary'),
      sql<string | null>`left(i.address_text, ${TEXT_MAX})`.as('addressText'),
      'i.lat',
      'i.lon',
      'i.jurisdiction_id as jurisdictionId',
      'j.name as jurisdictionName',
      's.id as stationId',
      's.name as stationName',
      'j.path',
    ]);
}

/** Warnings as the board shows them (BoardWarning) plus their jurisdiction `path`. */
export function boardWarnings(db: Queryable) {
  return db
    .selectFrom('warnings as w')
    .innerJoin('jurisdictions as j', 'j.id', 'w.jurisdiction_id')
    .leftJoin('repeat_clusters as rc', 'rc.id', 'w.cluster_id')
    .leftJoin('users as u', 'u.id', 'w.owner_user_id')
    .leftJoin('jurisdictions as s', (join) => join.on(stationJoin))
    .select([
      'w.id',
      'w.source',
      'w.level',
      'w.status',
      cut('w.reason').as('reason'),
      'w.deadline',
      'u.display_name as ownerName',
      sql<number>`coalesce(rc.incident_count, 1)`.as('incidentCount'),
      'w.incident_id as incidentId',
      'w.jurisdiction_id as jurisdictionId',
      'j.name as jurisdictionName',
      's.id as stationId',
      's.name as stationName',
      iso('w.created_at').as('createdAt'),
      iso('w.updated_at').as('updatedAt'),
      'j.path',
    ]);
}

const withoutPath = <T extends { path: string }>({ path: _path, ...rest }: T): Omit<T, 'path'> => rest;

const LEVEL_ORDER = sql<number>`case w.level when 'red' then 4 when 'orange' then 3 when 'yellow' then 2 else 1 end`;

/** Read side of the command board: today's incidents, open warnings and the areas, all inside the actor's jurisdiction. */
export function createBoardPresenter(db: Queryable) {
  /** The path the board is narrowed to: the actor's scope or one station in it. */
  async function narrowTo(actor: Actor, stationId: number | undefined): Promise<string> {
    if (!stationId) return scopePrefix(actor);
    const station = await db
      .selectFrom('jurisdictions')
      .select('path')
      .where('id', '=', stationId)
      .where('kind', '=', 'station')
      .where('archived_at', 'is', null)
      .where('path', 'like', scopePrefix(actor))
      .executeTakeFirst();
    // Missing and outside the scope answer alike.
    if (!station) throw errors.field('stationId', 'not_found', { zh: '派出所不存在或不在您的辖区内', en: 'station not found in your jurisdiction' });
    return `${station.path}%`;
  }

  return {
    async board(actor: Actor, q: BoardQuery, now = new Date()): Promise<BoardDto> {
      const prefix = await narrowTo(actor, q.stationId);
      const since = shanghaiMidnight(now);
      let incidents = boardIncidents(db).where('j.path', 'like', prefix).where('i.received_at', '>=', since);
      if (q.category) incidents = incidents.where('i.kind', '=', q.category);
      const [incidentRows, warningRows, areaRows] = await Promise.all([
        incidents
          .orderBy('i.received_at', 'desc')
          .orderBy('i.id', 'desc')
          .limit(BOARD_INCIDENT_LIMIT + 1)
          .execute(),
        boardWarnings(db).where('j.path', 'like', prefix).where('w.status', '<>', 'closed').orderBy(LEVEL_ORDER, 'desc').orderBy('w.created_at', 'desc').limit(BOARD_WARNING_LIMIT).execute(),
        db
          .selectFrom('jurisdictions')
          .select(['id', 'parent_id', 'kind', 'name', 'center_lat', 'center_lon', 'boundary', 'path'])
          .where('path', 'like', scopePrefix(actor))
          .where('kind', 'in', ['station', 'community', 'village', 'police_room'])
          .where('archived_at', 'is', null)
          .orderBy('sort')
          .orderBy('id')
          .execute(),
      ]);
      return {
        since: since.toISOString(),
        incidents: incidentRows.slice(0, BOARD_INCIDENT_LIMIT).map(withoutPath),
        incidentsTruncated: incidentRows.length > BOARD_INCIDENT_LIMIT,
        warnings: warningRows.map(withoutPath),
        stations: areaRows.filter((a) => a.kind === 'station').map((a) => ({ id: a.id, name: a.name })),
        // The map shows the areas of the chosen station only.
        areas: areaRows
          .filter((a) => a.path.startsWith(prefix.slice(0, -1)))
          .map((a) => ({ id: a.id, parentId: a.parent_id, kind: a.kind, name: a.name, centerLat: a.center_lat, centerLon: a.center_lon, boundary: a.boundary ?? null })),
      };
    },

    /** One incident as the board shows it (used by tests and screens that need one row). */
    async incident(id: number): Promise<BoardIncident | null> {
      const row = await boardIncidents(db).where('i.id', '=', id).executeTakeFirst();
      return row ? withoutPath(row) : null;
    },

    async warning(id: number): Promise<BoardWarning | null> {
      const row = await boardWarnings(db).where('w.id', '=', id).executeTakeFirst();
      return row ? withoutPath(row) : null;
    },
  };
}
