import { z } from 'zod';
import { attachment, XLSX_TYPE } from '../../app/excel.js';
import { contextOf, errorResponses, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { auditEventSchema, auditFilter, listAuditQuery } from './audit.schemas.js';
import { createAuditUseCases } from './audit.usecases.js';

export function registerAuditRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const audit = createAuditUseCases(deps);
  const tags = ['audit'];
  app.get('/api/audit', { schema: { tags, querystring: listAuditQuery, response: { 200: z.object({ items: z.array(auditEventSchema), total: z.number() }), ...errorResponses } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return audit.list(contextOf(request), filter, page, pageSize);
  });
  app.get('/api/audit/export.xlsx', { schema: { tags, querystring: auditFilter } }, async (request, reply) => {
    const buffer = await audit.exportXlsx(contextOf(request), request.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment('审计日志.xlsx')).send(buffer);
  });
}
