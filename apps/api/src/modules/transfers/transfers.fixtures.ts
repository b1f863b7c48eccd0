import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Database } from '../../app/db/database.js';
import type { CaseStage } from '../../app/db/schema.js';

/** The B file of a seeded party: what no document or partner endpoint may ever show. */
export const B_FILE = {
  idNumber: '110101198003076515',
  idMasked: '110***********6515',
  phone: '13912345678',
  household: '甘肃省陇西县菜子镇户籍地',
  relationName: '钱富贵',
  relationNote: '其兄长在外务工',
  educationNote: '已进行反诈宣传教育',
};

export interface BuiltCase {
  id: number;
  caseNo: string;
  jurisdictionId: number;
}

/**
 * A dispute case in 东湖新村社区 (城关派出所) of the demo county, written straight to the tables
 * so these tests do not depend on the case-opening endpoints. The applicant is a person with a
 * full B file (identity number, household, a relation and prevention education); the respondent
 * is a name and claims only.
 */
export async function buildCase(
  deps: { db: Database; identity: IdentityCipher },
  overrides: { stage?: CaseStage; community?: string; officer?: string | null; title?: string } = {},
): Promise<BuiltCase> {
  const { db, identity } = deps;
  const community = await db.selectFrom('jurisdictions').select(['id', 'path']).where('name', '=', overrides.community ?? '东湖新村社区').executeTakeFirstOrThrow();
  const officerName = overrides.officer === undefined ? 'demo-officer' : overrides.officer;
  const officer = officerName ? await db.selectFrom('users').select('id').where('username', '=', officerName).executeTakeFirstOrThrow() : null;
  const address = await db
    .selectFrom('addresses as a')
    .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
    .select(['a.id'])
    .where('j.path', 'like', `${community.path}%`)
    .where('a.level', '=', 'room')
    .orderBy('a.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const tag = crypto.randomBytes(4).toString('hex').toUpperCase();
  const caseNo = `TT-${tag}`;
  const c = await db
    .insertInto('dispute_cases')
    .values({
      case_no: caseNo,
      title: overrides.title ?? `邻里漏水纠纷${tag}`,
      summary: '楼上住户卫生间漏水导致楼下天花板受损，双方就维修费用发生争执。',
      source: 'direct',
      dispute_type: 'neighbour',
      stage: overrides.stage ?? 'mediating',
      officer_user_id: officer?.id ?? null,
      jurisdiction_id: community.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const idNumber = `11010119800307${String(crypto.randomInt(1000, 9999))}`;
  const person = await db
    .insertInto('persons')
    .values({
      name: '赵钱孙',
      category: 'registered',
      id_number_enc: identity.encrypt(idNumber),
      id_number_hash: identity.lookupHash(idNumber),
      id_number_masked: B_FILE.idMasked,
      gender: 'male',
      birth_date: '1980-03-07',
      phone: B_FILE.phone,
      household_place: B_FILE.household,
      current_address_id: address.id,
      jurisdiction_id: community.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('person_relations')
    .values({ person_id: person.id, name: B_FILE.relationName, relation: 'sibling', same_household: true, phone: '13800001111', note: B_FILE.relationNote })
    .execute();
  await db
    .insertInto('prevention_education')
    .values({ person_id: person.id, case_id: c.id, topic: 'anti_fraud', delivered_on: '2026-01-05', delivered_by_name: '民警甲', note: B_FILE.educationNote })
    .execute();
  await db
    .insertInto('case_parties')
    .values([
      {
        case_id: c.id,
        side: 'applicant',
        name: '赵钱孙',
        phone: B_FILE.phone,
        person_id: person.id,
        id_number_enc: identity.encrypt(B_FILE.idNumber),
        id_number_hash: identity.lookupHash(B_FILE.idNumber),
        id_number_masked: B_FILE.idMasked,
        claims: '要求楼上赔偿天花板维修费3000元',
      },
      { case_id: c.id, side: 'respondent', name: '周吴郑', claims: '同意维修，但认为费用过高' },
    ])
    .execute();
  return { id: c.id, caseNo, jurisdictionId: community.id };
}

// ---- reading the generated documents back ----

function utf16be(hex: string): string {
  const buf = Buffer.from(hex, 'hex');
  return buf.swap16().toString('utf16le');
}

function parseCmap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const start = parseInt(m[1]!, 16);
      const end = parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((u, i) => map.set(start + i, utf16be(u[1]!)));
      } else {
        const base = parseInt(m[3]!.slice(1, -1), 16);
        for (let code = start; code <= end; code++) map.set(code, String.fromCharCode(base + code - start));
      }
    }
  }
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), utf16be(m[2]!));
  }
  return map;
}

/**
 * The text of a PDF written by pdfkit with embedded (Identity-H) fonts: inflates the streams,
 * maps each font's glyph codes through its ToUnicode CMap, one line per text-showing operator.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: string | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const s = body.indexOf('stream');
    let stream: string | null = null;
    let dict = body;
    if (s >= 0) {
      dict = body.slice(0, s);
      let data = body.slice(s + 6).replace(/^\r?\n/, '');
      data = data.slice(0, data.lastIndexOf('endstream'));
      const bytes = Buffer.from(data, 'latin1');
      stream = dict.includes('FlateDecode') ? zlib.inflateSync(bytes).toString('latin1') : data;
    }
    objects.set(Number(m[1]), { dict, stream });
  }
  const fontMaps = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const m of dict.matchAll(/\/(F\d+)\s+(\d+)\s+0\s+R/g)) {
      const font = objects.get(Number(m[2]));
      const ref = font?.dict.match(/\/ToUnicode\s+(\d+)\s+0\s+R/);
      const cmap = ref ? objects.get(Number(ref[1]))?.stream : null;
      if (cmap) fontMaps.set(m[1]!, parseCmap(cmap));
    }
  }
  const lines: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream || !/T[Jj]/.test(stream) || stream.includes('begincmap')) continue;
    let current: Map<number, string> | undefined;
    for (const m of stream.matchAll(/\/(F\d+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (m[1]) {
        current = fontMaps.get(m[1]);
        continue;
      }
      const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [m[3]!];
      let line = '';
      for (const hex of hexes) for (let i = 0; i + 4 <= hex.length; i += 4) line += current?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
      lines.push(line);
    }
  }
  return lines.join('\n');
}

/** One file of a zip archive (a DOCX), read with node:zlib. */
export function zipEntry(zip: Buffer, name: string): string | null {
  let eocd = -1;
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entryName = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (entryName === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}

/** The visible text of a DOCX body: the runs of word/document.xml without markup. */
export function docxText(docx: Buffer): string {
  const xml = zipEntry(docx, 'word/document.xml');
  if (xml === null) throw new Error('word/document.xml missing');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join('');
}

export const squash = (s: string) => s.replace(/\s+/g, '');
