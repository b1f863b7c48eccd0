import type { RequestContext } from '../../app/actor.js';
import { audited, diff } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize } from '../../app/policy.js';
import type { CategoryDto, CreateCategoryInput, UpdateCategoryInput } from './incidents.schemas.js';

const COLUMNS = ['code', 'name_zh', 'name_en', 'parent_code', 'level', 'kind', 'source', 'active', 'sort'] as const;
const MAX_LEVEL = 4;

/** The incident taxonomy is data: the bureau adds and edits categories without a release. */
export function createIncidentCategoriesUseCases(deps: { db: Database }) {
  const { db } = deps;

  const find = (code: string) => db.selectFrom('incident_categories').select(COLUMNS).where('code', '=', code).executeTakeFirst();
  type Row = NonNullable<Awaited<ReturnType<typeof find>>>;
  const present = (r: Row): CategoryDto => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, parentCode: r.parent_code, level: r.level, kind: r.kind, source: r.source, active: r.active, sort: r.sort });

  return {
    async taxonomy(ctx: RequestContext) {
      authorize(ctx.actor, 'incidents.view');
      const [categories, riskDomains, disputeTypes] = await Promise.all([
        db.selectFrom('incident_categories').select(COLUMNS).orderBy('level').orderBy('sort').orderBy('code').execute(),
        db.selectFrom('risk_domains').select(['code', 'name_zh', 'name_en']).orderBy('sort').execute(),
        db.selectFrom('mediation_dispute_types').select(['code', 'name_zh', 'name_en']).orderBy('sort').execute(),
      ]);
      const codeName = (r: { code: string; name_zh: string; name_en: string }) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en });
      return { categories: categories.map(present), riskDomains: riskDomains.map(codeName), disputeTypes: disputeTypes.map(codeName) };
    },

    async create(ctx: RequestContext, input: CreateCategoryInput): Promise<CategoryDto> {
      authorize(ctx.actor, 'categories.manage');
      const parent = input.parentCode ? await find(input.parentCode) : null;
      if (input.parentCode && !parent) throw errors.field('parentCode', 'not_found', { zh: '上级类别不存在', en: 'unknown parent category' });
      const level = parent ? parent.level + 1 : 1;
      if (level > MAX_LEVEL) throw errors.field('parentCode', 'too_deep', { zh: `类别最多 ${MAX_LEVEL} 级`, en: `categories nest at most ${MAX_LEVEL} levels` });
      if (await find(input.code)) throw errors.conflict('incidents.category_exists', { zh: '该类别代码已存在', en: 'A category with this code exists' });
      await audited(db, ctx, async (trx, audit) => {
        await trx
          .insertInto('incident_categories')
          .values({ code: input.code, name_zh: input.nameZh, name_en: input.nameEn ?? '', parent_code: parent?.code ?? null, level, kind: input.kind, source: 'local', active: input.active ?? true, sort: input.sort ?? 0 })
          .execute();
        audit({ action: 'category.created', entityType: 'incident_category', entityId: input.code, change: { nameZh: input.nameZh, parentCode: parent?.code ?? null, kind: input.kind } });
      });
      return present((await find(input.code))!);
    },

    async update(ctx: RequestContext, code: string, input: UpdateCategoryInput): Promise<CategoryDto> {
      authorize(ctx.actor, 'categories.manage');
      const before = await find(code);
      if (!before) throw errors.notFound();
      const after = { nameZh: input.nameZh ?? before.name_zh, nameEn: input.nameEn ?? before.name_en, kind: input.kind ?? before.kind, active: input.active ?? before.active, sort: input.sort ?? before.sort };
      await audited(db, ctx, async (trx, audit) => {
        await trx.updateTable('incident_categories').set({ name_zh: after.nameZh, name_en: after.nameEn, kind: after.kind, active: after.active, sort: after.sort }).where('code', '=', code).execute();
        audit({ action: 'category.updated', entityType: 'incident_category', entityId: code, change: diff({ nameZh: before.name_zh, nameEn: before.name_en, kind: before.kind, active: before.active, sort: before.sort }, after) });
      });
      return present((await find(code))!);
    },
  };
}
