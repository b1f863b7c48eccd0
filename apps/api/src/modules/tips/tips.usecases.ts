import type { RequestContext, UserActor } from '../../app/actor.js';
import { audited, recordAudit } from '../../app/audit.js';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Database, Queryable } from '../../app/db/database.js';
import { errors, type FieldError } from '../../app/errors.js';
import type { FileKind, FileStore } from '../../app/files.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { fieldsFromZod } from '../incidents/incidents.core.js';
import { createIncidentsUseCases } from '../incidents/incidents.usecases.js';
import { awardPoints } from '../volunteers/points.js';
import { volunteerOf } from '../volunteers/volunteers.self.js';
import { reportTipFields, TIP_PHOTOS_MAX, type AcceptTipBody, type ListTipsQuery, type MyTipDto, type TipDto } from './tips.schemas.js';

const MB = 1024 * 1024;
/** A tip's photo: JPEG, PNG or WebP by content (app/files.ts sniff), at most 10 MB. */
export const TIP_PHOTO_MAX_BYTES = 10 * MB;
const PHOTO_KINDS: readonly FileKind[] = ['image/jpeg', 'image/png', 'image/webp'];

export interface TipUpload {
  fields: Record<string, unknown>;
  photos: { data: Buffer; filename: string }[];
}

const CATEGORY_ZH: Record<string, string> = { security: '治安', dispute: '矛盾纠纷', hazard: '安全隐患', fraud: '诈骗', drugs: '涉毒', traffic: '交通', other: '其他' };

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** How long an accept's claim on a tip (triaged_at stamped while still new) keeps others off it. */
export const TRIAGE_CLAIM_MS = 2 * 60_000;
const triageInProgress = () => errors.conflict('tip.triage_in_progress', { zh: '该线索正在由他人研判，请稍后刷新', en: 'Someone is triaging this tip right now; refresh in a moment' });

function userOf(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw errors.forbidden();
  return ctx.actor;
}

/** The tip's own text fields checked; the photos counted. */
function checkUpload(upload: TipUpload) {
  const parsed = reportTipFields.safeParse(upload.fields);
  const problems: FieldError[] = parsed.success ? [] : fieldsFromZod(parsed.error);
  if (upload.photos.length > TIP_PHOTOS_MAX) problems.push({ path: 'photos', rule: 'too_big', message: { zh: `最多 ${TIP_PHOTOS_MAX} 张照片`, en: `at most ${TIP_PHOTOS_MAX} photos` } });
  if (parsed.success && (parsed.data.lat === undefined) !== (parsed.data.lon === undefined)) {
    problems.push({ path: parsed.data.lat === undefined ? 'lat' : 'lon', rule: 'required', message: { zh: '经纬度须同时提供', en: 'latitude and longitude go together' } });
  }
  if (!parsed.success || problems.length > 0) throw errors.validation(problems);
  return parsed.data;
}

async function photosOf(db: Queryable, tipIds: number[]) {
  const out = new Map<number, { id: number; fileName: string; mime: string; size: number }[]>();
  if (tipIds.length === 0) return out;
  const rows = await db
    .selectFrom('tip_files as tf')
    .innerJoin('stored_files as f', 'f.id', 'tf.file_id')
    .select(['tf.tip_id', 'f.id', 'f.original_name', 'f.mime', 'f.size_bytes'])
    .where('tf.tip_id', 'in', tipIds)
    .orderBy('f.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.tip_id) ?? [];
    list.push({ id: r.id, fileName: r.original_name, mime: r.mime, size: r.size_bytes });
    out.set(r.tip_id, list);
  }
  return out;
}

export function createTipsUseCases(deps: { db: Database; files: FileStore; identity: IdentityCipher }) {
  const { db, files } = deps;
  const incidents = createIncidentsUseCases(deps);

  /** Tips of the actor's jurisdiction and below. */
  function scoped(ctx: RequestContext) {
    return db
      .selectFrom('tips as t')
      .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
      .leftJoin('volunteers as v', 'v.id', 't.volunteer_id')
      .leftJoin('volunteer_teams as vt', 'vt.id', 'v.team_id')
      .leftJoin('users as ru', 'ru.id', 't.reporter_user_id')
      .leftJoin('users as tu', 'tu.id', 't.triaged_by')
      .where('j.path', 'like', scopePrefix(ctx.actor))
      .select([
        't.id',
        't.category',
        't.text',
        't.lat',
        't.lon',
        't.accuracy_m',
        't.address_text',
        't.status',
        't.jurisdiction_id',
        'j.name as jurisdiction_name',
        't.volunteer_id',
        'v.name as volunteer_name',
        'vt.name as team_name',
        'ru.display_name as reporter_name',
        'ru.role as reporter_role',
        't.created_at',
        't.triaged_at',
        'tu.display_name as triaged_by_name',
        't.dismiss_reason',
        't.incident_id',
      ]);
  }
  type Row = Awaited<ReturnType<ReturnType<typeof scoped>['executeTakeFirstOrThrow']>>;

  const presentTip = (r: Row, photos: TipDto['photos']): TipDto => ({
    id: r.id,
    category: r.category,
    text: r.text,
    lat: r.lat,
    lon: r.lon,
    accuracyM: r.accuracy_m,
    addressText: r.address_text,
    status: r.status,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionName: r.jurisdiction_name,
    reporter: { name: r.volunteer_name ?? r.reporter_name ?? '', role: r.reporter_role ?? 'volunteer', teamName: r.team_name, volunteerId: r.volunteer_id },
    createdAt: r.created_at.toISOString(),
    // While new, triaged_at/by only mark an accept in progress (the claim): not shown.
    triagedAt: r.status === 'new' ? null : iso(r.triaged_at),
    triagedBy: r.status === 'new' ? null : r.triaged_by_name,
    dismissReason: r.dismiss_reason,
    incidentId: r.incident_id,
    photos,
  });

  async function findScoped(ctx: RequestContext, id: number): Promise<TipDto> {
    const row = await scoped(ctx).where('t.id', '=', id).executeTakeFirst();
    if (!row) throw errors.notFound();
    return presentTip(row, (await photosOf(db, [row.id])).get(row.id) ?? []);
  }

  /** The tips the signed-in reporter sent, with their outcome. */
  async function mine(actor: UserActor, id?: number): Promise<MyTipDto[]> {
    let q = db
      .selectFrom('tips as t')
      .leftJoin('incidents as i', 'i.id', 't.incident_id')
      .select(['t.id', 't.category', 't.text', 't.lat', 't.lon', 't.accuracy_m', 't.address_text', 't.status', 't.created_at', 't.triaged_at', 't.dismiss_reason', 'i.id as incident_id', 'i.summary as incident_summary', 'i.status as incident_status', 't.volunteer_id'])
      .select((eb) =>
        eb
          .selectFrom('point_entries as p')
          .whereRef('p.volunteer_id', '=', 't.volunteer_id')
          .where('p.entity_type', '=', 'tip')
          .whereRef('p.entity_id', '=', eb.fn('text', ['t.id']))
          .select((e) => e.fn.coalesce(e.fn.sum<number>('p.points'), e.lit(0)).as('s'))
          .as('points'),
      )
      .where('t.reporter_user_id', '=', actor.userId)
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(200);
    if (id !== undefined) q = q.where('t.id', '=', id);
    const rows = await q.execute();
    const photos = await photosOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      category: r.category,
      text: r.text,
      lat: r.lat,
      lon: r.lon,
      accuracyM: r.accuracy_m,
      addressText: r.address_text,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      triagedAt: r.status === 'new' ? null : iso(r.triaged_at),
      dismissReason: r.status === 'dismissed' ? r.dismiss_reason : null,
      incident: r.incident_id !== null ? { id: r.incident_id, summary: r.incident_summary ?? '', status: r.incident_status ?? '' } : null,
      photos: photos.get(r.id) ?? [],
      pointsAwarded: Number(r.points ?? 0),
    }));
  }

  /**
   * The tip locked for triage: in scope and still new, or 404 / 409. A tip another accept has
   * claimed (triaged_at set while still new, less than TRIAGE_CLAIM_MS ago) is 409
   * `tip.triage_in_progress`.
   */
  async function lockNew(trx: Queryable, ctx: RequestContext, id: number) {
    const row = await trx
      .selectFrom('tips as t')
      .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
      .select(['t.id', 't.status', 't.jurisdiction_id', 't.volunteer_id', 't.category', 't.text', 't.lat', 't.lon', 't.accuracy_m', 't.address_text', 't.created_at', 't.reporter_user_id', 't.triaged_at'])
      .where('t.id', '=', id)
      .where('j.path', 'like', scopePrefix(ctx.actor))
      .forUpdate('t')
      .executeTakeFirst();
    if (!row) throw errors.notFound();
    if (row.status !== 'new') throw errors.conflict('tip.already_triaged', { zh: '该线索已研判，不能重复处理', en: 'This tip has already been triaged' });
    if (row.triaged_at && Date.now() - row.triaged_at.getTime() < TRIAGE_CLAIM_MS) throw triageInProgress();
    return row;
  }

  return {
    /** A volunteer or grid worker reports a tip from the phone, with up to three photos. */
    async report(ctx: RequestContext, upload: TipUpload): Promise<MyTipDto> {
      authorize(ctx.actor, 'tips.report');
      const actor = userOf(ctx);
      // A volunteer reports for their own station (403 without an active volunteer record); a grid worker for their grid.
      const volunteer =
        actor.role === 'volunteer'
          ? await volunteerOf(db, actor)
          : ((await db.selectFrom('volunteers').select(['id', 'jurisdiction_id']).where('user_id', '=', actor.userId).where('status', '=', 'active').executeTakeFirst()) ?? null);
      const input = checkUpload(upload);
      const jurisdictionId = actor.role === 'volunteer' && volunteer ? volunteer.jurisdiction_id : actor.jurisdictionId;
      const id = await audited(db, ctx, async (trx, audit) => {
        const tip = await trx
          .insertInto('tips')
          .values({
            volunteer_id: volunteer?.id ?? null,
            reporter_user_id: actor.userId,
            category: input.category,
            text: input.text,
            lat: input.lat ?? null,
            lon: input.lon ?? null,
            accuracy_m: input.accuracy ?? null,
            address_text: input.addressText ?? null,
            jurisdiction_id: jurisdictionId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const stored = [];
        for (const [index, photo] of upload.photos.entries()) {
          try {
            // The content decides the type: an executable named .jpg is refused whatever its name says.
            const file = await files.put(trx, { data: photo.data, originalName: photo.filename, allowed: PHOTO_KINDS, maxBytes: TIP_PHOTO_MAX_BYTES, createdBy: actor.userId });
            await trx.insertInto('tip_files').values({ tip_id: tip.id, file_id: file.id }).onConflict((oc) => oc.doNothing()).execute();
            stored.push({ fileId: file.id, mime: file.mime, size: file.size, sha256: file.sha256 });
          } catch (e) {
            const err = e as { fields?: FieldError[] };
            if (err.fields?.length) throw errors.validation(err.fields.map((f) => ({ ...f, path: `photos.${index}` })));
            throw e;
          }
        }
        if (volunteer) {
          await awardPoints(trx, volunteer.id, 'tip_submitted', 'tip', tip.id);
          if (input.lat !== undefined && input.lon !== undefined) {
            await trx.updateTable('volunteers').set({ last_lat: input.lat, last_lon: input.lon, last_located_at: new Date() }).where('id', '=', volunteer.id).execute();
          }
        }
        audit({ action: 'tip.reported', entityType: 'tip', entityId: tip.id, jurisdictionId, change: { category: input.category, photos: stored, located: input.lat !== undefined } });
        return tip.id;
      });
      return (await mine(actor, id))[0]!;
    },

    /** A further photo to the reporter's own tip, while it waits for triage (three at most). */
    async addPhoto(ctx: RequestContext, id: number, photo: { data: Buffer; filename: string } | null): Promise<MyTipDto> {
      authorize(ctx.actor, 'tips.report');
      const actor = userOf(ctx);
      if (!photo) throw errors.field('photos', 'required', { zh: '请选择照片', en: 'attach a photo' });
      await audited(db, ctx, async (trx, audit) => {
        const tip = await trx.selectFrom('tips').select(['id', 'status', 'jurisdiction_id']).where('id', '=', id).where('reporter_user_id', '=', actor.userId).forUpdate().executeTakeFirst();
        if (!tip) throw errors.notFound();
        if (tip.status !== 'new') throw errors.conflict('tip.already_triaged', { zh: '该线索已研判，不能再补充照片', en: 'This tip has already been triaged' });
        const count = (await trx.selectFrom('tip_files').select((eb) => eb.fn.countAll<number>().as('n')).where('tip_id', '=', tip.id).executeTakeFirstOrThrow()).n;
        if (Number(count) >= TIP_PHOTOS_MAX) throw errors.field('photos', 'too_big', { zh: `最多 ${TIP_PHOTOS_MAX} 张照片`, en: `at most ${TIP_PHOTOS_MAX} photos` });
        let file;
        try {
          file = await files.put(trx, { data: photo.data, originalName: photo.filename, allowed: PHOTO_KINDS, maxBytes: TIP_PHOTO_MAX_BYTES, createdBy: actor.userId });
        } catch (e) {
          const err = e as { fields?: FieldError[] };
          if (err.fields?.length) throw errors.validation(err.fields.map((f) => ({ ...f, path: 'photos' })));
          throw e;
        }
        await trx.insertInto('tip_files').values({ tip_id: tip.id, file_id: file.id }).onConflict((oc) => oc.doNothing()).execute();
        audit({ action: 'tip.photo_added', entityType: 'tip', entityId: tip.id, jurisdictionId: tip.jurisdiction_id, change: { fileId: file.id, mime: file.mime, size: file.size, sha256: file.sha256 } });
      });
      return (await mine(actor, id))[0]!;
    },

    /** The reporter's own tips with their outcome. */
    async mine(ctx: RequestContext): Promise<{ items: MyTipDto[] }> {
      authorize(ctx.actor, 'tips.report');
      return { items: await mine(userOf(ctx)) };
    },

    async list(ctx: RequestContext, q: ListTipsQuery): Promise<{ items: TipDto[]; total: number }> {
      authorize(ctx.actor, 'tips.triage');
      let base = scoped(ctx);
      if (q.status) base = base.where('t.status', '=', q.status);
      if (q.category) base = base.where('t.category', '=', q.category);
      let count = db.selectFrom('tips as t').innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id').where('j.path', 'like', scopePrefix(ctx.actor));
      if (q.status) count = count.where('t.status', '=', q.status);
      if (q.category) count = count.where('t.category', '=', q.category);
      // The queue reads oldest first (first come, first triaged); the history newest first.
      const order = q.status === 'new' ? 'asc' : 'desc';
      const [rows, total] = await Promise.all([
        base
          .orderBy('t.created_at', order)
          .orderBy('t.id', order)
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        count.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const photos = await photosOf(
        db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => presentTip(r, photos.get(r.id) ?? [])), total: Number(total.n) };
    },

    async get(ctx: RequestContext, id: number): Promise<TipDto> {
      authorize(ctx.actor, 'tips.triage');
      return findScoped(ctx, id);
    },

    /** A photo of a tip: to the triaging police of its jurisdiction, or to its own reporter. Every download is audited. */
    async photo(ctx: RequestContext, id: number, fileId: number): Promise<{ data: Buffer; mime: string; filename: string }> {
      const actor = userOf(ctx);
      let q = db
        .selectFrom('tips as t')
        .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
        .innerJoin('tip_files as tf', 'tf.tip_id', 't.id')
        .innerJoin('stored_files as f', 'f.id', 'tf.file_id')
        .select(['t.id', 't.jurisdiction_id', 'f.sha256', 'f.mime', 'f.original_name'])
        .where('t.id', '=', id)
        .where('f.id', '=', fileId);
      if (authorizeEither(ctx) === 'triage') q = q.where('j.path', 'like', scopePrefix(actor));
      else q = q.where('t.reporter_user_id', '=', actor.userId);
      const row = await q.executeTakeFirst();
      if (!row) throw errors.notFound();
      const data = await files.read(row.sha256);
      await recordAudit(db, ctx, [{ action: 'tip.file_downloaded', entityType: 'tip', entityId: row.id, jurisdictionId: row.jurisdiction_id, change: { fileId, sha256: row.sha256 } }]);
      return { data, mime: row.mime, filename: row.original_name };
    },

    /**
     * Accepting turns the tip into an incident through the incident intake (channel 'tip'), with
     * the officer's context and an idempotency key of the tip: a double click, or a retry after a
     * failure, never makes a second incident.
     *
     * No connection is held while the intake runs (it takes its own pooled connections; holding
     * the tip's row lock across it starved the pool under simultaneous accepts). Instead three
     * short steps: (1) lock the tip, check it is new and unclaimed, and claim it (triaged_by/at
     * stamped while still new) — a concurrent accept or dismiss of the same tip waits on the row
     * and then gets 409; (2) the intake; on failure the claim is released and the tip stays new;
     * (3) lock the tip again and, if the claim is still ours, mark it accepted, award the points
     * and audit. A claim older than TRIAGE_CLAIM_MS (a crashed process) no longer blocks.
     */
    async accept(ctx: RequestContext, id: number, body: AcceptTipBody): Promise<TipDto> {
      authorize(ctx.actor, 'tips.triage');
      authorize(ctx.actor, 'incidents.create');
      const actor = userOf(ctx);
      const claimedAt = new Date();
      const tip = await db.transaction().execute(async (trx) => {
        const row = await lockNew(trx, ctx, id);
        await trx.updateTable('tips').set({ triaged_by: actor.userId, triaged_at: claimedAt }).where('id', '=', row.id).execute();
        return row;
      });
      const located = tip.lat !== null && tip.lon !== null ? `${tip.lat.toFixed(6)}, ${tip.lon.toFixed(6)}${tip.accuracy_m !== null ? `（±${Math.round(tip.accuracy_m)} 米）` : ''}` : '未提供';
      const narrative = [`群众线索 #${tip.id}（${CATEGORY_ZH[tip.category] ?? tip.category}）：${tip.text}`, `手机定位：${located}`, `地址：${tip.address_text ?? '未填写'}`].join('\n');
      const summary = body.summary ?? `线索：${tip.text.replace(/\s+/g, ' ').slice(0, 60)}`;
      let incidentId: number;
      try {
        const created = await incidents.create(ctx, `tip-accept-${tip.id}`, {
          channel: 'tip',
          receivedAt: tip.created_at.toISOString(),
          categoryCode: body.categoryCode,
          summary,
          narrative: narrative.slice(0, 5000),
          addressText: tip.address_text?.slice(0, 200) ?? null,
          jurisdictionId: tip.jurisdiction_id,
          lat: tip.lat,
          lon: tip.lon,
          ...(body.disputeType ? { disputeType: body.disputeType } : {}),
          ...(body.riskDomain ? { riskDomain: body.riskDomain } : {}),
        });
        incidentId = created.incident.id;
      } catch (e) {
        // The intake refused (e.g. an unknown category): the tip goes back to the queue unclaimed.
        await db.updateTable('tips').set({ triaged_by: null, triaged_at: null }).where('id', '=', tip.id).where('status', '=', 'new').where('triaged_by', '=', actor.userId).where('triaged_at', '=', claimedAt).execute();
        throw e;
      }
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('tips').select(['status', 'triaged_by', 'triaged_at']).where('id', '=', tip.id).forUpdate().executeTakeFirstOrThrow();
        // Only when the claim expired and someone else triaged meanwhile.
        if (row.status !== 'new' || row.triaged_by !== actor.userId || row.triaged_at?.getTime() !== claimedAt.getTime()) throw errors.conflict('tip.already_triaged', { zh: '该线索已研判，不能重复处理', en: 'This tip has already been triaged' });
        await trx.updateTable('tips').set({ status: 'accepted', triaged_by: actor.userId, triaged_at: new Date(), incident_id: incidentId }).where('id', '=', tip.id).execute();
        const points = tip.volunteer_id !== null ? await awardPoints(trx, tip.volunteer_id, 'tip_accepted', 'tip', tip.id) : 0;
        await recordAudit(trx, ctx, [{ action: 'tip.accepted', entityType: 'tip', entityId: tip.id, jurisdictionId: tip.jurisdiction_id, change: { incidentId, categoryCode: body.categoryCode, points } }]);
      });
      return findScoped(ctx, id);
    },

    async dismiss(ctx: RequestContext, id: number, reason: string): Promise<TipDto> {
      authorize(ctx.actor, 'tips.triage');
      const actor = userOf(ctx);
      await audited(db, ctx, async (trx, audit) => {
        const tip = await lockNew(trx, ctx, id);
        await trx.updateTable('tips').set({ status: 'dismissed', triaged_by: actor.userId, triaged_at: new Date(), dismiss_reason: reason }).where('id', '=', tip.id).execute();
        audit({ action: 'tip.dismissed', entityType: 'tip', entityId: tip.id, jurisdictionId: tip.jurisdiction_id, change: { reason } });
      });
      return findScoped(ctx, id);
    },
  };

  function authorizeEither(ctx: RequestContext): 'triage' | 'report' {
    try {
      authorize(ctx.actor, 'tips.triage');
      return 'triage';
    } catch {
      authorize(ctx.actor, 'tips.report');
      return 'report';
    }
  }
}
