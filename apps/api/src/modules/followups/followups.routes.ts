import { z } from 'zod';
import { attachment, XLSX_TYPE } from '../../app/excel.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import {
  caseFollowupsSchema,
  ledgerQuery,
  ledgerSchema,
  myDayQuery,
  myDaySchema,
  notificationsQuery,
  notificationsSchema,
  planBody,
  planSchema,
  recordBody,
  recordResultSchema,
} from './followups.schemas.js';
import { createFollowupsUseCases } from './followups.usecases.js';
import { createLedgerExport } from './ledger.excel.js';
import { createLedgerPresenter } from './ledger.presenter.js';
import { createMyDayPresenter } from './myday.presenter.js';
import { createNotificationsUseCases } from './notifications.usecases.js';

/** 三访 follow-up visits, 日清 the daily list, 月结 the monthly ledger, and the user's notifications. */
export function registerFollowupsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const followups = createFollowupsUseCases(deps);
  const myDay = createMyDayPresenter(deps);
  const ledger = createLedgerPresenter(deps);
  const ledgerExport = createLedgerExport(deps);
  const notifications = createNotificationsUseCases(deps);
  const tags = ['followups'];

  app.get('/api/cases/:id/followups', { schema: { tags, params: idParams, response: { 200: caseFollowupsSchema, ...errorResponses } } }, async (request) =>
    followups.list(contextOf(request), request.params.id),
  );
  app.post('/api/followups/:id/record', { schema: { tags, params: idParams, body: recordBody, response: { 200: recordResultSchema, ...errorResponses } } }, async (request) =>
    followups.record(contextOf(request), request.params.id, request.body),
  );
  app.get('/api/case-settings/followup-plan', { schema: { tags, response: { 200: planSchema, ...errorResponses } } }, async (request) => followups.getPlan(contextOf(request)));
  app.put('/api/case-settings/followup-plan', { schema: { tags, body: planBody, response: { 200: planSchema, ...errorResponses } } }, async (request) =>
    followups.putPlan(contextOf(request), request.body),
  );

  app.get('/api/my-day', { schema: { tags, querystring: myDayQuery, response: { 200: myDaySchema, ...errorResponses } } }, async (request) => myDay.myDay(contextOf(request), request.query));

  app.get('/api/cases/ledger', { schema: { tags, querystring: ledgerQuery, response: { 200: ledgerSchema, ...errorResponses } } }, async (request) =>
    ledger.ledger(contextOf(request), request.query),
  );
  app.get('/api/cases/ledger.xlsx', { schema: { tags, querystring: ledgerQuery } }, async (request, reply) => {
    const { buffer, filename } = await ledgerExport.exportXlsx(contextOf(request), request.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(filename)).send(buffer);
  });

  const ntags = ['notifications'];
  app.get('/api/notifications', { schema: { tags: ntags, querystring: notificationsQuery, response: { 200: notificationsSchema, ...errorResponses } } }, async (request) =>
    notifications.list(contextOf(request), { unreadOnly: request.query.unreadOnly === 'true' || request.query.unreadOnly === '1', limit: request.query.limit }),
  );
  app.post('/api/notifications/:id/read', { schema: { tags: ntags, params: idParams, response: { 200: z.object({ unread: z.number() }), ...errorResponses } } }, async (request) =>
    notifications.read(contextOf(request), request.params.id),
  );
  app.post('/api/notifications/read-all', { schema: { tags: ntags, response: { 200: z.object({ updated: z.number(), unread: z.number() }), ...errorResponses } } }, async (request) =>
    notifications.readAll(contextOf(request)),
  );
}
