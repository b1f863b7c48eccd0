import crypto from 'node:crypto';

/**
 * Identity data at rest: AES-256-GCM with the configured key, plus a keyed hash (HMAC-SHA256
 * under a key derived from the same secret) so an exact identity number can be found without
 * decrypting every row. Ciphertext format: `v1.<iv>.<tag>.<data>` in base64url.
 */
export interface IdentityCipher {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** Keyed hash for exact lookup; the same input always gives the same hash. */
  lookupHash(normalized: string): string;
}

export function createIdentityCipher(key: Buffer): IdentityCipher {
  if (key.length !== 32) throw new Error('the identity-data key must be 32 bytes');
  const encKey = crypto.createHmac('sha256', key).update('fengqiao:identity:encrypt').digest();
  const hashKey = crypto.createHmac('sha256', key).update('fengqiao:identity:lookup').digest();
  return {
    encrypt(plaintext) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
    },
    decrypt(ciphertext) {
      const [version, iv, tag, data] = ciphertext.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown ciphertext format');
      const decipher = crypto.createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
    lookupHash(normalized) {
      return crypto.createHmac('sha256', hashKey).update(normalized).digest('hex');
    },
  };
}
