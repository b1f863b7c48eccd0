import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** External PostgreSQL; when absent the embedded server is started in `${dataDir}/pg`. */
  databaseUrl: string | null;
  embeddedPgPort: number;
  demo: boolean;
  demoPassword: string;
  sessionSecret: string | null;
  dataKey: string | null;
  trustProxy: boolean | string;
  cookieSecure: boolean;
  logLevel: string;
  tileUrl: string | null;
  tileAttribution: string | null;
  webDist: string | null;
}

export class ConfigError extends Error {}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`${name} must be a port number (0-65535), got "${value}"`);
  return n;
}

/** Reads configuration from the environment. Nothing else in the app reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const trust = env.FENGQIAO_TRUST_PROXY;
  return {
    port: int('PORT', env.PORT, 3000),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(cwd, env.FENGQIAO_DATA_DIR || 'data'),
    databaseUrl: env.DATABASE_URL || null,
    embeddedPgPort: int('FENGQIAO_PG_PORT', env.FENGQIAO_PG_PORT, 0),
    demo: bool(env.FENGQIAO_DEMO, true),
    demoPassword: env.FENGQIAO_DEMO_PASSWORD || 'fengqiao-demo',
    sessionSecret: env.FENGQIAO_SESSION_SECRET || null,
    dataKey: env.FENGQIAO_DATA_KEY || null,
    // Only trust X-Forwarded-* when told to: "true", a hop count, or a list of proxy addresses.
    trustProxy: trust === undefined || trust === '' ? false : trust === 'true' ? true : trust === 'false' ? false : trust,
    cookieSecure: bool(env.FENGQIAO_COOKIE_SECURE, false),
    logLevel: env.LOG_LEVEL || 'info',
    tileUrl: env.FENGQIAO_TILE_URL || null,
    tileAttribution: env.FENGQIAO_TILE_ATTRIBUTION || null,
    webDist: env.FENGQIAO_WEB_DIST || null,
  };
}
