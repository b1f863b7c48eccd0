import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createIncidentLifecycle } from './incidents.lifecycle.js';
import { outcomeBody, statusBody, timelineSchema, timingQuery, timingReportSchema, transitionsSchema } from './incidents.lifecycle.schemas.js';
import { incidentSchema } from './incidents.schemas.js';
import { createIncidentTimeline } from './incidents.timeline.js';
import { createTimingPresenter } from './incidents.timing.presenter.js';

/** Status steps with their times, outcomes, the time line of one incident and the 1-3-5 report. */
export function registerIncidentLifecycleRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const lifecycle = createIncidentLifecycle(deps);
  const timeline = createIncidentTimeline(deps);
  const timingReport = createTimingPresenter(deps);
  const tags = ['incidents'];
  const one = { 200: incidentSchema, ...errorResponses };

  app.get('/api/incidents/timing', { schema: { tags, querystring: timingQuery, response: { 200: timingReportSchema, ...errorResponses } } }, async (request) => timingReport(contextOf(request), request.query));
  app.get('/api/incidents/status-transitions', { schema: { tags, response: { 200: transitionsSchema, ...errorResponses } } }, async (request) => lifecycle.transitions(contextOf(request)));
  app.post('/api/incidents/:id/status', { schema: { tags, params: idParams, body: statusBody, response: one } }, async (request) =>
    lifecycle.changeStatus(contextOf(request), request.params.id, request.body),
  );
  app.post('/api/incidents/:id/outcome', { schema: { tags, params: idParams, body: outcomeBody, response: one } }, async (request) =>
    lifecycle.recordOutcome(contextOf(request), request.params.id, request.body),
  );
  app.get('/api/incidents/:id/timeline', { schema: { tags, params: idParams, response: { 200: timelineSchema, ...errorResponses } } }, async (request) => timeline(contextOf(request), request.params.id));
}
