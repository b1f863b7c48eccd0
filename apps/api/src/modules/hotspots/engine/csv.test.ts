import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CsvParser, loadPoints, parseCsv, parseDay, parseLocalTime } from './csv.js';

describe('hotspot CSV input', () => {
  it('parses quoted fields with commas, doubled quotes and line breaks', () => {
    const rows = parseCsv('\ufeffa,b,c\r\n"x, y","say ""hi""",3\n"multi\nline",,"" \n\nlast,1,2');
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', '3'],
      ['multi\nline', '', ' '],
      ['last', '1', '2'],
    ]);
  });

  it('gives the same rows whatever the chunk boundaries', () => {
    const text = 'h1,h2\r\n"a""b",c\r\n"d,e","f\r\ng"\r\n1,2';
    const whole = parseCsv(text);
    for (let size = 1; size <= 5; size++) {
      const rows: string[][] = [];
      const p = new CsvParser((r) => rows.push(r));
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
      p.end();
      expect(rows).toEqual(whole);
    }
    expect(whole).toEqual([
      ['h1', 'h2'],
      ['a"b', 'c'],
      ['d,e', 'f\r\ng'],
      ['1', '2'],
    ]);
  });

  it('reads times as naive local wall-clock time', () => {
    expect(parseLocalTime('2019-01-01T00:01')).toBe(Date.UTC(2019, 0, 1, 0, 1));
    expect(parseLocalTime('2019-01-01 23:59:59')).toBe(Date.UTC(2019, 0, 1, 23, 59, 59));
    expect(parseLocalTime('2019-01-01T08:00:00+08:00')).toBe(Date.UTC(2019, 0, 1, 8)); // the zone is ignored: wall clock as written
    expect(parseLocalTime('01/05/2019 11:00:00 PM')).toBe(Date.UTC(2019, 0, 5, 23));
    expect(parseLocalTime('01/05/2019 12:30:00 AM')).toBe(Date.UTC(2019, 0, 5, 0, 30));
    expect(parseLocalTime('2019/02/03')).toBe(Date.UTC(2019, 1, 3));
    expect(parseLocalTime('2019-02-30')).toBeNaN();
    expect(parseLocalTime('yesterday')).toBeNaN();
    expect(parseDay('2019-12-31')).toBe(Date.UTC(2019, 11, 31));
    expect(parseDay('2019-12-31T00:00')).toBeNaN();
  });

  it('loads points from a gzip file with a category filter and skips rows without coordinates', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hotspot-csv-'));
    const csv = [
      'id,when,"category",lat,lon',
      '1,2019-01-01T10:00,"Burglary",38.6,-90.2',
      '2,2019-01-02T10:00,"Larceny, theft",38.61,-90.21',
      '3,2019-01-03T10:00," burglary ",38.62,-90.22',
      '4,2019-01-04T10:00,Burglary,,',
      '5,not a time,Burglary,38.6,-90.2',
    ].join('\n');
    const file = path.join(dir, 'points.csv.gz');
    writeFileSync(file, gzipSync(csv));
    const result = await loadPoints(file, { timeCol: 'when', latCol: 'lat', lonCol: 'lon', categoryCol: 'category', category: 'Burglary' });
    expect(result.rows).toBe(5);
    expect(result.skipped).toBe(2);
    expect(result.points).toEqual([
      { t: Date.UTC(2019, 0, 1, 10), lat: 38.6, lon: -90.2 },
      { t: Date.UTC(2019, 0, 3, 10), lat: 38.62, lon: -90.22 },
    ]);
    const plain = path.join(dir, 'points.csv');
    writeFileSync(plain, csv);
    const all = await loadPoints(plain, { timeCol: 'when', latCol: 'lat', lonCol: 'lon' });
    expect(all.points).toHaveLength(3);
    await expect(loadPoints(plain, { timeCol: 'time', latCol: 'lat', lonCol: 'lon' })).rejects.toThrow('--time-col: column "time" is not in the header');
  });
});
