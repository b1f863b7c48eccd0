import { sql } from 'kysely';
import type { Queryable } from '../../app/db/database.js';
import { pathIds } from '../../app/policy.js';

export function createAuthRepository(db: Queryable) {
  return {
    findUserForLogin(username: string) {
      return db
        .selectFrom('users as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.password_hash', 'u.active', 'u.locked_until', 'u.jurisdiction_id', 'u.department_id', 'j.path'])
        .where(sql<string>`lower(u.username)`, '=', username.toLowerCase())
        .executeTakeFirst();
    },

    /** Counts a failure; the fifth in a row locks the account. Returns whether it is now locked. */
    async recordFailure(userId: number, maxFailures: number, lockMinutes: number): Promise<boolean> {
      const row = await db
        .updateTable('users')
        .set({
          failed_login_count: sql`case when failed_login_count + 1 >= ${maxFailures} then 0 else failed_login_count + 1 end`,
          locked_until: sql`case when failed_login_count + 1 >= ${maxFailures} then now() + make_interval(mins => ${lockMinutes}) else locked_until end`,
        })
        .where('id', '=', userId)
        .returning(['locked_until'])
        .executeTakeFirstOrThrow();
      return row.locked_until !== null && row.locked_until.getTime() > Date.now();
    },

    recordSuccess(userId: number) {
      return db.updateTable('users').set({ failed_login_count: 0, locked_until: null, last_login_at: new Date() }).where('id', '=', userId).execute();
    },

    createSession(values: { id: string; userId: number; csrfToken: string; ip: string; userAgent: string | null; expiresAt: Date }) {
      return db
        .insertInto('sessions')
        .values({ id: values.id, user_id: values.userId, csrf_token: values.csrfToken, ip: values.ip, user_agent: values.userAgent, expires_at: values.expiresAt })
        .execute();
    },

    deleteSession(id: string) {
      return db.deleteFrom('sessions').where('id', '=', id).execute();
    },

    deleteOtherSessions(userId: number, keepId: string) {
      return db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '<>', keepId).execute();
    },

    async findMe(userId: number) {
      const user = await db
        .selectFrom('users as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .leftJoin('departments as d', 'd.id', 'u.department_id')
        .select([
          'u.id',
          'u.username',
          'u.display_name',
          'u.role',
          'u.must_change_password',
          'u.password_hash',
          'j.id as j_id',
          'j.name as j_name',
          'j.kind as j_kind',
          'j.path as j_path',
          'd.id as d_id',
          'd.name as d_name',
        ])
        .where('u.id', '=', userId)
        .executeTakeFirst();
      if (!user) return undefined;
      const chain = await db
        .selectFrom('jurisdictions')
        .select(['id', 'name', 'kind', 'path'])
        .where('id', 'in', pathIds(user.j_path))
        .orderBy(sql`length(path)`)
        .execute();
      return { user, chain };
    },

    setPassword(userId: number, hash: string) {
      return db.updateTable('users').set({ password_hash: hash, must_change_password: false, password_changed_at: new Date(), updated_at: new Date() }).where('id', '=', userId).execute();
    },
  };
}
