import type { RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize } from '../../app/policy.js';
import type { CalendarDto, DeadlinesDto } from './cases.schemas.js';

/** A real calendar day 'YYYY-MM-DD' (2026-02-30 is not one), else 400 naming the field. */
function checkDay(day: string, field: string): string {
  const at = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== day) throw errors.field(field, 'invalid_date', { zh: '不是有效的日期', en: 'is not a calendar date' });
  return day;
}

/** Stage deadlines and the working-day calendar (holidays, 调休 working weekends): the bureau's settings. */
export function createCaseSettings(deps: { db: Database }) {
  const { db } = deps;
  const entity = { entityType: 'case_settings' as const };

  return {
    async deadlines(ctx: RequestContext): Promise<DeadlinesDto> {
      authorize(ctx.actor, 'cases.settings');
      const rows = await db.selectFrom('case_stage_deadlines').select(['stage', 'from_stage', 'days', 'working_days']).orderBy('stage').orderBy('from_stage', (ob) => ob.nullsFirst()).execute();
      return { items: rows.map((r) => ({ stage: r.stage, fromStage: r.from_stage, days: r.days, workingDays: r.working_days })) };
    },

    /** Replaces the deadline table; one row per (stage, from stage). */
    async replaceDeadlines(ctx: RequestContext, input: DeadlinesDto): Promise<DeadlinesDto> {
      authorize(ctx.actor, 'cases.settings');
      const seen = new Set<string>();
      for (const [i, item] of input.items.entries()) {
        const key = `${item.stage}/${item.fromStage ?? ''}`;
        if (seen.has(key)) throw errors.field(`items.${i}.fromStage`, 'duplicate', { zh: '同一阶段、同一来源阶段只能设一条期限', en: 'duplicates another row for the same stage and from-stage' });
        seen.add(key);
        if (item.stage === 'closed') throw errors.field(`items.${i}.stage`, 'not_applicable', { zh: '已办结没有期限', en: 'a closed case has no deadline' });
      }
      await audited(db, ctx, async (trx, audit) => {
        const before = await trx.selectFrom('case_stage_deadlines').select(['stage', 'from_stage', 'days', 'working_days']).execute();
        await trx.deleteFrom('case_stage_deadlines').execute();
        if (input.items.length > 0) {
          await trx
            .insertInto('case_stage_deadlines')
            .values(input.items.map((i) => ({ stage: i.stage, from_stage: i.fromStage, days: i.days, working_days: i.workingDays })))
            .execute();
        }
        audit({ action: 'case.settings_updated', ...entity, entityId: 'deadlines', change: { deadlines: { from: before, to: input.items } } });
      });
      return this.deadlines(ctx);
    },

    async calendar(ctx: RequestContext, year: number | undefined): Promise<CalendarDto> {
      authorize(ctx.actor, 'cases.settings');
      const rows = await db
        .selectFrom('calendar_days')
        .select(['day', 'workday', 'note'])
        .$if(year !== undefined, (qb) => qb.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`))
        .orderBy('day')
        .execute();
      return { items: rows };
    },

    /** Adds or changes calendar days (a holiday: workday false; a 调休 working weekend: workday true). */
    async putCalendar(ctx: RequestContext, items: { day: string; workday: boolean; note?: string | null | undefined }[]): Promise<void> {
      authorize(ctx.actor, 'cases.settings');
      const rows = items.map((i, n) => ({ day: checkDay(i.day, `items.${n}.day`), workday: i.workday, note: i.note ?? null }));
      await audited(db, ctx, async (trx, audit) => {
        await trx
          .insertInto('calendar_days')
          .values(rows)
          .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ workday: eb.ref('excluded.workday'), note: eb.ref('excluded.note') })))
          .execute();
        audit({ action: 'case.settings_updated', ...entity, entityId: 'calendar', change: { calendar: rows } });
      });
    },

    async deleteCalendarDay(ctx: RequestContext, day: string): Promise<void> {
      authorize(ctx.actor, 'cases.settings');
      checkDay(day, 'day');
      await audited(db, ctx, async (trx, audit) => {
        const removed = await trx.deleteFrom('calendar_days').where('day', '=', day).returning(['day', 'workday', 'note']).executeTakeFirst();
        if (!removed) throw errors.notFound();
        audit({ action: 'case.settings_updated', ...entity, entityId: 'calendar', change: { removed } });
      });
    },
  };
}
