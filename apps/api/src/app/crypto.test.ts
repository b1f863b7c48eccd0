import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createIdentityCipher } from './crypto.js';

describe('identity encryption', () => {
  const cipher = createIdentityCipher(crypto.randomBytes(32));

  it('round-trips and never stores the plaintext', () => {
    const enc = cipher.encrypt('11010519491231002X');
    expect(enc).not.toContain('11010519491231002X');
    expect(cipher.decrypt(enc)).toBe('11010519491231002X');
  });

  it('gives two encryptions of one number different ciphertexts but the same lookup hash', () => {
    expect(cipher.encrypt('440524188001010014')).not.toBe(cipher.encrypt('440524188001010014'));
    expect(cipher.lookupHash('440524188001010014')).toBe(cipher.lookupHash('440524188001010014'));
  });

  it('refuses a tampered ciphertext and a different key', () => {
    const enc = cipher.encrypt('11010519491231002X');
    const parts = enc.split('.');
    const tampered = [...parts.slice(0, 3), Buffer.from('x' + Buffer.from(parts[3]!, 'base64url').toString('latin1').slice(1), 'latin1').toString('base64url')].join('.');
    expect(() => cipher.decrypt(tampered)).toThrow();
    expect(() => createIdentityCipher(crypto.randomBytes(32)).decrypt(enc)).toThrow();
  });
});
