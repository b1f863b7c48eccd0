import { z } from 'zod';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { apiKeySchema, channelSchema, createApiKeyBody, createdApiKeySchema } from './apikeys.schemas.js';
import { createApiKeysUseCases } from './apikeys.usecases.js';

export function registerApiKeysRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const keys = createApiKeysUseCases(deps);
  const tags = ['integrations'];
  app.get('/api/channels', { schema: { tags, response: { 200: z.object({ items: z.array(channelSchema) }), ...errorResponses } } }, async (request) => {
    contextOf(request);
    return { items: await keys.channels() };
  });
  app.get('/api/api-keys', { schema: { tags, response: { 200: z.object({ items: z.array(apiKeySchema) }), ...errorResponses } } }, async (request) => ({
    items: await keys.list(contextOf(request)),
  }));
  app.post('/api/api-keys', { schema: { tags, body: createApiKeyBody, response: { 201: createdApiKeySchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await keys.create(contextOf(request), request.body)),
  );
  app.post('/api/api-keys/:id/revoke', { schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await keys.revoke(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
