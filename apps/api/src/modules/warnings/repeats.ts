import { sql, type RawBuilder } from 'kysely';
import type { AuditEventInput } from '../../app/audit.js';
import type { Tx } from '../../app/db/database.js';
import type { RepeatLinkBy, WarningLevel } from '../../app/db/schema.js';
import { pathIds } from '../../app/policy.js';
import { DEADLINE_DAYS, higher, LEVEL_RANK, LEVEL_ZH } from './warnings.core.js';
import { publishWarningEvent } from '../board/board.events.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface LinkedIncident {
  id: number;
  receivedAt: Date;
  addressId: number | null;
  callerPhone: string | null;
  /** Link keys of the incident's named parties (see incidents.parties.ts partyLinkKey). */
  partyKeys?: string[];
  jurisdictionId: number;
}

interface Rule {
  link_by: RepeatLinkBy;
  window_days: number;
  threshold: number;
  level: WarningLevel;
}

/** Whether an incident already sits in the link's cluster (then intake need not insert its link again). */
const alreadyLinked = (linkBy: RepeatLinkBy, value: string | number, incidentId: RawBuilder<unknown>) =>
  sql<boolean>`exists (select 1 from repeat_clusters c join repeat_cluster_incidents ci on ci.cluster_id = c.id
    where c.link_by = ${linkBy} and c.link_value = ${String(value)} and ci.incident_id = ${incidentId})`.as('linked');

/** Earlier incidents sharing the link, newest first, within `days` before `at` (indexed by address, phone or party key): a query for `linkState`. */
function earlierIncidents(trx: Tx, linkBy: RepeatLinkBy, value: string | number, at: Date, days: number, selfId: number) {
  if (linkBy === 'party') {
    return trx
      .selectFrom('incident_parties as p')
      .innerJoin('incidents as i', 'i.id', 'p.incident_id')
      .select([sql<'earlier'>`'earlier'`.as('row'), 'i.id', 'i.received_at', sql<null>`null::text`.as('level'), alreadyLinked(linkBy, value, sql.ref('i.id'))])
      .distinct()
      .where('p.link_key', '=', String(value))
      .where('i.received_at', '>=', new Date(at.getTime() - days * DAY_MS))
      .where('i.received_at', '<=', at)
      .where('i.id', '<>', selfId)
      .orderBy('i.received_at', 'desc')
      .limit(1000);
  }
  let q = trx
    .selectFrom('incidents')
    .select([sql<'earlier'>`'earlier'`.as('row'), 'id', 'received_at', sql<null>`null::text`.as('level'), alreadyLinked(linkBy, value, sql.ref('incidents.id'))])
    .where('received_at', '>=', new Date(at.getTime() - days * DAY_MS))
    .where('received_at', '<=', at)
    .where('id', '<>', selfId);
  q = linkBy === 'address' ? q.where('address_id', '=', Number(value)) : q.where('caller_phone', '=', String(value));
  return q.orderBy('received_at', 'desc').limit(1000);
}

/** The link's cluster (if any) and its earlier incidents, in one round trip: intake does this for every link of every incident. */
async function linkState(trx: Tx, linkBy: RepeatLinkBy, value: string | number, at: Date, days: number, selfId: number) {
  const { rows } = await sql<{ row: 'cluster' | 'earlier'; id: number; received_at: Date; level: WarningLevel | null; linked: boolean }>`
    select 'cluster' as row, id, last_at as received_at, level, false as linked from repeat_clusters where link_by = ${linkBy} and link_value = ${String(value)}
    union all (${earlierIncidents(trx, linkBy, value, at, days, selfId)})`.execute(trx);
  const cluster = rows.find((r) => r.row === 'cluster');
  return {
    earlier: rows.filter((r) => r.row === 'earlier').map((r) => ({ id: r.id, received_at: r.received_at, linked: r.linked })),
    existing: cluster ? { id: cluster.id, level: cluster.level, last_at: cluster.received_at } : undefined,
  };
}

/** The community officer of a jurisdiction: an officer there, else at its nearest ancestor. */
async function communityOfficer(trx: Tx, jurisdictionId: number): Promise<number | null> {
  const j = await trx.selectFrom('jurisdictions').select('path').where('id', '=', jurisdictionId).executeTakeFirst();
  if (!j) return null;
  const ids = pathIds(j.path);
  const row = await trx
    .selectFrom('users as u')
    .innerJoin('jurisdictions as uj', 'uj.id', 'u.jurisdiction_id')
    .select('u.id')
    .where('u.role', '=', 'officer')
    .where('u.active', '=', true)
    .where('u.jurisdiction_id', 'in', ids)
    .where((eb) => eb.or([eb('uj.id', '=', jurisdictionId), eb('uj.kind', 'in', ['community', 'village', 'police_room'])]))
    .orderBy(sql`length(uj.path)`, 'desc')
    .orderBy('u.id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

async function describe(trx: Tx, linkBy: RepeatLinkBy, value: string | number): Promise<string> {
  if (linkBy === 'phone') return `报警电话 ${value}`;
  if (linkBy === 'party') {
    const p = await trx.selectFrom('incident_parties').select('name').where('link_key', '=', String(value)).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return `当事人 ${p?.name ?? ''}`.trim();
  }
  const a = await trx.selectFrom('addresses').select('full_name').where('id', '=', Number(value)).executeTakeFirst();
  return a?.full_name ?? `地址 #${value}`;
}

/**
 * Links a just-inserted incident to earlier ones sharing its standard address or caller phone,
 * in the intake's transaction, and raises or upgrades the cluster's warning when a rule's
 * threshold is crossed and the grade rises. Named parties link by their party key.
 */
export async function linkRepeats(trx: Tx, incident: LinkedIncident, audit: (event: AuditEventInput) => void): Promise<void> {
  const links: [RepeatLinkBy, string | number | null][] = [
    ['address', incident.addressId],
    ['phone', incident.callerPhone],
    ...(incident.partyKeys ?? []).map((k): [RepeatLinkBy, string] => ['party', k]),
  ];
  const wanted = [...new Set(links.filter(([, v]) => v !== null).map(([k]) => k))];
  if (wanted.length === 0) return;
  const rules = await trx.selectFrom('repeat_rules').select(['link_by', 'window_days', 'threshold', 'level']).where('active', '=', true).where('link_by', 'in', wanted).execute();
  for (const [linkBy, value] of links) {
    const own = rules.filter((r) => r.link_by === linkBy);
    if (value === null || own.length === 0) continue;
    await linkOne(trx, incident, linkBy, value, own, audit);
  }
}

async function linkOne(trx: Tx, incident: LinkedIncident, linkBy: RepeatLinkBy, value: string | number, rules: Rule[], audit: (event: AuditEventInput) => void) {
  const at = incident.receivedAt;
  const linkValue = String(value);
  const maxWindow = Math.max(...rules.map((r) => r.window_days));
  const { earlier, existing } = await linkState(trx, linkBy, value, at, maxWindow, incident.id);
  // A cluster needs two incidents.
  if (earlier.length === 0 && !existing) return;

  const times = [at, ...earlier.map((e) => e.received_at)];
  const firstAt = new Date(Math.min(...times.map((t) => t.getTime())));
  // The upsert locks the cluster row: concurrent intakes on one address queue here.
  const cluster = await trx
    .insertInto('repeat_clusters')
    .values({ link_by: linkBy, link_value: linkValue, jurisdiction_id: incident.jurisdictionId, first_at: firstAt, last_at: at })
    .onConflict((oc) =>
      oc.columns(['link_by', 'link_value']).doUpdateSet({
        first_at: sql`least(repeat_clusters.first_at, excluded.first_at)`,
        last_at: sql`greatest(repeat_clusters.last_at, excluded.last_at)`,
      }),
    )
    .returning(['id', 'level'])
    .executeTakeFirstOrThrow();
  const added = await trx
    .insertInto('repeat_cluster_incidents')
    // Incidents already in the cluster are skipped here (the conflict clause would skip them anyway).
    .values([incident.id, ...earlier.filter((e) => !e.linked).map((e) => e.id)].map((id) => ({ cluster_id: cluster.id, incident_id: id })))
    .onConflict((oc) => oc.doNothing())
    .returning('incident_id')
    .execute();
  await trx
    .updateTable('repeat_clusters')
    .set((eb) => ({ incident_count: eb('incident_count', '+', added.length) }))
    .where('id', '=', cluster.id)
    .execute();

  // The grade the rules give this incident's windows; the winning rule words the reason.
  let best: { rule: Rule; count: number } | null = null;
  for (const rule of rules) {
    const since = at.getTime() - rule.window_days * DAY_MS;
    const count = 1 + earlier.filter((e) => e.received_at.getTime() >= since).length;
    if (count >= rule.threshold && (!best || LEVEL_RANK[rule.level] > LEVEL_RANK[best.rule.level])) best = { rule, count };
  }
  if (!best) return;
  // A cluster quiet for a whole window starts a new episode: its old grade no longer holds.
  const stale = existing && existing.last_at.getTime() < at.getTime() - maxWindow * DAY_MS;
  const current = stale ? null : cluster.level;
  if (!higher(best.rule.level, current)) return;

  const level = best.rule.level;
  await trx.updateTable('repeat_clusters').set({ level }).where('id', '=', cluster.id).execute();
  const reason = `${await describe(trx, linkBy, value)} ${best.rule.window_days}天内报警${best.count}次`;
  const deadline = sql<string>`current_date + ${DEADLINE_DAYS[level]}::int`;
  const live = await trx.selectFrom('warnings').select(['id', 'level', 'status', 'jurisdiction_id']).where('cluster_id', '=', cluster.id).where('status', '<>', 'closed').executeTakeFirst();
  if (live) {
    await trx.updateTable('warnings').set({ level, reason, deadline, updated_at: new Date() }).where('id', '=', live.id).execute();
    await trx.insertInto('warning_events').values({ warning_id: live.id, actor_name: '系统', from_status: live.status, to_status: live.status, note: `升级为${LEVEL_ZH[level]}预警：${reason}` }).execute();
    audit({ action: 'warning.raised', entityType: 'warning', entityId: live.id, jurisdictionId: live.jurisdiction_id, change: { level: { from: live.level, to: level }, reason, incidentId: incident.id } });
    await publishWarningEvent(trx, 'warning.upgraded', live.id);
    return;
  }
  const owner = await communityOfficer(trx, incident.jurisdictionId);
  const w = await trx
    .insertInto('warnings')
    .values({ cluster_id: cluster.id, level, reason, owner_user_id: owner, deadline, jurisdiction_id: incident.jurisdictionId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('warning_events').values({ warning_id: w.id, actor_name: '系统', from_status: null, to_status: 'open', note: reason }).execute();
  audit({ action: 'warning.raised', entityType: 'warning', entityId: w.id, jurisdictionId: incident.jurisdictionId, change: { level, reason, ownerUserId: owner, incidentId: incident.id } });
  await publishWarningEvent(trx, 'warning.raised', w.id);
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
