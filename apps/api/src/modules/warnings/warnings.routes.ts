import { registerRepeatRulesRoutes } from './repeat-rules.js';
import { z } from 'zod';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { closeBody, listWarningsQuery, planBody, warningDetailSchema, warningSchema } from './warnings.schemas.js';
import { createWarningsUseCases } from './warnings.usecases.js';

export function registerWarningsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  registerRepeatRulesRoutes(app, deps);
  const warnings = createWarningsUseCases(deps);
  const tags = ['warnings'];
  const detail = { 200: warningDetailSchema, ...errorResponses };

  app.get('/api/warnings', { schema: { tags, querystring: listWarningsQuery, response: { 200: z.object({ items: z.array(warningSchema), total: z.number() }), ...errorResponses } } }, async (request) =>
    warnings.list(contextOf(request), request.query),
  );
  app.get('/api/warnings/:id', { schema: { tags, params: idParams, response: detail } }, async (request) => warnings.get(contextOf(request), request.params.id));
  app.post('/api/warnings/:id/acknowledge', { schema: { tags, params: idParams, response: detail } }, async (request) => warnings.acknowledge(contextOf(request), request.params.id));
  app.post('/api/warnings/:id/plan', { schema: { tags, params: idParams, body: planBody, response: detail } }, async (request) =>
    warnings.plan(contextOf(request), request.params.id, request.body.plan),
  );
  app.post('/api/warnings/:id/close', { schema: { tags, params: idParams, body: closeBody, response: detail } }, async (request) =>
    warnings.close(contextOf(request), request.params.id, request.body.reason),
  );
}
