import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from './actor.js';
import type { IdentityCipher } from './crypto.js';
import type { Database } from './db/database.js';
import type { FileStore } from './files.js';
import { errors } from './errors.js';

export type ZodFastify = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface ServerOptions {
  sessionSecret: string;
  cookieSecure: boolean;
  trustProxy: boolean | string;
  tileUrl: string | null;
  tileAttribution: string | null;
  /** Built web app to serve at `/`; null serves the API only. */
  webDist: string | null;
}

export interface ModuleDeps {
  db: Database;
  options: ServerOptions;
  /** Encrypts and hashes identity numbers with the configured key. */
  identity: IdentityCipher;
  /** Uploaded files (agreements, evidence), content-addressed under the data folder. */
  files: FileStore;
}

/** The request's actor and context; 401 when nobody is signed in. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.auth) throw errors.unauthenticated();
  return { actor: request.auth.actor, ip: request.ip, requestId: request.id, lang: request.lang };
}

export const errorSchema = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.object({ path: z.string(), rule: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});

/** Standard error answers for the OpenAPI document. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
};

export const idParams = z.object({ id: z.coerce.number().int().positive() });

/** Query-string booleans: "true"/"1" are true. */
export const queryBool = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
