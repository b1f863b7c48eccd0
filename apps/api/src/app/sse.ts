import type { FastifyReply } from 'fastify';
import { RESYNC_EVENT, type DeliveredEvent, type RealtimeHub } from './realtime.js';

/**
 * Server-Sent Events plumbing shared by the live streams (the board, a broadcast's staff view, the
 * recipients' broadcasts): headers, framing, backlog limit, heartbeat with the session re-check,
 * replay after Last-Event-ID and cleanup. Each module keeps only which events it forwards and how.
 */
export const SSE_HEARTBEAT_MS = 15_000;
/** What EventSource waits before it reconnects. */
const RETRY_MS = 3_000;
/** A client that reads slower than this backlog is dropped; it reconnects and reloads. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

/** One SSE event. JSON has no raw newlines, so one `data:` line carries the whole payload. */
export function sseFrame(e: { id?: string; type: string; data: unknown }): string {
  return `${e.id ? `id: ${e.id}\n` : ''}event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/** The comment line written every heartbeat. */
export const heartbeatLine = (): string => `: heartbeat ${new Date().toISOString()}\n\n`;

/** The `ready` event sent once a stream is subscribed (and has replayed what it missed). */
export const readyFrame = (hub: RealtimeHub): string => sseFrame({ type: 'ready', data: { listening: hub.listening, at: new Date().toISOString() } });

/** Tells the client its session ended (or its role or jurisdiction changed). */
export const EXPIRED_FRAME = sseFrame({ type: 'expired', data: {} });

export interface SseConnection {
  write(chunk: string): void;
  close(): void;
  readonly closed: boolean;
}

/**
 * Takes the response over from Fastify and keeps it open as text/event-stream (with the headers
 * Fastify had set, e.g. security headers). `onClose` runs once, when either side ends the stream.
 */
export function openSse(reply: FastifyReply, onClose: () => void): SseConnection {
  const res = reply.raw;
  reply.hijack();
  const headers: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  res.socket?.setNoDelay(true);
  let closed = false;
  const conn: SseConnection = {
    get closed() {
      return closed;
    },
    write(chunk) {
      if (closed) return;
      res.write(chunk);
      if (res.writableLength > MAX_BACKLOG_BYTES) conn.close();
    },
    close() {
      if (closed) return;
      closed = true;
      onClose();
      res.end();
    },
  };
  // The response closes when the client goes away (and when we end it).
  res.on('close', () => conn.close());
  conn.write(`retry: ${RETRY_MS}\n\n`);
  return conn;
}

export interface ScopedStreamOptions {
  hub: RealtimeHub;
  /** The subscriber's jurisdiction path. */
  scope: string;
  /** Whether the event goes to this stream (`resync` included); forwarded events keep their type and data. */
  forward: (e: DeliveredEvent) => boolean;
  /** Replays the buffered events after this id (or sends `resync` when they are gone). */
  lastEventId?: string | undefined;
  heartbeatMs?: number;
  /** Checked with each heartbeat: false (session ended, role or jurisdiction changed) closes the stream. */
  stillAllowed: () => Promise<boolean>;
}

/**
 * One viewer's stream of hub events in their jurisdiction: subscribes, replays what the client
 * missed, sends `ready`, then the forwarded events as they come, a comment line every heartbeat
 * (ending the stream once the viewer is no longer allowed), and unsubscribes on disconnect or
 * server shutdown.
 */
export function openScopedStream(reply: FastifyReply, options: ScopedStreamOptions): void {
  const { hub, scope, forward } = options;
  let unsubscribe = () => {
    /* set below */
  };
  const conn = openSse(reply, () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
  const send = (e: DeliveredEvent) => {
    if (forward(e)) conn.write(sseFrame({ id: e.id, type: e.type, data: e.data }));
  };
  unsubscribe = hub.subscribe({ scope, send, end: () => conn.close() });
  const heartbeat = setInterval(() => {
    conn.write(heartbeatLine());
    options.stillAllowed().then(
      (ok) => {
        if (!ok) {
          conn.write(EXPIRED_FRAME);
          conn.close();
        }
      },
      () => undefined,
    );
  }, options.heartbeatMs ?? SSE_HEARTBEAT_MS);
  heartbeat.unref();
  // Subscribed and replayed in one tick: nothing published meanwhile is lost or sent twice.
  if (options.lastEventId) {
    const missed = hub.since(options.lastEventId, scope);
    if (missed === null) conn.write(sseFrame({ type: RESYNC_EVENT, data: {} }));
    else for (const e of missed) send(e);
  }
  conn.write(readyFrame(hub));
}
