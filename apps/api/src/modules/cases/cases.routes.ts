import { z } from 'zod';
import { attachment, XLSX_TYPE } from '../../app/excel.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createCasesExport } from './cases.export.js';
import { createCasePartiesUseCases } from './cases.parties.js';
import {
  calendarBody,
  calendarQuery,
  calendarSchema,
  caseDetailSchema,
  caseFilterQuery,
  caseMetaSchema,
  casePartyInput,
  casePartyPatch,
  dayParams,
  deadlinesSchema,
  linkIncidentBody,
  listCasesQuery,
  listCasesSchema,
  metaQuery,
  openCaseBody,
  personCasesSchema,
  transitionBody,
  updateCaseBody,
} from './cases.schemas.js';
import { createCaseSettings } from './cases.settings.js';
import { createCasesUseCases } from './cases.usecases.js';

const partyParams = z.object({ id: z.coerce.number().int().positive(), partyId: z.coerce.number().int().positive() });

/** Dispute cases (矛盾纠纷): opening, the list and its ledger, the A-file core, parties and claims, stage moves, settings. */
export function registerCasesRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const cases = createCasesUseCases(deps);
  const parties = createCasePartiesUseCases(deps);
  const exporter = createCasesExport(deps);
  const settings = createCaseSettings(deps);
  const tags = ['cases'];
  const one = { 200: caseDetailSchema, ...errorResponses };

  app.get('/api/case-meta', { schema: { tags, querystring: metaQuery, response: { 200: caseMetaSchema, ...errorResponses } } }, async (request) => cases.meta(contextOf(request), request.query.jurisdictionId));
  app.post('/api/cases', { schema: { tags, body: openCaseBody, response: { 201: caseDetailSchema, ...errorResponses } } }, async (request, reply) => {
    const ctx = contextOf(request);
    const id = await cases.open(ctx, request.body);
    return reply.status(201).send(await cases.get(ctx, id));
  });
  app.get('/api/cases', { schema: { tags, querystring: listCasesQuery, response: { 200: listCasesSchema, ...errorResponses } } }, async (request) => cases.list(contextOf(request), request.query));
  app.get('/api/cases/export', { schema: { tags, querystring: caseFilterQuery } }, async (request, reply) => {
    const buffer = await exporter.exportXlsx(contextOf(request), request.query);
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`矛盾纠纷台账-${day}.xlsx`)).send(buffer);
  });
  app.get('/api/cases/:id', { schema: { tags, params: idParams, response: one } }, async (request) => cases.get(contextOf(request), request.params.id));
  app.patch('/api/cases/:id', { schema: { tags, params: idParams, body: updateCaseBody, response: one } }, async (request) => {
    const ctx = contextOf(request);
    await cases.update(ctx, request.params.id, request.body);
    return cases.get(ctx, request.params.id);
  });
  app.post('/api/cases/:id/incidents', { schema: { tags, params: idParams, body: linkIncidentBody, response: one } }, async (request) => {
    const ctx = contextOf(request);
    await cases.linkIncident(ctx, request.params.id, request.body.incidentId);
    return cases.get(ctx, request.params.id);
  });
  app.post('/api/cases/:id/transition', { schema: { tags, params: idParams, body: transitionBody, response: one } }, async (request) => {
    const ctx = contextOf(request);
    await cases.transition(ctx, request.params.id, request.body);
    return cases.get(ctx, request.params.id);
  });

  app.post('/api/cases/:id/parties', { schema: { tags, params: idParams, body: casePartyInput, response: { 201: caseDetailSchema, ...errorResponses } } }, async (request, reply) => {
    const ctx = contextOf(request);
    await parties.add(ctx, request.params.id, request.body);
    return reply.status(201).send(await cases.get(ctx, request.params.id));
  });
  app.patch('/api/cases/:id/parties/:partyId', { schema: { tags, params: partyParams, body: casePartyPatch, response: one } }, async (request) => {
    const ctx = contextOf(request);
    await parties.update(ctx, request.params.id, request.params.partyId, request.body);
    return cases.get(ctx, request.params.id);
  });
  app.delete('/api/cases/:id/parties/:partyId', { schema: { tags, params: partyParams, response: one } }, async (request) => {
    const ctx = contextOf(request);
    await parties.remove(ctx, request.params.id, request.params.partyId);
    return cases.get(ctx, request.params.id);
  });

  app.get('/api/people/:id/cases', { schema: { tags, params: idParams, response: { 200: personCasesSchema, ...errorResponses } } }, async (request) => cases.ofPerson(contextOf(request), request.params.id));

  app.get('/api/case-settings/deadlines', { schema: { tags, response: { 200: deadlinesSchema, ...errorResponses } } }, async (request) => settings.deadlines(contextOf(request)));
  app.put('/api/case-settings/deadlines', { schema: { tags, body: deadlinesSchema, response: { 200: deadlinesSchema, ...errorResponses } } }, async (request) =>
    settings.replaceDeadlines(contextOf(request), request.body),
  );
  app.get('/api/case-settings/calendar', { schema: { tags, querystring: calendarQuery, response: { 200: calendarSchema, ...errorResponses } } }, async (request) =>
    settings.calendar(contextOf(request), request.query.year),
  );
  app.put('/api/case-settings/calendar', { schema: { tags, body: calendarBody, response: { 200: calendarSchema, ...errorResponses } } }, async (request) => {
    const ctx = contextOf(request);
    await settings.putCalendar(ctx, request.body.items);
    return settings.calendar(ctx, undefined);
  });
  app.delete('/api/case-settings/calendar/:day', { schema: { tags, params: dayParams, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await settings.deleteCalendarDay(contextOf(request), request.params.day);
    return reply.status(204).send(null);
  });
}
