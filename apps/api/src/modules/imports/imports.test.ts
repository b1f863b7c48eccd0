import { idCheckCharacter } from '@fengqiao/shared';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let t: TestApp;
let officer: Session;
let community: { id: number };

/** A valid identity number for a sequence, born 1985. */
function idFor(seq: number): string {
  const first17 = `140871198503${String((seq % 28) + 1).padStart(2, '0')}${String(100 + seq).slice(-3)}`;
  return first17 + idCheckCharacter(first17);
}

async function xlsx(headers: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(kind: string, fileName: string, data: Buffer) {
  const boundary = '----fengqiao-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(session: Session, kind: string, fileName: string, data: Buffer) {
  const { payload, headers } = multipart(kind, fileName, data);
  return t.app.inject({ method: 'POST', url: '/api/imports', payload, headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
}

const PEOPLE_HEADERS = ['姓名', '公民身份号码', '人员类别', '联系电话', '现住址'];

beforeAll(async () => {
  t = await createTestApp();
  officer = await t.login('demo-officer');
  community = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '东湖新村社区').executeTakeFirstOrThrow();
  // A small standard-address branch of our own: 测试苑 1号楼 1单元 101–104室.
  let parent: number | null = null;
  let path = '/';
  let full = '';
  for (const [level, name] of [['community', '东湖新村社区'], ['compound', '测试苑'], ['building', '1号楼'], ['unit', '1单元']] as const) {
    full += name;
    const row: { id: number } = await t.db.insertInto('addresses').values({ parent_id: parent, level, name, full_name: full, path: `${path}x/`, jurisdiction_id: community.id }).returning('id').executeTakeFirstOrThrow();
    path = `${path}${row.id}/`;
    await t.db.updateTable('addresses').set({ path }).where('id', '=', row.id).execute();
    parent = row.id;
  }
  for (const room of ['101室', '102室', '103室', '104室']) {
    const row = await t.db.insertInto('addresses').values({ parent_id: parent, level: 'room', name: room, full_name: `${full}${room}`, path: `${path}r${room}/`, jurisdiction_id: community.id }).returning('id').executeTakeFirstOrThrow();
    await t.db.updateTable('addresses').set({ path: `${path}${row.id}/` }).where('id', '=', row.id).execute();
  }
});
afterAll(async () => {
  await t.close();
});

describe('importing a population register', () => {
  it('previews every row, naming row, column and rule of each error, and writes nothing yet', async () => {
    const before = await t.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bad = `${idFor(1).slice(0, 17)}${idFor(1)[17] === '0' ? '1' : '0'}`;
    const file = await xlsx(PEOPLE_HEADERS, [
      ['张建国', idFor(1), '户籍', '13800000001', '测试苑1号楼1单元101室'],
      ['李秀英', bad, '流动', '13800000002', '测试苑1号楼1单元102室'],
      ['王伟', idFor(3), '承租', '13800000003', '东湖新村社区测试苑1号楼1单元103'],
    ]);
    const res = await upload(officer, 'people', '人口.xlsx', file);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ import: { id: number; totalRows: number; errorRows: number }; errors: { row: number; header: string; rule: string }[] }>();
    expect(body.import).toMatchObject({ totalRows: 3, errorRows: 1 });
    expect(body.errors).toEqual([expect.objectContaining({ row: 3, header: '公民身份号码', rule: 'id_checksum' })]);
    const after = await t.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    const refused = await t.send('POST', `/api/imports/${body.import.id}/commit`, officer);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe('imports.has_errors');

    const fixed = await t.send('PATCH', `/api/imports/${body.import.id}/rows/3`, officer, { data: { idNumber: idFor(2) } });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json<{ errors: unknown[] }>().errors).toEqual([]);

    const committed = await t.send('POST', `/api/imports/${body.import.id}/commit`, officer);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ rows: 3, created: 3 });
    const people = await t.db.selectFrom('persons').select(['name', 'id_number_enc', 'id_number_masked', 'category', 'current_address_id']).where('name', 'in', ['张建国', '李秀英', '王伟']).where('created_by', '=', officer.userId).orderBy('name').execute();
    expect(people).toHaveLength(3);
    const li = people.find((p) => p.name === '李秀英')!;
    expect(t.identity.decrypt(li.id_number_enc!)).toBe(idFor(2));
    expect(li.id_number_masked).toBe(`${idFor(2).slice(0, 3)}***********${idFor(2).slice(-4)}`);
    expect(li.category).toBe('floating');
    const history = await t.db.selectFrom('person_addresses').select('address_id').where('address_id', '=', li.current_address_id!).execute();
    expect(history.length).toBeGreaterThan(0);
  });

  it('flags the same identity number twice in one file', async () => {
    const file = await xlsx(PEOPLE_HEADERS, [
      ['赵一', idFor(10), '户籍', '', '测试苑1号楼1单元104室'],
      ['赵二', idFor(10), '户籍', '', '测试苑1号楼1单元104室'],
    ]);
    const body = (await upload(officer, 'people', 'dup.xlsx', file)).json<{ errors: { row: number; rule: string }[] }>();
    expect(body.errors).toEqual([expect.objectContaining({ row: 3, rule: 'duplicate_in_file' })]);
  });

  it('refuses an address outside the standard addresses of the jurisdiction', async () => {
    const file = await xlsx(PEOPLE_HEADERS, [['钱三', idFor(11), '户籍', '', '火星基地1号']]);
    const body = (await upload(officer, 'people', 'x.xlsx', file)).json<{ errors: { header: string; rule: string }[] }>();
    expect(body.errors).toEqual([expect.objectContaining({ header: '现住址', rule: 'address_unmatched' })]);
  });

  it('reads a CSV saved by Excel in GB18030, the Chinese code page', async () => {
    const text = `${PEOPLE_HEADERS.join(',')}\r\n孙四,${idFor(12)},户籍,13900000004,测试苑1号楼1单元104室\r\n`;
    // GB18030 bytes for the text (Node has no encoder, so build them with a TextDecoder round trip table).
    const gb = encodeGb18030(text);
    const res = await upload(officer, 'people', '人口.csv', gb);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ import: { totalRows: number; errorRows: number } }>().import).toMatchObject({ totalRows: 1, errorRows: 0 });
  });

  it('keeps Chinese text intact in a large sheet written with inline strings', async () => {
    // exceljs' streaming reader once garbled characters split across chunks; this guards the reader in use.
    const rows = Array.from({ length: 3000 }, (_, i) => [`测试居民${i}`, idFor(1000 + i), '户籍', '', '测试苑1号楼1单元101室']);
    const out = new (await import('node:stream')).PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const ws = writer.addWorksheet('s');
    ws.addRow(PEOPLE_HEADERS).commit();
    for (const r of rows) ws.addRow(r).commit();
    await writer.commit();
    const res = await upload(officer, 'people', 'big.xlsx', Buffer.concat(chunks));
    const body = res.json<{ import: { id: number; errorRows: number } }>();
    expect(body.import.errorRows).toBe(0);
    const sample = await t.get(`/api/imports/${body.import.id}/rows?pageSize=500`, officer);
    const names = sample.json<{ items: { data: Record<string, string> }[] }>().items.map((r) => r.data.name);
    expect(names.every((n) => /^测试居民\d+$/.test(n!))).toBe(true);
  });

  it('takes a confidently matched messy address as the standard one and names the nearest for a vague one', async () => {
    const file = await xlsx(PEOPLE_HEADERS, [
      ['模糊甲', idFor(60), '户籍', '', '东湖新村3栋2单元502'],
      ['模糊乙', idFor(61), '户籍', '', '东湖新材小区'],
    ]);
    const body = (await upload(officer, 'people', 'messy.xlsx', file)).json<{ import: { id: number }; errors: { row: number; rule: string; message: string }[] }>();
    expect(body.errors.map((e) => e.row)).toEqual([3]);
    expect(body.errors[0]!.message).toContain('最接近');
    const rows = (await t.get(`/api/imports/${body.import.id}/rows`, officer)).json<{ items: { row: number; data: Record<string, string> }[] }>().items;
    expect(rows.find((r) => r.row === 2)!.data.address).toMatch(/东湖新村小区3号楼2单元502室$/);
  });

  it('names the missing required columns of a sheet in the wrong layout', async () => {
    const res = await upload(officer, 'people', 'wrong.xlsx', await xlsx(['名字', '电话'], [['a', 'b']]));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string; rule: string; message: string }[] }>().fields[0]).toMatchObject({ path: 'file', rule: 'missing_columns' });
    expect(res.json<{ fields: { message: string }[] }>().fields[0]!.message).toContain('姓名');
  });

  it('writes nothing when the commit fails part-way', async () => {
    const file = await xlsx(PEOPLE_HEADERS, [
      ['周五', idFor(20), '户籍', '', '测试苑1号楼1单元101室'],
      ['触发失败', idFor(21), '户籍', '', '测试苑1号楼1单元102室'],
    ]);
    const { import: imp } = (await upload(officer, 'people', 'fail.xlsx', file)).json<{ import: { id: number } }>();
    await sql`alter table persons add constraint test_refuse_name check (name <> '触发失败')`.execute(t.db);
    try {
      const before = await t.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const res = await t.send('POST', `/api/imports/${imp.id}/commit`, officer);
      expect(res.statusCode).toBe(500);
      const after = await t.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
      expect(await t.db.selectFrom('persons').select('id').where('name', '=', '周五').executeTakeFirst()).toBeUndefined();
      const status = await t.db.selectFrom('imports').select('status').where('id', '=', imp.id).executeTakeFirstOrThrow();
      expect(status.status).toBe('previewed');
    } finally {
      await sql`alter table persons drop constraint test_refuse_name`.execute(t.db);
    }
  });
});

describe('importing a rental register', () => {
  it('creates the rental house, its landlord and the tenant with a tenancy to verify', async () => {
    const file = await xlsx(['出租房屋地址', '房东姓名', '房东身份证号', '房东电话', '限住人数', '承租人姓名', '承租人身份证号', '承租人电话', '入住日期'], [
      ['测试苑1号楼1单元104室', '吴房东', idFor(30), '13700000001', '3', '郑租客', idFor(31), '13700000002', '2025-03-01'],
    ]);
    const { import: imp } = (await upload(officer, 'rentals', '出租房屋.xlsx', file)).json<{ import: { id: number; errorRows: number } }>();
    expect(imp.errorRows).toBe(0);
    const res = await t.send('POST', `/api/imports/${imp.id}/commit`, officer);
    expect(res.json()).toMatchObject({ rows: 1, created: 1, tenancies: 1 });
    const tenancy = await t.db
      .selectFrom('tenancies as t')
      .innerJoin('persons as p', 'p.id', 't.person_id')
      .select(['p.name', 't.check_in', 't.verified_at', 't.reported_via'])
      .where('p.name', '=', '郑租客')
      .executeTakeFirstOrThrow();
    expect(tenancy).toMatchObject({ check_in: '2025-03-01', verified_at: null, reported_via: 'import' });
  });
});

describe('importing tenants of registered rental houses', () => {
  it('needs no landlord columns for a house already registered as a rental, but does for a new one', async () => {
    const headers = ['出租房屋地址', '房东姓名', '房东身份证号', '承租人姓名', '承租人身份证号', '入住日期'];
    const file = await xlsx(headers, [
      ['测试苑1号楼1单元104室', '', '', '钱租客', idFor(50), '2025-06-01'],
      ['测试苑1号楼1单元103室', '', '', '孙租客', idFor(51), '2025-06-01'],
    ]);
    const body = (await upload(officer, 'rentals', 'tenants.xlsx', file)).json<{ import: { id: number }; errors: { row: number; column: string; rule: string }[] }>();
    // Row 2's house became a rental in the previous test; row 3's never was.
    expect(body.errors.map((e) => [e.row, e.column, e.rule])).toEqual([
      [3, 'landlordName', 'required'],
      [3, 'landlordIdNumber', 'required'],
    ]);
    expect((await t.send('PATCH', `/api/imports/${body.import.id}/rows/3`, officer, { data: { address: '测试苑1号楼1单元104室' } })).json<{ errors: unknown[] }>().errors).toEqual([]);
    const res = await t.send('POST', `/api/imports/${body.import.id}/commit`, officer);
    expect(res.json()).toMatchObject({ rows: 2, created: 0, updated: 2, tenancies: 2 });
    const landlord = await t.db
      .selectFrom('rental_houses as r')
      .innerJoin('persons as p', 'p.id', 'r.landlord_person_id')
      .innerJoin('houses as h', 'h.id', 'r.house_id')
      .innerJoin('addresses as a', 'a.id', 'h.address_id')
      .select('p.name')
      .where('a.name', '=', '104室')
      .where('a.full_name', 'like', '%测试苑%')
      .executeTakeFirstOrThrow();
    expect(landlord.name).toBe('吴房东');
  });
});

describe('who may import', () => {
  it('keeps an import to the unit that made it and refuses roles without imports.run', async () => {
    const { import: imp } = (await upload(officer, 'people', 'p.xlsx', await xlsx(PEOPLE_HEADERS, [['冯六', idFor(40), '户籍', '', '测试苑1号楼1单元101室']]))).json<{ import: { id: number } }>();
    const other = await t.login('dh1-officer');
    expect((await t.get(`/api/imports/${imp.id}`, other)).statusCode).toBe(404);
    const volunteer = await t.login('demo-volunteer');
    expect((await upload(volunteer, 'people', 'p.xlsx', await xlsx(PEOPLE_HEADERS, []))).statusCode).toBe(403);
    expect((await t.get('/api/imports/templates/rentals', volunteer)).statusCode).toBe(403);
  });

  it('offers each layout as a template with its headers', async () => {
    const res = await t.get('/api/imports/templates/rentals', officer);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual(expect.arrayContaining(['出租房屋地址*', '房东身份证号', '承租人姓名', '入住日期']));
  });
});

/** Encodes text as GB18030 by looking each character up through the decoder (test helper only). */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(bytes);
}
