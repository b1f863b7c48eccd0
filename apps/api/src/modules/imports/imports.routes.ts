import { z } from 'zod';
import { errors } from '../../app/errors.js';
import { attachment, XLSX_TYPE } from '../../app/excel.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { commitResultSchema, fixRowBody, importKind, importRowSchema, importSummarySchema, rowParams, rowsQuery } from './imports.schemas.js';
import { createImportsUseCases } from './imports.usecases.js';

export function registerImportsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const imports = createImportsUseCases(deps);
  const tags = ['imports'];

  // multipart/form-data: field `kind` (people | houses | units | rentals) and one file (.xlsx or .csv).
  app.post('/api/imports', { schema: { tags, consumes: ['multipart/form-data'], response: { 201: importSummarySchema, ...errorResponses } } }, async (request, reply) => {
    const ctx = contextOf(request);
    if (!request.isMultipart()) throw errors.field('file', 'required', { zh: '请上传文件', en: 'upload a file' });
    const file = await request.file();
    if (!file) throw errors.field('file', 'required', { zh: '请上传文件', en: 'upload a file' });
    const data = await file.toBuffer();
    const kindField = file.fields.kind;
    const kindValue = kindField && !Array.isArray(kindField) && kindField.type === 'field' ? String(kindField.value) : '';
    const kind = importKind.safeParse(kindValue);
    if (!kind.success) throw errors.field('kind', 'invalid_value', { zh: '导入类型应为 people、houses、units 或 rentals', en: 'must be one of: people, houses, units, rentals' });
    return reply.status(201).send(await imports.preview(ctx, { kind: kind.data, fileName: file.filename || 'upload', data }));
  });
  app.get('/api/imports/templates/:kind', { schema: { tags, params: z.object({ kind: importKind }) } }, async (request, reply) => {
    const { buffer, fileName } = await imports.template(contextOf(request), request.params.kind);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(fileName)).send(buffer);
  });
  app.get('/api/imports/:id', { schema: { tags, params: idParams, response: { 200: importSummarySchema, ...errorResponses } } }, async (request) => imports.summary(contextOf(request), request.params.id));
  app.get('/api/imports/:id/rows', { schema: { tags, params: idParams, querystring: rowsQuery, response: { 200: z.object({ items: z.array(importRowSchema) }), ...errorResponses } } }, async (request) => ({
    items: await imports.rows(contextOf(request), request.params.id, request.query),
  }));
  app.patch('/api/imports/:id/rows/:row', { schema: { tags, params: rowParams, body: fixRowBody, response: { 200: importRowSchema, ...errorResponses } } }, async (request) =>
    imports.fixRow(contextOf(request), request.params.id, request.params.row, request.body.data),
  );
  app.post('/api/imports/:id/commit', { schema: { tags, params: idParams, response: { 200: commitResultSchema, ...errorResponses } } }, async (request) => imports.commit(contextOf(request), request.params.id));
  app.delete('/api/imports/:id', { schema: { tags, params: idParams, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await imports.discard(contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
