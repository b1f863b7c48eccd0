import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { attachment, XLSX_TYPE } from '../../app/excel.js';
import { contextOf, errorResponses, errorSchema, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { DuplicateIdentityError } from './people.errors.js';
import { createPersonBody, identityAnswerSchema, listPeopleQuery, movePersonBody, personDetailSchema, personListItemSchema, updatePersonBody } from './people.schemas.js';
import { createPeopleUseCases } from './people.usecases.js';

/** The 409 of a duplicate identity number carries the existing record's id when the actor may open it. */
const duplicateSchema = errorSchema.extend({ existingPersonId: z.number().nullable() });

function sendDuplicate(request: FastifyRequest, reply: FastifyReply, err: DuplicateIdentityError) {
  return reply.status(409).send({ code: err.code, message: err.messages[request.lang], existingPersonId: err.existingPersonId, requestId: request.id });
}

export function registerPeopleRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const people = createPeopleUseCases(deps);
  const tags = ['people'];
  const writeResponses = { ...errorResponses, 409: duplicateSchema };

  app.get('/api/people', { schema: { tags, querystring: listPeopleQuery, response: { 200: z.object({ items: z.array(personListItemSchema), total: z.number() }), ...errorResponses } } }, async (request) =>
    people.list(contextOf(request), request.query),
  );
  app.get('/api/people/export.xlsx', { schema: { tags, querystring: listPeopleQuery.omit({ page: true, pageSize: true }) } }, async (request, reply) => {
    const buffer = await people.exportXlsx(contextOf(request), request.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment('实有人口.xlsx')).send(buffer);
  });
  app.get('/api/people/:id', { schema: { tags, params: idParams, response: { 200: personDetailSchema, ...errorResponses } } }, async (request) => people.get(contextOf(request), request.params.id));
  // POST, so the whole number is never cached, prefetched or left in a URL log.
  app.post('/api/people/:id/identity', { schema: { tags, params: idParams, response: { 200: identityAnswerSchema, ...errorResponses } } }, async (request) =>
    people.viewIdentity(contextOf(request), request.params.id),
  );
  app.post('/api/people', { schema: { tags, body: createPersonBody, response: { 201: personDetailSchema, ...writeResponses } } }, async (request, reply) => {
    try {
      return reply.status(201).send(await people.create(contextOf(request), request.body));
    } catch (err) {
      if (err instanceof DuplicateIdentityError) return sendDuplicate(request, reply, err);
      throw err;
    }
  });
  app.patch('/api/people/:id', { schema: { tags, params: idParams, body: updatePersonBody, response: { 200: personDetailSchema, ...writeResponses } } }, async (request, reply) => {
    try {
      return reply.send(await people.update(contextOf(request), request.params.id, request.body));
    } catch (err) {
      if (err instanceof DuplicateIdentityError) return sendDuplicate(request, reply, err);
      throw err;
    }
  });
  app.post('/api/people/:id/addresses', { schema: { tags, params: idParams, body: movePersonBody, response: { 200: personDetailSchema, ...errorResponses } } }, async (request) =>
    people.move(contextOf(request), request.params.id, request.body),
  );
}
