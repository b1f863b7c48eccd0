import { z } from 'zod';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import {
  addressDetailSchema,
  addressSchema,
  addressSummarySchema,
  createAddressBody,
  divisionSchema,
  listAddressesQuery,
  listDivisionsQuery,
  matchAddressQuery,
  matchResultSchema,
  searchAddressesQuery,
  updateAddressBody,
} from './places.schemas.js';
import { createPlacesUseCases } from './places.usecases.js';

export function registerPlacesRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const places = createPlacesUseCases(deps);
  const tags = ['places'];

  app.get('/api/divisions', { schema: { tags, querystring: listDivisionsQuery, response: { 200: z.object({ items: z.array(divisionSchema) }), ...errorResponses } } }, async (request) => ({
    items: await places.listDivisions(contextOf(request), request.query.parentCode),
  }));

  app.get('/api/addresses', { schema: { tags, querystring: listAddressesQuery, response: { 200: z.object({ items: z.array(addressSchema) }), ...errorResponses } } }, async (request) => ({
    items: await places.list(contextOf(request), request.query.parentId),
  }));
  app.get('/api/addresses/search', { schema: { tags, querystring: searchAddressesQuery, response: { 200: z.object({ items: z.array(addressSummarySchema) }), ...errorResponses } } }, async (request) => ({
    items: await places.search(contextOf(request), request.query.q, request.query.limit),
  }));
  app.get('/api/addresses/match', { schema: { tags, querystring: matchAddressQuery, response: { 200: matchResultSchema, ...errorResponses } } }, async (request) =>
    places.match(contextOf(request), request.query.q),
  );
  app.get('/api/addresses/:id', { schema: { tags, params: idParams, response: { 200: addressDetailSchema, ...errorResponses } } }, async (request) => places.get(contextOf(request), request.params.id));
  app.post('/api/addresses', { schema: { tags, body: createAddressBody, response: { 201: addressDetailSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await places.create(contextOf(request), request.body)),
  );
  app.patch('/api/addresses/:id', { schema: { tags, params: idParams, body: updateAddressBody, response: { 200: addressDetailSchema, ...errorResponses } } }, async (request) =>
    places.update(contextOf(request), request.params.id, request.body),
  );
  app.delete('/api/addresses/:id', { schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await places.archive(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
