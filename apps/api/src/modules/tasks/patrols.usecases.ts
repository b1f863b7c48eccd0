import { sql } from 'kysely';
import type { Actor, RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Database, Queryable } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { distanceMetres } from '../../app/geo.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { addDays, dayStart, shanghaiDay } from '../followups/followups.days.js';
import { awardPoints } from '../volunteers/points.js';
import type { CreatePlanInput, PlanDto } from './patrols.schemas.js';

/** A patrol check-in within this distance of the checkpoint counts as on site. */
export const PATROL_ON_SITE_M = 150;

const hm = (t: string) => t.slice(0, 5);

/** ISO weekday (1 = Monday … 7 = Sunday) of a 'YYYY-MM-DD' day. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday ('YYYY-MM-DD') of an ISO week 'YYYY-Www'. */
export function isoWeekMonday(week: string): string {
  const [y, w] = [Number(week.slice(0, 4)), Number(week.slice(6))];
  const jan4 = `${y}-01-04`;
  return addDays(jan4, -(isoWeekday(jan4) - 1) + (w - 1) * 7);
}

/** [start, end] of a plan's band on a day; a band whose end is not after its start runs past midnight. */
export function bandOn(day: string, bandStart: string, bandEnd: string): { start: Date; end: Date } {
  const start = new Date(`${day}T${hm(bandStart)}:00+08:00`);
  const endDay = hm(bandEnd) > hm(bandStart) ? day : addDays(day, 1);
  return { start, end: new Date(`${endDay}T${hm(bandEnd)}:00+08:00`) };
}

function planQuery(db: Queryable) {
  return db
    .selectFrom('patrol_plans as p')
    .innerJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id')
    .leftJoin('volunteer_teams as vt', 'vt.id', 'p.team_id')
    .select(['p.id', 'p.name', 'p.jurisdiction_id', 'j.name as jurisdiction_name', 'j.path', 'p.mode', 'p.band_start', 'p.band_end', 'p.weekdays', 'p.staggered', 'p.team_id', 'vt.name as team_name', 'p.checkpoints', 'p.active']);
}
type PlanRow = Awaited<ReturnType<ReturnType<typeof planQuery>['executeTakeFirstOrThrow']>>;

function presentPlan(r: PlanRow): PlanDto {
  return {
    id: r.id,
    name: r.name,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionName: r.jurisdiction_name,
    mode: r.mode,
    bandStart: hm(r.band_start),
    bandEnd: hm(r.band_end),
    weekdays: r.weekdays,
    staggered: r.staggered,
    teamId: r.team_id,
    teamName: r.team_name,
    checkpoints: r.checkpoints,
    active: r.active,
  };
}

/** Plans a walker may check in on: those of the own scope, and those covering the own place (a grid worker under an area plan). */
function reachable(actor: Actor) {
  return sql<boolean>`(j.path like ${scopePrefix(actor)} or ${actor.jurisdictionPath} like j.path || '%')`;
}

export function createPatrolsUseCases(deps: { db: Database }) {
  const { db } = deps;

  async function ownVolunteer(actor: Actor) {
    if (actor.kind !== 'user') return null;
    return (await db.selectFrom('volunteers').select(['id', 'team_id']).where('user_id', '=', actor.userId).where('status', '=', 'active').executeTakeFirst()) ?? null;
  }

  return {
    async createPlan(ctx: RequestContext, input: CreatePlanInput): Promise<PlanDto> {
      authorize(ctx.actor, 'patrols.manage');
      const prefix = scopePrefix(ctx.actor);
      const j = await db.selectFrom('jurisdictions').select('id').where('id', '=', input.jurisdictionId).where('path', 'like', prefix).executeTakeFirst();
      if (!j) throw errors.field('jurisdictionId', 'out_of_scope', { zh: '辖区不在您的管辖范围内', en: 'the jurisdiction is outside your scope' });
      if (hm(input.bandStart) === hm(input.bandEnd)) throw errors.field('bandEnd', 'same_as_start', { zh: '结束时间不能与开始时间相同', en: 'must differ from the band start' });
      if (input.teamId) {
        const team = await db
          .selectFrom('volunteer_teams as vt')
          .innerJoin('jurisdictions as tj', 'tj.id', 'vt.jurisdiction_id')
          .select('vt.id')
          .where('vt.id', '=', input.teamId)
          .where('tj.path', 'like', prefix)
          .where('vt.archived_at', 'is', null)
          .executeTakeFirst();
        if (!team) throw errors.field('teamId', 'not_found', { zh: '本辖区无此队伍', en: 'no such team in your jurisdiction' });
      }
      const id = await audited(db, ctx, async (trx, audit) => {
        const row = await trx
          .insertInto('patrol_plans')
          .values({
            name: input.name,
            jurisdiction_id: input.jurisdictionId,
            mode: input.mode,
            band_start: input.bandStart,
            band_end: input.bandEnd,
            weekdays: [...new Set(input.weekdays)].sort(),
            staggered: input.staggered,
            team_id: input.teamId ?? null,
            checkpoints: JSON.stringify(input.checkpoints),
            created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        audit({ action: 'patrol.planned', entityType: 'patrol_plan', entityId: row.id, jurisdictionId: input.jurisdictionId, change: { name: input.name, mode: input.mode, band: `${input.bandStart}-${input.bandEnd}`, checkpoints: input.checkpoints.length } });
        return row.id;
      });
      return presentPlan(await planQuery(db).where('p.id', '=', id).executeTakeFirstOrThrow());
    },

    async listPlans(ctx: RequestContext): Promise<{ items: PlanDto[] }> {
      authorize(ctx.actor, 'patrols.manage');
      const rows = await planQuery(db).where('j.path', 'like', scopePrefix(ctx.actor)).orderBy('p.id').execute();
      return { items: rows.map(presentPlan) };
    },

    /** Per plan: checkpoints × scheduled bands in the ISO week vs. those with an on-site check-in in the band. */
    async coverage(ctx: RequestContext, week: string) {
      authorize(ctx.actor, 'patrols.manage');
      const monday = isoWeekMonday(week);
      const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
      const plans = await planQuery(db).where('j.path', 'like', scopePrefix(ctx.actor)).where('p.active', '=', true).orderBy('p.id').execute();
      const checkins = plans.length
        ? await db
            .selectFrom('patrol_checkins')
            .select(['plan_id', 'checkpoint_index', 'at'])
            .where('plan_id', '=', sql<number>`any(${plans.map((p) => p.id)})`)
            .where('on_site', '=', true)
            .where('at', '>=', dayStart(monday))
            .where('at', '<', dayStart(addDays(monday, 8)))
            .execute()
        : [];
      const items = plans.map((p) => {
        const mine = checkins.filter((c) => c.plan_id === p.id);
        let bands = 0;
        let covered = 0;
        for (const day of days) {
          if (!p.weekdays.includes(isoWeekday(day))) continue;
          bands += 1;
          const { start, end } = bandOn(day, p.band_start, p.band_end);
          const hit = new Set(mine.filter((c) => c.at >= start && c.at <= end && c.checkpoint_index < p.checkpoints.length).map((c) => c.checkpoint_index));
          covered += hit.size;
        }
        const scheduled = bands * p.checkpoints.length;
        return {
          planId: p.id,
          name: p.name,
          mode: p.mode,
          staggered: p.staggered,
          jurisdictionName: p.jurisdiction_name,
          bands,
          scheduled,
          covered,
          coveragePct: scheduled === 0 ? 0 : Math.round((covered / scheduled) * 1000) / 10,
        };
      });
      return { week, from: monday, to: days[6]!, items };
    },

    /** 巡逻打卡 at a checkpoint: the distance is computed; on site within 150 m (volunteers earn points once per checkpoint and day). */
    async checkin(ctx: RequestContext, planId: number, input: { checkpointIndex: number; lat: number; lon: number }) {
      authorize(ctx.actor, 'patrols.checkin');
      if (ctx.actor.kind !== 'user') throw errors.forbidden();
      const actor = ctx.actor;
      const plan = await planQuery(db).where('p.id', '=', planId).where('p.active', '=', true).where(reachable(actor)).executeTakeFirst();
      if (!plan) throw errors.notFound();
      const volunteer = await ownVolunteer(actor);
      if (actor.role === 'volunteer' && !volunteer) throw errors.forbidden();
      if (volunteer && plan.team_id !== null && plan.team_id !== volunteer.team_id) throw errors.notFound();
      const checkpoint = plan.checkpoints[input.checkpointIndex];
      if (!checkpoint) throw errors.field('checkpointIndex', 'out_of_range', { zh: '该路线没有这个打卡点', en: 'the route has no such checkpoint' });
      const distance = distanceMetres(input, checkpoint);
      const onSite = distance <= PATROL_ON_SITE_M;
      const now = new Date();
      return audited(db, ctx, async (trx, audit) => {
        const row = await trx
          .insertInto('patrol_checkins')
          .values({ plan_id: plan.id, checkpoint_index: input.checkpointIndex, user_id: actor.userId, volunteer_id: volunteer?.id ?? null, lat: input.lat, lon: input.lon, distance_m: distance, on_site: onSite, at: now })
          .returning(['id', 'at'])
          .executeTakeFirstOrThrow();
        let points = 0;
        if (volunteer) {
          await trx.updateTable('volunteers').set({ last_lat: input.lat, last_lon: input.lon, last_located_at: now }).where('id', '=', volunteer.id).execute();
          if (onSite) points = await awardPoints(trx, volunteer.id, 'patrol_checkin', 'patrol_checkpoint_day', `${plan.id}:${input.checkpointIndex}:${shanghaiDay(now)}`);
        }
        audit({ action: 'patrol.checked_in', entityType: 'patrol_plan', entityId: plan.id, jurisdictionId: plan.jurisdiction_id, change: { checkpointIndex: input.checkpointIndex, distanceM: Math.round(distance), onSite } });
        return { id: row.id, planId: plan.id, checkpointIndex: input.checkpointIndex, checkpointName: checkpoint.name, distanceM: Math.round(distance), onSite, at: row.at.toISOString(), pointsAwarded: points };
      });
    },

    /** Today's plans for the signed-in walker (a volunteer: the own team's and untargeted plans of the own place). */
    async myPlans(ctx: RequestContext) {
      authorize(ctx.actor, 'patrols.checkin');
      if (ctx.actor.kind !== 'user') throw errors.forbidden();
      const actor = ctx.actor;
      const today = shanghaiDay(new Date());
      const volunteer = await ownVolunteer(actor);
      let q = planQuery(db).where('p.active', '=', true).where(reachable(actor)).where(sql<boolean>`${isoWeekday(today)} = any(p.weekdays)`);
      if (volunteer) q = q.where((eb) => eb.or([eb('p.team_id', 'is', null), eb('p.team_id', '=', volunteer.team_id ?? -1)]));
      const plans = await q.orderBy('p.band_start').execute();
      const checkins = plans.length
        ? await db
            .selectFrom('patrol_checkins')
            .select(['plan_id', 'checkpoint_index', 'distance_m', 'on_site', 'at'])
            .where('user_id', '=', actor.userId)
            .where('plan_id', '=', sql<number>`any(${plans.map((p) => p.id)})`)
            .where('at', '>=', dayStart(today))
            .orderBy('at')
            .execute()
        : [];
      return {
        items: plans.map((p) => ({
          ...presentPlan(p),
          todayCheckins: checkins.filter((c) => c.plan_id === p.id).map((c) => ({ checkpointIndex: c.checkpoint_index, distanceM: Math.round(c.distance_m), onSite: c.on_site, at: c.at.toISOString() })),
        })),
      };
    },
  };
}
