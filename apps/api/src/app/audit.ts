import type { AuditAction } from '@fengqiao/shared';
import type { Actor } from './actor.js';
import type { Database, Queryable, Tx } from './db/database.js';

export interface AuditEventInput {
  action: AuditAction;
  entityType: string;
  entityId?: string | number | null;
  jurisdictionId?: number | null;
  change?: Record<string, unknown> | null;
}

export interface AuditContext {
  actor: Actor | null;
  /** Who acted when there is no signed-in actor (a failed sign-in names the username tried). */
  anonymousName?: string;
  ip: string | null;
  requestId: string | null;
}

/** Who acted, as the audit_events columns record it (also passed to the SQL function audit_record, migration 0012). */
export function auditActor(ctx: AuditContext) {
  const actor = ctx.actor;
  return {
    actor_user_id: actor?.kind === 'user' ? actor.userId : null,
    actor_api_key_id: actor?.kind === 'apiKey' ? actor.apiKeyId : null,
    actor_name: actor ? (actor.kind === 'user' ? actor.displayName : actor.name) : (ctx.anonymousName ?? 'anonymous'),
    actor_role: actor ? (actor.kind === 'user' ? actor.role : `apiKey:${actor.channel}`) : 'anonymous',
  };
}

export async function recordAudit(db: Queryable, ctx: AuditContext, events: AuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const who = auditActor(ctx);
  await db
    .insertInto('audit_events')
    .values(
      events.map((e) => ({
        ...who,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
        jurisdiction_id: e.jurisdictionId ?? null,
        ip: ctx.ip,
        request_id: ctx.requestId,
        change: e.change ? JSON.stringify(e.change) : null,
      })),
    )
    .execute();
}

/**
 * Runs a write in one transaction and records its audit events in that same transaction:
 * either both land or neither does.
 */
export async function audited<T>(
  db: Database,
  ctx: AuditContext,
  work: (trx: Tx, audit: (event: AuditEventInput) => void) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const events: AuditEventInput[] = [];
    const result = await work(trx, (event) => events.push(event));
    await recordAudit(trx, ctx, events);
    return result;
  });
}

/** The fields that differ between two snapshots, for the audit record of an update. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = { from: before[key], to: after[key] };
  }
  return out;
}
