import { z } from 'zod';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import {
  createDepartmentBody,
  createJurisdictionBody,
  departmentSchema,
  jurisdictionSchema,
  listJurisdictionsQuery,
  updateDepartmentBody,
  updateJurisdictionBody,
} from './org.schemas.js';
import { createOrgUseCases } from './org.usecases.js';

export function registerOrgRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const org = createOrgUseCases(deps);
  const tags = ['organisation'];

  app.get('/api/jurisdictions', { schema: { tags, querystring: listJurisdictionsQuery, response: { 200: z.object({ items: z.array(jurisdictionSchema) }), ...errorResponses } } }, async (request) => ({
    items: await org.listJurisdictions(contextOf(request), request.query.includeBoundary),
  }));
  app.get('/api/jurisdictions/:id', { schema: { tags, params: idParams, response: { 200: jurisdictionSchema, ...errorResponses } } }, async (request) =>
    org.getJurisdiction(contextOf(request), request.params.id),
  );
  app.post('/api/jurisdictions', { schema: { tags, body: createJurisdictionBody, response: { 201: jurisdictionSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await org.createJurisdiction(contextOf(request), request.body)),
  );
  app.patch('/api/jurisdictions/:id', { schema: { tags, params: idParams, body: updateJurisdictionBody, response: { 200: jurisdictionSchema, ...errorResponses } } }, async (request) =>
    org.updateJurisdiction(contextOf(request), request.params.id, request.body),
  );
  app.delete('/api/jurisdictions/:id', { schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await org.archiveJurisdiction(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/departments', { schema: { tags, response: { 200: z.object({ items: z.array(departmentSchema) }), ...errorResponses } } }, async (request) => ({
    items: await org.listDepartments(contextOf(request)),
  }));
  app.post('/api/departments', { schema: { tags, body: createDepartmentBody, response: { 201: departmentSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await org.createDepartment(contextOf(request), request.body)),
  );
  app.patch('/api/departments/:id', { schema: { tags, params: idParams, body: updateDepartmentBody, response: { 200: departmentSchema, ...errorResponses } } }, async (request) =>
    org.updateDepartment(contextOf(request), request.params.id, request.body),
  );
  app.delete('/api/departments/:id', { schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await org.archiveDepartment(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
