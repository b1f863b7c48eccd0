import { idCheckCharacter } from '@fengqiao/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { baseDataFixtures } from './people.fixtures.js';

let t: TestApp;
let f: ReturnType<typeof baseDataFixtures>;
let officer: Session;
let grid: Session;
let otherOfficer: Session;
let admin: Session;
const GRID = '东湖新村社区第1网格';

interface PersonBody {
  id: number;
  idNumberMasked: string | null;
  phone: string | null;
  jurisdictionId: number;
  currentAddressId: number | null;
  addresses: { addressId: number; kind: string; fromDate: string; toDate: string | null }[];
  abilities: { viewIdentity: boolean; edit: boolean };
}

async function register(session: Session, body: Record<string, unknown>) {
  const res = await t.send('POST', '/api/people', session, { category: 'registered', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<PersonBody>();
}

async function auditCount(action: string, entityId: number) {
  const row = await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).where('entity_id', '=', String(entityId)).executeTakeFirstOrThrow();
  return row.n;
}

beforeAll(async () => {
  t = await createTestApp();
  f = baseDataFixtures(t);
  officer = await t.login('demo-officer');
  grid = await t.login('demo-grid');
  otherOfficer = await t.login('dh1-officer');
  admin = await t.login('demo-admin');
});
afterAll(async () => {
  await t.close();
});

describe('registering people', () => {
  it('stores the identity number encrypted and shows only the masked form, auditing the registration without the number', async () => {
    const address = await f.address(GRID);
    const idNumber = f.idNumber('female');
    const person = await register(officer, { name: '韩雪梅', idNumber, phone: '13912345678', addressId: address.id });
    expect(person.idNumberMasked).toBe(`${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`);
    expect(person.currentAddressId).toBe(address.id);
    expect(person.jurisdictionId).toBe(address.jurisdiction_id);
    expect(person.addresses).toEqual([expect.objectContaining({ addressId: address.id, kind: 'residence', toDate: null })]);
    const row = await t.db.selectFrom('persons').select(['id_number_enc', 'id_number_hash', 'gender', 'birth_date']).where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain(idNumber);
    expect(t.identity.decrypt(row.id_number_enc!)).toBe(idNumber);
    expect(row.id_number_hash).toBe(t.identity.lookupHash(idNumber));
    expect(row.gender).toBe('female');
    const events = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'person.created').where('entity_id', '=', String(person.id)).execute();
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.change)).not.toContain(idNumber);
  });

  it('converts a 15-digit number to the 18-character form', async () => {
    const address = await f.address(GRID);
    const person = await register(officer, { name: '老证件', idNumber: '140871450312121', addressId: address.id });
    const expected = `14087119450312121${idCheckCharacter('14087119450312121')}`;
    expect(person.idNumberMasked).toBe(`140***********${expected.slice(-4)}`);
    expect(await wholeNumber(person.id)).toBe(expected);
  });

  it('refuses a number whose check character is wrong, naming the field and the GB 11643 rule', async () => {
    const good = f.idNumber();
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await t.send('POST', '/api/people', officer, { name: '错号', category: 'registered', idNumber: bad, addressId: (await f.address(GRID)).id }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    const field = res.json<{ fields: { path: string; rule: string; message: string }[] }>().fields[0];
    expect(field).toMatchObject({ path: 'idNumber', rule: 'id_checksum' });
    expect(field!.message).toContain('GB 11643');
  });

  it('answers 409 for a number already registered, with the existing id only to an actor who may open that person', async () => {
    const idNumber = f.idNumber();
    const first = await register(officer, { name: '王建国', idNumber, addressId: (await f.address(GRID)).id });
    const again = await t.send('POST', '/api/people', officer, { name: '王建国', category: 'registered', idNumber, addressId: (await f.address(GRID)).id });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'people.duplicate_identity', existingPersonId: first.id });
    const elsewhere = await t.send('POST', '/api/people', otherOfficer, { name: '王建国', category: 'floating', idNumber, addressId: (await f.address('湖滨社区')).id });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json()).toMatchObject({ code: 'people.duplicate_identity', existingPersonId: null });
  });

  it('refuses an address outside the actor’s jurisdiction', async () => {
    const res = await t.send('POST', '/api/people', officer, { name: '越界', category: 'registered', addressId: (await f.address('湖滨社区')).id });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'addressId', rule: 'not_found' });
  });
});

async function wholeNumber(id: number): Promise<string> {
  const res = await t.send('POST', `/api/people/${id}/identity`, officer);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ idNumber: string }>().idNumber;
}

describe('who sees identity numbers', () => {
  let person: PersonBody;
  let idNumber: string;
  beforeAll(async () => {
    idNumber = f.idNumber();
    person = await register(officer, { name: '赵立新', idNumber, phone: '13800138000', addressId: (await f.address(GRID)).id });
  });

  it('gives a grid worker masked numbers and phones in the list, the page and the export, and 403 on the whole number', async () => {
    const list = await t.get(`/api/people?q=${encodeURIComponent('赵立新')}`, grid);
    expect(list.statusCode).toBe(200);
    const item = list.json<{ items: PersonBody[] }>().items.find((p) => p.id === person.id)!;
    expect(item.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(item.phone).toBe('138****8000');
    const page = (await t.get(`/api/people/${person.id}`, grid)).json<PersonBody>();
    expect(page.phone).toBe('138****8000');
    expect(page.abilities.viewIdentity).toBe(false);
    expect(JSON.stringify(page)).not.toContain(idNumber);
    const whole = await t.send('POST', `/api/people/${person.id}/identity`, grid);
    expect(whole.statusCode).toBe(403);
    const exported = await t.get('/api/people/export.xlsx', grid);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const cells = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(cells).toContain(item.idNumberMasked);
    expect(cells).not.toContain(idNumber);
    expect(cells).not.toContain('13800138000');
  });

  it('shows the police officer of the jurisdiction the whole phone, and the whole number only through the audited endpoint', async () => {
    const page = (await t.get(`/api/people/${person.id}`, officer)).json<PersonBody>();
    expect(page.phone).toBe('13800138000');
    expect(page.abilities.viewIdentity).toBe(true);
    expect(JSON.stringify(page)).not.toContain(idNumber);
    expect(await wholeNumber(person.id)).toBe(idNumber);
  });

  it('records every whole view as its own audit event', async () => {
    const before = await auditCount('person.identity_viewed', person.id);
    await wholeNumber(person.id);
    await wholeNumber(person.id);
    expect(await auditCount('person.identity_viewed', person.id)).toBe(before + 2);
    const event = await t.db.selectFrom('audit_events').select(['actor_user_id', 'change']).where('action', '=', 'person.identity_viewed').where('entity_id', '=', String(person.id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event.actor_user_id).toBe(officer.userId);
    expect(JSON.stringify(event.change)).not.toContain(idNumber);
  });

  it('answers 404 to an officer of another station, for the page and for the whole number alike', async () => {
    expect((await t.get(`/api/people/${person.id}`, otherOfficer)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/people/${person.id}/identity`, otherOfficer)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/people/999999999/identity`, otherOfficer)).statusCode).toBe(404);
  });

  it('never gives the system administrator a whole number or phone', async () => {
    const page = (await t.get(`/api/people/${person.id}`, admin)).json<PersonBody>();
    expect(page.phone).toBe('138****8000');
    expect((await t.send('POST', `/api/people/${person.id}/identity`, admin)).statusCode).toBe(403);
  });

  it('finds a person by the exact identity number through the keyed hash, also typed as lower-case x or 15 digits', async () => {
    const res = await t.get(`/api/people?q=${idNumber.toLowerCase()}`, grid);
    expect(res.json<{ items: { id: number }[]; total: number }>()).toMatchObject({ total: 1, items: [{ id: person.id }] });
    const old = await register(officer, { name: '旧证', idNumber: '140871450101103', addressId: (await f.address(GRID)).id });
    const by15 = await t.get('/api/people?q=140871450101103', officer);
    expect(by15.json<{ items: { id: number }[] }>().items.map((p) => p.id)).toEqual([old.id]);
    const outside = await t.get(`/api/people?q=${idNumber}`, otherOfficer);
    expect(outside.json<{ total: number }>().total).toBe(0);
  });
});

describe('changing a person', () => {
  it('records a number for someone registered without one, auditing only its masked form', async () => {
    const person = await register(officer, { name: '无证人员', addressId: (await f.address(GRID)).id });
    expect(person.idNumberMasked).toBeNull();
    const idNumber = f.idNumber();
    const res = await t.send('PATCH', `/api/people/${person.id}`, officer, { idNumber, phone: '13700001111' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PersonBody>().idNumberMasked).toMatch(/\*{11}/);
    const event = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'person.updated').where('entity_id', '=', String(person.id)).executeTakeFirstOrThrow();
    expect(JSON.stringify(event.change)).not.toContain(idNumber);
    expect(event.change).toMatchObject({ phone: { from: null, to: '13700001111' } });
  });

  it('moves a person: the open residence ends, a new one starts, the jurisdiction follows the address', async () => {
    const from = await f.address(GRID);
    const to = await f.address('东湖新村社区第2网格');
    const person = await register(officer, { name: '搬家户', addressId: from.id, fromDate: '2020-05-01' });
    const res = await t.send('POST', `/api/people/${person.id}/addresses`, officer, { addressId: to.id, fromDate: '2024-09-01' });
    expect(res.statusCode, res.body).toBe(200);
    const moved = res.json<PersonBody>();
    expect(moved.currentAddressId).toBe(to.id);
    expect(moved.jurisdictionId).toBe(to.jurisdiction_id);
    expect(moved.addresses).toEqual([
      expect.objectContaining({ addressId: to.id, fromDate: '2024-09-01', toDate: null }),
      expect.objectContaining({ addressId: from.id, fromDate: '2020-05-01', toDate: '2024-09-01' }),
    ]);
    expect(await auditCount('person.address_changed', person.id)).toBe(1);
    // The grid worker of the first grid no longer sees the person.
    expect((await t.get(`/api/people/${person.id}`, grid)).statusCode).toBe(404);
  });

  it('refuses a move dated before the current residence began', async () => {
    const person = await register(officer, { name: '早迁', addressId: (await f.address(GRID)).id, fromDate: '2023-01-01' });
    const res = await t.send('POST', `/api/people/${person.id}/addresses`, officer, { addressId: (await f.address(GRID)).id, fromDate: '2022-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'fromDate', rule: 'before_current_address' });
  });
});

describe('listing and exporting people', () => {
  it('filters by category and address, and keeps every row inside the actor’s scope', async () => {
    const address = await f.address(GRID);
    const p = await register(officer, { name: '流动甲', category: 'floating', addressId: address.id });
    const byAddress = (await t.get(`/api/people?addressId=${address.id}`, officer)).json<{ items: { id: number }[]; total: number }>();
    expect(byAddress).toMatchObject({ total: 1, items: [{ id: p.id }] });
    const floating = (await t.get('/api/people?category=floating&pageSize=200', officer)).json<{ items: { category: string }[] }>();
    expect(floating.items.every((i) => i.category === 'floating')).toBe(true);
    const other = (await t.get(`/api/people?addressId=${address.id}`, otherOfficer)).json<{ total: number }>();
    expect(other.total).toBe(0);
  });

  it('exports the visible people with masked numbers and audits the export', async () => {
    const list = (await t.get('/api/people?pageSize=1', otherOfficer)).json<{ total: number }>();
    const res = await t.get('/api/people/export.xlsx', otherOfficer);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.actualRowCount - 1).toBe(list.total);
    const event = await t.db.selectFrom('audit_events').select(['change', 'actor_user_id']).where('action', '=', 'people.exported').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event.actor_user_id).toBe(otherOfficer.userId);
    expect(event.change).toMatchObject({ rows: list.total });
  });
});
