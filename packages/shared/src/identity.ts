/**
 * Resident identity numbers, GB 11643-1999: 6-digit area code, 8-digit birth date, 3-digit
 * sequence (odd = male), and a check character computed over the first 17 digits.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
// Province-level prefixes in use since 1984; an abolished county code inside one is still valid.
const PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83', '91']);

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'area' | 'birth_date' | 'checksum';

export interface IdNumberResult {
  valid: boolean;
  /** The 18-character form (a 15-digit number is converted); upper-case X. */
  normalized: string | null;
  problem: IdNumberProblem | null;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  areaCode: string | null;
  /** The input was a first-generation 15-digit number. */
  converted: boolean;
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A 15-digit number converts by inserting "19" after the area code and appending the check character. */
export function convert15to18(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idCheckCharacter(first17);
}

export function validateIdNumber(input: string, today: Date = new Date()): IdNumberResult {
  const raw = input.trim().toUpperCase().replace(/\s+/g, '');
  const fail = (problem: IdNumberProblem, normalized: string | null = null): IdNumberResult => ({ valid: false, normalized, problem, birthDate: null, gender: null, areaCode: null, converted: false });
  let id: string;
  let converted = false;
  if (/^\d{15}$/.test(raw)) {
    id = convert15to18(raw);
    converted = true;
  } else if (/^\d{17}[\dX]$/.test(raw)) {
    id = raw;
  } else {
    return fail('format');
  }
  const area = id.slice(0, 6);
  if (!PROVINCES.has(area.slice(0, 2))) return fail('area');
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1880 || !validDate(y, m, d) || Date.UTC(y, m - 1, d) > today.getTime()) return fail('birth_date');
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return fail('checksum', id);
  return {
    valid: true,
    normalized: id,
    problem: null,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    areaCode: area,
    converted,
  };
}

/** Lists show `110***********123X`: the first three and last four characters. */
export function maskIdNumber(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}
