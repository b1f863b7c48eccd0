import type { RequestContext } from '../../app/actor.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';

function me(ctx: RequestContext): number {
  if (ctx.actor.kind !== 'user') throw errors.forbidden();
  return ctx.actor.userId;
}

/**
 * A user's own reminders and escalations. Every query filters by the signed-in user, so a
 * notification of someone else does not exist for the caller (404). Marking as read is the
 * user's own bookkeeping, not a change to police records, so it is not audited.
 */
export function createNotificationsUseCases(deps: { db: Database }) {
  const { db } = deps;

  async function unread(userId: number): Promise<number> {
    const { n } = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
    return Number(n);
  }

  return {
    async list(ctx: RequestContext, q: { unreadOnly: boolean; limit: number }) {
      const userId = me(ctx);
      const rows = await db
        .selectFrom('notifications')
        .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
        .where('user_id', '=', userId)
        .$if(q.unreadOnly, (qb) => qb.where('read_at', 'is', null))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit)
        .execute();
      return {
        items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null })),
        unread: await unread(userId),
      };
    },

    async read(ctx: RequestContext, id: number) {
      const userId = me(ctx);
      const row = await db
        .updateTable('notifications')
        .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(new Date())) }))
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .returning('id')
        .executeTakeFirst();
      if (!row) throw errors.notFound();
      return { unread: await unread(userId) };
    },

    async readAll(ctx: RequestContext) {
      const userId = me(ctx);
      const result = await db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
      return { updated: Number(result.numUpdatedRows), unread: 0 };
    },
  };
}
