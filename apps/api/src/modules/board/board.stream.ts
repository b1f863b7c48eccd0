import type { FastifyReply } from 'fastify';
import { RESYNC_EVENT, type RealtimeHub } from '../../app/realtime.js';
import { openScopedStream } from '../../app/sse.js';
import { BOARD_EVENT_TYPES } from './board.schemas.js';

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

/**
 * Takes the response over from Fastify and keeps it open as a text/event-stream: a `ready`
 * event once subscribed, then the board's events in the subscriber's jurisdiction, a comment
 * line every heartbeat, and cleanup on disconnect or server shutdown.
 */
export function openBoardStream(reply: FastifyReply, options: BoardStreamOptions): void {
  openScopedStream(reply, { ...options, forward: (e) => FORWARDED.has(e.type) });
}
