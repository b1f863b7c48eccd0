import crypto from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticateApiKey, authenticateSession, SESSION_COOKIE, type Authenticated } from './auth/authenticate.js';
import { safeEqual } from './auth/tokens.js';
import { connectionStringOf, type Database } from './db/database.js';
import { AppError, errors, fieldFromZodIssue, pickLang, type Lang } from './errors.js';
import type { ModuleDeps, ServerOptions } from './http.js';
import type { IdentityCipher } from './crypto.js';
import type { FileStore } from './files.js';
import fastifyMultipart from '@fastify/multipart';
import { registerAuthRoutes } from '../modules/auth/auth.routes.js';
import { registerOrgRoutes } from '../modules/org/org.routes.js';
import { registerUsersRoutes } from '../modules/users/users.routes.js';
import { registerApiKeysRoutes } from '../modules/apikeys/apikeys.routes.js';
import { registerAuditRoutes } from '../modules/audit/audit.routes.js';
import { registerDashboardRoutes } from '../modules/dashboard/dashboard.routes.js';
import { registerPlacesRoutes } from '../modules/places/places.routes.js';
import { registerPeopleRoutes } from '../modules/people/people.routes.js';
import { registerHousesRoutes } from '../modules/houses/houses.routes.js';
import { registerUnitsRoutes } from '../modules/units/units.routes.js';
import { registerImportsRoutes } from '../modules/imports/imports.routes.js';
import { registerRentalsRoutes } from '../modules/rentals/rentals.routes.js';
import { registerIncidentsRoutes } from '../modules/incidents/incidents.routes.js';
import { registerWarningsRoutes } from '../modules/warnings/warnings.routes.js';
import { registerSavedFiltersRoutes } from '../modules/savedfilters/savedfilters.routes.js';
import { registerBoardRoutes } from '../modules/board/board.routes.js';
import { registerCasesRoutes } from '../modules/cases/cases.routes.js';
import { registerCaseFilesRoutes } from '../modules/casefiles/casefiles.routes.js';
import { registerTransfersRoutes } from '../modules/transfers/transfers.routes.js';
import { registerFollowupsRoutes } from '../modules/followups/followups.routes.js';
import { registerVolunteersRoutes } from '../modules/volunteers/volunteers.routes.js';
import { registerTipsRoutes } from '../modules/tips/tips.routes.js';
import { registerTasksRoutes } from '../modules/tasks/tasks.routes.js';
import { registerStatsRoutes } from '../modules/stats/stats.routes.js';
import { registerReviewsRoutes } from '../modules/reviews/reviews.routes.js';
import { registerHotspotsRoutes } from '../modules/hotspots/hotspots.routes.js';
import { registerBroadcastsRoutes } from '../modules/broadcasts/broadcasts.routes.js';
import { createRealtimeHub } from './realtime.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
    lang: Lang;
  }
}

export interface ServerDeps {
  db: Database;
  options: ServerOptions;
  identity: IdentityCipher;
  files: FileStore;
  logger?: FastifyBaseLogger | false;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_EXEMPT = new Set(['/api/auth/login']);

function sendError(reply: FastifyReply, lang: Lang, err: AppError): FastifyReply {
  return reply.status(err.status).send({
    code: err.code,
    message: err.messages[lang],
    ...(err.fields.length ? { fields: err.fields.map((f) => ({ path: f.path, rule: f.rule, message: f.message[lang] })) } : {}),
    requestId: reply.request.id,
  });
}

export async function createServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { db, options } = deps;
  const common = {
    trustProxy: options.trustProxy,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
  };
  const app: FastifyInstance = deps.logger ? Fastify({ ...common, loggerInstance: deps.logger }) : Fastify({ ...common, logger: false });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('auth', null);
  app.decorateRequest('lang', 'zh');

  await app.register(fastifyCookie);
  // Uploads: one file per request, 50 MB at most (each route sets its own tighter limit).
  await app.register(fastifyMultipart, { limits: { files: 1, fileSize: 50 * 1024 * 1024, fields: 20 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Fengqiao (枫桥) API',
        version: '0.1.0',
        description: 'Community-policing platform. Sign in with POST /api/auth/login (cookie session plus x-csrf-token on writes) or send an integration key as `Authorization: Bearer fqk_…`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onRequest', async (request, reply) => {
    request.lang = pickLang(request.headers['accept-language']);
    void reply.header('x-request-id', request.id);
    if (!request.url.startsWith('/api/')) return;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.auth = await authenticateApiKey(db, authorization.slice(7).trim());
      if (!request.auth) throw errors.unauthenticated();
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.auth = await authenticateSession(db, options.sessionSecret, token);
    if (request.auth?.csrfToken && UNSAFE_METHODS.has(request.method) && !CSRF_EXEMPT.has(request.routeOptions.url ?? '')) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, request.auth.csrfToken)) throw errors.csrf();
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'same-origin');
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    else
      void reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob: http: https:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
      );
    return payload;
  });

  app.setErrorHandler((err, request, reply) => {
    const lang = request.lang;
    if (hasZodFastifySchemaValidationErrors(err)) {
      const ctx = (err as { validationContext?: string }).validationContext;
      return sendError(reply, lang, errors.validation(err.validation.map((issue) => fieldFromZodIssue(issue, ctx))));
    }
    if (err instanceof AppError) return sendError(reply, lang, err);
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      const known = new AppError('bad_request', status, { zh: '请求无效', en: 'Bad request' });
      if (status === 413) return sendError(reply, lang, new AppError('payload_too_large', 413, { zh: '上传内容过大', en: 'Payload too large' }));
      if (status === 415) return sendError(reply, lang, new AppError('unsupported_media_type', 415, { zh: '不支持的内容类型', en: 'Unsupported content type' }));
      return sendError(reply, lang, known);
    }
    request.log.error({ err }, 'unexpected error');
    return reply.status(500).send({
      code: 'internal',
      message: lang === 'en' ? `Internal error; quote request id ${request.id}` : `系统内部错误，请联系管理员并提供请求编号 ${request.id}`,
      requestId: request.id,
    });
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/health', { schema: { tags: ['system'], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => {
    await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    return { status: 'ok' as const };
  });
  api.get(
    '/api/config',
    { schema: { tags: ['system'], response: { 200: z.object({ tileUrl: z.string().nullable(), tileAttribution: z.string().nullable() }) } } },
    async () => ({ tileUrl: options.tileUrl, tileAttribution: options.tileAttribution }),
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const moduleDeps: ModuleDeps = { db, options, identity: deps.identity, files: deps.files };
  // Live events: one LISTEN connection per server, up with the server, streams ended before it closes.
  const realtime = createRealtimeHub({ connectionString: connectionStringOf(db), log: app.log });
  app.addHook('onReady', () => realtime.start());
  app.addHook('preClose', async () => realtime.endAll());
  app.addHook('onClose', () => realtime.stop());
  await app.register(async (scope) => {
    const zapp = scope.withTypeProvider<ZodTypeProvider>();
    registerAuthRoutes(zapp, moduleDeps);
    registerOrgRoutes(zapp, moduleDeps);
    registerUsersRoutes(zapp, moduleDeps);
    registerApiKeysRoutes(zapp, moduleDeps);
    registerAuditRoutes(zapp, moduleDeps);
    registerDashboardRoutes(zapp, moduleDeps);
    registerPlacesRoutes(zapp, moduleDeps);
    registerPeopleRoutes(zapp, moduleDeps);
    registerHousesRoutes(zapp, moduleDeps);
    registerUnitsRoutes(zapp, moduleDeps);
    registerImportsRoutes(zapp, moduleDeps);
    registerRentalsRoutes(zapp, moduleDeps);
    registerIncidentsRoutes(zapp, moduleDeps);
    registerWarningsRoutes(zapp, moduleDeps);
    registerSavedFiltersRoutes(zapp, moduleDeps);
    registerBoardRoutes(zapp, { ...moduleDeps, realtime });
    registerCasesRoutes(zapp, moduleDeps);
    registerCaseFilesRoutes(zapp, moduleDeps);
    registerTransfersRoutes(zapp, moduleDeps);
    registerFollowupsRoutes(zapp, moduleDeps);
    registerVolunteersRoutes(zapp, moduleDeps);
    registerTipsRoutes(zapp, moduleDeps);
    registerTasksRoutes(zapp, moduleDeps);
    registerBroadcastsRoutes(zapp, { ...moduleDeps, realtime });
    registerStatsRoutes(zapp, moduleDeps);
    registerReviewsRoutes(zapp, moduleDeps);
    registerHotspotsRoutes(zapp, moduleDeps);
  });

  const webDist = options.webDist && existsSync(path.join(options.webDist, 'index.html')) ? options.webDist : null;
  if (webDist) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !webDist || request.method !== 'GET') {
      return sendError(reply, request.lang, errors.notFound());
    }
    // Client-side routes of the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
