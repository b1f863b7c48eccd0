import { sql } from 'kysely';
import type { Actor, RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Queryable } from '../../app/db/database.js';
import type { GeoPolygon } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import type { FileKind } from '../../app/files.js';
import type { ModuleDeps } from '../../app/http.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { publish } from '../../app/realtime.js';
import { awardPoints } from '../volunteers/points.js';
import { PHOTO_MAX_BYTES, type BroadcastDto, type MyBroadcastDto, type ReplyInput, type SendInput } from './broadcasts.schemas.js';
import { BROADCAST_EVENTS } from './broadcasts.stream.js';
import { insertRecipients, resolveRecipients, stationPathOf, type Area } from './broadcasts.targeting.js';

const PHOTO_KINDS: readonly FileKind[] = ['image/jpeg', 'image/png', 'image/webp'];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

interface Row {
  id: number;
  kind: BroadcastDto['kind'];
  title: string;
  body: string;
  file_id: number | null;
  status: 'open' | 'closed';
  target: 'radius' | 'polygon' | 'teams';
  center_lat: number | null;
  center_lon: number | null;
  radius_m: number | null;
  polygon: GeoPolygon | null;
  team_ids: number[];
  include_grid: boolean;
  jurisdiction_id: number;
  jurisdiction_name: string;
  path: string;
  created_by_name: string | null;
  created_at: Date;
  found_at: Date | null;
  closed_at: Date | null;
  close_note: string | null;
  recipients: number;
  delivered: number;
  acknowledged: number;
  replied: number;
}

function present(r: Row): BroadcastDto {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    hasPhoto: r.file_id !== null,
    status: r.status,
    target: { type: r.target, centerLat: r.center_lat, centerLon: r.center_lon, radiusM: r.radius_m, polygon: r.polygon, teamIds: r.team_ids },
    includeGrid: r.include_grid,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionName: r.jurisdiction_name,
    createdBy: r.created_by_name,
    createdAt: r.created_at.toISOString(),
    foundAt: iso(r.found_at),
    minutesToFound: r.found_at ? Math.round((r.found_at.getTime() - r.created_at.getTime()) / 60_000) : null,
    closedAt: iso(r.closed_at),
    closeNote: r.close_note,
    counts: { recipients: Number(r.recipients), delivered: Number(r.delivered), acknowledged: Number(r.acknowledged), replied: Number(r.replied) },
  };
}

function decodePhoto(photo: { name: string; data: string }): Buffer {
  const data = photo.data.replace(/^data:[^;,]*;base64,/, '');
  if (!/^[A-Za-z0-9+/=\s]*$/.test(data)) throw errors.field('photo.data', 'base64', { zh: '照片数据不是有效的 base64 编码', en: 'the photo is not valid base64' });
  return Buffer.from(data, 'base64');
}

export function createBroadcastsUseCases(deps: ModuleDeps) {
  const { db, files } = deps;

  /** Broadcasts with their counts, scoped to the actor's jurisdiction. */
  function staffQuery(q: Queryable, prefix: string) {
    return q
      .selectFrom('broadcasts as b')
      .innerJoin('jurisdictions as j', 'j.id', 'b.jurisdiction_id')
      .leftJoin('users as u', 'u.id', 'b.created_by')
      .select([
        'b.id',
        'b.kind',
        'b.title',
        'b.body',
        'b.file_id',
        'b.status',
        'b.target',
        'b.center_lat',
        'b.center_lon',
        'b.radius_m',
        'b.polygon',
        'b.team_ids',
        'b.include_grid',
        'b.jurisdiction_id',
        'j.name as jurisdiction_name',
        'j.path',
        'u.display_name as created_by_name',
        'b.created_at',
        'b.found_at',
        'b.closed_at',
        'b.close_note',
        sql<number>`(select count(*) from broadcast_recipients r where r.broadcast_id = b.id)::int`.as('recipients'),
        sql<number>`(select count(r.delivered_at) from broadcast_recipients r where r.broadcast_id = b.id)::int`.as('delivered'),
        sql<number>`(select count(r.acknowledged_at) from broadcast_recipients r where r.broadcast_id = b.id)::int`.as('acknowledged'),
        sql<number>`(select count(distinct p.user_id) from broadcast_replies p where p.broadcast_id = b.id)::int`.as('replied'),
      ])
      .where('j.path', 'like', prefix);
  }

  async function staffGet(q: Queryable, prefix: string, id: number): Promise<Row> {
    const row = await staffQuery(q, prefix).where('b.id', '=', id).executeTakeFirst();
    if (!row) throw errors.notFound();
    return row;
  }

  async function replies(q: Queryable, broadcastId: number, onlyUserId: number | null) {
    let query = q
      .selectFrom('broadcast_replies as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.id', 'p.kind', 'p.text', 'p.lat', 'p.lon', 'p.file_id', 'p.at', 'u.display_name'])
      .where('p.broadcast_id', '=', broadcastId)
      .orderBy('p.at')
      .orderBy('p.id');
    if (onlyUserId !== null) query = query.where('p.user_id', '=', onlyUserId);
    const rows = await query.execute();
    return rows.map((p) => ({ id: p.id, kind: p.kind, text: p.text, lat: p.lat, lon: p.lon, hasPhoto: p.file_id !== null, at: p.at.toISOString(), byName: onlyUserId === null ? p.display_name : null }));
  }

  /** The recipient row of the signed-in volunteer or grid worker: 404 when not addressed. */
  async function addressed(q: Queryable, ctx: RequestContext, id: number) {
    authorize(ctx.actor, 'broadcasts.receive');
    if (ctx.actor.kind !== 'user') throw errors.forbidden();
    const row = await q
      .selectFrom('broadcast_recipients as r')
      .innerJoin('broadcasts as b', 'b.id', 'r.broadcast_id')
      .innerJoin('jurisdictions as j', 'j.id', 'b.jurisdiction_id')
      .select(['b.id', 'b.status', 'b.found_at', 'b.file_id', 'j.path', 'r.delivered_at', 'r.acknowledged_at'])
      .where('r.broadcast_id', '=', id)
      .where('r.user_id', '=', ctx.actor.userId)
      .executeTakeFirst();
    if (!row) throw errors.notFound();
    return { ...row, userId: ctx.actor.userId };
  }

  async function volunteerIdOf(q: Queryable, userId: number): Promise<number | null> {
    const v = await q.selectFrom('volunteers').select('id').where('user_id', '=', userId).where('status', '=', 'active').executeTakeFirst();
    return v?.id ?? null;
  }

  async function myList(q: Queryable, userId: number, onlyId?: number): Promise<MyBroadcastDto[]> {
    let query = q
      .selectFrom('broadcast_recipients as r')
      .innerJoin('broadcasts as b', 'b.id', 'r.broadcast_id')
      .select(['b.id', 'b.kind', 'b.title', 'b.body', 'b.file_id', 'b.status', 'b.created_at', 'b.found_at', 'b.closed_at', 'b.close_note', 'r.delivered_at', 'r.acknowledged_at'])
      .where('r.user_id', '=', userId)
      .orderBy('b.id', 'desc');
    if (onlyId !== undefined) query = query.where('b.id', '=', onlyId);
    // Open ones, and the closed ones of the last 7 days.
    else query = query.where((eb) => eb.or([eb('b.status', '=', 'open'), eb('b.closed_at', '>', sql<Date>`now() - interval '7 days'`)])).limit(50);
    const rows = await query.execute();
    const ids = rows.map((r) => r.id);
    const mine = ids.length
      ? await q.selectFrom('broadcast_replies').select(['id', 'broadcast_id', 'kind', 'text', 'lat', 'lon', 'file_id', 'at']).where('broadcast_id', 'in', ids).where('user_id', '=', userId).orderBy('at').execute()
      : [];
    return rows.map((b) => ({
      id: b.id,
      kind: b.kind,
      title: b.title,
      body: b.body,
      hasPhoto: b.file_id !== null,
      status: b.status,
      createdAt: b.created_at.toISOString(),
      found: b.found_at !== null,
      closedAt: iso(b.closed_at),
      closeNote: b.close_note,
      deliveredAt: iso(b.delivered_at),
      acknowledgedAt: iso(b.acknowledged_at),
      myReplies: mine
        .filter((p) => p.broadcast_id === b.id)
        .map((p) => ({ id: p.id, kind: p.kind, text: p.text, lat: p.lat, lon: p.lon, hasPhoto: p.file_id !== null, at: p.at.toISOString(), byName: null })),
    }));
  }

  /** A team target: every team in the sender's scope, else 400 naming the first missing one. */
  async function checkTeams(q: Queryable, actor: Actor, t: SendInput['target']) {
    if (t.type !== 'teams') return;
    const found = await q
      .selectFrom('volunteer_teams as t')
      .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
      .select('t.id')
      .where('t.id', 'in', t.teamIds)
      .where('j.path', 'like', scopePrefix(actor))
      .execute();
    const known = new Set(found.map((r) => r.id));
    const missing = t.teamIds.findIndex((id) => !known.has(id));
    if (missing >= 0) throw errors.field(`target.teamIds.${missing}`, 'not_found', { zh: '队伍不存在或不在本辖区', en: 'no such team in your jurisdiction' });
  }

  return {
    /**
     * How many people a target would reach now, resolved exactly as a send would (same scope,
     * same team check); nothing is stored. The new-broadcast page shows it while the area is drawn.
     */
    async preview(ctx: RequestContext, input: Pick<SendInput, 'target' | 'includeGrid'>): Promise<{ recipients: number }> {
      const { actor } = ctx;
      authorize(actor, 'broadcasts.send');
      if (actor.kind !== 'user') throw errors.forbidden();
      const t = input.target;
      await checkTeams(db, actor, t);
      const area: Area | null =
        t.type === 'radius' ? { type: 'radius', center: { lat: t.centerLat, lon: t.centerLon }, radiusM: t.radiusM } : t.type === 'polygon' ? { type: 'polygon', polygon: t.polygon } : null;
      const recipients = await resolveRecipients(db, {
        area,
        teamIds: t.type === 'teams' ? t.teamIds : [],
        includeGrid: input.includeGrid,
        scopePath: actor.jurisdictionPath,
        stationPath: await stationPathOf(db, actor.jurisdictionPath),
      });
      return { recipients: recipients.length };
    },

    async send(ctx: RequestContext, input: SendInput) {
      const { actor } = ctx;
      authorize(actor, 'broadcasts.send');
      if (actor.kind !== 'user') throw errors.forbidden();
      const photo = input.photo ? decodePhoto(input.photo) : null;
      return audited(db, ctx, async (trx, audit) => {
        const t = input.target;
        await checkTeams(trx, actor, t);
        const stored = photo && input.photo ? await files.put(trx, { data: photo, originalName: input.photo.name, allowed: PHOTO_KINDS, maxBytes: PHOTO_MAX_BYTES, createdBy: actor.userId }) : null;
        const area: Area | null =
          t.type === 'radius' ? { type: 'radius', center: { lat: t.centerLat, lon: t.centerLon }, radiusM: t.radiusM } : t.type === 'polygon' ? { type: 'polygon', polygon: t.polygon } : null;
        const b = await trx
          .insertInto('broadcasts')
          .values({
            kind: input.kind,
            title: input.title,
            body: input.body,
            file_id: stored?.id ?? null,
            target: t.type,
            center_lat: t.type === 'radius' ? t.centerLat : null,
            center_lon: t.type === 'radius' ? t.centerLon : null,
            radius_m: t.type === 'radius' ? t.radiusM : null,
            polygon: t.type === 'polygon' ? JSON.stringify(t.polygon) : null,
            team_ids: t.type === 'teams' ? t.teamIds : [],
            include_grid: input.includeGrid,
            jurisdiction_id: actor.jurisdictionId,
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const recipients = await resolveRecipients(trx, {
          area,
          teamIds: t.type === 'teams' ? t.teamIds : [],
          includeGrid: input.includeGrid,
          scopePath: actor.jurisdictionPath,
          stationPath: await stationPathOf(trx, actor.jurisdictionPath),
        });
        await insertRecipients(trx, b.id, recipients);
        // One event however many recipients: each process checks membership itself.
        await publish(trx, { type: BROADCAST_EVENTS.sent, path: actor.jurisdictionPath, data: { id: b.id } });
        audit({ action: 'broadcast.sent', entityType: 'broadcast', entityId: b.id, jurisdictionId: actor.jurisdictionId, change: { kind: input.kind, target: t.type, includeGrid: input.includeGrid, recipients: recipients.length } });
        return present(await staffGet(trx, scopePrefix(actor), b.id));
      });
    },

    async list(ctx: RequestContext, query: { status?: 'open' | 'closed' | undefined; page: number; pageSize: number }) {
      authorize(ctx.actor, 'broadcasts.view');
      let q = staffQuery(db, scopePrefix(ctx.actor));
      if (query.status) q = q.where('b.status', '=', query.status);
      const rows = await q.orderBy('b.created_at', 'desc').orderBy('b.id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
      let total = db.selectFrom('broadcasts as b').innerJoin('jurisdictions as j', 'j.id', 'b.jurisdiction_id').select((eb) => eb.fn.countAll<number>().as('n')).where('j.path', 'like', scopePrefix(ctx.actor));
      if (query.status) total = total.where('b.status', '=', query.status);
      const n = await total.executeTakeFirstOrThrow();
      return { items: rows.map((r) => present(r)), total: Number(n.n) };
    },

    async get(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'broadcasts.view');
      const row = await staffGet(db, scopePrefix(ctx.actor), id);
      return { ...present(row), replies: await replies(db, id, null) };
    },

    /** For the staff stream: 404 unless the broadcast is in scope. */
    async checkVisible(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'broadcasts.view');
      await staffGet(db, scopePrefix(ctx.actor), id);
    },

    async close(ctx: RequestContext, id: number, note: string) {
      const { actor } = ctx;
      authorize(actor, 'broadcasts.send');
      return audited(db, ctx, async (trx, audit) => {
        const row = await staffGet(trx, scopePrefix(actor), id);
        if (row.status === 'closed') throw errors.conflict('broadcast.already_closed', { zh: '该广播已结束', en: 'the broadcast is already closed' });
        await trx.updateTable('broadcasts').set({ status: 'closed', closed_at: sql<Date>`now()`, close_note: note || null }).where('id', '=', id).execute();
        await publish(trx, { type: BROADCAST_EVENTS.closed, path: row.path, data: { id } });
        audit({ action: 'broadcast.closed', entityType: 'broadcast', entityId: id, jurisdictionId: row.jurisdiction_id, change: { note: note || null } });
        return { ...present(await staffGet(trx, scopePrefix(actor), id)), replies: await replies(trx, id, null) };
      });
    },

    async photo(ctx: RequestContext, id: number) {
      const fileId = ctx.actor.kind === 'user' && ctx.actor.role !== 'volunteer' && ctx.actor.role !== 'grid' ? (authorize(ctx.actor, 'broadcasts.view'), (await staffGet(db, scopePrefix(ctx.actor), id)).file_id) : (await addressed(db, ctx, id)).file_id;
      return fileOf(fileId);
    },

    /** A reply's photo: staff of the broadcast's jurisdiction, or the volunteer who sent it. Audited. */
    async replyPhoto(ctx: RequestContext, id: number, replyId: number) {
      const { actor } = ctx;
      if (actor.kind !== 'user') throw errors.forbidden();
      const staff = actor.role !== 'volunteer' && actor.role !== 'grid';
      if (staff) {
        authorize(actor, 'broadcasts.view');
        await staffGet(db, scopePrefix(actor), id);
      } else await addressed(db, ctx, id);
      const reply = await db.selectFrom('broadcast_replies').select(['file_id', 'user_id']).where('id', '=', replyId).where('broadcast_id', '=', id).executeTakeFirst();
      if (!reply || (!staff && reply.user_id !== actor.userId)) throw errors.notFound();
      const file = await fileOf(reply.file_id);
      await audited(db, ctx, async (_trx, audit) => audit({ action: 'file.downloaded', entityType: 'broadcast_reply', entityId: replyId, change: { broadcastId: id, sha256: file.sha256 } }));
      return file;
    },

    async mine(ctx: RequestContext) {
      authorize(ctx.actor, 'broadcasts.receive');
      if (ctx.actor.kind !== 'user') throw errors.forbidden();
      const userId = ctx.actor.userId;
      const items = await myList(db, userId);
      // Read here counts as delivered (those who were not connected see it on next sign-in).
      const fresh = items.filter((i) => !i.deliveredAt).map((i) => i.id);
      if (fresh.length) {
        await db.updateTable('broadcast_recipients').set({ delivered_at: sql<Date>`now()` }).where('user_id', '=', userId).where('broadcast_id', 'in', fresh).where('delivered_at', 'is', null).execute();
        const paths = await db.selectFrom('broadcasts as b').innerJoin('jurisdictions as j', 'j.id', 'b.jurisdiction_id').select(['b.id', 'j.path']).where('b.id', 'in', fresh).execute();
        for (const p of paths) await publish(db, { type: BROADCAST_EVENTS.delivered, path: p.path, data: { id: p.id } });
        const now = new Date().toISOString();
        for (const i of items) if (!i.deliveredAt) i.deliveredAt = now;
      }
      return { items };
    },

    async acknowledge(ctx: RequestContext, id: number) {
      const row = await addressed(db, ctx, id);
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('broadcast_recipients')
          .set({ acknowledged_at: sql<Date>`now()`, delivered_at: sql<Date>`coalesce(delivered_at, now())` })
          .where('broadcast_id', '=', id)
          .where('user_id', '=', row.userId)
          .where('acknowledged_at', 'is', null)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return;
        const volunteerId = await volunteerIdOf(trx, row.userId);
        if (volunteerId !== null) await awardPoints(trx, volunteerId, 'broadcast_ack', 'broadcast', id);
        await publish(trx, { type: BROADCAST_EVENTS.acknowledged, path: row.path, data: { id } });
      });
      return (await myList(db, row.userId, id))[0]!;
    },

    async reply(ctx: RequestContext, id: number, input: ReplyInput) {
      const row = await addressed(db, ctx, id);
      if (row.status === 'closed') throw errors.conflict('broadcast.closed', { zh: '该广播已结束，不能再回复', en: 'the broadcast is closed' });
      if ((input.lat === undefined) !== (input.lon === undefined)) throw errors.field(input.lat === undefined ? 'lat' : 'lon', 'required', { zh: '经纬度须同时提供', en: 'latitude and longitude go together' });
      if (input.kind !== 'note' && input.lat === undefined) throw errors.field('lat', 'required', { zh: '发现线索或找到目标时须附上位置', en: 'a sighting or a find needs a location' });
      if (input.kind === 'note' && !input.text) throw errors.field('text', 'required', { zh: '请填写内容', en: 'the text is required' });
      const photo = input.photo ? decodePhoto(input.photo) : null;
      const result = await audited(db, ctx, async (trx, audit) => {
        const stored = photo && input.photo ? await files.put(trx, { data: photo, originalName: input.photo.name, allowed: PHOTO_KINDS, maxBytes: PHOTO_MAX_BYTES, createdBy: row.userId }) : null;
        const reply = await trx
          .insertInto('broadcast_replies')
          .values({ broadcast_id: id, user_id: row.userId, kind: input.kind, text: input.text, lat: input.lat ?? null, lon: input.lon ?? null, file_id: stored?.id ?? null })
          .returning(['id'])
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('broadcast_recipients')
          .set({ delivered_at: sql<Date>`coalesce(delivered_at, now())` })
          .where('broadcast_id', '=', id)
          .where('user_id', '=', row.userId)
          .execute();
        const volunteerId = await volunteerIdOf(trx, row.userId);
        if (volunteerId !== null && input.lat !== undefined && input.lon !== undefined)
          await trx.updateTable('volunteers').set({ last_lat: input.lat, last_lon: input.lon, last_located_at: sql<Date>`now()` }).where('id', '=', volunteerId).execute();
        let firstFound = false;
        if (input.kind === 'found') {
          const upd = await trx.updateTable('broadcasts').set({ found_at: sql<Date>`now()`, found_reply_id: reply.id }).where('id', '=', id).where('found_at', 'is', null).executeTakeFirst();
          firstFound = Number(upd.numUpdatedRows) > 0;
          if (firstFound && volunteerId !== null) await awardPoints(trx, volunteerId, 'broadcast_found', 'broadcast', id);
        }
        await publish(trx, { type: BROADCAST_EVENTS.replied, path: row.path, data: { id, replyId: reply.id, kind: input.kind, found: firstFound } });
        audit({ action: 'broadcast.replied', entityType: 'broadcast', entityId: id, change: { replyId: reply.id, kind: input.kind, firstFound } });
        return reply.id;
      });
      const mine = (await myList(db, row.userId, id))[0]!;
      return { replyId: result, broadcast: mine };
    },
  };

  async function fileOf(fileId: number | null) {
    if (fileId === null) throw errors.notFound();
    const f = await db.selectFrom('stored_files').select(['sha256', 'mime']).where('id', '=', fileId).executeTakeFirstOrThrow();
    return { sha256: f.sha256, mime: f.mime, data: await files.read(f.sha256) };
  }
}
