import { sql } from 'kysely';
import type { Role } from '@fengqiao/shared';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { scopePrefix } from '../../app/policy.js';
import type { ListUsersQuery } from './users.schemas.js';

export function createUsersRepository(db: Queryable) {
  function base(actor: Actor) {
    return db
      .selectFrom('users as u')
      .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
      .leftJoin('departments as d', 'd.id', 'u.department_id')
      .where('j.path', 'like', scopePrefix(actor));
  }
  const columns = [
    'u.id',
    'u.username',
    'u.display_name',
    'u.role',
    'u.jurisdiction_id',
    'j.name as jurisdiction_name',
    'j.path as jurisdiction_path',
    'u.department_id',
    'd.name as department_name',
    'u.phone',
    'u.active',
    'u.locked_until',
    'u.last_login_at',
    'u.created_at',
  ] as const;

  function filtered(actor: Actor, filter: Omit<ListUsersQuery, 'page' | 'pageSize'>, subtreePath: string | null) {
    let q = base(actor);
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like), eb('u.phone', 'like', like)]));
    }
    if (filter.role) q = q.where('u.role', '=', filter.role);
    if (subtreePath) q = q.where('j.path', 'like', `${subtreePath}%`);
    return q;
  }

  return {
    async list(actor: Actor, query: ListUsersQuery, subtreePath: string | null) {
      const q = filtered(actor, query, subtreePath);
      const [items, total] = await Promise.all([
        q.select(columns).orderBy('j.path').orderBy('u.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: total.n };
    },

    listAll(actor: Actor, filter: Omit<ListUsersQuery, 'page' | 'pageSize'>, subtreePath: string | null) {
      return filtered(actor, filter, subtreePath).select(columns).orderBy('j.path').orderBy('u.id').limit(50_000).execute();
    },

    find(actor: Actor, id: number) {
      return base(actor).select(columns).where('u.id', '=', id).executeTakeFirst();
    },

    async usernameTaken(username: string): Promise<boolean> {
      const row = await db.selectFrom('users').select('id').where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
      return !!row;
    },

    async insert(values: { username: string; displayName: string; role: Role; jurisdictionId: number; departmentId: number | null; phone: string | null; passwordHash: string; mustChangePassword: boolean; isDemo?: boolean }) {
      const row = await db
        .insertInto('users')
        .values({
          username: values.username,
          display_name: values.displayName,
          role: values.role,
          jurisdiction_id: values.jurisdictionId,
          department_id: values.departmentId,
          phone: values.phone,
          password_hash: values.passwordHash,
          must_change_password: values.mustChangePassword,
          is_demo: values.isDemo ?? false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    update(id: number, values: { displayName?: string; role?: Role; jurisdictionId?: number; departmentId?: number | null; phone?: string | null; active?: boolean }) {
      return db
        .updateTable('users')
        .set({
          ...(values.displayName !== undefined ? { display_name: values.displayName } : {}),
          ...(values.role !== undefined ? { role: values.role } : {}),
          ...(values.jurisdictionId !== undefined ? { jurisdiction_id: values.jurisdictionId } : {}),
          ...(values.departmentId !== undefined ? { department_id: values.departmentId } : {}),
          ...(values.phone !== undefined ? { phone: values.phone } : {}),
          ...(values.active !== undefined ? { active: values.active } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    },

    setPassword(id: number, hash: string, mustChange: boolean) {
      return db.updateTable('users').set({ password_hash: hash, must_change_password: mustChange, password_changed_at: new Date(), failed_login_count: 0, locked_until: null, updated_at: new Date() }).where('id', '=', id).execute();
    },

    unlock(id: number) {
      return db.updateTable('users').set({ failed_login_count: 0, locked_until: null, updated_at: new Date() }).where('id', '=', id).execute();
    },

    endSessions(userId: number) {
      return db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },

    findJurisdictionInScope(actor: Actor, id: number) {
      return db.selectFrom('jurisdictions').select(['id', 'kind', 'path', 'name']).where('id', '=', id).where('archived_at', 'is', null).where('path', 'like', scopePrefix(actor)).executeTakeFirst();
    },

    findDepartmentVisible(actor: Actor, id: number) {
      return db
        .selectFrom('departments as d')
        .innerJoin('jurisdictions as j', 'j.id', 'd.jurisdiction_id')
        .select(['d.id', 'd.jurisdiction_id', 'j.path'])
        .where('d.id', '=', id)
        .where('d.archived_at', 'is', null)
        .where((eb) => eb.or([eb('j.path', 'like', scopePrefix(actor)), eb(sql.val(actor.jurisdictionPath), 'like', sql<string>`j.path || '%'`)]))
        .executeTakeFirst();
    },
  };
}
