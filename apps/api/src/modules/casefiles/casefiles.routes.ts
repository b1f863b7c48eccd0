import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors } from '../../app/errors.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createBFileUseCases } from './bfile.usecases.js';
import {
  addEducationBody,
  addRelationBody,
  bfileSchema,
  createSessionBody,
  educationCreatedSchema,
  evidenceListSchema,
  evidenceParams,
  evidenceSchema,
  partyLinkedSchema,
  partyParams,
  registerPartyPersonBody,
  relationCreatedSchema,
  relationParams,
  sessionListSchema,
  sessionSchema,
} from './casefiles.schemas.js';
import { createEvidenceUseCases, EVIDENCE_MAX_BYTES, type EvidenceUpload } from './evidence.usecases.js';
import { createSessionsUseCases } from './sessions.usecases.js';

/** Reads a multipart upload: its text fields and one file, capped at the largest kind (video); each kind's own limit is checked after. */
async function readUpload(request: FastifyRequest): Promise<EvidenceUpload> {
  const upload: EvidenceUpload = { fields: {}, file: null };
  if (!request.isMultipart()) return upload;
  try {
    for await (const part of request.parts({ limits: { fileSize: EVIDENCE_MAX_BYTES } })) {
      if (part.type === 'file') upload.file = { data: await part.toBuffer(), filename: part.filename || 'upload' };
      else if (typeof part.value === 'string') upload.fields[part.fieldname] = part.value;
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      const mb = EVIDENCE_MAX_BYTES / 1024 / 1024;
      throw errors.field('file', 'too_big', { zh: `文件不能超过 ${mb} MB`, en: `the file must be at most ${mb} MB` });
    }
    throw err;
  }
  return upload;
}

/** A download name the header can carry: the stored name in UTF-8 and an ASCII fallback. */
function disposition(filename: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'video/mp4': 'mp4' };

export function registerCaseFilesRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const evidence = createEvidenceUseCases(deps);
  const sessions = createSessionsUseCases(deps);
  const bfile = createBFileUseCases(deps);
  const tags = ['cases'];

  // ----- A file: evidence (证据材料) -----
  app.get('/api/cases/:id/evidence', { schema: { tags, params: idParams, response: { 200: evidenceListSchema, ...errorResponses } } }, async (request) =>
    evidence.list(contextOf(request), request.params.id),
  );
  // multipart/form-data: `kind` (photo | video | document | followup), `description`, one `file`.
  app.post(
    '/api/cases/:id/evidence',
    { bodyLimit: EVIDENCE_MAX_BYTES + 1024 * 1024, schema: { tags, params: idParams, consumes: ['multipart/form-data'], response: { 201: evidenceSchema, ...errorResponses } } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const upload = await readUpload(request);
      return reply.status(201).send(await evidence.add(ctx, request.params.id, upload));
    },
  );
  app.get('/api/cases/:id/evidence/:evidenceId/file', { schema: { tags, params: evidenceParams } }, async (request, reply) => {
    const file = await evidence.download(contextOf(request), request.params.id, request.params.evidenceId);
    const fallback = `evidence-${request.params.evidenceId}.${EXTENSIONS[file.mime] ?? 'bin'}`;
    return reply.type(file.mime).header('content-disposition', disposition(file.filename, fallback)).send(file.data);
  });

  // ----- A file: mediation sessions (调解记录) -----
  app.get('/api/cases/:id/sessions', { schema: { tags, params: idParams, response: { 200: sessionListSchema, ...errorResponses } } }, async (request) =>
    sessions.list(contextOf(request), request.params.id),
  );
  app.post('/api/cases/:id/sessions', { schema: { tags, params: idParams, body: createSessionBody, response: { 201: sessionSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await sessions.record(contextOf(request), request.params.id, request.body)),
  );

  // ----- B file (B卷): police roles of the case's jurisdiction only -----
  app.get('/api/cases/:id/bfile', { schema: { tags, params: idParams, response: { 200: bfileSchema, ...errorResponses } } }, async (request) => bfile.get(contextOf(request), request.params.id));
  app.post(
    '/api/cases/:id/parties/:partyId/person',
    { schema: { tags, params: partyParams, body: registerPartyPersonBody, response: { 200: partyLinkedSchema, ...errorResponses } } },
    async (request) => bfile.registerPartyPerson(contextOf(request), request.params.id, request.params.partyId, request.body),
  );
  app.post('/api/cases/:id/relations', { schema: { tags, params: idParams, body: addRelationBody, response: { 201: relationCreatedSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await bfile.addRelation(contextOf(request), request.params.id, request.body)),
  );
  app.delete('/api/cases/:id/relations/:relationId', { schema: { tags, params: relationParams, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await bfile.removeRelation(contextOf(request), request.params.id, request.params.relationId);
    return reply.status(204).send(null);
  });
  app.post('/api/cases/:id/education', { schema: { tags, params: idParams, body: addEducationBody, response: { 201: educationCreatedSchema, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await bfile.addEducation(contextOf(request), request.params.id, request.body)),
  );
}
