import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/**
 * A streaming CSV parser (RFC 4180): fields may be quoted with "…", a quote inside a quoted field
 * is written "", quoted fields may hold commas and line breaks; rows end with LF or CRLF; a
 * leading byte-order mark is dropped. Feed text with push(), then call end().
 */
export class CsvParser {
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  /** the previous chunk ended on a quote inside a quoted field: either "" or the closing quote */
  private pendingQuote = false;
  private started = false;
  private sawAny = false;

  constructor(private readonly onRow: (row: string[]) => void) {}

  push(text: string): void {
    let s = text;
    if (!this.started) {
      if (s.length === 0) return;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      this.started = true;
    }
    let i = 0;
    const n = s.length;
    if (this.pendingQuote && n > 0) {
      this.pendingQuote = false;
      if (s[0] === '"') {
        this.field += '"';
        i = 1;
      } else this.inQuotes = false;
    }
    let start = i;
    while (i < n) {
      if (this.inQuotes) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          this.field += s.slice(i);
          return;
        }
        this.field += s.slice(i, q);
        if (q + 1 >= n) {
          this.pendingQuote = true;
          return;
        }
        if (s[q + 1] === '"') {
          this.field += '"';
          i = q + 2;
        } else {
          this.inQuotes = false;
          i = q + 1;
        }
        start = i;
        continue;
      }
      const ch = s.charCodeAt(i);
      if (ch === 44 /* , */) {
        this.field += s.slice(start, i);
        this.row.push(this.field);
        this.field = '';
        this.sawAny = true;
        i++;
        start = i;
      } else if (ch === 10 /* \n */ || ch === 13 /* \r */) {
        this.field += s.slice(start, i);
        if (ch === 13 || this.sawAny || this.field.length > 0 || this.row.length > 0) this.finishRow();
        // a CR is followed by LF in CRLF files; skip it here or at the start of the next chunk
        i++;
        if (ch === 13 && i < n && s.charCodeAt(i) === 10) i++;
        start = i;
      } else if (ch === 34 /* " */ && i === start && this.field.length === 0) {
        this.inQuotes = true;
        this.sawAny = true;
        i++;
        start = i;
      } else i++;
    }
    this.field += s.slice(start, n);
    if (this.field.length > 0) this.sawAny = true;
  }

  end(): void {
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.inQuotes = false;
    }
    if (this.sawAny || this.field.length > 0 || this.row.length > 0) this.finishRow();
  }

  private finishRow(): void {
    this.row.push(this.field);
    this.field = '';
    this.sawAny = false;
    const row = this.row;
    this.row = [];
    // blank lines (a single empty field) are skipped
    if (row.length === 1 && row[0] === '') return;
    this.onRow(row);
  }
}

/** Parses a whole CSV text (for tests and small inputs). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const p = new CsvParser((r) => rows.push(r));
  p.push(text);
  p.end();
  return rows;
}

/** A file as a text stream, gunzipped when it starts with the gzip magic bytes (whatever its name). */
export async function openText(file: string): Promise<Readable> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const s = createReadStream(file, { start: 0, end: 1 });
    const parts: Buffer[] = [];
    s.on('data', (b) => parts.push(b as Buffer));
    s.on('end', () => resolve(Buffer.concat(parts)));
    s.on('error', reject);
  });
  const raw = createReadStream(file);
  const gz = head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
  const stream = gz ? raw.pipe(createGunzip()) : raw;
  if (gz) raw.on('error', (e) => stream.destroy(e));
  stream.setEncoding('utf8');
  return stream;
}

/** Streams the rows of a CSV file (plain or gzip) to onRow; the first row is the header. */
export async function readCsv(file: string, onRow: (row: string[]) => void): Promise<void> {
  const stream = await openText(file);
  const parser = new CsvParser(onRow);
  for await (const chunk of stream) parser.push(chunk as string);
  parser.end();
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const SLASH_YMD = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASH_MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;

/**
 * A date-time as written, on the data's own wall clock: the result is the epoch milliseconds of
 * that wall-clock reading taken as UTC ("naive local"), so every row shares one clock and days
 * start at multiples of 86 400 000. A zone suffix (Z, +08:00) is ignored on purpose: the wall
 * clock as written is the data's local time. Accepted: YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][zone],
 * YYYY/MM/DD [HH:MM[:SS]], MM/DD/YYYY [HH:MM[:SS] [AM|PM]]. Returns NaN when unreadable.
 */
export function parseLocalTime(text: string): number {
  const s = text.trim();
  let y: number, mo: number, d: number, h = 0, mi = 0, se = 0;
  let m = ISO.exec(s) ?? SLASH_YMD.exec(s);
  if (m) {
    y = +m[1]!;
    mo = +m[2]!;
    d = +m[3]!;
    h = m[4] ? +m[4] : 0;
    mi = m[5] ? +m[5] : 0;
    se = m[6] ? +m[6] : 0;
  } else {
    m = SLASH_MDY.exec(s);
    if (!m) return NaN;
    mo = +m[1]!;
    d = +m[2]!;
    y = +m[3]!;
    h = m[4] ? +m[4] : 0;
    mi = m[5] ? +m[5] : 0;
    se = m[6] ? +m[6] : 0;
    const ampm = m[7]?.toUpperCase();
    if (ampm) {
      if (h < 1 || h > 12) return NaN;
      if (ampm === 'AM' && h === 12) h = 0;
      else if (ampm === 'PM' && h !== 12) h += 12;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, se);
  // reject 31 April and the like
  if (new Date(t).getUTCDate() !== d) return NaN;
  return t;
}

/** A day YYYY-MM-DD as naive-local midnight in epoch milliseconds, or NaN. */
export function parseDay(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return NaN;
  return parseLocalTime(text);
}

export interface PointRow {
  t: number;
  lat: number;
  lon: number;
}

export interface LoadOptions {
  timeCol: string;
  latCol: string;
  lonCol: string;
  categoryCol?: string;
  /** kept rows have this category (trimmed, case-insensitive) */
  category?: string;
}

export interface LoadResult {
  points: PointRow[];
  rows: number;
  /** rows of the category with an unreadable time or coordinates (empty, not a number, 0/0, out of range) */
  skipped: number;
}

export class MissingColumnError extends Error {
  constructor(
    readonly flag: string,
    readonly column: string,
    readonly header: string[],
  ) {
    super(`--${flag}: column "${column}" is not in the header (${header.join(', ')})`);
  }
}

/** Reads the points of a CSV export: time, latitude and longitude of each row, optionally one category only. */
export async function loadPoints(file: string, options: LoadOptions): Promise<LoadResult> {
  let header: string[] | null = null;
  let ti = -1, lai = -1, loi = -1, ci = -1;
  const want = options.category?.trim().toLowerCase();
  const points: PointRow[] = [];
  let rows = 0;
  let skipped = 0;
  await readCsv(file, (row) => {
    if (!header) {
      header = row.map((h) => h.trim());
      const find = (flag: string, col: string) => {
        const i = header!.indexOf(col);
        if (i < 0) throw new MissingColumnError(flag, col, header!);
        return i;
      };
      ti = find('time-col', options.timeCol);
      lai = find('lat-col', options.latCol);
      loi = find('lon-col', options.lonCol);
      if (options.categoryCol !== undefined) ci = find('category-col', options.categoryCol);
      return;
    }
    rows++;
    if (ci >= 0 && want !== undefined && (row[ci] ?? '').trim().toLowerCase() !== want) return;
    const t = parseLocalTime(row[ti] ?? '');
    const lat = Number((row[lai] ?? '').trim() || NaN);
    const lon = Number((row[loi] ?? '').trim() || NaN);
    if (!Number.isFinite(t) || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) {
      skipped++;
      return;
    }
    points.push({ t, lat, lon });
  });
  return { points, rows, skipped };
}
