import { sql } from 'kysely';
import type { Actor, RequestContext } from '../../app/actor.js';
import { audited, diff, recordAudit } from '../../app/audit.js';
import type { Database, Queryable } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize, can } from '../../app/policy.js';
import { writeSetting } from '../../app/settings.js';
import { addDays, shanghaiDay } from '../followups/followups.days.js';
import { renderReviewDocx, renderReviewPdf } from './reviews.documents.js';
import { buildReview, saveReview } from './reviews.generator.js';
import { reviewReport } from './reviews.report.js';
import { DEFAULT_REVIEW_RULES, loadReviewRules, REVIEW_RULES_KEY, type ReviewRules } from './reviews.rules.js';
import type { GenerateReviewBody, ListReviewsQuery, ReviewDto, ReviewRulesConfigDto } from './reviews.schemas.js';
import { reviewContentSchema } from './reviews.types.js';
import { isoDow, reviewedWeek, weekFrom } from './reviews.weeks.js';

export type ReviewFormat = 'pdf' | 'docx';

/**
 * The reviews an actor may read: of the units in their subtree (the bureau: the county and every
 * station), and of the station they work in (an officer of a community reads their station's).
 * The county's review lies above every station, so only an actor at the county level sees it.
 */
function visibleUnits(db: Queryable, actor: Actor) {
  const path = actor.jurisdictionPath;
  return db
    .selectFrom('jurisdictions as j')
    .select(['j.id', 'j.name', 'j.kind', 'j.path'])
    .where('j.archived_at', 'is', null)
    .where((eb) => eb.or([eb('j.kind', '=', 'station'), eb.and([eb('j.kind', '=', 'bureau'), eb('j.parent_id', 'is', null)])]))
    .where((eb) => eb.or([eb('j.path', 'like', `${path}%`), eb.and([eb('j.kind', '=', 'station'), sql<boolean>`starts_with(${path}::text, j.path)`])]))
    .orderBy('j.path')
    .execute();
}

export function createReviewsUseCases(deps: { db: Database }) {
  const { db } = deps;

  async function rulesConfig(q: Queryable): Promise<ReviewRulesConfigDto> {
    const { rules, updatedAt } = await loadReviewRules(q);
    return { rules, defaults: DEFAULT_REVIEW_RULES, updatedAt: updatedAt?.toISOString() ?? null };
  }

  function reviewsQuery(unitIds: number[]) {
    return db
      .selectFrom('weekly_reviews as r')
      .innerJoin('jurisdictions as j', 'j.id', 'r.jurisdiction_id')
      .leftJoin('users as u', 'u.id', 'r.generated_by')
      .where('r.jurisdiction_id', 'in', unitIds.length ? unitIds : [-1]);
  }

  async function detail(actor: Actor, id: number): Promise<ReviewDto & { jurisdictionId: number }> {
    const units = await visibleUnits(db, actor);
    const row = await reviewsQuery(units.map((u) => u.id))
      .select(['r.id', 'r.jurisdiction_id', 'j.name', 'r.week_start', 'r.generated_at', 'u.display_name', 'r.content'])
      .where('r.id', '=', id)
      .executeTakeFirst();
    if (!row) throw errors.notFound();
    return {
      id: row.id,
      jurisdictionId: row.jurisdiction_id,
      jurisdictionName: row.name,
      weekStart: row.week_start,
      generatedAt: row.generated_at.toISOString(),
      generatedByName: row.display_name,
      content: reviewContentSchema.parse(row.content),
    };
  }

  return {
    /** The thresholds of the review's suggested interventions (the bureau's settings page). */
    async rules(ctx: RequestContext): Promise<ReviewRulesConfigDto> {
      authorize(ctx.actor, 'categories.manage');
      return rulesConfig(db);
    },

    /** Changed thresholds apply to reviews made from now on; a review already made keeps its text. */
    async updateRules(ctx: RequestContext, input: ReviewRules): Promise<ReviewRulesConfigDto> {
      authorize(ctx.actor, 'categories.manage');
      await audited(db, ctx, async (trx, audit) => {
        const before = (await loadReviewRules(trx)).rules;
        await writeSetting(trx, REVIEW_RULES_KEY, input);
        audit({ action: 'reviews.rules_updated', entityType: 'review_rules', entityId: REVIEW_RULES_KEY, change: diff(before, input) });
      });
      return rulesConfig(db);
    },

    async list(ctx: RequestContext, q: ListReviewsQuery) {
      authorize(ctx.actor, 'reviews.view');
      const units = await visibleUnits(db, ctx.actor);
      if (q.jurisdictionId !== undefined && !units.some((u) => u.id === q.jurisdictionId)) throw errors.notFound();
      const ids = q.jurisdictionId !== undefined ? [q.jurisdictionId] : units.map((u) => u.id);
      const rows = await reviewsQuery(ids)
        .select((eb) => [
          'r.id',
          'r.jurisdiction_id',
          'j.name',
          'r.week_start',
          'r.generated_at',
          'u.display_name',
          eb.ref('r.content', '->').key('totals').$castTo<{ current: number; wow: { ratio: number | null }; yoy: { ratio: number | null } }>().as('totals'),
        ])
        .orderBy('r.week_start', 'desc')
        .orderBy('j.path')
        .limit(300)
        .execute();
      return {
        units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
        items: rows.map((r) => ({
          id: r.id,
          jurisdictionId: r.jurisdiction_id,
          jurisdictionName: r.name,
          weekStart: r.week_start,
          generatedAt: r.generated_at.toISOString(),
          generatedByName: r.display_name,
          total: r.totals.current,
          wowRatio: r.totals.wow.ratio,
          yoyRatio: r.totals.yoy.ratio,
        })),
        abilities: { generate: can(ctx.actor, 'reviews.generate') },
      };
    },

    async get(ctx: RequestContext, id: number): Promise<ReviewDto> {
      authorize(ctx.actor, 'reviews.view');
      return detail(ctx.actor, id);
    },

    /** Makes (or remakes) a week's review now; audited review.generated. */
    async generate(ctx: RequestContext, body: GenerateReviewBody, now = new Date()): Promise<ReviewDto> {
      authorize(ctx.actor, 'reviews.generate');
      const unit = (await visibleUnits(db, ctx.actor)).find((u) => u.id === body.jurisdictionId);
      if (!unit) throw errors.notFound();
      let week = reviewedWeek(now);
      if (body.weekStart !== undefined) {
        if (isoDow(body.weekStart) !== 1) throw errors.field('weekStart', 'monday', { zh: '研判周应从周一开始', en: 'The week must start on a Monday' });
        if (addDays(body.weekStart, 7) > shanghaiDay(now)) throw errors.field('weekStart', 'week_finished', { zh: '只能研判已结束的一周', en: 'Only a finished week can be reviewed' });
        week = weekFrom(body.weekStart);
      }
      const content = await buildReview(db, unit, now, week);
      const actor = ctx.actor;
      const id = await audited(db, ctx, async (trx, audit) => {
        const saved = await saveReview(trx, { jurisdictionId: unit.id, content, generatedBy: actor.kind === 'user' ? actor.userId : null, now, replace: true });
        audit({ action: 'review.generated', entityType: 'weekly_review', entityId: saved, jurisdictionId: unit.id, change: { weekStart: week.from, incidents: content.totals.current, suggestions: content.suggestions.length } });
        return saved!;
      });
      return detail(ctx.actor, id);
    },

    /** The review as PDF or DOCX; audited review.exported. */
    async export(ctx: RequestContext, id: number, format: ReviewFormat): Promise<{ data: Buffer; filename: string }> {
      authorize(ctx.actor, 'reviews.view');
      const review = await detail(ctx.actor, id);
      const report = reviewReport(review.content);
      const data = format === 'pdf' ? await renderReviewPdf(report) : await renderReviewDocx(report);
      await recordAudit(db, ctx, [{ action: 'review.exported', entityType: 'weekly_review', entityId: id, jurisdictionId: review.jurisdictionId, change: { format, weekStart: review.weekStart } }]);
      return { data, filename: `${report.title}.${format}` };
    },
  };
}
