import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from './incidents.core.js';

// The request hash of an Idempotency-Key (stored with the key): the one-pass canonical JSON must
// give the very bytes the first form did (JSON.stringify of a copy with sorted keys), or a resend
// after an upgrade would be refused as a different body.
function firstForm(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(firstForm);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, firstForm(v)]),
    );
  }
  return value;
}

describe('the request hash of an intake', () => {
  const bodies: unknown[] = [
    { channel: '110', receivedAt: '2026-11-24T08:00:00.000Z', categoryCode: '100100', summary: '群众报警', narrative: '', callerPhone: '13812345678', lat: 35.1, lon: -0.5, jurisdictionId: 7 },
    { summary: 'x', parties: [{ name: '张三', role: 'party', idNumber: undefined, injured: false }, { name: '李四', injured: true, role: 'victim' }], externalRef: undefined },
    { b: [1, undefined, null, 'a', { z: 1, a: [] }], a: { '10': 1, '9': 2, x: 3, '01': 4, '-1': 5, 'é': 6, Z: 7 }, c: null, d: true, e: 1e21, f: 'say "hi"\n' },
    { nested: { deeper: { deepest: [{ k2: 2, k1: 1 }] } }, empty: {}, list: [] },
    [{ b: 1, a: 2 }, 'x', 3],
  ];

  it('writes exactly the JSON of a key-sorted copy, so stored hashes still match', () => {
    for (const body of bodies) expect(canonicalJson(body)).toBe(JSON.stringify(firstForm(body)));
    expect(requestHash(bodies[0])).toBe(crypto.createHash('sha256').update(JSON.stringify(firstForm(bodies[0]))).digest('hex'));
  });

  it('hashes the same body in any key order the same, and a changed value differently', () => {
    const a = { channel: '110', summary: '甲', parties: [{ name: '张三', injured: false }] };
    const b = { parties: [{ injured: false, name: '张三' }], summary: '甲', channel: '110' };
    expect(requestHash(a)).toBe(requestHash(b));
    expect(requestHash({ ...a, summary: '乙' })).not.toBe(requestHash(a));
  });
});
