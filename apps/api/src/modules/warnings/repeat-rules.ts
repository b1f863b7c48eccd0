import { z } from 'zod';
import type { RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Database, Queryable } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { contextOf, errorResponses, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { authorize } from '../../app/policy.js';

// The repeat-incident thresholds (重复警情) as the bureau edits them: which link (address, phone,
// named party), how many incidents in how many days, and the warning grade that raises. Intake
// reads the table on every incident, so a change applies to the next incident.

const LINKS = ['address', 'phone', 'party'] as const;
const LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;

const ruleSchema = z.object({
  id: z.number().int().positive().optional(),
  name: z.string().trim().min(1).max(100),
  linkBy: z.enum(LINKS),
  windowDays: z.number().int().min(1).max(3650),
  threshold: z.number().int().min(2).max(1000),
  level: z.enum(LEVELS),
  active: z.boolean(),
});
export const repeatRulesBody = z.object({ rules: z.array(ruleSchema).max(100) });
export const repeatRulesSchema = z.object({ rules: z.array(ruleSchema.extend({ id: z.number() })) });
type RulesInput = z.infer<typeof repeatRulesBody>;
type RuleDto = z.infer<typeof repeatRulesSchema>['rules'][number];

async function readRules(db: Queryable): Promise<RuleDto[]> {
  const rows = await db.selectFrom('repeat_rules').select(['id', 'name', 'link_by', 'window_days', 'threshold', 'level', 'active']).orderBy('link_by').orderBy('threshold').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, linkBy: r.link_by, windowDays: r.window_days, threshold: r.threshold, level: r.level, active: r.active }));
}

/** Rules zod cannot say: ids that exist, and for one link and window a higher count never gives a lower grade. */
function check(input: RulesInput, existing: Set<number>): void {
  const rank = (l: (typeof LEVELS)[number]) => LEVELS.indexOf(l);
  const seen = new Set<string>();
  for (const [i, r] of input.rules.entries()) {
    if (r.id !== undefined && !existing.has(r.id)) throw errors.field(`rules.${i}.id`, 'not_found', { zh: '规则不存在', en: 'no such rule' });
    const key = `${r.linkBy}:${r.windowDays}:${r.threshold}`;
    if (r.active && seen.has(key)) throw errors.field(`rules.${i}.threshold`, 'unique', { zh: '同一关联方式、时间窗口和次数的规则重复', en: 'another active rule has the same link, window and count' });
    if (r.active) seen.add(key);
  }
  for (const [i, r] of input.rules.entries()) {
    if (!r.active) continue;
    const lower = input.rules.find((o) => o.active && o !== r && o.linkBy === r.linkBy && o.windowDays === r.windowDays && o.threshold < r.threshold && rank(o.level) > rank(r.level));
    if (lower) throw errors.field(`rules.${i}.level`, 'grade_order', { zh: `次数更多的规则等级不能低于“${lower.name}”`, en: `a rule with a higher count must not have a lower grade than "${lower.name}"` });
  }
}

export function createRepeatRules(deps: { db: Database }) {
  const { db } = deps;
  return {
    async list(ctx: RequestContext) {
      authorize(ctx.actor, 'categories.manage');
      return { rules: await readRules(db) };
    },
    async replace(ctx: RequestContext, input: RulesInput) {
      authorize(ctx.actor, 'categories.manage');
      await audited(db, ctx, async (trx, audit) => {
        const before = await readRules(trx);
        check(input, new Set(before.map((r) => r.id)));
        const kept = new Set(input.rules.flatMap((r) => (r.id === undefined ? [] : [r.id])));
        const removed = before.filter((r) => !kept.has(r.id)).map((r) => r.id);
        if (removed.length) await trx.deleteFrom('repeat_rules').where('id', 'in', removed).execute();
        for (const r of input.rules) {
          const values = { name: r.name, link_by: r.linkBy, window_days: r.windowDays, threshold: r.threshold, level: r.level, active: r.active };
          if (r.id === undefined) await trx.insertInto('repeat_rules').values(values).execute();
          else await trx.updateTable('repeat_rules').set(values).where('id', '=', r.id).execute();
        }
        audit({ action: 'repeat_rules.updated', entityType: 'repeat_rules', entityId: 'all', change: { before, after: input.rules } });
      });
      return { rules: await readRules(db) };
    },
  };
}

export function registerRepeatRulesRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const rules = createRepeatRules(deps);
  const tags = ['warnings'];
  app.get('/api/repeat-rules', { schema: { tags, response: { 200: repeatRulesSchema, ...errorResponses } } }, async (request) => rules.list(contextOf(request)));
  app.put('/api/repeat-rules', { schema: { tags, body: repeatRulesBody, response: { 200: repeatRulesSchema, ...errorResponses } } }, async (request) => rules.replace(contextOf(request), request.body));
}
