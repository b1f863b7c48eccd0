import { z } from 'zod';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createIncidentPartiesUseCases } from './incidents.parties.js';
import { correctAddressBody, incidentSchema, partyInput } from './incidents.schemas.js';
import { createIncidentsUseCases } from './incidents.usecases.js';

const partyParams = z.object({ id: z.coerce.number().int().positive(), partyId: z.coerce.number().int().positive() });

/** Parties of an incident and the officer's correction of its standard address. */
export function registerIncidentPartiesRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const parties = createIncidentPartiesUseCases(deps);
  const incidents = createIncidentsUseCases(deps);
  const tags = ['incidents'];

  app.post('/api/incidents/:id/parties', { schema: { tags, params: idParams, body: partyInput, response: { 201: incidentSchema, ...errorResponses } } }, async (request, reply) => {
    const ctx = contextOf(request);
    await parties.addParty(ctx, request.params.id, request.body);
    return reply.status(201).send(await incidents.get(ctx, request.params.id));
  });
  app.delete('/api/incidents/:id/parties/:partyId', { schema: { tags, params: partyParams, response: { 200: incidentSchema, ...errorResponses } } }, async (request) => {
    const ctx = contextOf(request);
    await parties.removeParty(ctx, request.params.id, request.params.partyId);
    return incidents.get(ctx, request.params.id);
  });
  app.put('/api/incidents/:id/address', { schema: { tags, params: idParams, body: correctAddressBody, response: { 200: incidentSchema, ...errorResponses } } }, async (request) => {
    const ctx = contextOf(request);
    await parties.correctAddress(ctx, request.params.id, request.body.addressId);
    return incidents.get(ctx, request.params.id);
  });
}
