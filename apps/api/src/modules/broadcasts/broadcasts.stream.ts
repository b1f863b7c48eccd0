import type { FastifyReply } from 'fastify';
import { sql } from 'kysely';
import type { UserActor } from '../../app/actor.js';
import type { Database } from '../../app/db/database.js';
import { publish, RESYNC_EVENT, type DeliveredEvent, type RealtimeHub } from '../../app/realtime.js';
import { EXPIRED_FRAME, heartbeatLine, openScopedStream, openSse, readyFrame, sseFrame as frame, SSE_HEARTBEAT_MS, type SseConnection } from '../../app/sse.js';

/** Recipient sets kept per process (recipients never change after sending). */
const RECIPIENT_CACHE = 32;

/** Event types published by the broadcasts module. */
export const BROADCAST_EVENTS = {
  sent: 'broadcast.sent',
  closed: 'broadcast.closed',
  replied: 'broadcast.replied',
  acknowledged: 'broadcast.acknowledged',
  delivered: 'broadcast.delivered',
} as const;
const STAFF_FORWARDED = new Set<string>([...Object.values(BROADCAST_EVENTS), RESYNC_EVENT]);

interface Recipient {
  actor: UserActor;
  conn: SseConnection;
}

export interface RecipientFanout {
  /** Opens a recipient's stream: `broadcast` / `broadcast.closed` events for broadcasts addressed to them. */
  open(reply: FastifyReply, actor: UserActor, lastEventId: string | undefined): void;
  readonly connections: number;
}

/**
 * The recipients' live delivery in this process. One hub subscription for all streams: a sent or
 * closed broadcast arrives as a single event (one NOTIFY however many recipients), the process
 * loads the broadcast's recipient set once, pushes to the recipients connected here, and marks
 * them delivered in one statement. Heartbeats and the session re-check run once for all streams
 * (one query per beat, not one per stream).
 */
export function createRecipientFanout(deps: { db: Database; hub: RealtimeHub; heartbeatMs?: number; log?: { warn(obj: object, msg: string): void } }): RecipientFanout {
  const { db, hub } = deps;
  const byUser = new Map<number, Set<Recipient>>();
  let count = 0;
  let unsubscribe: (() => void) | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  const recipientSets = new Map<number, Set<number>>();
  let queue: Promise<void> = Promise.resolve();

  async function recipientsOf(broadcastId: number): Promise<Set<number>> {
    const cached = recipientSets.get(broadcastId);
    if (cached) return cached;
    const rows = await db.selectFrom('broadcast_recipients').select('user_id').where('broadcast_id', '=', broadcastId).execute();
    const set = new Set(rows.map((r) => r.user_id));
    recipientSets.set(broadcastId, set);
    if (recipientSets.size > RECIPIENT_CACHE) recipientSets.delete(recipientSets.keys().next().value!);
    return set;
  }

  async function payloadOf(broadcastId: number) {
    const b = await db
      .selectFrom('broadcasts')
      .select(['id', 'kind', 'title', 'body', 'file_id', 'status', 'created_at', 'closed_at', 'close_note', 'found_at'])
      .where('id', '=', broadcastId)
      .executeTakeFirst();
    if (!b) return null;
    return {
      id: b.id,
      kind: b.kind,
      title: b.title,
      body: b.body,
      hasPhoto: b.file_id !== null,
      status: b.status,
      createdAt: b.created_at.toISOString(),
      found: b.found_at !== null,
      closedAt: b.closed_at?.toISOString() ?? null,
      closeNote: b.close_note,
    };
  }

  async function markDelivered(broadcastId: number, userIds: number[], path: string) {
    if (userIds.length === 0) return;
    const res = await sql`update broadcast_recipients set delivered_at = now() where broadcast_id = ${broadcastId} and user_id = any(${userIds}::int[]) and delivered_at is null`.execute(db);
    if (Number(res.numAffectedRows ?? 0) > 0) await publish(db, { type: BROADCAST_EVENTS.delivered, path, data: { id: broadcastId } });
  }

  /** Pushes one broadcast event to the connected recipients (all of them, or `only`). */
  async function fan(e: DeliveredEvent, only?: Recipient) {
    const broadcastId = Number(e.data.id);
    if (!Number.isSafeInteger(broadcastId)) return;
    const [set, payload] = await Promise.all([recipientsOf(broadcastId), payloadOf(broadcastId)]);
    if (!payload) return;
    const type = e.type === BROADCAST_EVENTS.sent ? 'broadcast' : 'broadcast.closed';
    const chunk = frame({ id: e.id, type, data: payload });
    const pushed: number[] = [];
    if (only) {
      if (set.has(only.actor.userId)) {
        only.conn.write(chunk);
        pushed.push(only.actor.userId);
      }
    } else if (set.size < byUser.size) {
      for (const userId of set) {
        const conns = byUser.get(userId);
        if (!conns) continue;
        for (const r of conns) r.conn.write(chunk);
        pushed.push(userId);
      }
    } else {
      for (const [userId, conns] of byUser) {
        if (!set.has(userId)) continue;
        for (const r of conns) r.conn.write(chunk);
        pushed.push(userId);
      }
    }
    await markDelivered(broadcastId, pushed, e.path);
  }

  const relevant = (e: DeliveredEvent) => e.type === BROADCAST_EVENTS.sent || e.type === BROADCAST_EVENTS.closed;

  function receive(e: DeliveredEvent) {
    if (e.type === RESYNC_EVENT) {
      for (const conns of byUser.values()) for (const r of conns) r.conn.write(frame({ id: e.id, type: RESYNC_EVENT, data: {} }));
      return;
    }
    if (!relevant(e)) return;
    // In order: a close never overtakes its send.
    queue = queue.then(() => fan(e)).catch((err: unknown) => deps.log?.warn({ err }, 'broadcast fan-out failed'));
  }

  function endAll() {
    unsubscribe = null;
    for (const conns of [...byUser.values()]) for (const r of [...conns]) r.conn.close();
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
  }

  async function beat() {
    const all: Recipient[] = [];
    for (const conns of byUser.values()) for (const r of conns) all.push(r);
    const line = heartbeatLine();
    for (const r of all) r.conn.write(line);
    const sessionIds = [...new Set(all.map((r) => r.actor.sessionId))];
    const ok = new Map<string, { role: string; path: string }>();
    for (let i = 0; i < sessionIds.length; i += 5000) {
      const rows = await db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select(['s.id', 'u.role', 'j.path'])
        .where('s.id', 'in', sessionIds.slice(i, i + 5000))
        .where('s.expires_at', '>', new Date())
        .where('u.active', '=', true)
        .execute();
      for (const r of rows) ok.set(r.id, { role: r.role, path: r.path });
    }
    for (const r of all) {
      const s = ok.get(r.actor.sessionId);
      if (!s || s.role !== r.actor.role || s.path !== r.actor.jurisdictionPath) {
        r.conn.write(EXPIRED_FRAME);
        r.conn.close();
      }
    }
  }

  function ensureSubscribed() {
    if (unsubscribe) return;
    // Scope '' sees every event; membership, not jurisdiction, decides who gets a broadcast.
    unsubscribe = hub.subscribe({ scope: '', send: receive, end: endAll });
    heartbeat = setInterval(() => {
      beat().catch((err: unknown) => deps.log?.warn({ err }, 'broadcast stream heartbeat failed'));
    }, deps.heartbeatMs ?? SSE_HEARTBEAT_MS);
    heartbeat.unref();
  }

  return {
    get connections() {
      return count;
    },
    open(reply, actor, lastEventId) {
      ensureSubscribed();
      let conns = byUser.get(actor.userId);
      if (!conns) byUser.set(actor.userId, (conns = new Set()));
      const set = conns;
      const recipient: Recipient = {
        actor,
        conn: openSse(reply, () => {
          set.delete(recipient);
          count -= 1;
          if (set.size === 0 && byUser.get(actor.userId) === set) byUser.delete(actor.userId);
        }),
      };
      set.add(recipient);
      count += 1;
      const missed = lastEventId ? hub.since(lastEventId, '') : [];
      if (missed === null) recipient.conn.write(frame({ type: RESYNC_EVENT, data: {} }));
      const replay = (missed ?? []).filter(relevant);
      const ready = () => recipient.conn.write(readyFrame(hub));
      if (replay.length === 0) ready();
      else
        void (async () => {
          for (const e of replay) await fan(e, recipient);
          ready();
        })().catch((err: unknown) => deps.log?.warn({ err }, 'broadcast replay failed'));
    },
  };
}

/** A staff member's live view of one broadcast: its events (counts changed, replies, found, closed). */
export function openStaffStream(reply: FastifyReply, options: { hub: RealtimeHub; scope: string; broadcastId: number; heartbeatMs?: number; stillAllowed: () => Promise<boolean> }): void {
  const { broadcastId, ...rest } = options;
  openScopedStream(reply, { ...rest, forward: (e) => STAFF_FORWARDED.has(e.type) && (e.type === RESYNC_EVENT || Number(e.data.id) === broadcastId) });
}
