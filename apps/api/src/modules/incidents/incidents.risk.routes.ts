import { errorResponses, idParams, contextOf, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { warmUpSegmenter } from './incidents.risk.rules.js';
import { rescoreSchema, riskConfigBody, riskConfigSchema } from './incidents.risk.schemas.js';
import { createRiskUseCases } from './incidents.risk.usecases.js';

export function registerRiskRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const risk = createRiskUseCases(deps);
  const tags = ['incidents'];
  // The segmenter's dictionary loads in about half a second: before serving, not in the first dispute intake.
  app.addHook('onReady', async () => warmUpSegmenter());

  app.get('/api/incident-risk/settings', { schema: { tags, response: { 200: riskConfigSchema, ...errorResponses } } }, async (request) => risk.config(contextOf(request)));
  app.put('/api/incident-risk/settings', { schema: { tags, body: riskConfigBody, response: { 200: riskConfigSchema, ...errorResponses } } }, async (request) =>
    risk.updateConfig(contextOf(request), request.body),
  );
  app.post('/api/incidents/:id/risk/rescore', { schema: { tags, params: idParams, response: { 200: rescoreSchema, ...errorResponses } } }, async (request) =>
    risk.rescore(contextOf(request), request.params.id),
  );
}
