import { z } from 'zod';
import { attachment, XLSX_TYPE } from '../../app/excel.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createUserBody, listUsersQuery, resetPasswordBody, updateUserBody, userSchema } from './users.schemas.js';
import { createUsersUseCases } from './users.usecases.js';

export function registerUsersRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const users = createUsersUseCases(deps);
  const tags = ['users'];

  app.get('/api/users', { schema: { tags, querystring: listUsersQuery, response: { 200: z.object({ items: z.array(userSchema), total: z.number() }), ...errorResponses } } }, async (request) =>
    users.list(contextOf(request), request.query),
  );
  app.get('/api/users/export.xlsx', { schema: { tags, querystring: listUsersQuery.omit({ page: true, pageSize: true }) } }, async (request, reply) => {
    const buffer = await users.exportXlsx(contextOf(request), request.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment('用户名册.xlsx')).send(buffer);
  });
  app.get('/api/users/:id', { schema: { tags, params: idParams, response: { 200: userSchema, ...errorResponses } } }, async (request) => users.get(contextOf(request), request.params.id));
  app.post('/api/users', { schema: { tags, body: createUserBody, response: { 201: userSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await users.create(contextOf(request), request.body)),
  );
  app.patch('/api/users/:id', { schema: { tags, params: idParams, body: updateUserBody, response: { 200: userSchema, ...errorResponses } } }, async (request) =>
    users.update(contextOf(request), request.params.id, request.body),
  );
  app.post('/api/users/:id/reset-password', { schema: { tags, params: idParams, body: resetPasswordBody, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await users.resetPassword(contextOf(request), request.params.id, request.body.password);
    return reply.status(204).send(null);
  });
  app.post('/api/users/:id/unlock', { schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await users.unlock(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
