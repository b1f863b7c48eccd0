import { sql } from 'kysely';
import type { AuditEventInput } from '../../app/audit.js';
import type { Tx } from '../../app/db/database.js';
import type { RepeatLinkBy } from '../../app/db/schema.js';

export interface LinkedIncident {
  id: number;
  receivedAt: Date;
  addressId: number | null;
  callerPhone: string | null;
  /** Link keys of the incident's named parties (see incidents.parties.ts partyLinkKey). */
  partyKeys?: string[];
  jurisdictionId: number;
}

/**
 * Links a just-inserted incident to earlier ones sharing its standard address or caller phone,
 * in the intake's transaction, and raises or upgrades the cluster's warning when a rule's
 * threshold is crossed and the grade rises. Named parties link by their party key.
 *
 * The work runs inside PostgreSQL in one round trip: `repeat_link` (migration 0012), which for
 * each link (address, phone, then each party key) with active rules finds the earlier incidents
 * within the longest window (newest 1,000), upserts the cluster (locking it: concurrent intakes
 * on one link queue there), adds the incidents not yet in it, grades the windows by the rules
 * (the gravest rule reached wins; a cluster quiet for a whole window starts afresh), and when the
 * grade rises upgrades the live warning or raises one owned by the community officer, with its
 * warning event and board event. The warning.raised audit events come back for `audit`.
 */
export async function linkRepeats(trx: Tx, incident: LinkedIncident, audit: (event: AuditEventInput) => void): Promise<void> {
  if (incident.addressId === null && incident.callerPhone === null && !incident.partyKeys?.length) return;
  const { rows } = await sql<{ events: AuditEventInput[] }>`
    select repeat_link(${incident.id}::bigint, ${incident.receivedAt}::timestamptz, ${incident.addressId}::bigint, ${incident.callerPhone}::text,
      ${incident.partyKeys ?? []}::text[], ${incident.jurisdictionId}::int) as events`.execute(trx);
  for (const event of rows[0]?.events ?? []) audit(event);
}

/**
 * Takes an incident out of its cluster for one link (an officer corrected the address or removed
 * a party). Warnings already raised stay: they are history the officers worked.
 */
export async function unlinkFromCluster(trx: Tx, incidentId: number, linkBy: RepeatLinkBy, linkValue: string): Promise<void> {
  const cluster = await trx.selectFrom('repeat_clusters').select('id').where('link_by', '=', linkBy).where('link_value', '=', linkValue).forUpdate().executeTakeFirst();
  if (!cluster) return;
  const removed = await trx.deleteFrom('repeat_cluster_incidents').where('cluster_id', '=', cluster.id).where('incident_id', '=', incidentId).returning('incident_id').execute();
  if (removed.length === 0) return;
  await trx
    .updateTable('repeat_clusters')
    .set((eb) => ({ incident_count: eb('incident_count', '-', removed.length) }))
    .where('id', '=', cluster.id)
    .execute();
}
