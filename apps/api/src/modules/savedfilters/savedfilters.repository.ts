import type { Queryable } from '../../app/db/database.js';

/** Saved filters are private: every query names the owner. */
export function createSavedFiltersRepository(db: Queryable) {
  const columns = ['id', 'page', 'name', 'query', 'created_at'] as const;
  return {
    list(userId: number, page: string) {
      return db.selectFrom('saved_filters').select(columns).where('user_id', '=', userId).where('page', '=', page).orderBy('name').orderBy('id').execute();
    },

    async count(userId: number, page: string) {
      const r = await db.selectFrom('saved_filters').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).where('page', '=', page).executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async nameTaken(userId: number, page: string, name: string) {
      return !!(await db.selectFrom('saved_filters').select('id').where('user_id', '=', userId).where('page', '=', page).where('name', '=', name).executeTakeFirst());
    },

    insert(v: { userId: number; page: string; name: string; query: Record<string, unknown> }) {
      return db
        .insertInto('saved_filters')
        .values({ user_id: v.userId, page: v.page, name: v.name, query: JSON.stringify(v.query) })
        .returning(columns)
        .executeTakeFirstOrThrow();
    },

    /** Deletes the user's own filter; another user's id deletes nothing. */
    remove(userId: number, id: number) {
      return db.deleteFrom('saved_filters').where('id', '=', id).where('user_id', '=', userId).returning(['id', 'page', 'name']).executeTakeFirst();
    },
  };
}

export type SavedFilterRow = Awaited<ReturnType<ReturnType<typeof createSavedFiltersRepository>['insert']>>;
