import { describe, expect, it } from 'vitest';
import { validateCreditCode } from './credit-code.js';
import { convert15to18, idCheckCharacter, maskIdNumber, validateIdNumber } from './identity.js';

describe('identity numbers (GB 11643)', () => {
  it('accepts the standard published examples', () => {
    expect(validateIdNumber('11010519491231002X')).toMatchObject({ valid: true, birthDate: '1949-12-31', gender: 'female' });
    expect(validateIdNumber('440524188001010014')).toMatchObject({ valid: true, birthDate: '1880-01-01', gender: 'male' });
  });
  it('accepts a lower-case x and surrounding spaces', () => {
    expect(validateIdNumber(' 11010519491231002x ')).toMatchObject({ valid: true, normalized: '11010519491231002X' });
  });
  it('refuses the published failing example on its checksum', () => {
    expect(validateIdNumber('110105194912310021')).toMatchObject({ valid: false, problem: 'checksum' });
  });
  it('refuses wrong shapes, impossible dates, future births and unknown provinces', () => {
    expect(validateIdNumber('1101051949123100').problem).toBe('format');
    expect(validateIdNumber('11010519491231002Y').problem).toBe('format');
    expect(validateIdNumber('110105194902300020').problem).toBe('birth_date');
    expect(validateIdNumber('110105209912310020', new Date('2026-01-01')).problem).toBe('birth_date');
    expect(validateIdNumber('990105194912310020').problem).toBe('area');
  });
  it('converts a 15-digit number by inserting 19 and appending the check character', () => {
    expect(convert15to18('110105491231002')).toBe('11010519491231002X');
    expect(validateIdNumber('110105491231002')).toMatchObject({ valid: true, converted: true, normalized: '11010519491231002X' });
  });
  it('accepts a number whose county code was abolished since issue', () => {
    // 330103 (杭州市下城区) was merged away in 2021; numbers issued there remain valid.
    const first17 = '33010319800101123';
    const r = validateIdNumber(first17 + idCheckCharacter(first17));
    expect(r.valid).toBe(true);
    expect(r.areaCode).toBe('330103');
  });
  it('masks all but the first three and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts the published example', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ wellFormed: true, checksumOk: true, normalized: '91350100M000100Y43' });
  });
  it('flags a wrong check character without calling the shape wrong', () => {
    expect(validateCreditCode('91350100M000100Y44')).toMatchObject({ wellFormed: true, checksumOk: false });
  });
  it('calls letters outside the alphabet (I, O, S, V, Z) and wrong lengths malformed', () => {
    expect(validateCreditCode('91350100M000100YO3').wellFormed).toBe(false);
    expect(validateCreditCode('91350100M000100Y4').wellFormed).toBe(false);
  });
});
