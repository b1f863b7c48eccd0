import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors } from '../../app/errors.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { acceptTipBody, dismissTipBody, listTipsQuery, myTipSchema, TIP_PHOTOS_MAX, tipFileParams, tipSchema } from './tips.schemas.js';
import { createTipsUseCases, TIP_PHOTO_MAX_BYTES, type TipUpload } from './tips.usecases.js';

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** A tip as JSON, or as a multipart form: its text fields and up to three `photos` (each capped at 10 MB). */
async function readTip(request: FastifyRequest): Promise<TipUpload> {
  if (!request.isMultipart()) {
    const body = request.body;
    return { fields: body && typeof body === 'object' ? (body as Record<string, unknown>) : {}, photos: [] };
  }
  const upload: TipUpload = { fields: {}, photos: [] };
  try {
    // One file more than allowed is read so that too many photos are refused by name, not silently dropped.
    for await (const part of request.parts({ limits: { fileSize: TIP_PHOTO_MAX_BYTES, files: TIP_PHOTOS_MAX + 1 } })) {
      if (part.type === 'file') upload.photos.push({ data: await part.toBuffer(), filename: part.filename || 'photo' });
      else if (typeof part.value === 'string') upload.fields[part.fieldname] = part.value;
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw errors.field('photos', 'too_big', { zh: '每张照片不能超过 10 MB', en: 'each photo must be at most 10 MB' });
    if (code === 'FST_FILES_LIMIT') throw errors.field('photos', 'too_big', { zh: `最多 ${TIP_PHOTOS_MAX} 张照片`, en: `at most ${TIP_PHOTOS_MAX} photos` });
    throw err;
  }
  return upload;
}

export function registerTipsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const tips = createTipsUseCases(deps);
  const tags = ['tips'];
  const one = { 200: tipSchema, ...errorResponses };

  // ----- Reporting from the phone (volunteers, grid workers) -----
  // JSON or multipart/form-data: text, category, lat, lon, accuracy, addressText, up to three `photos`.
  app.post(
    '/api/tips',
    { bodyLimit: (TIP_PHOTOS_MAX + 1) * TIP_PHOTO_MAX_BYTES, schema: { tags, consumes: ['application/json', 'multipart/form-data'], response: { 201: myTipSchema, ...errorResponses } } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const upload = await readTip(request);
      return reply.status(201).send(await tips.report(ctx, upload));
    },
  );
  // multipart/form-data: one further photo to the reporter's own tip while it is new.
  app.post(
    '/api/tips/:id/photos',
    { bodyLimit: TIP_PHOTO_MAX_BYTES + 1024 * 1024, schema: { tags, params: idParams, consumes: ['multipart/form-data'], response: { 201: myTipSchema, ...errorResponses } } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const upload = await readTip(request);
      if (upload.photos.length > 1) throw errors.field('photos', 'too_big', { zh: '每次补充一张照片', en: 'one photo at a time' });
      return reply.status(201).send(await tips.addPhoto(ctx, request.params.id, upload.photos[0] ?? null));
    },
  );
  app.get('/api/my/tips', { schema: { tags, response: { 200: z.object({ items: z.array(myTipSchema) }), ...errorResponses } } }, async (request) => tips.mine(contextOf(request)));

  // ----- Triage (police of the jurisdiction) -----
  app.get('/api/tips', { schema: { tags, querystring: listTipsQuery, response: { 200: z.object({ items: z.array(tipSchema), total: z.number() }), ...errorResponses } } }, async (request) =>
    tips.list(contextOf(request), request.query),
  );
  app.get('/api/tips/:id', { schema: { tags, params: idParams, response: one } }, async (request) => tips.get(contextOf(request), request.params.id));
  app.get('/api/tips/:id/files/:fileId', { schema: { tags, params: tipFileParams } }, async (request, reply) => {
    const file = await tips.photo(contextOf(request), request.params.id, request.params.fileId);
    const fallback = `tip-${request.params.id}-${request.params.fileId}.${EXTENSIONS[file.mime] ?? 'bin'}`;
    return reply
      .type(file.mime)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .send(file.data);
  });
  app.post('/api/tips/:id/accept', { schema: { tags, params: idParams, body: acceptTipBody, response: one } }, async (request) =>
    tips.accept(contextOf(request), request.params.id, request.body),
  );
  app.post('/api/tips/:id/dismiss', { schema: { tags, params: idParams, body: dismissTipBody, response: one } }, async (request) =>
    tips.dismiss(contextOf(request), request.params.id, request.body.reason),
  );
}
