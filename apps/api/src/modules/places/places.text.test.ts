import { describe, expect, it } from 'vitest';
import { addressGrams, chineseNumber, coreName, normaliseAddress, parseAddressNumbers } from './places.text.js';

describe('address text', () => {
  it('reads Chinese numerals the way addresses write them', () => {
    expect(chineseNumber('三')).toBe(3);
    expect(chineseNumber('十二')).toBe(12);
    expect(chineseNumber('二十')).toBe(20);
    expect(chineseNumber('一百零五')).toBe(105);
    expect(chineseNumber('五零二')).toBe(502);
  });

  it('brings the usual spellings of building, unit and room to one normal form', () => {
    const variants = [
      '东湖新村3号楼2单元502室',
      '东湖新村 3栋 2单元 502',
      '东湖新村３幢２单元５０２室',
      '东湖新村三号楼二单元五零二室',
      '东湖新村3#2单元502户',
      '东湖新村3-2-502',
      '东湖新村3座2单元5楼502',
      '东湖新村，3栋2单元502号',
    ];
    for (const v of variants) expect(normaliseAddress(v), v).toBe('东湖新村3号楼2单元502室');
  });

  it('keeps a courtyard number as 号 and turns a trailing bare number into one', () => {
    expect(normaliseAddress('姚村 12号')).toBe('姚村12号');
    expect(normaliseAddress('姚村一组12号院')).toBe('姚村1组12号');
    expect(normaliseAddress('姚村12')).toBe('姚村12号');
    expect(normaliseAddress('湖滨社区 2号楼')).toBe('湖滨社区2号楼');
  });

  it('parses the numbers and leaves the place part', () => {
    expect(parseAddressNumbers(normaliseAddress('城关镇东湖新村小区三号楼二单元502室'))).toEqual({ building: '3', unit: '2', room: '502', stem: '城关镇东湖新村小区' });
    expect(parseAddressNumbers(normaliseAddress('姚村 12号'))).toEqual({ building: '12', unit: null, room: null, stem: '姚村' });
    expect(parseAddressNumbers(normaliseAddress('3号楼0502'))).toMatchObject({ building: '3', room: '502', stem: '' });
  });

  it('computes bigrams of the normalised full name', () => {
    expect(addressGrams('东湖 新村')).toEqual(['东湖', '湖新', '新村']);
    expect(addressGrams('姚')).toEqual(['姚']);
    expect(addressGrams('')).toEqual([]);
  });

  it('finds the distinctive core of a place name', () => {
    expect(coreName('东湖新村社区')).toBe('东湖新村');
    expect(coreName('东湖新村小区')).toBe('东湖新村');
    expect(coreName('城关镇')).toBe('城关');
    expect(coreName('姚村')).toBe('姚村');
    expect(coreName('府前花园')).toBe('府前花园');
  });
});
