import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { resolveSecrets } from './secrets.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fq-secrets-'));

describe('configuration of secrets', () => {
  it('refuses a production start without the session secret and data key, naming both', () => {
    const config = loadConfig({ FENGQIAO_DEMO: '0', FENGQIAO_DATA_DIR: tmp() });
    expect(() => resolveSecrets(config)).toThrow(ConfigError);
    try {
      resolveSecrets(config);
    } catch (err) {
      expect((err as Error).message).toContain('FENGQIAO_SESSION_SECRET');
      expect((err as Error).message).toContain('FENGQIAO_DATA_KEY');
    }
  });

  it('accepts a production start when both are set', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const secrets = resolveSecrets(loadConfig({ FENGQIAO_DEMO: '0', FENGQIAO_DATA_DIR: tmp(), FENGQIAO_SESSION_SECRET: 's'.repeat(40), FENGQIAO_DATA_KEY: key }));
    expect(secrets.dataKey.length).toBe(32);
  });

  it('refuses a data key that is not 32 bytes', () => {
    expect(() => resolveSecrets(loadConfig({ FENGQIAO_DATA_DIR: tmp(), FENGQIAO_DATA_KEY: 'too-short' }))).toThrow(/FENGQIAO_DATA_KEY/);
  });

  it('generates demo secrets once and keeps them across restarts', () => {
    const dir = tmp();
    const first = resolveSecrets(loadConfig({ FENGQIAO_DATA_DIR: dir }));
    const second = resolveSecrets(loadConfig({ FENGQIAO_DATA_DIR: dir }));
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.dataKey.equals(first.dataKey)).toBe(true);
    expect(fs.statSync(path.join(dir, 'demo-secrets.json')).mode & 0o077).toBe(0);
  });

  it('trusts X-Forwarded-* only when told to', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ FENGQIAO_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ FENGQIAO_TRUST_PROXY: '10.0.0.1' }).trustProxy).toBe('10.0.0.1');
  });
});
