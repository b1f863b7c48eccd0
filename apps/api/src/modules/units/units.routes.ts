import { z } from 'zod';
import { attachment, XLSX_TYPE } from '../../app/excel.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createUnitBody, listUnitsQuery, unitDetailSchema, unitSchema, updateUnitBody } from './units.schemas.js';
import { createUnitsUseCases } from './units.usecases.js';

export function registerUnitsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const units = createUnitsUseCases(deps);
  const tags = ['units'];

  app.get('/api/units', { schema: { tags, querystring: listUnitsQuery, response: { 200: z.object({ items: z.array(unitSchema), total: z.number() }), ...errorResponses } } }, async (request) =>
    units.list(contextOf(request), request.query),
  );
  app.get('/api/units/export.xlsx', { schema: { tags, querystring: listUnitsQuery.omit({ page: true, pageSize: true }) } }, async (request, reply) => {
    const buffer = await units.exportXlsx(contextOf(request), request.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment('实有单位.xlsx')).send(buffer);
  });
  app.get('/api/units/:id', { schema: { tags, params: idParams, response: { 200: unitDetailSchema, ...errorResponses } } }, async (request) => units.get(contextOf(request), request.params.id));
  app.post('/api/units', { schema: { tags, body: createUnitBody, response: { 201: unitDetailSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await units.create(contextOf(request), request.body)),
  );
  app.patch('/api/units/:id', { schema: { tags, params: idParams, body: updateUnitBody, response: { 200: unitDetailSchema, ...errorResponses } } }, async (request) =>
    units.update(contextOf(request), request.params.id, request.body),
  );
  app.delete('/api/units/:id', { schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await units.archive(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
