import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { pathIds, scopePrefix } from '../../app/policy.js';
import type { AuditFilter } from './audit.schemas.js';

export function createAuditRepository(db: Queryable) {
  function filtered(actor: Actor, f: AuditFilter) {
    const atRoot = pathIds(actor.jurisdictionPath).length === 1;
    let q = db
      .selectFrom('audit_events as e')
      .leftJoin('jurisdictions as j', 'j.id', 'e.jurisdiction_id')
      // Events tied to no unit (a sign-in attempt with an unknown name) are county-level business.
      .where((eb) => (atRoot ? eb.or([eb('j.path', 'like', scopePrefix(actor)), eb('e.jurisdiction_id', 'is', null)]) : eb('j.path', 'like', scopePrefix(actor))));
    if (f.userId) q = q.where('e.actor_user_id', '=', f.userId);
    if (f.entityType) q = q.where('e.entity_type', '=', f.entityType);
    if (f.entityId) q = q.where('e.entity_id', '=', f.entityId);
    if (f.action) q = q.where('e.action', '=', f.action);
    if (f.from) q = q.where('e.at', '>=', new Date(f.from));
    if (f.to) q = q.where('e.at', '<', new Date(f.to));
    return q;
  }
  const columns = ['e.id', 'e.at', 'e.actor_name', 'e.actor_role', 'e.actor_user_id', 'e.action', 'e.entity_type', 'e.entity_id', 'e.jurisdiction_id', 'e.ip', 'e.request_id', 'e.change'] as const;
  return {
    async list(actor: Actor, f: AuditFilter, page: number, pageSize: number) {
      const q = filtered(actor, f);
      const [items, total] = await Promise.all([
        q.select(columns).orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: total.n };
    },
    listAll(actor: Actor, f: AuditFilter) {
      return filtered(actor, f).select(columns).orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(100_000).execute();
    },
  };
}
