import type { FastifyRequest } from 'fastify';
import { errors } from '../../app/errors.js';
import { attachment, XLSX_TYPE } from '../../app/excel.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { AGREEMENT_MAX_BYTES, createAgreementsUseCases, type AgreementUpload } from './agreements.usecases.js';
import {
  agreementSchema,
  checkInBody,
  checkOutBody,
  dashboardQuery,
  exportRentalsQuery,
  listRentalsQuery,
  myRentalsSchema,
  pendingListSchema,
  pendingQuery,
  registerRentalBody,
  rentalDetailSchema,
  rentalListSchema,
  dashboardSchema,
  landlordAccountsSchema,
  tenancySchema,
  updateRentalBody,
} from './rentals.schemas.js';
import { createRentalsUseCases } from './rentals.usecases.js';
import { createTenanciesUseCases } from './tenancies.usecases.js';

/** Reads a multipart upload: its text fields and at most one file, the file capped at the agreement limit. */
async function readUpload(request: FastifyRequest): Promise<AgreementUpload> {
  const upload: AgreementUpload = { fields: {}, file: null };
  if (!request.isMultipart()) return upload;
  try {
    for await (const part of request.parts({ limits: { fileSize: AGREEMENT_MAX_BYTES } })) {
      if (part.type === 'file') upload.file = { data: await part.toBuffer(), filename: part.filename || 'upload' };
      else if (typeof part.value === 'string') upload.fields[part.fieldname] = part.value;
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw errors.field('file', 'too_big', { zh: `文件不能超过 ${AGREEMENT_MAX_BYTES / 1024 / 1024} MB`, en: `the file must be at most ${AGREEMENT_MAX_BYTES / 1024 / 1024} MB` });
    }
    throw err;
  }
  return upload;
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

export function registerRentalsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const rentals = createRentalsUseCases(deps);
  const tenancies = createTenanciesUseCases(deps);
  const agreements = createAgreementsUseCases(deps);
  const tags = ['rentals'];

  app.get('/api/rentals', { schema: { tags, querystring: listRentalsQuery, response: { 200: rentalListSchema, ...errorResponses } } }, async (request) => rentals.list(contextOf(request), request.query));
  app.get('/api/rentals/dashboard', { schema: { tags, querystring: dashboardQuery, response: { 200: dashboardSchema, ...errorResponses } } }, async (request) =>
    rentals.dashboard(contextOf(request), request.query.jurisdictionId),
  );
  app.get('/api/rentals/export.xlsx', { schema: { tags, querystring: exportRentalsQuery } }, async (request, reply) => {
    const buffer = await rentals.exportXlsx(contextOf(request), request.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment('出租房屋台账.xlsx')).send(buffer);
  });
  app.get('/api/rentals/landlord-accounts', { schema: { tags, response: { 200: landlordAccountsSchema, ...errorResponses } } }, async (request) => rentals.landlordAccounts(contextOf(request)));
  app.get('/api/rentals/:id', { schema: { tags, params: idParams, response: { 200: rentalDetailSchema, ...errorResponses } } }, async (request) => rentals.get(contextOf(request), request.params.id));
  app.post('/api/rentals', { schema: { tags, body: registerRentalBody, response: { 201: rentalDetailSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await rentals.register(contextOf(request), request.body)),
  );
  app.patch('/api/rentals/:id', { schema: { tags, params: idParams, body: updateRentalBody, response: { 200: rentalDetailSchema, ...errorResponses } } }, async (request) =>
    rentals.update(contextOf(request), request.params.id, request.body),
  );
  app.get('/api/my/rentals', { schema: { tags, response: { 200: myRentalsSchema, ...errorResponses } } }, async (request) => rentals.mine(contextOf(request)));

  app.post('/api/rentals/:id/tenancies', { schema: { tags, params: idParams, body: checkInBody, response: { 201: tenancySchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await tenancies.checkIn(contextOf(request), request.params.id, request.body)),
  );
  app.get('/api/tenancies/pending-verification', { schema: { tags, querystring: pendingQuery, response: { 200: pendingListSchema, ...errorResponses } } }, async (request) =>
    rentals.pending(contextOf(request), request.query),
  );
  app.post('/api/tenancies/:id/check-out', { schema: { tags, params: idParams, body: checkOutBody, response: { 200: tenancySchema, ...errorResponses } } }, async (request) =>
    tenancies.checkOut(contextOf(request), request.params.id, request.body.checkOut),
  );
  app.post('/api/tenancies/:id/verify', { schema: { tags, params: idParams, response: { 200: tenancySchema, ...errorResponses } } }, async (request) =>
    tenancies.verify(contextOf(request), request.params.id),
  );

  app.post('/api/rentals/:id/agreements', { schema: { tags, params: idParams, consumes: ['multipart/form-data'], response: { 201: agreementSchema, ...errorResponses } } }, async (request, reply) => {
    const ctx = contextOf(request);
    const upload = await readUpload(request);
    return reply.status(201).send(await agreements.record(ctx, request.params.id, upload));
  });
  app.get('/api/agreements/:id/file', { schema: { tags, params: idParams } }, async (request, reply) => {
    const file = await agreements.download(contextOf(request), request.params.id);
    const fallback = `agreement-${request.params.id}.${EXTENSIONS[file.mime] ?? 'bin'}`;
    return reply
      .type(file.mime)
      .header('content-disposition', `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .send(file.data);
  });
}
