import { z } from 'zod';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createSavedFilterBody, listSavedFiltersQuery, savedFilterSchema } from './savedfilters.schemas.js';
import { createSavedFiltersUseCases } from './savedfilters.usecases.js';

export function registerSavedFiltersRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const filters = createSavedFiltersUseCases(deps);
  const tags = ['saved-filters'];

  app.get('/api/saved-filters', { schema: { tags, querystring: listSavedFiltersQuery, response: { 200: z.object({ items: z.array(savedFilterSchema) }), ...errorResponses } } }, async (request) => ({
    items: await filters.list(contextOf(request), request.query.page),
  }));
  app.post('/api/saved-filters', { schema: { tags, body: createSavedFilterBody, response: { 201: savedFilterSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await filters.create(contextOf(request), request.body)),
  );
  app.delete('/api/saved-filters/:id', { schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await filters.remove(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
