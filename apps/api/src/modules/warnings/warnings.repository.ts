import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import type { WarningStatus } from '../../app/db/schema.js';
import { scopePrefix } from '../../app/policy.js';
import type { ListWarningsQuery } from './warnings.schemas.js';

const COLUMNS = [
  'w.id',
  'w.source',
  'w.cluster_id',
  'w.incident_id',
  'c.link_by',
  'c.link_value',
  'c.incident_count',
  'w.level',
  'w.reason',
  'w.owner_user_id',
  'u.display_name as owner_name',
  'w.deadline',
  'w.status',
  'w.plan',
  'w.closed_reason',
  'w.jurisdiction_id',
  'j.name as jurisdiction_name',
  'w.created_at',
  'w.updated_at',
] as const;

export function createWarningsRepository(db: Queryable) {
  function base(actor: Actor) {
    return db
      .selectFrom('warnings as w')
      .leftJoin('repeat_clusters as c', 'c.id', 'w.cluster_id')
      .innerJoin('jurisdictions as j', 'j.id', 'w.jurisdiction_id')
      .leftJoin('users as u', 'u.id', 'w.owner_user_id')
      .where('j.path', 'like', scopePrefix(actor));
  }

  return {
    async list(actor: Actor, f: ListWarningsQuery) {
      let q = base(actor);
      if (f.status) q = q.where('w.status', '=', f.status);
      if (f.level) q = q.where('w.level', '=', f.level);
      if (f.source) q = q.where('w.source', '=', f.source);
      if (f.incidentId) q = q.where('w.incident_id', '=', f.incidentId);
      const [items, total] = await Promise.all([
        q.select(COLUMNS).orderBy('w.created_at', 'desc').orderBy('w.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: total.n };
    },

    find(actor: Actor, id: number) {
      return base(actor).select(COLUMNS).where('w.id', '=', id).executeTakeFirst();
    },

    /** The row locked for a transition. */
    lock(actor: Actor, id: number) {
      return base(actor).select(['w.id', 'w.status', 'w.jurisdiction_id']).where('w.id', '=', id).forUpdate('w').executeTakeFirst();
    },

    /** A repeat warning's cluster incidents, or an escalation warning's own incident. */
    clusterIncidents(w: { cluster_id: number | null; incident_id: number | null }) {
      return db
        .selectFrom('incidents as i')
        .select(['i.id', 'i.received_at', 'i.category_code', 'i.summary', 'i.address_text', 'i.caller_phone', 'i.status'])
        .where((eb) =>
          w.cluster_id !== null
            ? eb('i.id', 'in', eb.selectFrom('repeat_cluster_incidents').select('incident_id').where('cluster_id', '=', w.cluster_id))
            : eb('i.id', '=', w.incident_id ?? -1),
        )
        .orderBy('i.received_at', 'desc')
        .limit(500)
        .execute();
    },

    events(warningId: number) {
      return db.selectFrom('warning_events').select(['actor_name', 'at', 'from_status', 'to_status', 'note']).where('warning_id', '=', warningId).orderBy('at').orderBy('id').execute();
    },

    async transition(v: { id: number; from: WarningStatus; to: WarningStatus; plan?: string; closedReason?: string; actorUserId: number | null; actorName: string; note: string | null }) {
      await db
        .updateTable('warnings')
        .set({ status: v.to, updated_at: new Date(), ...(v.plan !== undefined ? { plan: v.plan } : {}), ...(v.closedReason !== undefined ? { closed_reason: v.closedReason } : {}) })
        .where('id', '=', v.id)
        .execute();
      await db.insertInto('warning_events').values({ warning_id: v.id, actor_user_id: v.actorUserId, actor_name: v.actorName, from_status: v.from, to_status: v.to, note: v.note }).execute();
    },
  };
}

export type WarningRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createWarningsRepository>['find']>>>;
