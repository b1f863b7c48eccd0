import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createIdentityCipher, type IdentityCipher } from '../app/crypto.js';
import { createFileStore } from '../app/files.js';
import { createServer } from '../app/server.js';
import { TEST_DATA_KEY, TEST_DEMO_PASSWORD } from './constants.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export const TEST_SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';

export interface Session {
  cookie: string;
  csrfToken: string;
  userId: number;
}

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
  identity: IdentityCipher;
  filesDir: string;
  login(username: string, password?: string): Promise<Session>;
  get(url: string, session?: Session | null, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  send(method: 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, session: Session | null, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A server on a database of its own (a clone of the migrated template), called in-process. */
export async function createTestApp(options: { template?: 'demo' | 'empty'; trustProxy?: boolean | string } = {}): Promise<TestApp> {
  const database = await createTestDatabase({ template: options.template ?? 'demo' });
  const identity = createIdentityCipher(TEST_DATA_KEY);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), `fq-files-${crypto.randomBytes(3).toString('hex')}-`));
  const app = await createServer({
    db: database.db,
    logger: false,
    identity,
    files: createFileStore(filesDir),
    options: { sessionSecret: TEST_SESSION_SECRET, cookieSecure: false, trustProxy: options.trustProxy ?? false, tileUrl: null, tileAttribution: null, webDist: null },
  });
  await app.ready();
  const get: TestApp['get'] = (url, session, headers = {}) => app.inject({ method: 'GET', url, headers: { ...(session ? { cookie: session.cookie } : {}), ...headers } });
  const send: TestApp['send'] = (method, url, session, body, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}), ...headers },
      ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
    });
  return {
    ...database,
    app,
    identity,
    filesDir,
    get,
    send,
    async login(username, password = TEST_DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'fq_session');
      const body = res.json<{ csrfToken: string; user: { id: number } }>();
      return { cookie: `fq_session=${cookie!.value}`, csrfToken: body.csrfToken, userId: body.user.id };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
