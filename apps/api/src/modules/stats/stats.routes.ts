import { attachment, XLSX_TYPE } from '../../app/excel.js';
import { contextOf, errorResponses, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { registerCaseSolvedRoute } from './case-solved.js';
import { createStatsExport } from './stats.export.js';
import { createStatsPresenter } from './stats.presenter.js';
import { categoriesSchema, overviewSchema, statsQuery, trendSchema } from './stats.schemas.js';

/** 统计分析: the statistics table with 同比/环比, drill-down, trend, Excel; and 破案 recording. */
export function registerStatsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const presenter = createStatsPresenter(deps);
  const exportXlsx = createStatsExport({ db: deps.db, presenter });
  const tags = ['stats'];

  app.get('/api/stats/overview', { schema: { tags, querystring: statsQuery, response: { 200: overviewSchema, ...errorResponses } } }, async (request) =>
    presenter.overview(contextOf(request), request.query),
  );
  app.get('/api/stats/trend', { schema: { tags, querystring: statsQuery, response: { 200: trendSchema, ...errorResponses } } }, async (request) =>
    presenter.trend(contextOf(request), request.query),
  );
  app.get('/api/stats/categories', { schema: { tags, querystring: statsQuery, response: { 200: categoriesSchema, ...errorResponses } } }, async (request) =>
    presenter.categories(contextOf(request), request.query),
  );
  app.get('/api/stats/overview.xlsx', { schema: { tags, querystring: statsQuery } }, async (request, reply) => {
    const { buffer, filename } = await exportXlsx(contextOf(request), request.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(filename)).send(buffer);
  });
  registerCaseSolvedRoute(app, deps);
}
