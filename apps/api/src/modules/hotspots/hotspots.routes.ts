import { z } from 'zod';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createProposalsUseCases } from './hotspots.proposals.js';
import {
  forecastBody,
  forecastSchema,
  heatQuery,
  heatSchema,
  jurisdictionsSchema,
  methodSchema,
  proposalBody,
  proposalSchema,
  proposalsQuery,
  runSummarySchema,
  runsQuery,
} from './hotspots.schemas.js';
import { createHotspotsUseCases } from './hotspots.usecases.js';

export function registerHotspotsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const hotspots = createHotspotsUseCases(deps);
  const proposals = createProposalsUseCases(deps);
  const tags = ['hotspots'];

  app.get('/api/hotspots/methods', { schema: { tags, response: { 200: z.object({ items: z.array(methodSchema) }), ...errorResponses } } }, async (request) => hotspots.methods(contextOf(request)));
  app.get('/api/hotspots/areas', { schema: { tags, response: { 200: jurisdictionsSchema, ...errorResponses } } }, async (request) => hotspots.areas(contextOf(request)));
  app.get('/api/hotspots/heat', { schema: { tags, querystring: heatQuery, response: { 200: heatSchema, ...errorResponses } } }, async (request) => hotspots.heat(contextOf(request), request.query));
  app.post('/api/hotspots/forecast', { schema: { tags, body: forecastBody, response: { 200: forecastSchema, 201: forecastSchema, ...errorResponses } } }, async (request, reply) => {
    const result = await hotspots.forecast(contextOf(request), request.body);
    return reply.code(result.runId ? 201 : 200).send(result);
  });
  app.get('/api/hotspots/runs', { schema: { tags, querystring: runsQuery, response: { 200: z.object({ items: z.array(runSummarySchema) }), ...errorResponses } } }, async (request) =>
    hotspots.listRuns(contextOf(request), request.query.jurisdictionId),
  );
  app.get('/api/hotspots/runs/:id', { schema: { tags, params: idParams, response: { 200: forecastSchema, ...errorResponses } } }, async (request) => hotspots.getRun(contextOf(request), request.params.id));

  app.get('/api/hotspots/proposals', { schema: { tags, querystring: proposalsQuery, response: { 200: z.object({ items: z.array(proposalSchema) }), ...errorResponses } } }, async (request) =>
    proposals.list(contextOf(request), request.query.jurisdictionId),
  );
  app.post('/api/hotspots/proposals', { schema: { tags, body: proposalBody, response: { 201: proposalSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await proposals.propose(contextOf(request), request.body)),
  );
  app.get('/api/hotspots/proposals/:id', { schema: { tags, params: idParams, response: { 200: proposalSchema, ...errorResponses } } }, async (request) => proposals.get(contextOf(request), request.params.id));
  app.post('/api/hotspots/proposals/:id/adopt', { schema: { tags, params: idParams, response: { 200: proposalSchema, ...errorResponses } } }, async (request) => proposals.adopt(contextOf(request), request.params.id));
  app.post('/api/hotspots/proposals/:id/dismiss', { schema: { tags, params: idParams, response: { 200: proposalSchema, ...errorResponses } } }, async (request) => proposals.dismiss(contextOf(request), request.params.id));
}
