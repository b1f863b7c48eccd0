import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../app/actor.js';
import { errors, type FieldError } from '../../app/errors.js';
import { IDEMPOTENCY_KEY } from './incidents.schemas.js';

/** Intake may run a little ahead of our clock (a channel's server), but not more than this. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
/** A matched address is kept on the incident from this confidence up. */
export const ADDRESS_KEEP_CONFIDENCE = 0.6;

const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/** A Chinese mobile or landline number with spaces removed, or a 400 naming the field. */
export function checkPhone(input: string | null | undefined, field = 'callerPhone'): string | null {
  const phone = input?.replace(/\s+/g, '') ?? '';
  if (!phone) return null;
  if (!MOBILE.test(phone) && !LANDLINE.test(phone)) {
    throw errors.field(field, 'format_phone', { zh: '请填写有效的手机号或固定电话（如 13812345678、0359-1234567）', en: 'must be a Chinese mobile or landline number (e.g. 13812345678, 0359-1234567)' });
  }
  return phone;
}

export function checkReceivedAt(iso: string, now = Date.now()): Date {
  const at = new Date(iso);
  if (at.getTime() > now + FUTURE_TOLERANCE_MS) {
    throw errors.field('receivedAt', 'future_time', { zh: '接警时间不能晚于当前时间 5 分钟以上', en: 'must not be more than 5 minutes in the future' });
  }
  return at;
}

export function checkIdempotencyKey(key: string | undefined, field = 'Idempotency-Key'): string {
  if (!key) throw errors.field(field, 'required', { zh: '请提供 Idempotency-Key 请求头', en: 'the Idempotency-Key header is required' });
  if (!IDEMPOTENCY_KEY.test(key)) throw errors.field(field, 'format', { zh: '幂等键应为 8–100 位字母、数字、短横线或下划线', en: 'must be 8 to 100 letters, digits, dashes or underscores' });
  return key;
}

/** Keys of one caller never meet another caller's keys. */
export function idempotencyScope(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.userId}` : `apikey:${actor.apiKeyId}`;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const isIndex = (k: string) => ARRAY_INDEX.test(k) && Number(k) < 4294967295;

/** An object's keys in code-unit order, as a plain object rebuilt in that order lists them (array-index keys first, by number). */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value).sort();
  if (!keys.some(isIndex)) return keys;
  return [...keys.filter(isIndex).sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !isIndex(k))];
}

/**
 * JSON with every object's keys in code-unit order and undefined members left out: exactly
 * JSON.stringify of a copy with sorted keys (the stored hashes of earlier requests depend on it),
 * written in one pass without building the copy.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const parts: string[] = [];
    for (const k of sortedKeys(value)) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined || typeof v === 'function') continue;
      parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The same body in any key order hashes the same. */
export function requestHash(body: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** Field errors of a batch item that failed its schema. */
export function fieldsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'invalid_type' && issue.input === undefined) return { path, rule: 'required', message: { zh: '必填', en: 'is required' } };
    return { path, rule: issue.code, message: { zh: issue.message, en: issue.message } };
  });
}
