import { attachment, XLSX_TYPE } from '../../app/excel.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createIncidentExport } from './incidents.export.js';
import { createIncidentLinksPresenter, incidentLinksSchema } from './incidents.links.presenter.js';
import { incidentFilterQuery } from './incidents.schemas.js';

/** Find and export: the Excel ledger of a list filter, and an incident's linked repeats and warnings. */
export function registerIncidentFindRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const exporter = createIncidentExport(deps);
  const links = createIncidentLinksPresenter(deps);
  const tags = ['incidents'];

  app.get('/api/incidents/export.xlsx', { schema: { tags, querystring: incidentFilterQuery } }, async (request, reply) => {
    const buffer = await exporter.exportXlsx(contextOf(request), request.query);
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`警情台账-${day}.xlsx`)).send(buffer);
  });
  app.get('/api/incidents/:id/links', { schema: { tags, params: idParams, response: { 200: incidentLinksSchema, ...errorResponses } } }, async (request) =>
    links.links(contextOf(request), request.params.id),
  );
}
