import { z } from 'zod';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createAgreementsUseCases } from './agreements.usecases.js';
import { DOCX_TYPE, downloadName, PDF_TYPE } from './documents.js';
import { createPartnerUseCases } from './partner.usecases.js';
import {
  agreementAnswerSchema,
  agreementBody,
  departmentOptionSchema,
  judicialBody,
  partnerListQuery,
  partnerTransferDetailSchema,
  partnerTransferSchema,
  progressBody,
  rejectBody,
  resultBody,
  sendTransferBody,
  signatureBody,
  transferListSchema,
  transferParams,
  transferSchema,
} from './transfers.schemas.js';
import { createTransfersUseCases, type DocumentFormat } from './transfers.usecases.js';

const TYPES: Record<DocumentFormat, string> = { pdf: PDF_TYPE, docx: DOCX_TYPE };

export function registerTransfersRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const transfers = createTransfersUseCases(deps);
  const partner = createPartnerUseCases(deps);
  const agreements = createAgreementsUseCases(deps);
  const tags = ['transfers'];

  // 两书一函 from the case page.
  app.get('/api/cases/:id/transfers', { schema: { tags, params: idParams, response: { 200: transferListSchema, ...errorResponses } } }, async (request) =>
    transfers.list(contextOf(request), request.params.id),
  );
  app.get('/api/cases/:id/transfers/departments', { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(departmentOptionSchema) }), ...errorResponses } } }, async (request) =>
    transfers.departments(contextOf(request), request.params.id),
  );
  app.post('/api/cases/:id/transfers', { schema: { tags, params: idParams, body: sendTransferBody, response: { 201: transferSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await transfers.send(contextOf(request), request.params.id, request.body)),
  );
  for (const format of ['pdf', 'docx'] as const) {
    app.get(`/api/transfers/:transferId/document.${format}`, { schema: { tags, params: transferParams } }, async (request, reply) => {
      const file = await transfers.document(contextOf(request), request.params.transferId, format);
      return reply.type(TYPES[format]).header('content-disposition', downloadName(file.filename, `transfer-${request.params.transferId}.${format}`, format === 'pdf')).send(file.data);
    });
  }

  // The partner portal: only transfers addressed to the user's own department.
  const detail = { 200: partnerTransferDetailSchema, ...errorResponses };
  app.get('/api/partner/transfers', { schema: { tags, querystring: partnerListQuery, response: { 200: z.object({ items: z.array(partnerTransferSchema) }), ...errorResponses } } }, async (request) =>
    partner.list(contextOf(request), request.query),
  );
  app.get('/api/partner/transfers/:transferId', { schema: { tags, params: transferParams, response: detail } }, async (request) => partner.get(contextOf(request), request.params.transferId));
  app.post('/api/partner/transfers/:transferId/accept', { schema: { tags, params: transferParams, body: z.object({ note: z.string().trim().max(5000).optional() }).optional(), response: detail } }, async (request) =>
    partner.accept(contextOf(request), request.params.transferId, request.body?.note),
  );
  app.post('/api/partner/transfers/:transferId/reject', { schema: { tags, params: transferParams, body: rejectBody, response: detail } }, async (request) =>
    partner.reject(contextOf(request), request.params.transferId, request.body.reason),
  );
  app.post('/api/partner/transfers/:transferId/progress', { schema: { tags, params: transferParams, body: progressBody, response: detail } }, async (request) =>
    partner.progress(contextOf(request), request.params.transferId, request.body.note),
  );
  app.post('/api/partner/transfers/:transferId/result', { schema: { tags, params: transferParams, body: resultBody, response: detail } }, async (request) =>
    partner.result(contextOf(request), request.params.transferId, request.body.outcome, request.body.note),
  );

  // 调解协议书.
  const answer = { 200: agreementAnswerSchema, ...errorResponses };
  app.get('/api/cases/:id/agreement', { schema: { tags, params: idParams, response: answer } }, async (request) => agreements.get(contextOf(request), request.params.id));
  app.put('/api/cases/:id/agreement', { schema: { tags, params: idParams, body: agreementBody, response: answer } }, async (request) =>
    agreements.save(contextOf(request), request.params.id, request.body),
  );
  app.post('/api/cases/:id/agreement/signature', { schema: { tags, params: idParams, body: signatureBody, response: answer } }, async (request) =>
    agreements.sign(contextOf(request), request.params.id, request.body),
  );
  app.post('/api/cases/:id/agreement/judicial', { schema: { tags, params: idParams, body: judicialBody, response: answer } }, async (request) =>
    agreements.judicialApplied(contextOf(request), request.params.id, request.body.appliedOn),
  );
  for (const format of ['pdf', 'docx'] as const) {
    app.get(`/api/cases/:id/agreement.${format}`, { schema: { tags, params: idParams } }, async (request, reply) => {
      const file = await agreements.print(contextOf(request), request.params.id, format);
      return reply.type(TYPES[format]).header('content-disposition', downloadName(file.filename, `agreement-${request.params.id}.${format}`, format === 'pdf')).send(file.data);
    });
  }
}
