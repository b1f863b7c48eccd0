import { z } from 'zod';
import { attachment, XLSX_TYPE } from '../../app/excel.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createHouseBody, houseDetailSchema, houseListItemSchema, listHousesQuery, updateHouseBody } from './houses.schemas.js';
import { createHousesUseCases } from './houses.usecases.js';

export function registerHousesRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const houses = createHousesUseCases(deps);
  const tags = ['houses'];

  app.get('/api/houses', { schema: { tags, querystring: listHousesQuery, response: { 200: z.object({ items: z.array(houseListItemSchema), total: z.number() }), ...errorResponses } } }, async (request) =>
    houses.list(contextOf(request), request.query),
  );
  app.get('/api/houses/export.xlsx', { schema: { tags, querystring: listHousesQuery.omit({ page: true, pageSize: true }) } }, async (request, reply) => {
    const buffer = await houses.exportXlsx(contextOf(request), request.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment('实有房屋.xlsx')).send(buffer);
  });
  app.get('/api/houses/:id', { schema: { tags, params: idParams, response: { 200: houseDetailSchema, ...errorResponses } } }, async (request) => houses.get(contextOf(request), request.params.id));
  app.post('/api/houses', { schema: { tags, body: createHouseBody, response: { 201: houseDetailSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await houses.create(contextOf(request), request.body)),
  );
  app.patch('/api/houses/:id', { schema: { tags, params: idParams, body: updateHouseBody, response: { 200: houseDetailSchema, ...errorResponses } } }, async (request) =>
    houses.update(contextOf(request), request.params.id, request.body),
  );
}
