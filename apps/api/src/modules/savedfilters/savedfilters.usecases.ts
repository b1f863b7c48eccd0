import type { RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { createSavedFiltersRepository, type SavedFilterRow } from './savedfilters.repository.js';
import { SAVED_FILTERS_PER_PAGE, SAVED_QUERY_MAX_BYTES, type CreateSavedFilterInput, type SavedFilterDto } from './savedfilters.schemas.js';

function present(row: SavedFilterRow): SavedFilterDto {
  return { id: row.id, page: row.page, name: row.name, query: row.query, createdAt: row.created_at.toISOString() };
}

/** A user's own named filters of a list page. Nobody sees or deletes another user's filters. */
export function createSavedFiltersUseCases(deps: { db: Database }) {
  const { db } = deps;
  const repo = createSavedFiltersRepository(db);

  /** Signed-in people only: an integration key has no list pages. */
  function userOf(ctx: RequestContext): number {
    if (ctx.actor.kind !== 'user') throw errors.forbidden();
    return ctx.actor.userId;
  }

  return {
    async list(ctx: RequestContext, page: string): Promise<SavedFilterDto[]> {
      const userId = userOf(ctx);
      return (await repo.list(userId, page)).map(present);
    },

    async create(ctx: RequestContext, input: CreateSavedFilterInput): Promise<SavedFilterDto> {
      const userId = userOf(ctx);
      if (Buffer.byteLength(JSON.stringify(input.query), 'utf8') > SAVED_QUERY_MAX_BYTES) {
        throw errors.field('query', 'too_big', { zh: `筛选条件过长（最多 ${SAVED_QUERY_MAX_BYTES} 字节）`, en: `must be at most ${SAVED_QUERY_MAX_BYTES} bytes of JSON` });
      }
      if (await repo.nameTaken(userId, input.page, input.name)) {
        throw errors.conflict('saved_filters.name_taken', { zh: '已有同名的筛选条件，请换一个名称', en: 'You already have a saved filter with this name' });
      }
      if ((await repo.count(userId, input.page)) >= SAVED_FILTERS_PER_PAGE) {
        throw errors.conflict('saved_filters.too_many', { zh: `每个页面最多保存 ${SAVED_FILTERS_PER_PAGE} 个筛选条件，请先删除不用的`, en: `At most ${SAVED_FILTERS_PER_PAGE} saved filters per page: delete one first` });
      }
      const row = await audited(db, ctx, async (trx, audit) => {
        const created = await createSavedFiltersRepository(trx).insert({ userId, page: input.page, name: input.name, query: input.query });
        audit({ action: 'saved_filter.created', entityType: 'saved_filter', entityId: created.id, jurisdictionId: ctx.actor.jurisdictionId, change: { page: input.page, name: input.name, query: input.query } });
        return created;
      });
      return present(row);
    },

    async remove(ctx: RequestContext, id: number): Promise<void> {
      const userId = userOf(ctx);
      const removed = await audited(db, ctx, async (trx, audit) => {
        const r = await createSavedFiltersRepository(trx).remove(userId, id);
        if (r) audit({ action: 'saved_filter.deleted', entityType: 'saved_filter', entityId: r.id, jurisdictionId: ctx.actor.jurisdictionId, change: { page: r.page, name: r.name } });
        return r;
      });
      // Another user's filter answers as a missing one.
      if (!removed) throw errors.notFound();
    },
  };
}
