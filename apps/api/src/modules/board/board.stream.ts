import type { FastifyReply } from 'fastify';
import { RESYNC_EVENT, type DeliveredEvent, type RealtimeHub } from '../../app/realtime.js';
import { BOARD_EVENT_TYPES } from './board.schemas.js';

export const HEARTBEAT_MS = 15_000;
/** What EventSource waits before it reconnects. */
const RETRY_MS = 3_000;
/** A client that reads slower than this backlog is dropped; it reconnects and reloads. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

const FORWARDED = new Set<string>([...BOARD_EVENT_TYPES, RESYNC_EVENT]);

export interface BoardStreamOptions {
  hub: RealtimeHub;
  /** The subscriber's jurisdiction path. */
  scope: string;
  lastEventId: string | undefined;
  heartbeatMs?: number;
  /** Checked with each heartbeat: false (session ended, role or jurisdiction changed) closes the stream. */
  stillAllowed: () => Promise<boolean>;
}

function frame(e: { id?: string; type: string; data: unknown }): string {
  // JSON has no raw newlines, so one `data:` line carries the whole payload.
  return `${e.id ? `id: ${e.id}\n` : ''}event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/**
 * Takes the response over from Fastify and keeps it open as a text/event-stream: a `ready`
 * event once subscribed, then the board's events in the subscriber's jurisdiction, a comment
 * line every heartbeat, and cleanup on disconnect or server shutdown.
 */
export function openBoardStream(reply: FastifyReply, options: BoardStreamOptions): void {
  const { hub, scope } = options;
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
  const write = (chunk: string) => {
    if (closed) return;
    res.write(chunk);
    if (res.writableLength > MAX_BACKLOG_BYTES) close();
  };
  const send = (e: DeliveredEvent) => {
    if (FORWARDED.has(e.type)) write(frame({ id: e.id, type: e.type, data: e.data }));
  };
  const unsubscribe = hub.subscribe({ scope, send, end: () => close() });
  const heartbeat = setInterval(() => {
    write(`: heartbeat ${new Date().toISOString()}\n\n`);
    options.stillAllowed().then(
      (ok) => {
        if (!ok) {
          write(frame({ type: 'expired', data: {} }));
          close();
        }
      },
      () => undefined,
    );
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();

  function close() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    res.end();
  }
  // The response closes when the client goes away (and when we end it).
  res.on('close', close);

  write(`retry: ${RETRY_MS}\n\n`);
  // Subscribed and replayed in one tick: nothing published meanwhile is lost or sent twice.
  if (options.lastEventId) {
    const missed = hub.since(options.lastEventId, scope);
    if (missed === null) write(frame({ type: RESYNC_EVENT, data: {} }));
    else for (const e of missed) send(e);
  }
  write(frame({ type: 'ready', data: { listening: hub.listening, at: new Date().toISOString() } }));
}
