import { z } from 'zod';
import type { Actor } from '../../app/actor.js';
import { contextOf, errorResponses, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { authorize } from '../../app/policy.js';
import type { RealtimeHub } from '../../app/realtime.js';
import { createBoardPresenter } from './board.presenter.js';
import { boardQuery, boardSchema } from './board.schemas.js';
import { openBoardStream } from './board.stream.js';

export interface BoardDeps extends ModuleDeps {
  realtime: RealtimeHub;
}

const STREAM_DESCRIPTION = [
  'Server-sent events (text/event-stream) for the command board, scoped to the caller’s jurisdiction.',
  'Events: `ready` (subscribed), `incident.created` / `incident.updated` (data: a board incident),',
  '`warning.raised` / `warning.upgraded` / `warning.changed` (data: a board warning), `resync` (events may have been missed: reload GET /api/board),',
  '`expired` (the session ended). A comment line comes every 15 s; `retry:` is sent first; `Last-Event-ID` replays recent events.',
].join(' ');

export function registerBoardRoutes(app: ZodFastify, deps: BoardDeps): void {
  const { db, realtime } = deps;
  const presenter = createBoardPresenter(db);
  const tags = ['board'];

  /** The signed-in user still has the session, role and jurisdiction the stream was opened with. */
  async function stillAllowed(actor: Actor): Promise<boolean> {
    if (actor.kind !== 'user') return false;
    const row = await db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
      .select(['u.role', 'j.path'])
      .where('s.id', '=', actor.sessionId)
      .where('s.expires_at', '>', new Date())
      .where('u.active', '=', true)
      .executeTakeFirst();
    return !!row && row.role === actor.role && row.path === actor.jurisdictionPath;
  }

  app.get('/api/board', { schema: { tags, querystring: boardQuery, response: { 200: boardSchema, ...errorResponses } } }, async (request) => {
    const { actor } = contextOf(request);
    authorize(actor, 'incidents.view');
    return presenter.board(actor, request.query);
  });

  app.get(
    '/api/board/stream',
    {
      schema: {
        tags,
        summary: 'Live command-board events (SSE)',
        description: STREAM_DESCRIPTION,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('text/event-stream'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor } = contextOf(request);
      authorize(actor, 'incidents.view');
      const header = request.headers['last-event-id'];
      openBoardStream(reply, {
        hub: realtime,
        scope: actor.jurisdictionPath,
        lastEventId: typeof header === 'string' && header.length <= 100 ? header : undefined,
        stillAllowed: () => stillAllowed(actor),
      });
      return reply;
    },
  );
}
