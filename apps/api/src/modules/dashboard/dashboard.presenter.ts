import { sql } from 'kysely';
import { ROLES, type Role } from '@fengqiao/shared';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { scopePrefix } from '../../app/policy.js';

/** Read-only figures for the home page, all inside the actor's jurisdiction. */
export function createDashboardPresenter(db: Queryable) {
  return {
    async summary(actor: Actor) {
      const prefix = scopePrefix(actor);
      const [self, kinds, departments, users, sessions] = await Promise.all([
        db.selectFrom('jurisdictions').select(['id', 'name', 'kind']).where('id', '=', actor.jurisdictionId).executeTakeFirstOrThrow(),
        db.selectFrom('jurisdictions').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).where('path', 'like', prefix).where('archived_at', 'is', null).groupBy('kind').execute(),
        db
          .selectFrom('departments as d')
          .innerJoin('jurisdictions as j', 'j.id', 'd.jurisdiction_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('d.archived_at', 'is', null)
          .where((eb) => eb.or([eb('j.path', 'like', prefix), eb(sql.val(actor.jurisdictionPath), 'like', sql<string>`j.path || '%'`)]))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('users as u')
          .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
          .select(['u.role', (eb) => eb.fn.countAll<number>().as('n')])
          .where('j.path', 'like', prefix)
          .where('u.active', '=', true)
          .groupBy('u.role')
          .execute(),
        db
          .selectFrom('sessions as s')
          .innerJoin('users as u', 'u.id', 's.user_id')
          .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('j.path', 'like', prefix)
          .where('s.expires_at', '>', new Date())
          .executeTakeFirstOrThrow(),
      ]);
      const kind = (k: string) => kinds.find((r) => r.kind === k)?.n ?? 0;
      const byRole = new Map<Role, number>(users.map((u) => [u.role, u.n]));
      return {
        jurisdiction: self,
        figures: [
          { key: 'stations', value: kind('station') },
          { key: 'communities', value: kind('community') },
          { key: 'villages', value: kind('village') },
          { key: 'grids', value: kind('grid') },
          { key: 'policeRooms', value: kind('police_room') },
          { key: 'departments', value: departments.n },
          { key: 'users', value: users.reduce((s, u) => s + u.n, 0) },
          { key: 'activeSessions', value: sessions.n },
        ],
        usersByRole: ROLES.map((role) => ({ role, count: byRole.get(role) ?? 0 })),
      };
    },
  };
}
