/**
 * Address text: the normal form every standard address and every free-text query is reduced
 * to, its character bigrams (the `grams` column), and the building / unit / room numbers in it.
 * The demo generator, the API and the matcher all use these functions, so stored grams and
 * query grams always agree.
 *
 * Normal form: NFKC (full-width → ASCII), lower case, no spaces or punctuation, Chinese numerals
 * before a number marker turned into digits, and one spelling per marker:
 *   building 号楼 (栋, 幢, 座, #, 栋楼 …), courtyard or door number 号 (号院), unit 单元,
 *   room 室 (户, 房, 号房; a bare number after 单元 or 号楼), "3-2-502" → 3号楼2单元502室.
 */

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_NUMERAL = '[零〇一二两三四五六七八九十百]+';
// Markers after which a Chinese numeral is a number of the address, not part of a place name.
const NUMBERED_MARKERS = '号|栋|幢|座|单元|室|户|组|队|层|楼|排|#';

/** 三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105, 五零二 → 502 (digit by digit without 十/百). */
export function chineseNumber(text: string): number {
  if (!/[十百]/.test(text)) {
    return Number(Array.from(text, (ch) => CN_DIGITS[ch] ?? 0).join(''));
  }
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else current = CN_DIGITS[ch] ?? 0;
  }
  return total + current;
}

// Built once (normaliseAddress runs on every intake's address).
const NUMERAL_BEFORE_MARKER = new RegExp(`(${CN_NUMERAL})(?=${NUMBERED_MARKERS})`, 'g');
const NUMERAL_AFTER_MARKER = new RegExp(`(单元|号楼)(${CN_NUMERAL})(?=室|户|号|$)`, 'g');

export function normaliseAddress(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  // Keep only Han characters, letters, digits and the two separators that carry numbers.
  s = s.replace(/[—–~]/g, '-').replace(/[^\p{Script=Han}a-z0-9#-]/gu, '');
  s = s.replace(NUMERAL_BEFORE_MARKER, (m) => String(chineseNumber(m)));
  s = s.replace(NUMERAL_AFTER_MARKER, (_m, marker: string, n: string) => `${marker}${chineseNumber(n)}`);
  // Dash notation: 3-2-502, 3#2-502, 3号楼-502.
  s = s.replace(/(\d+)(?:号楼|号|栋|幢|座|#)?-(\d+)(?:单元)?-(\d+)(?:室|号)?/g, '$1号楼$2单元$3室');
  s = s.replace(/(\d+)(?:号楼|栋|幢|座|#)-(\d+)(?:室|号)?/g, '$1号楼$2室');
  s = s.replace(/(\d+)-(\d+)(?:室|号)?$/, '$1号楼$2室');
  s = s.replace(/(\d+)(?:号楼|栋楼|幢楼|座楼|栋|幢|座|#楼|#)/g, '$1号楼');
  s = s.replace(/(\d+)号院/g, '$1号');
  s = s.replace(/(\d+)(?:号房|房间|户|房)/g, '$1室');
  // "2单元5楼502": the floor is already in the room number.
  s = s.replace(/单元(\d+)(?:楼|层)(?=\d)/g, '单元');
  s = s.replace(/单元(\d+)号/g, '单元$1室');
  s = s.replace(/(单元|号楼)(\d+)(?!\d|室|单元|号)/g, '$1$2室');
  // A bare number at the end of a village or street address is its door number: 姚村12 → 姚村12号.
  s = s.replace(/(\p{Script=Han})(\d+)$/u, '$1$2号');
  return s.replace(/[#-]/g, '');
}

/** Distinct character bigrams; a one-character text is its own gram. */
export function bigrams(text: string): string[] {
  const chars = Array.from(text);
  if (chars.length < 2) return chars;
  const out = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

/** The `grams` column of an address: bigrams of its normalised full name. */
export function addressGrams(fullName: string): string[] {
  return bigrams(normaliseAddress(fullName));
}

export interface ParsedNumbers {
  building: string | null;
  unit: string | null;
  room: string | null;
}

const stripZeros = (n: string) => String(Number(n));

/** The building, unit and room numbers of a normalised text, and the text without them (the place part). */
export function parseAddressNumbers(normalised: string): ParsedNumbers & { stem: string } {
  const last = (re: RegExp): string | null => {
    let found: string | null = null;
    for (const m of normalised.matchAll(re)) found = m[1] ?? null;
    return found === null ? null : stripZeros(found);
  };
  const building = last(/(\d+)号(?:楼)?/g);
  const unit = last(/(\d+)单元/g);
  const room = last(/(\d+)室/g);
  const stem = normalised.replace(/\d+号楼|\d+号|\d+单元|\d+室/g, '');
  return { building, unit, room, stem };
}

// Words that say what kind of place a name is, not which one: 东湖新村社区 and 东湖新村小区 share the core 东湖新村.
const GENERIC_SUFFIX = /(社区居委会|居民委员会|村民委员会|居委会|村委会|街道办事处|社区|小区|街道|镇|乡|县)$/;

/** The distinctive part of a place name (without 社区, 小区, 镇 …), normalised. */
export function coreName(name: string): string {
  const n = normaliseAddress(name);
  const core = n.replace(GENERIC_SUFFIX, '');
  return Array.from(core).length >= 2 ? core : n;
}
