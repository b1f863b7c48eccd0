import { z } from 'zod';
import type { Actor } from '../../app/actor.js';
import { errors } from '../../app/errors.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { authorize } from '../../app/policy.js';
import type { RealtimeHub } from '../../app/realtime.js';
import { BODY_LIMIT, broadcastDetailSchema, broadcastSchema, closeBody, listQuery, myBroadcastSchema, replyBody, sendBody } from './broadcasts.schemas.js';
import { createRecipientFanout, openStaffStream } from './broadcasts.stream.js';
import { createBroadcastsUseCases } from './broadcasts.usecases.js';

const MY_STREAM_DESCRIPTION = [
  'Server-sent events for a volunteer or grid worker: `broadcast` (a broadcast addressed to the caller was sent; data: the broadcast),',
  '`broadcast.closed` (one of theirs was closed), `resync` (reload GET /api/my/broadcasts), `expired` (the session ended), `ready`.',
  'Pushing marks the broadcast delivered. A comment line every 15 s; `Last-Event-ID` replays recent events.',
].join(' ');
const STAFF_STREAM_DESCRIPTION =
  'Server-sent events for one broadcast on the officers’ board: `broadcast.delivered`, `broadcast.acknowledged`, `broadcast.replied` (data: id, replyId, kind, found), `broadcast.closed`, `resync`, `expired`, `ready`. Reload GET /api/broadcasts/:id on each.';

const lastEventIdOf = (header: string | string[] | undefined) => (typeof header === 'string' && header.length <= 100 ? header : undefined);

export function registerBroadcastsRoutes(app: ZodFastify, deps: ModuleDeps & { realtime: RealtimeHub }): void {
  const { db, realtime } = deps;
  const broadcasts = createBroadcastsUseCases(deps);
  const fanout = createRecipientFanout({ db, hub: realtime, log: app.log });
  const tags = ['broadcasts'];
  const detail = { 200: broadcastDetailSchema, ...errorResponses };
  const replyParams = z.object({ id: z.coerce.number().int().positive(), replyId: z.coerce.number().int().positive() });

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

  // Officers' board.
  app.post('/api/broadcasts', { bodyLimit: BODY_LIMIT, schema: { tags, summary: 'Send a broadcast (协查广播) to an area or teams', body: sendBody, response: { 201: broadcastSchema, ...errorResponses } } }, async (request, reply) => {
    const created = await broadcasts.send(contextOf(request), request.body);
    return reply.status(201).send(created);
  });
  app.post(
    '/api/broadcasts/preview',
    { schema: { tags, summary: 'How many people a broadcast target would reach (nothing is sent)', body: sendBody.pick({ target: true, includeGrid: true }), response: { 200: z.object({ recipients: z.number() }), ...errorResponses } } },
    async (request) => broadcasts.preview(contextOf(request), request.body),
  );
  app.get('/api/broadcasts', { schema: { tags, querystring: listQuery, response: { 200: z.object({ items: z.array(broadcastSchema), total: z.number() }), ...errorResponses } } }, async (request) =>
    broadcasts.list(contextOf(request), request.query),
  );
  app.get('/api/broadcasts/:id', { schema: { tags, params: idParams, response: detail } }, async (request) => broadcasts.get(contextOf(request), request.params.id));
  app.post('/api/broadcasts/:id/close', { schema: { tags, params: idParams, body: closeBody, response: detail } }, async (request) =>
    broadcasts.close(contextOf(request), request.params.id, request.body.note),
  );
  app.get(
    '/api/broadcasts/:id/stream',
    { schema: { tags, params: idParams, summary: 'Live counts and replies of one broadcast (SSE)', description: STAFF_STREAM_DESCRIPTION, produces: ['text/event-stream'], response: { 200: z.string(), ...errorResponses } } },
    async (request, reply) => {
      const ctx = contextOf(request);
      await broadcasts.checkVisible(ctx, request.params.id);
      openStaffStream(reply, { hub: realtime, scope: ctx.actor.jurisdictionPath, broadcastId: request.params.id, stillAllowed: () => stillAllowed(ctx.actor) });
      return reply;
    },
  );
  app.get('/api/broadcasts/:id/photo', { schema: { tags, params: idParams, produces: ['image/jpeg', 'image/png', 'image/webp'] } }, async (request, reply) => {
    const file = await broadcasts.photo(contextOf(request), request.params.id);
    return reply.header('content-type', file.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(file.data);
  });
  app.get('/api/broadcasts/:id/replies/:replyId/photo', { schema: { tags, params: replyParams, produces: ['image/jpeg', 'image/png', 'image/webp'] } }, async (request, reply) => {
    const file = await broadcasts.replyPhoto(contextOf(request), request.params.id, request.params.replyId);
    return reply.header('content-type', file.mime).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(file.data);
  });

  // The recipient's phone.
  app.get('/api/my/broadcasts', { schema: { tags, summary: 'Broadcasts addressed to me (open and recent)', response: { 200: z.object({ items: z.array(myBroadcastSchema) }), ...errorResponses } } }, async (request) =>
    broadcasts.mine(contextOf(request)),
  );
  app.get(
    '/api/my/broadcasts/stream',
    { schema: { tags, summary: 'Live broadcasts addressed to me (SSE)', description: MY_STREAM_DESCRIPTION, produces: ['text/event-stream'], response: { 200: z.string(), ...errorResponses } } },
    async (request, reply) => {
      const { actor } = contextOf(request);
      authorize(actor, 'broadcasts.receive');
      if (actor.kind !== 'user') throw errors.forbidden();
      fanout.open(reply, actor, lastEventIdOf(request.headers['last-event-id']));
      return reply;
    },
  );
  app.post('/api/my/broadcasts/:id/ack', { schema: { tags, params: idParams, response: { 200: myBroadcastSchema, ...errorResponses } } }, async (request) =>
    broadcasts.acknowledge(contextOf(request), request.params.id),
  );
  app.post(
    '/api/my/broadcasts/:id/replies',
    { bodyLimit: BODY_LIMIT, schema: { tags, params: idParams, body: replyBody, response: { 201: z.object({ replyId: z.number(), broadcast: myBroadcastSchema }), ...errorResponses } } },
    async (request, reply) => reply.status(201).send(await broadcasts.reply(contextOf(request), request.params.id, request.body)),
  );
}
