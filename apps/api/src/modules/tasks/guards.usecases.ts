import { sql } from 'kysely';
import type { RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { distanceMetres } from '../../app/geo.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { shanghaiDay } from '../followups/followups.days.js';
import { awardPoints } from '../volunteers/points.js';
import type { CreatePostInput, CreateSchoolInput, PostDto } from './patrols.schemas.js';

/** Attendance counts within this many minutes before or after the band time. */
export const GUARD_WINDOW_MIN = 30;
const OFFICER_ROLES = ['chief', 'officer', 'auxiliary'] as const;
const hm = (t: string) => t.slice(0, 5);

export function createGuardsUseCases(deps: { db: Database }) {
  const { db } = deps;

  function schoolQuery() {
    return db
      .selectFrom('schools as s')
      .innerJoin('jurisdictions as j', 'j.id', 's.jurisdiction_id')
      .select(['s.id', 's.name', 's.jurisdiction_id', 'j.name as jurisdiction_name', 'j.path', 's.address_text', 's.lat', 's.lon', 's.opening_time', 's.closing_time']);
  }

  async function presentPosts(postIds: number[], day: string): Promise<PostDto[]> {
    if (postIds.length === 0) return [];
    const ids = sql<number>`any(${postIds})`;
    const posts = await db
      .selectFrom('guard_posts as p')
      .innerJoin('schools as s', 's.id', 'p.school_id')
      .leftJoin('users as u', 'u.id', 'p.officer_user_id')
      .select(['p.id', 'p.name', 'p.school_id', 's.name as school_name', 's.opening_time', 's.closing_time', 'p.officer_user_id', 'u.display_name as officer_name'])
      .where('p.id', '=', ids)
      .orderBy('s.name')
      .orderBy('p.id')
      .execute();
    const members = await db.selectFrom('guard_post_members as m').innerJoin('volunteers as v', 'v.id', 'm.volunteer_id').select(['m.post_id', 'v.id', 'v.name', 'v.user_id']).where('m.post_id', '=', ids).orderBy('v.id').execute();
    const attendance = await db
      .selectFrom('guard_attendance as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['g.post_id', 'g.band', 'g.user_id', 'u.display_name', 'g.at', 'g.distance_m'])
      .where('g.post_id', '=', ids)
      .where('g.day', '=', day)
      .orderBy('g.at')
      .execute();
    return posts.map((p) => ({
      id: p.id,
      name: p.name,
      schoolId: p.school_id,
      schoolName: p.school_name,
      openingTime: hm(p.opening_time),
      closingTime: hm(p.closing_time),
      officerUserId: p.officer_user_id,
      officerName: p.officer_name,
      volunteers: members.filter((m) => m.post_id === p.id).map((m) => ({ id: m.id, name: m.name, userId: m.user_id })),
      day,
      attendance: attendance
        .filter((a) => a.post_id === p.id)
        .map((a) => ({ band: a.band, userId: a.user_id, name: a.display_name, at: a.at.toISOString(), distanceM: a.distance_m === null ? null : Math.round(a.distance_m) })),
    }));
  }

  return {
    async createSchool(ctx: RequestContext, input: CreateSchoolInput) {
      authorize(ctx.actor, 'patrols.manage');
      const j = await db.selectFrom('jurisdictions').select('id').where('id', '=', input.jurisdictionId).where('path', 'like', scopePrefix(ctx.actor)).executeTakeFirst();
      if (!j) throw errors.field('jurisdictionId', 'out_of_scope', { zh: '辖区不在您的管辖范围内', en: 'the jurisdiction is outside your scope' });
      if (hm(input.closingTime) <= hm(input.openingTime)) throw errors.field('closingTime', 'after_opening', { zh: '放学时间须晚于上学时间', en: 'must be after the opening time' });
      const id = await audited(db, ctx, async (trx, audit) => {
        const row = await trx
          .insertInto('schools')
          .values({ name: input.name, jurisdiction_id: input.jurisdictionId, address_text: input.addressText ?? null, lat: input.lat, lon: input.lon, opening_time: input.openingTime, closing_time: input.closingTime })
          .returning('id')
          .executeTakeFirstOrThrow();
        audit({ action: 'school.saved', entityType: 'school', entityId: row.id, jurisdictionId: input.jurisdictionId, change: { name: input.name, openingTime: input.openingTime, closingTime: input.closingTime } });
        return row.id;
      });
      return this.presentSchool(await schoolQuery().where('s.id', '=', id).executeTakeFirstOrThrow());
    },

    presentSchool(s: { id: number; name: string; jurisdiction_id: number; jurisdiction_name: string; address_text: string | null; lat: number; lon: number; opening_time: string; closing_time: string }) {
      return { id: s.id, name: s.name, jurisdictionId: s.jurisdiction_id, jurisdictionName: s.jurisdiction_name, addressText: s.address_text, lat: s.lat, lon: s.lon, openingTime: hm(s.opening_time), closingTime: hm(s.closing_time) };
    },

    async listSchools(ctx: RequestContext) {
      authorize(ctx.actor, 'patrols.manage');
      const rows = await schoolQuery().where('j.path', 'like', scopePrefix(ctx.actor)).orderBy('s.name').execute();
      return { items: rows.map((r) => this.presentSchool(r)) };
    },

    /** Police of the scope who may stand a post (for the post form). */
    async officers(ctx: RequestContext) {
      authorize(ctx.actor, 'patrols.manage');
      const rows = await db
        .selectFrom('users as u')
        .innerJoin('jurisdictions as uj', 'uj.id', 'u.jurisdiction_id')
        .select(['u.id', 'u.display_name', 'u.role', 'uj.name as jurisdiction_name'])
        .where('u.active', '=', true)
        .where('u.role', 'in', OFFICER_ROLES)
        .where('uj.path', 'like', scopePrefix(ctx.actor))
        .orderBy('uj.path')
        .orderBy('u.display_name')
        .limit(500)
        .execute();
      return { items: rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role, jurisdictionName: r.jurisdiction_name })) };
    },

    /** A post: one officer of the jurisdiction and exactly two active volunteers in scope. */
    async createPost(ctx: RequestContext, input: CreatePostInput): Promise<PostDto> {
      authorize(ctx.actor, 'patrols.manage');
      const prefix = scopePrefix(ctx.actor);
      const school = await schoolQuery().where('s.id', '=', input.schoolId).where('j.path', 'like', prefix).executeTakeFirst();
      if (!school) throw errors.field('schoolId', 'not_found', { zh: '本辖区无此学校', en: 'no such school in your jurisdiction' });
      const officer = await db
        .selectFrom('users as u')
        .innerJoin('jurisdictions as uj', 'uj.id', 'u.jurisdiction_id')
        .select('u.id')
        .where('u.id', '=', input.officerUserId)
        .where('u.active', '=', true)
        .where('u.role', 'in', OFFICER_ROLES)
        .where('uj.path', 'like', prefix)
        .executeTakeFirst();
      if (!officer) throw errors.field('officerUserId', 'not_found', { zh: '本辖区无此民警', en: 'no such officer in your jurisdiction' });
      const distinct = [...new Set(input.volunteerIds)];
      const found = distinct.length
        ? await db
            .selectFrom('volunteers as v')
            .innerJoin('jurisdictions as vj', 'vj.id', 'v.jurisdiction_id')
            .select('v.id')
            .where('v.id', '=', sql<number>`any(${distinct})`)
            .where('v.status', '=', 'active')
            .where('vj.path', 'like', prefix)
            .execute()
        : [];
      if (distinct.length !== 2 || input.volunteerIds.length !== 2 || found.length !== 2) {
        throw errors.field('volunteerIds', 'exactly_two', { zh: '每个护学岗须配两名本辖区在岗志愿者', en: 'a post needs exactly two active volunteers of your jurisdiction' });
      }
      const id = await audited(db, ctx, async (trx, audit) => {
        const post = await trx.insertInto('guard_posts').values({ school_id: school.id, name: input.name, officer_user_id: officer.id }).returning('id').executeTakeFirstOrThrow();
        await trx
          .insertInto('guard_post_members')
          .values(distinct.map((volunteer_id) => ({ post_id: post.id, volunteer_id })))
          .execute();
        audit({ action: 'school.saved', entityType: 'guard_post', entityId: post.id, jurisdictionId: school.jurisdiction_id, change: { schoolId: school.id, name: input.name, officerUserId: officer.id, volunteerIds: distinct } });
        return post.id;
      });
      return (await presentPosts([id], shanghaiDay(new Date())))[0]!;
    },

    async listPosts(ctx: RequestContext, day?: string): Promise<{ items: PostDto[] }> {
      authorize(ctx.actor, 'patrols.manage');
      const rows = await db
        .selectFrom('guard_posts as p')
        .innerJoin('schools as s', 's.id', 'p.school_id')
        .innerJoin('jurisdictions as j', 'j.id', 's.jurisdiction_id')
        .select('p.id')
        .where('p.active', '=', true)
        .where('j.path', 'like', scopePrefix(ctx.actor))
        .execute();
      return { items: await presentPosts(rows.map((r) => r.id), day ?? shanghaiDay(new Date())) };
    },

    /** The posts the signed-in user stands (as the officer or one of the two volunteers), with today's attendance. */
    async myPosts(ctx: RequestContext): Promise<{ items: PostDto[] }> {
      authorize(ctx.actor, 'patrols.checkin');
      if (ctx.actor.kind !== 'user') throw errors.forbidden();
      const userId = ctx.actor.userId;
      const rows = await db
        .selectFrom('guard_posts as p')
        .select('p.id')
        .where('p.active', '=', true)
        .where((eb) =>
          eb.or([
            eb('p.officer_user_id', '=', userId),
            eb.exists(eb.selectFrom('guard_post_members as m').innerJoin('volunteers as v', 'v.id', 'm.volunteer_id').whereRef('m.post_id', '=', 'p.id').where('v.user_id', '=', userId).select('m.post_id')),
          ]),
        )
        .execute();
      return { items: await presentPosts(rows.map((r) => r.id), shanghaiDay(new Date())) };
    },

    /** 到岗: by the post's officer or one of its two volunteers, within 30 minutes around the band time. */
    async attend(ctx: RequestContext, postId: number, input: { band: 'opening' | 'closing'; lat: number; lon: number }) {
      authorize(ctx.actor, 'patrols.checkin');
      if (ctx.actor.kind !== 'user') throw errors.forbidden();
      const userId = ctx.actor.userId;
      const post = await db
        .selectFrom('guard_posts as p')
        .innerJoin('schools as s', 's.id', 'p.school_id')
        .select(['p.id', 'p.officer_user_id', 's.jurisdiction_id', 's.lat', 's.lon', 's.opening_time', 's.closing_time'])
        .where('p.id', '=', postId)
        .where('p.active', '=', true)
        .executeTakeFirst();
      const member = post ? await db.selectFrom('guard_post_members as m').innerJoin('volunteers as v', 'v.id', 'm.volunteer_id').select('v.id').where('m.post_id', '=', post.id).where('v.user_id', '=', userId).where('v.status', '=', 'active').executeTakeFirst() : undefined;
      // Anyone who does not stand this post learns nothing about it.
      if (!post || (post.officer_user_id !== userId && !member)) throw errors.notFound();
      const now = new Date();
      const time = hm(input.band === 'opening' ? post.opening_time : post.closing_time);
      // The band's nearest occurrence (yesterday's, today's or tomorrow's, Beijing time) is the one
      // being stood, so a band near midnight is recorded on its own day.
      const today = shanghaiDay(now);
      const [day, bandAt] = [-1, 0, 1]
        .map((d) => {
          const candidate = shanghaiDay(new Date(new Date(`${today}T12:00:00+08:00`).getTime() + d * 86_400_000));
          return [candidate, new Date(`${candidate}T${time}:00+08:00`)] as const;
        })
        .reduce((best, c) => (Math.abs(now.getTime() - c[1].getTime()) < Math.abs(now.getTime() - best[1].getTime()) ? c : best));
      if (Math.abs(now.getTime() - bandAt.getTime()) > GUARD_WINDOW_MIN * 60_000) {
        throw errors.conflict('guard.outside_window', { zh: `到岗打卡须在${input.band === 'opening' ? '上学' : '放学'}时间 ${time} 前后 30 分钟内`, en: `attendance is recorded within 30 minutes of ${time}` });
      }
      const distance = distanceMetres(input, post);
      return audited(db, ctx, async (trx, audit) => {
        const row = await trx
          .insertInto('guard_attendance')
          .values({ post_id: post.id, day, band: input.band, user_id: userId, lat: input.lat, lon: input.lon, distance_m: distance, at: now })
          .onConflict((oc) => oc.columns(['post_id', 'day', 'band', 'user_id']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) throw errors.conflict('guard.already_attended', { zh: '本时段已到岗打卡', en: 'already recorded for this band' });
        let points = 0;
        if (member) {
          points = await awardPoints(trx, member.id, 'guard_attendance', 'guard_attendance', row.id);
          await trx.updateTable('volunteers').set({ last_lat: input.lat, last_lon: input.lon, last_located_at: now }).where('id', '=', member.id).execute();
        }
        audit({ action: 'guard.attended', entityType: 'guard_post', entityId: post.id, jurisdictionId: post.jurisdiction_id, change: { day, band: input.band, distanceM: Math.round(distance) } });
        return { postId: post.id, day, band: input.band, distanceM: Math.round(distance), at: now.toISOString(), pointsAwarded: points };
      });
    },
  };
}
