import ExcelJS from 'exceljs';
import { errors } from '../../app/errors.js';
import type { Column } from './imports.layouts.js';

export interface ParsedSheet {
  /** Row number as the user sees it in the spreadsheet (header is row 1). */
  rows: { rowNumber: number; data: Record<string, string> }[];
  unknownHeaders: string[];
}

/** Excel saves CSV in the machine's code page, which in China is GB18030/GBK, not UTF-8. */
function decodeCsv(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates carry no zone; exceljs reads them as UTC midnight.
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result);
    return '';
  }
  return String(value);
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  // The whole-workbook reader: exceljs' streaming reader splits multi-byte characters of inline
  // strings at chunk boundaries, which garbles Chinese text.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const out: string[] = [];
    for (let c = 1; c < values.length; c++) out.push(cellText(values[c]));
    rows[rowNumber - 1] = out;
  });
  return Array.from(rows, (r) => r ?? []);
}

function normaliseHeader(h: string): string {
  return h.replace(/[\s*＊（）()：:]/g, '').replace(/（.*?）|\(.*?\)/g, '');
}

/** Reads the first sheet of an .xlsx or a .csv and maps its headers onto the layout's columns. */
export async function parseSheet(data: Buffer, fileName: string, columns: Column[]): Promise<ParsedSheet> {
  const isXlsx = data.subarray(0, 2).toString('latin1') === 'PK';
  let table: string[][];
  try {
    table = isXlsx ? await readXlsx(data) : parseCsv(decodeCsv(data));
  } catch {
    throw errors.field('file', 'unreadable', { zh: '无法读取文件：请上传 Excel (.xlsx) 或 CSV 文件', en: 'cannot read the file: upload an Excel (.xlsx) or CSV file' });
  }
  if (!isXlsx && /\.xlsx?$/i.test(fileName)) {
    throw errors.field('file', 'unreadable', { zh: '文件扩展名为 Excel，但内容不是 .xlsx（旧版 .xls 请另存为 .xlsx）', en: 'named as Excel but not an .xlsx (save old .xls files as .xlsx)' });
  }
  const headerIndex = table.findIndex((r) => r.some((c) => c.trim()));
  if (headerIndex < 0) throw errors.field('file', 'empty', { zh: '文件中没有数据', en: 'the file holds no data' });
  const header = table[headerIndex]!.map((h) => normaliseHeader(h));
  const positions = new Map<string, number>();
  const unknownHeaders: string[] = [];
  header.forEach((h, i) => {
    if (!h) return;
    const col = columns.find((c) => normaliseHeader(c.header) === h || c.aliases?.some((a) => normaliseHeader(a) === h));
    if (col && !positions.has(col.key)) positions.set(col.key, i);
    else unknownHeaders.push(table[headerIndex]![i]!);
  });
  const missing = columns.filter((c) => c.required && !positions.has(c.key));
  if (missing.length) {
    throw errors.field('file', 'missing_columns', {
      zh: `缺少必需的列：${missing.map((c) => c.header).join('、')}（可下载模板对照）`,
      en: `missing required columns: ${missing.map((c) => c.header).join(', ')} (compare with the template)`,
    });
  }
  const rows: ParsedSheet['rows'] = [];
  for (let r = headerIndex + 1; r < table.length; r++) {
    const cells = table[r] ?? [];
    if (!cells.some((c) => c.trim())) continue;
    const data: Record<string, string> = {};
    for (const [key, i] of positions) data[key] = (cells[i] ?? '').trim();
    rows.push({ rowNumber: r + 1, data });
  }
  return { rows, unknownHeaders };
}
