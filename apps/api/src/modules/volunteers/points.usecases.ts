import { sql } from 'kysely';
import type { Actor, RequestContext } from '../../app/actor.js';
import { audited, diff } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize, can, pathIds, scopePrefix } from '../../app/policy.js';
import { volunteerOf } from './volunteers.self.js';
import type { LeaderboardDto, LeaderboardQuery, RewardInput } from './volunteers.schemas.js';

/** 'YYYY-MM' of an instant in Beijing time. */
export function shanghaiMonth(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}
/** The instants a Beijing calendar month starts and ends. */
const monthStart = (month: string) => sql<Date>`((${month} || '-01')::timestamp at time zone 'Asia/Shanghai')`;
const monthEnd = (month: string) => sql<Date>`(((${month} || '-01')::date + interval '1 month')::timestamp at time zone 'Asia/Shanghai')`;

export function createPointsUseCases(deps: { db: Database }) {
  const { db } = deps;

  /** Staff see their jurisdiction; a volunteer sees the area of their station (names and points only). */
  async function boardScope(actor: Actor): Promise<string> {
    if (actor.kind !== 'user' || actor.role !== 'volunteer') return scopePrefix(actor);
    const station = await db.selectFrom('jurisdictions').select('path').where('id', 'in', pathIds(actor.jurisdictionPath)).where('kind', '=', 'station').executeTakeFirst();
    return `${station?.path ?? actor.jurisdictionPath}%`;
  }

  async function rewardTarget(actor: Actor, input: { volunteerId?: number; teamId?: number }) {
    if (!input.volunteerId && !input.teamId) throw errors.field('volunteerId', 'required', { zh: '请选择奖励的队员或队伍', en: 'give volunteerId or teamId' });
    let jurisdictionId: number | null = null;
    if (input.volunteerId) {
      const v = await db
        .selectFrom('volunteers as v')
        .innerJoin('jurisdictions as j', 'j.id', 'v.jurisdiction_id')
        .select(['v.id', 'v.jurisdiction_id'])
        .where('v.id', '=', input.volunteerId)
        .where('j.path', 'like', scopePrefix(actor))
        .executeTakeFirst();
      if (!v) throw errors.field('volunteerId', 'not_found', { zh: '队员不存在或无权访问', en: 'member not found' });
      jurisdictionId = v.jurisdiction_id;
    }
    if (input.teamId) {
      const t = await db
        .selectFrom('volunteer_teams as t')
        .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
        .select(['t.id', 't.jurisdiction_id'])
        .where('t.id', '=', input.teamId)
        .where('j.path', 'like', scopePrefix(actor))
        .executeTakeFirst();
      if (!t) throw errors.field('teamId', 'not_found', { zh: '队伍不存在或无权访问', en: 'team not found' });
      jurisdictionId ??= t.jurisdiction_id;
    }
    return jurisdictionId!;
  }

  function rewardsQuery(actor: Actor) {
    return db
      .selectFrom('rewards as r')
      .leftJoin('volunteers as v', 'v.id', 'r.volunteer_id')
      .leftJoin('volunteer_teams as t', 't.id', 'r.team_id')
      .leftJoin('users as u', 'u.id', 'r.awarded_by')
      .leftJoin('jurisdictions as jv', 'jv.id', 'v.jurisdiction_id')
      .leftJoin('jurisdictions as jt', 'jt.id', 't.jurisdiction_id')
      .where((eb) => eb.or([eb('jv.path', 'like', scopePrefix(actor)), eb('jt.path', 'like', scopePrefix(actor))]))
      .select(['r.id', 'r.volunteer_id', 'v.name as volunteer_name', 'r.team_id', 't.name as team_name', 'r.month', 'r.title', 'r.note', 'u.display_name as awarded_by_name', 'r.awarded_at']);
  }
  const presentReward = (r: Awaited<ReturnType<ReturnType<typeof rewardsQuery>['executeTakeFirstOrThrow']>>) => ({
    id: r.id,
    volunteerId: r.volunteer_id,
    volunteerName: r.volunteer_name,
    teamId: r.team_id,
    teamName: r.team_name,
    month: r.month,
    title: r.title,
    note: r.note,
    awardedByName: r.awarded_by_name,
    awardedAt: r.awarded_at.toISOString(),
  });

  return {
    /** The month's points per person or per team, summed from point_entries within Beijing month boundaries. */
    async leaderboard(ctx: RequestContext, q: LeaderboardQuery): Promise<LeaderboardDto> {
      authorize(ctx.actor, 'points.view');
      const month = q.month ?? shanghaiMonth(new Date());
      const scope = await boardScope(ctx.actor);
      const me =
        ctx.actor.kind === 'user' && ctx.actor.role === 'volunteer'
          ? await db.selectFrom('volunteers').select(['id', 'team_id']).where('user_id', '=', ctx.actor.userId).executeTakeFirst()
          : undefined;
      const meId = q.by === 'team' ? (me?.team_id ?? -1) : (me?.id ?? -1);
      const ranked =
        q.by === 'team'
          ? sql`
              select t.id, t.name, null::text as team_name, sum(pe.points)::int as points
              from point_entries pe
              join volunteers v on v.id = pe.volunteer_id
              join volunteer_teams t on t.id = v.team_id
              join jurisdictions j on j.id = t.jurisdiction_id
              where j.path like ${scope} and pe.at >= ${monthStart(month)} and pe.at < ${monthEnd(month)}
              group by t.id, t.name`
          : sql`
              select v.id, v.name, t.name as team_name, sum(pe.points)::int as points
              from point_entries pe
              join volunteers v on v.id = pe.volunteer_id
              join jurisdictions j on j.id = v.jurisdiction_id
              left join volunteer_teams t on t.id = v.team_id
              where j.path like ${scope} and pe.at >= ${monthStart(month)} and pe.at < ${monthEnd(month)}
              group by v.id, v.name, t.name`;
      const { rows } = await sql<{ id: number; name: string; team_name: string | null; points: number; rank: number; n: number }>`
        with s as (${ranked}),
        r as (select s.*, (rank() over (order by points desc))::int as rank, (row_number() over (order by points desc, name, id))::int as n from s)
        select * from r where n <= ${q.limit} or id = ${meId} order by n`.execute(db);
      const present = (r: (typeof rows)[number]) => ({ rank: r.rank, id: r.id, name: r.name, teamName: r.team_name, points: r.points, me: r.id === meId });
      const mineRow = rows.find((r) => r.id === meId);
      return { month, by: q.by, items: rows.filter((r) => r.n <= q.limit).map(present), mine: mineRow ? present(mineRow) : null };
    },

    /** The signed-in volunteer's own points: total, this month and the latest entries. */
    async mine(ctx: RequestContext) {
      authorize(ctx.actor, 'points.view');
      const self = await volunteerOf(db, ctx.actor);
      const month = shanghaiMonth(new Date());
      const [sums, entries, team] = await Promise.all([
        db
          .selectFrom('point_entries')
          .select([
            sql<number>`coalesce(sum(points), 0)::int`.as('total'),
            sql<number>`coalesce(sum(points) filter (where at >= ${monthStart(month)} and at < ${monthEnd(month)}), 0)::int`.as('month_points'),
          ])
          .where('volunteer_id', '=', self.id)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('point_entries as pe')
          .innerJoin('point_rules as r', 'r.code', 'pe.rule_code')
          .select(['pe.id', 'pe.rule_code', 'r.name_zh', 'r.name_en', 'pe.points', 'pe.entity_type', 'pe.at'])
          .where('pe.volunteer_id', '=', self.id)
          .orderBy('pe.at', 'desc')
          .orderBy('pe.id', 'desc')
          .limit(100)
          .execute(),
        self.team_id ? db.selectFrom('volunteer_teams').select('name').where('id', '=', self.team_id).executeTakeFirst() : Promise.resolve(undefined),
      ]);
      return {
        volunteerId: self.id,
        name: self.name,
        teamName: team?.name ?? null,
        total: sums.total,
        month,
        monthPoints: sums.month_points,
        entries: entries.map((e) => ({ id: e.id, ruleCode: e.rule_code, ruleName: e.name_zh, ruleNameEn: e.name_en, points: e.points, entityType: e.entity_type, at: e.at.toISOString() })),
      };
    },

    async listRewards(ctx: RequestContext, q: { month?: string; page: number; pageSize: number }) {
      authorize(ctx.actor, 'volunteers.view');
      let query = rewardsQuery(ctx.actor);
      if (q.month) query = query.where('r.month', '=', q.month);
      const rows = await query.orderBy('r.awarded_at', 'desc').orderBy('r.id', 'desc').limit(q.pageSize + 1).offset((q.page - 1) * q.pageSize).execute();
      let countQ = rewardsQuery(ctx.actor).clearSelect();
      if (q.month) countQ = countQ.where('r.month', '=', q.month);
      const total = await countQ.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { items: rows.slice(0, q.pageSize).map(presentReward), total: Number(total.n) };
    },

    async reward(ctx: RequestContext, input: RewardInput) {
      authorize(ctx.actor, 'points.reward');
      const jurisdictionId = await rewardTarget(ctx.actor, input);
      const id = await audited(db, ctx, async (trx, audit) => {
        const row = await trx
          .insertInto('rewards')
          .values({
            volunteer_id: input.volunteerId ?? null,
            team_id: input.teamId ?? null,
            month: input.month,
            title: input.title,
            note: input.note ?? null,
            awarded_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        audit({ action: 'reward.recorded', entityType: 'reward', entityId: row.id, jurisdictionId, change: { volunteerId: input.volunteerId ?? null, teamId: input.teamId ?? null, month: input.month, title: input.title } });
        return row.id;
      });
      return presentReward(await rewardsQuery(ctx.actor).where('r.id', '=', id).executeTakeFirstOrThrow());
    },

    /** Read by whoever records rewards (the station) and whoever edits the rules (the bureau). */
    async rules(ctx: RequestContext) {
      if (!can(ctx.actor, 'categories.manage')) authorize(ctx.actor, 'points.reward');
      const rows = await db.selectFrom('point_rules').selectAll().orderBy('code').execute();
      return { items: rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, points: r.points, active: r.active })) };
    },

    /** Point rules are the bureau's data (the same right as editing incident categories). */
    async updateRule(ctx: RequestContext, code: string, input: { points: number; active?: boolean; nameZh?: string; nameEn?: string }) {
      authorize(ctx.actor, 'categories.manage');
      const before = await db.selectFrom('point_rules').selectAll().where('code', '=', code).executeTakeFirst();
      if (!before) throw errors.notFound();
      await audited(db, ctx, async (trx, audit) => {
        await trx
          .updateTable('point_rules')
          .set({
            points: input.points,
            ...(input.active !== undefined ? { active: input.active } : {}),
            ...(input.nameZh !== undefined ? { name_zh: input.nameZh } : {}),
            ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
          })
          .where('code', '=', code)
          .execute();
        audit({
          action: 'point_rules.updated',
          entityType: 'point_rule',
          entityId: code,
          change: diff({ points: before.points, active: before.active, nameZh: before.name_zh, nameEn: before.name_en }, input),
        });
      });
      const row = await db.selectFrom('point_rules').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
      return { code: row.code, nameZh: row.name_zh, nameEn: row.name_en, points: row.points, active: row.active };
    },
  };
}
