/**
 * Unified social credit codes, GB 32100-2015: 18 characters over 0-9 and A-Z without I, O, S,
 * V, Z; weights 3^(i-1) mod 31; check = 31 - (sum mod 31), 31 → 0. Some codes in real use fail
 * the check, so a failure is a warning for the user, never a refusal.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export interface CreditCodeResult {
  /** 18 characters of the alphabet: the shape is right. */
  wellFormed: boolean;
  /** The check character matches too. */
  checksumOk: boolean;
  normalized: string;
}

export function creditCodeCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * (3 ** i % 31);
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check]!;
}

export function validateCreditCode(input: string): CreditCodeResult {
  const normalized = input.trim().toUpperCase().replace(/\s+/g, '');
  const wellFormed = normalized.length === 18 && [...normalized].every((c) => ALPHABET.includes(c));
  const checksumOk = wellFormed && creditCodeCheckCharacter(normalized.slice(0, 17)) === normalized[17];
  return { wellFormed, checksumOk, normalized };
}
