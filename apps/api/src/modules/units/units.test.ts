import { creditCodeCheckCharacter } from '@fengqiao/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { baseDataFixtures } from '../people/people.fixtures.js';

let t: TestApp;
let f: ReturnType<typeof baseDataFixtures>;
let officer: Session;
let otherOfficer: Session;
const GRID = '东湖新村社区第2网格';
// A code from GB 32100's published shape: 91 (enterprise) + area + organisation code + check character.
const FIRST17 = '91140871MA0K3T8Q2';
const VALID = FIRST17 + creditCodeCheckCharacter(FIRST17)!;
const WRONG = FIRST17 + (VALID.endsWith('1') ? '2' : '1');

interface UnitBody {
  id: number;
  creditCode: string | null;
  creditCodeOk: boolean | null;
  warnings: { field: string; rule: string; message: string }[];
  archivedAt: string | null;
}

beforeAll(async () => {
  t = await createTestApp();
  f = baseDataFixtures(t);
  officer = await t.login('demo-officer');
  otherOfficer = await t.login('dh1-officer');
});
afterAll(async () => {
  await t.close();
});

describe('units (实有单位) and their credit codes', () => {
  it('stores a valid code without warnings', async () => {
    const res = await t.send('POST', '/api/units', officer, { name: '枫源县东湖超市有限公司', kind: 'shop', creditCode: VALID.toLowerCase(), addressId: (await f.address(GRID)).id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<UnitBody>()).toMatchObject({ creditCode: VALID, creditCodeOk: true, warnings: [] });
  });

  it('keeps a code whose check character fails, with a warning in the request’s language', async () => {
    const res = await t.send('POST', '/api/units', officer, { name: '老执照商店', kind: 'shop', creditCode: WRONG, addressId: (await f.address(GRID)).id }, { 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<UnitBody>();
    expect(body).toMatchObject({ creditCode: WRONG, creditCodeOk: false });
    expect(body.warnings).toEqual([{ field: 'creditCode', rule: 'credit_code_checksum', message: expect.stringContaining('GB 32100') as string }]);
    expect(body.warnings[0]!.message).toMatch(/check character/);
    const zh = (await t.get(`/api/units/${body.id}`, officer)).json<UnitBody>();
    expect(zh.warnings[0]!.message).toContain('校验位');
    const flagged = (await t.get('/api/units?creditWarning=true&pageSize=200', officer)).json<{ items: UnitBody[] }>();
    expect(flagged.items.map((u) => u.id)).toContain(body.id);
    expect(flagged.items.every((u) => u.creditCodeOk === false)).toBe(true);
  });

  it('refuses a malformed code, naming creditCode', async () => {
    for (const code of ['91140871MA0K3T8Q', '91140871MA0K3T8QIO']) {
      const res = await t.send('POST', '/api/units', officer, { name: '格式错误', kind: 'enterprise', creditCode: code, addressId: (await f.address(GRID)).id });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'creditCode', rule: 'credit_code_format' });
    }
  });

  it('a correction of the code clears the warning, and the change is audited', async () => {
    const created = (await t.send('POST', '/api/units', officer, { name: '待更正单位', kind: 'enterprise', creditCode: WRONG, addressId: (await f.address(GRID)).id })).json<UnitBody>();
    const res = await t.send('PATCH', `/api/units/${created.id}`, officer, { creditCode: VALID, employees: 12 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<UnitBody>()).toMatchObject({ creditCodeOk: true, warnings: [] });
    const event = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'unit.updated').where('entity_id', '=', String(created.id)).executeTakeFirstOrThrow();
    expect(event.change).toMatchObject({ creditCode: { from: WRONG, to: VALID }, employees: { from: null, to: 12 } });
  });

  it('archives a unit: it leaves the list, stays readable, and the archive is audited', async () => {
    const created = (await t.send('POST', '/api/units', officer, { name: '已歇业网吧', kind: 'venue', keyPlace: true, addressId: (await f.address(GRID)).id })).json<UnitBody>();
    expect((await t.send('DELETE', `/api/units/${created.id}`, otherOfficer)).statusCode).toBe(404);
    expect((await t.send('DELETE', `/api/units/${created.id}`, officer)).statusCode).toBe(204);
    const list = (await t.get(`/api/units?q=${encodeURIComponent('已歇业网吧')}`, officer)).json<{ items: UnitBody[] }>();
    expect(list.items).toEqual([]);
    expect((await t.get(`/api/units/${created.id}`, officer)).json<UnitBody>().archivedAt).not.toBeNull();
    const events = await t.db.selectFrom('audit_events').select('id').where('action', '=', 'unit.archived').where('entity_id', '=', String(created.id)).execute();
    expect(events).toHaveLength(1);
  });

  it('filters key places and exports only the visible units, audited', async () => {
    await t.send('POST', '/api/units', officer, { name: '东湖卫生院', kind: 'key_place', addressId: (await f.address(GRID)).id });
    const keyPlaces = (await t.get('/api/units?keyPlace=true&pageSize=200', officer)).json<{ items: { keyPlace: boolean; name: string }[] }>();
    expect(keyPlaces.items.length).toBeGreaterThan(0);
    expect(keyPlaces.items.every((u) => u.keyPlace)).toBe(true);
    const total = (await t.get('/api/units?pageSize=1', otherOfficer)).json<{ total: number }>().total;
    const res = await t.get('/api/units/export.xlsx', otherOfficer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.actualRowCount - 1).toBe(total);
    expect(JSON.stringify(wb.worksheets[0]!.getSheetValues())).not.toContain('东湖卫生院');
    const event = await t.db.selectFrom('audit_events').select(['actor_user_id', 'change']).where('action', '=', 'units.exported').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_user_id: otherOfficer.userId, change: { rows: total } });
  });
});
