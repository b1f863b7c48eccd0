import { z } from 'zod';
import { SESSION_COOKIE, SESSION_MAX_MS } from '../../app/auth/authenticate.js';
import { errors } from '../../app/errors.js';
import { contextOf, errorResponses, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { apiKeyMeResponse, changePasswordBody, loginBody, loginResponse, meResponse } from './auth.schemas.js';
import { createAuthUseCases } from './auth.usecases.js';

export function registerAuthRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const auth = createAuthUseCases({ db: deps.db, sessionSecret: deps.options.sessionSecret });
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.options.cookieSecure };

  app.post('/api/auth/login', { schema: { tags: ['auth'], body: loginBody, response: { 200: loginResponse, ...errorResponses } } }, async (request, reply) => {
    const result = await auth.login({
      ...request.body,
      ip: request.ip,
      userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
      requestId: request.id,
    });
    void reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, maxAge: SESSION_MAX_MS / 1000 });
    return { user: result.user, csrfToken: result.csrfToken };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await auth.logout(contextOf(request));
    void reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.status(204).send(null);
  });

  app.get('/api/me', { schema: { tags: ['auth'], response: { 200: meResponse, ...errorResponses } } }, async (request) => {
    const ctx = contextOf(request);
    if (ctx.actor.kind !== 'user') throw errors.forbidden();
    return { user: await auth.me(ctx.actor.userId), csrfToken: request.auth?.csrfToken ?? null, permissions: auth.permissions(ctx.actor) };
  });

  app.get('/api/me/api-key', { schema: { tags: ['auth'], response: { 200: apiKeyMeResponse, ...errorResponses } } }, (request) => {
    const { actor } = contextOf(request);
    if (actor.kind !== 'apiKey') throw errors.forbidden();
    return { apiKey: { id: actor.apiKeyId, name: actor.name, channel: actor.channel, jurisdictionId: actor.jurisdictionId } };
  });

  app.post('/api/me/password', { schema: { tags: ['auth'], body: changePasswordBody, response: { 204: z.null(), ...errorResponses } } }, async (request, reply) => {
    await auth.changePassword(contextOf(request), request.body);
    return reply.status(204).send(null);
  });
}
