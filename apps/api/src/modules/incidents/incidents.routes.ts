import { serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createIncidentCategoriesUseCases } from './incident-categories.usecases.js';
import {
  batchBody,
  batchResultSchema,
  categoryParams,
  categorySchema,
  createCategoryBody,
  incidentInput,
  incidentSchema,
  type IncidentDto,
  listIncidentsQuery,
  taxonomySchema,
  updateCategoryBody,
} from './incidents.schemas.js';
import { createIncidentsUseCases } from './incidents.usecases.js';
import { registerRiskRoutes } from './incidents.risk.routes.js';
import { registerIncidentPartiesRoutes } from './incident-parties.routes.js';
import { registerIncidentLifecycleRoutes } from './incident-lifecycle.routes.js';
import { registerIncidentFindRoutes } from './incident-find.routes.js';

/**
 * The intake's 201/200 answer: a record present() built field by field without parties or risk
 * factors (every incident created through the gathered intake) is written with JSON.stringify;
 * anything else is checked against the schema as everywhere else.
 */
const intakeSerializer = (route: Parameters<typeof serializerCompiler>[0]) => {
  const checked = serializerCompiler(route);
  if (route.httpStatus !== '200' && route.httpStatus !== '201') return checked;
  return (data: unknown) => {
    const d = data as IncidentDto;
    return d.riskFactors === null && d.parties.length === 0 ? JSON.stringify(d) : checked(data);
  };
};

export function registerIncidentsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const incidents = createIncidentsUseCases(deps);
  const categories = createIncidentCategoriesUseCases(deps);
  const tags = ['incidents'];
  registerIncidentPartiesRoutes(app, deps);
  registerRiskRoutes(app, deps);
  registerIncidentLifecycleRoutes(app, deps);
  registerIncidentFindRoutes(app, deps);

  app.post('/api/incidents', { serializerCompiler: intakeSerializer as never, schema: { tags, body: incidentInput, response: { 200: incidentSchema, 201: incidentSchema, ...errorResponses } } }, async (request, reply) => {
    const header = request.headers['idempotency-key'];
    const r = await incidents.create(contextOf(request), typeof header === 'string' ? header : undefined, request.body);
    return reply.status(r.created ? 201 : 200).send(r.incident);
  });
  // A backlog of up to 1,000 items with narratives of up to 5,000 characters each.
  app.post('/api/incidents/batch', { bodyLimit: 32 * 1024 * 1024, schema: { tags, body: batchBody, response: { 200: batchResultSchema, ...errorResponses } } }, async (request) =>
    incidents.batch(contextOf(request), request.body.items),
  );
  app.get('/api/incidents', { schema: { tags, querystring: listIncidentsQuery, response: { 200: z.object({ items: z.array(incidentSchema), total: z.number() }), ...errorResponses } } }, async (request) =>
    incidents.list(contextOf(request), request.query),
  );
  app.get('/api/incidents/:id', { schema: { tags, params: idParams, response: { 200: incidentSchema, ...errorResponses } } }, async (request) => incidents.get(contextOf(request), request.params.id));

  app.get('/api/incident-categories', { schema: { tags, response: { 200: taxonomySchema, ...errorResponses } } }, async (request) => categories.taxonomy(contextOf(request)));
  app.post('/api/incident-categories', { schema: { tags, body: createCategoryBody, response: { 201: categorySchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await categories.create(contextOf(request), request.body)),
  );
  app.patch('/api/incident-categories/:code', { schema: { tags, params: categoryParams, body: updateCategoryBody, response: { 200: categorySchema, ...errorResponses } } }, async (request) =>
    categories.update(contextOf(request), request.params.code, request.body),
  );
}
