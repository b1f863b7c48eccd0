import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors } from '../../app/errors.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createGuardsUseCases } from './guards.usecases.js';
import {
  attendanceBody,
  attendanceResultSchema,
  checkinResultSchema,
  coverageQuery,
  coverageSchema,
  createPlanBody,
  createPostBody,
  createSchoolBody,
  myPlanSchema,
  planCheckinBody,
  planSchema,
  postSchema,
  postsQuery,
  schoolSchema,
} from './patrols.schemas.js';
import { createPatrolsUseCases } from './patrols.usecases.js';
import { assignmentParams, cancelTaskBody, taskFileParams, checkinBody, declineBody, dispatchTaskBody, listTasksQuery, myTaskSchema, TASK_PHOTOS_MAX, taskDetailSchema, taskSchema } from './tasks.schemas.js';
import { createTasksUseCases, TASK_PHOTO_MAX_BYTES, type CompletionUpload } from './tasks.usecases.js';

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** A completion as JSON, or as a multipart form: `record` and up to three `photos` (each capped at 10 MB). */
async function readCompletion(request: FastifyRequest): Promise<CompletionUpload> {
  if (!request.isMultipart()) {
    const body = request.body;
    return { fields: body && typeof body === 'object' ? (body as Record<string, unknown>) : {}, photos: [] };
  }
  const upload: CompletionUpload = { fields: {}, photos: [] };
  try {
    for await (const part of request.parts({ limits: { fileSize: TASK_PHOTO_MAX_BYTES, files: TASK_PHOTOS_MAX + 1 } })) {
      if (part.type === 'file') upload.photos.push({ data: await part.toBuffer(), filename: part.filename || 'photo' });
      else if (typeof part.value === 'string') upload.fields[part.fieldname] = part.value;
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw errors.field('photos', 'too_big', { zh: '每张照片不能超过 10 MB', en: 'each photo must be at most 10 MB' });
    if (code === 'FST_FILES_LIMIT') throw errors.field('photos', 'too_big', { zh: `最多 ${TASK_PHOTOS_MAX} 张照片`, en: `at most ${TASK_PHOTOS_MAX} photos` });
    throw err;
  }
  return upload;
}

export function registerTasksRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const tasks = createTasksUseCases(deps);
  const patrols = createPatrolsUseCases(deps);
  const guards = createGuardsUseCases(deps);
  const tags = ['tasks'];
  const mine = { 200: myTaskSchema, ...errorResponses };

  // ----- 派单 (police) -----
  app.post('/api/tasks', { schema: { tags, body: dispatchTaskBody, response: { 201: taskDetailSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await tasks.dispatch(contextOf(request), request.body)),
  );
  app.get('/api/tasks', { schema: { tags, querystring: listTasksQuery, response: { 200: z.object({ items: z.array(taskSchema), total: z.number() }), ...errorResponses } } }, async (request) =>
    tasks.list(contextOf(request), request.query),
  );
  app.get('/api/tasks/:id', { schema: { tags, params: idParams, response: { 200: taskDetailSchema, ...errorResponses } } }, async (request) => tasks.get(contextOf(request), request.params.id));

  app.post('/api/tasks/:id/cancel', { schema: { tags, params: idParams, body: cancelTaskBody, response: { 200: taskDetailSchema, ...errorResponses } } }, async (request) =>
    tasks.cancel(contextOf(request), request.params.id, request.body.reason),
  );

  app.get('/api/tasks/:id/files/:fileId', { schema: { tags, params: taskFileParams } }, async (request, reply) => {
    const file = await tasks.photo(contextOf(request), request.params.id, request.params.fileId);
    const name = `task-${request.params.id}-${request.params.fileId}.${EXTENSIONS[file.mime] ?? 'bin'}`;
    return reply.type(file.mime).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').header('content-disposition', `inline; filename="${name}"`).send(file.data);
  });

  // ----- The volunteer's own assignments (phone) -----
  app.get('/api/my/tasks', { schema: { tags, response: { 200: z.object({ items: z.array(myTaskSchema) }), ...errorResponses } } }, async (request) => tasks.listMine(contextOf(request)));
  app.post('/api/my/tasks/:assignmentId/accept', { schema: { tags, params: assignmentParams, response: mine } }, async (request) => tasks.accept(contextOf(request), request.params.assignmentId));
  app.post('/api/my/tasks/:assignmentId/decline', { schema: { tags, params: assignmentParams, body: declineBody, response: mine } }, async (request) =>
    tasks.decline(contextOf(request), request.params.assignmentId, request.body.reason),
  );
  app.post('/api/my/tasks/:assignmentId/checkin', { schema: { tags, params: assignmentParams, body: checkinBody, response: mine } }, async (request) =>
    tasks.checkin(contextOf(request), request.params.assignmentId, request.body),
  );
  app.post(
    '/api/my/tasks/:assignmentId/complete',
    { bodyLimit: (TASK_PHOTOS_MAX + 1) * TASK_PHOTO_MAX_BYTES, schema: { tags, params: assignmentParams, consumes: ['application/json', 'multipart/form-data'], response: mine } },
    async (request) => {
      const ctx = contextOf(request);
      return tasks.complete(ctx, request.params.assignmentId, await readCompletion(request));
    },
  );

  app.post(
    '/api/my/tasks/:assignmentId/photos',
    { bodyLimit: (TASK_PHOTOS_MAX + 1) * TASK_PHOTO_MAX_BYTES, schema: { tags, params: assignmentParams, consumes: ['multipart/form-data'], response: mine } },
    async (request) => {
      const ctx = contextOf(request);
      return tasks.addPhotos(ctx, request.params.assignmentId, await readCompletion(request));
    },
  );

  // ----- Patrol plans -----
  const ptags = ['patrols'];
  app.get('/api/patrol-plans', { schema: { tags: ptags, response: { 200: z.object({ items: z.array(planSchema) }), ...errorResponses } } }, async (request) => patrols.listPlans(contextOf(request)));
  app.post('/api/patrol-plans', { schema: { tags: ptags, body: createPlanBody, response: { 201: planSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await patrols.createPlan(contextOf(request), request.body)),
  );
  app.get('/api/patrol-plans/coverage', { schema: { tags: ptags, querystring: coverageQuery, response: { 200: coverageSchema, ...errorResponses } } }, async (request) =>
    patrols.coverage(contextOf(request), request.query.week),
  );
  app.post('/api/patrol-plans/:id/checkins', { schema: { tags: ptags, params: idParams, body: planCheckinBody, response: { 201: checkinResultSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await patrols.checkin(contextOf(request), request.params.id, request.body)),
  );
  app.get('/api/my/patrol-plans', { schema: { tags: ptags, response: { 200: z.object({ items: z.array(myPlanSchema) }), ...errorResponses } } }, async (request) => patrols.myPlans(contextOf(request)));

  // ----- 护学岗 -----
  const gtags = ['guard-posts'];
  app.get('/api/schools', { schema: { tags: gtags, response: { 200: z.object({ items: z.array(schoolSchema) }), ...errorResponses } } }, async (request) => guards.listSchools(contextOf(request)));
  app.post('/api/schools', { schema: { tags: gtags, body: createSchoolBody, response: { 201: schoolSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await guards.createSchool(contextOf(request), request.body)),
  );
  app.get('/api/guard-posts', { schema: { tags: gtags, querystring: postsQuery, response: { 200: z.object({ items: z.array(postSchema) }), ...errorResponses } } }, async (request) =>
    guards.listPosts(contextOf(request), request.query.day),
  );
  app.get(
    '/api/guard-posts/officers',
    { schema: { tags: gtags, response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), role: z.string(), jurisdictionName: z.string() })) }), ...errorResponses } } },
    async (request) => guards.officers(contextOf(request)),
  );
  app.post('/api/guard-posts', { schema: { tags: gtags, body: createPostBody, response: { 201: postSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await guards.createPost(contextOf(request), request.body)),
  );
  app.post('/api/guard-posts/:id/attendance', { schema: { tags: gtags, params: idParams, body: attendanceBody, response: { 201: attendanceResultSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await guards.attend(contextOf(request), request.params.id, request.body)),
  );
  app.get('/api/my/guard-posts', { schema: { tags: gtags, response: { 200: z.object({ items: z.array(postSchema) }), ...errorResponses } } }, async (request) => guards.myPosts(contextOf(request)));
}
