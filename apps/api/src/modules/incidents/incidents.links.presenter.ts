import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { RequestContext } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { INCIDENT_STATUSES } from './incidents.schemas.js';

/**
 * The "linked repeats and warnings" section of the incident page (read-only): the repeat
 * clusters the incident belongs to with their other incidents, and the warnings of those clusters
 * together with the incident's own escalation warning. Everything shown lies in the viewer's
 * scope; a cluster's count is the cluster's own (it may include incidents of other stations).
 */

/** Other incidents listed per cluster, newest first; `more` tells how many in scope were left off. */
export const LINKED_INCIDENTS_MAX = 50;

const LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
const WARNING_STATUSES = ['open', 'acknowledged', 'planned', 'closed'] as const;

export const incidentLinksSchema = z.object({
  clusters: z.array(
    z.object({
      id: z.number(),
      linkBy: z.enum(['address', 'phone', 'party']),
      /** What links the incidents, as people read it: the standard address, the phone, the party's name. */
      linkLabel: z.string(),
      addressId: z.number().nullable(),
      incidentCount: z.number(),
      firstAt: z.string(),
      lastAt: z.string(),
      level: z.enum(LEVELS).nullable(),
      incidents: z.array(z.object({ id: z.number(), receivedAt: z.string(), summary: z.string(), status: z.enum(INCIDENT_STATUSES), jurisdictionName: z.string() })),
      more: z.number(),
    }),
  ),
  warnings: z.array(
    z.object({
      id: z.number(),
      source: z.enum(['repeat', 'escalation']),
      clusterId: z.number().nullable(),
      level: z.enum(LEVELS),
      status: z.enum(WARNING_STATUSES),
      reason: z.string(),
      deadline: z.string(),
      ownerName: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type IncidentLinksDto = z.infer<typeof incidentLinksSchema>;

function createLinksQueries(db: Queryable) {
  return {
    incidentInScope(ctx: RequestContext, id: number) {
      return db
        .selectFrom('incidents as i')
        .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
        .select('i.id')
        .where('i.id', '=', id)
        .where('j.path', 'like', scopePrefix(ctx.actor))
        .executeTakeFirst();
    },

    clusters(incidentId: number) {
      return db
        .selectFrom('repeat_clusters as c')
        .innerJoin('repeat_cluster_incidents as ci', 'ci.cluster_id', 'c.id')
        // CASE keeps PostgreSQL from casting a phone number: only address clusters hold an address id.
        .leftJoin('addresses as a', (join) => join.on(sql<SqlBool>`a.id = case when c.link_by = 'address' then c.link_value::bigint end`))
        .select(['c.id', 'c.link_by', 'c.link_value', 'c.incident_count', 'c.first_at', 'c.last_at', 'c.level', 'a.id as address_id', 'a.full_name as address_name'])
        .select((eb) =>
          eb
            .selectFrom('incident_parties as p')
            .select('p.name')
            .whereRef('p.link_key', '=', 'c.link_value')
            .where('c.link_by', '=', 'party')
            .orderBy((o) => o('p.incident_id', '=', incidentId), 'desc')
            .orderBy('p.id', 'desc')
            .limit(1)
            .as('party_name'),
        )
        .where('ci.incident_id', '=', incidentId)
        .orderBy('c.last_at', 'desc')
        .execute();
    },

    /** The cluster's other incidents in scope, newest first, one more than shown per cluster. */
    members(ctx: RequestContext, clusterId: number, selfId: number, limit: number) {
      return db
        .selectFrom('repeat_cluster_incidents as ci')
        .innerJoin('incidents as i', 'i.id', 'ci.incident_id')
        .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
        .select(['i.id', 'i.received_at', 'i.summary', 'i.status', 'j.name as jurisdiction_name'])
        .where('ci.cluster_id', '=', clusterId)
        .where('i.id', '<>', selfId)
        .where('j.path', 'like', scopePrefix(ctx.actor))
        .orderBy('i.received_at', 'desc')
        .orderBy('i.id', 'desc')
        .limit(limit)
        .execute();
    },

    countMembers(ctx: RequestContext, clusterId: number, selfId: number) {
      return db
        .selectFrom('repeat_cluster_incidents as ci')
        .innerJoin('incidents as i', 'i.id', 'ci.incident_id')
        .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('ci.cluster_id', '=', clusterId)
        .where('i.id', '<>', selfId)
        .where('j.path', 'like', scopePrefix(ctx.actor))
        .executeTakeFirstOrThrow();
    },

    warnings(ctx: RequestContext, incidentId: number, clusterIds: number[]) {
      return db
        .selectFrom('warnings as w')
        .innerJoin('jurisdictions as j', 'j.id', 'w.jurisdiction_id')
        .leftJoin('users as u', 'u.id', 'w.owner_user_id')
        .select(['w.id', 'w.source', 'w.cluster_id', 'w.level', 'w.status', 'w.reason', 'w.deadline', 'u.display_name as owner_name', 'w.created_at'])
        .where((eb) => eb.or([eb('w.incident_id', '=', incidentId), ...(clusterIds.length > 0 ? [eb('w.cluster_id', 'in', clusterIds)] : [])]))
        .where('j.path', 'like', scopePrefix(ctx.actor))
        // Live warnings first, then the most recent.
        .orderBy((eb) => eb('w.status', '=', 'closed'))
        .orderBy('w.created_at', 'desc')
        .orderBy('w.id', 'desc')
        .execute();
    },
  };
}

export function createIncidentLinksPresenter(deps: { db: Queryable }) {
  const q = createLinksQueries(deps.db);

  return {
    async links(ctx: RequestContext, incidentId: number): Promise<IncidentLinksDto> {
      authorize(ctx.actor, 'incidents.view');
      if (!(await q.incidentInScope(ctx, incidentId))) throw errors.notFound();
      const clusters = await q.clusters(incidentId);
      const presented = await Promise.all(
        clusters.map(async (c) => {
          const members = await q.members(ctx, c.id, incidentId, LINKED_INCIDENTS_MAX + 1);
          const shown = members.slice(0, LINKED_INCIDENTS_MAX);
          const more = members.length > LINKED_INCIDENTS_MAX ? Number((await q.countMembers(ctx, c.id, incidentId)).n) - shown.length : 0;
          const linkLabel = c.link_by === 'address' ? (c.address_name ?? `#${c.link_value}`) : c.link_by === 'phone' ? c.link_value : (c.party_name ?? '');
          return {
            id: c.id,
            linkBy: c.link_by,
            linkLabel,
            addressId: c.address_id,
            incidentCount: c.incident_count,
            firstAt: c.first_at.toISOString(),
            lastAt: c.last_at.toISOString(),
            level: c.level,
            incidents: shown.map((m) => ({ id: m.id, receivedAt: m.received_at.toISOString(), summary: m.summary, status: m.status, jurisdictionName: m.jurisdiction_name })),
            more,
          };
        }),
      );
      const warnings = await q.warnings(
        ctx,
        incidentId,
        clusters.map((c) => c.id),
      );
      return {
        clusters: presented,
        warnings: warnings.map((w) => ({
          id: w.id,
          source: w.source,
          clusterId: w.cluster_id,
          level: w.level,
          status: w.status,
          reason: w.reason,
          deadline: w.deadline,
          ownerName: w.owner_name,
          createdAt: w.created_at.toISOString(),
        })),
      };
    },
  };
}
