import type { Database } from '../db/database.js';
import type { Actor } from '../actor.js';
import { safeEqual, sessionIdFor, sha256 } from './tokens.js';

export const SESSION_COOKIE = 'fq_session';
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
const TOUCH_AFTER_MS = 5 * 60 * 1000;

export interface Authenticated {
  actor: Actor;
  /** Cookie sessions must present this token on writes; API keys need none. */
  csrfToken: string | null;
}

export async function authenticateSession(db: Database, secret: string, token: string): Promise<Authenticated | null> {
  const id = sessionIdFor(secret, token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select([
      's.id',
      's.csrf_token',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.jurisdiction_id',
      'u.department_id',
      'u.active',
      'j.path',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || !row.active) return null;
  const now = Date.now();
  if (row.expires_at.getTime() <= now || row.created_at.getTime() + SESSION_MAX_MS <= now) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (now - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now), expires_at: new Date(Math.min(now + SESSION_IDLE_MS, row.created_at.getTime() + SESSION_MAX_MS)) })
      .where('id', '=', id)
      .execute();
  }
  return {
    actor: {
      kind: 'user',
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      jurisdictionId: row.jurisdiction_id,
      jurisdictionPath: row.path,
      departmentId: row.department_id,
      sessionId: row.id,
    },
    csrfToken: row.csrf_token,
  };
}

/**
 * How long a process trusts an API key it has checked without reading it again. A channel's
 * system sends hundreds of requests a second with one key: each used to cost a round trip. A key
 * revoked through this process stops at once (forgetApiKeys); another process of the same
 * deployment stops accepting it within this time.
 */
export const API_KEY_TRUST_MS = 2_000;

interface TrustedKey {
  auth: Authenticated;
  id: number;
  checkedAt: number;
  lastUsedAt: number | null;
}
const trustedKeys = new WeakMap<Database, Map<string, TrustedKey>>();

/** Drops every key this process trusts (a key was revoked or changed). */
export function forgetApiKeys(db: Database): void {
  trustedKeys.get(db)?.clear();
}

/** API keys look like `fqk_<prefix>_<secret>`; only a hash of the whole key is stored. */
export async function authenticateApiKey(db: Database, key: string): Promise<Authenticated | null> {
  const match = /^fqk_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{20,}$/.exec(key);
  if (!match?.[1]) return null;
  const hash = sha256(key);
  let trusted = trustedKeys.get(db);
  if (!trusted) {
    trusted = new Map();
    trustedKeys.set(db, trusted);
  }
  const now = Date.now();
  const known = trusted.get(hash);
  if (known && now - known.checkedAt < API_KEY_TRUST_MS) {
    await touchApiKey(db, known, now);
    return known.auth;
  }
  const row = await db
    .selectFrom('api_keys as k')
    .innerJoin('jurisdictions as j', 'j.id', 'k.jurisdiction_id')
    .select(['k.id', 'k.name', 'k.channel', 'k.key_hash', 'k.revoked_at', 'k.last_used_at', 'k.jurisdiction_id', 'j.path'])
    .where('k.prefix', '=', match[1])
    .executeTakeFirst();
  if (!row || row.revoked_at || !safeEqual(row.key_hash, hash)) {
    trusted.delete(hash);
    return null;
  }
  const entry: TrustedKey = {
    auth: {
      actor: { kind: 'apiKey', apiKeyId: row.id, name: row.name, channel: row.channel, jurisdictionId: row.jurisdiction_id, jurisdictionPath: row.path },
      csrfToken: null,
    },
    id: row.id,
    checkedAt: now,
    lastUsedAt: row.last_used_at?.getTime() ?? null,
  };
  // A process holds a handful of channel keys; a flood of distinct valid keys cannot grow it past this.
  if (trusted.size >= 1_000) trusted.clear();
  trusted.set(hash, entry);
  await touchApiKey(db, entry, now);
  return entry.auth;
}

/** Records the key's use, at most every few minutes. */
async function touchApiKey(db: Database, key: TrustedKey, now: number): Promise<void> {
  if (key.lastUsedAt !== null && now - key.lastUsedAt <= TOUCH_AFTER_MS) return;
  key.lastUsedAt = now;
  await db.updateTable('api_keys').set({ last_used_at: new Date(now) }).where('id', '=', key.id).execute();
}
