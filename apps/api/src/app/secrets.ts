import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from './config.js';

export interface Secrets {
  sessionSecret: string;
  /** 32-byte key for identity data (AES-256-GCM), base64 or hex in configuration. */
  dataKey: Buffer;
}

function parseKey(value: string): Buffer | null {
  const hex = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : null;
  if (hex) return hex;
  const b64 = Buffer.from(value, 'base64');
  return b64.length === 32 ? b64 : null;
}

/**
 * In demo mode missing secrets are generated once and kept in the data folder. A production
 * start (FENGQIAO_DEMO=0) refuses to run without them, saying what to set.
 */
export function resolveSecrets(config: Config): Secrets {
  const missing: string[] = [];
  if (config.sessionSecret !== null && config.sessionSecret.length < 32) {
    throw new ConfigError('FENGQIAO_SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -base64 48`).');
  }
  if (config.dataKey !== null && !parseKey(config.dataKey)) {
    throw new ConfigError('FENGQIAO_DATA_KEY must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`).');
  }
  if (!config.sessionSecret) missing.push('FENGQIAO_SESSION_SECRET (at least 32 random characters, e.g. `openssl rand -base64 48`)');
  if (!config.dataKey) missing.push('FENGQIAO_DATA_KEY (32 bytes, e.g. `openssl rand -base64 32`; keep a copy: identity data cannot be read without it)');
  if (missing.length && !config.demo) {
    throw new ConfigError(`A production start (FENGQIAO_DEMO=0) needs these settings:\n  - ${missing.join('\n  - ')}`);
  }
  let stored: { sessionSecret?: string; dataKey?: string } = {};
  const file = path.join(config.dataDir, 'demo-secrets.json');
  if (missing.length) {
    try {
      stored = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof stored;
    } catch {
      stored = { sessionSecret: crypto.randomBytes(48).toString('base64url'), dataKey: crypto.randomBytes(32).toString('base64') };
      fs.mkdirSync(config.dataDir, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
    }
  }
  const sessionSecret = config.sessionSecret ?? stored.sessionSecret;
  const dataKey = parseKey(config.dataKey ?? stored.dataKey ?? '');
  if (!sessionSecret || !dataKey) throw new ConfigError(`${file} is damaged; delete it or set FENGQIAO_SESSION_SECRET and FENGQIAO_DATA_KEY.`);
  return { sessionSecret, dataKey };
}
