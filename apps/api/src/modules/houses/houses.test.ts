import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { baseDataFixtures } from '../people/people.fixtures.js';

let t: TestApp;
let f: ReturnType<typeof baseDataFixtures>;
let officer: Session;
let grid: Session;
let otherOfficer: Session;
const GRID = '东湖新村社区第1网格';

interface HouseBody {
  id: number;
  addressId: number;
  use: string;
  occupantCount: number;
  isRental: boolean;
  ownerName: string | null;
  addressChain: { id: number; name: string }[];
  owner: { id: number; idNumberMasked: string | null; phone: string | null } | null;
  occupants: { id: number; idNumberMasked: string | null; phone: string | null }[];
  rental: { landlordName: string; agreement: { expiresOn: string } | null } | null;
  tenancies: { personId: number; checkOut: string | null; verified: boolean }[];
}

async function person(session: Session, addressId: number, name: string, phone = '13655556666') {
  const res = await t.send('POST', '/api/people', session, { name, category: 'registered', idNumber: f.idNumber(), phone, addressId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>();
}

beforeAll(async () => {
  t = await createTestApp();
  f = baseDataFixtures(t);
  officer = await t.login('demo-officer');
  grid = await t.login('demo-grid');
  otherOfficer = await t.login('dh1-officer');
});
afterAll(async () => {
  await t.close();
});

describe('houses (实有房屋)', () => {
  it('registers a house at an address once, and answers 409 for a second house at the same address', async () => {
    const address = await f.address(GRID);
    const res = await t.send('POST', '/api/houses', officer, { addressId: address.id, use: 'own', areaM2: 86.5 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ addressId: address.id, use: 'own', areaM2: 86.5, jurisdictionId: address.jurisdiction_id });
    const again = await t.send('POST', '/api/houses', officer, { addressId: address.id, use: 'vacant' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('houses.address_taken');
    const events = await t.db.selectFrom('audit_events').select('id').where('action', '=', 'house.created').where('entity_id', '=', String(res.json<{ id: number }>().id)).execute();
    expect(events).toHaveLength(1);
  });

  it('shows the address chain, the masked owner and occupants, and counts the occupants in the list', async () => {
    const address = await f.address(GRID);
    const owner = await person(officer, address.id, '钱德成');
    await person(officer, address.id, '钱晓东');
    const created = (await t.send('POST', '/api/houses', officer, { addressId: address.id, use: 'own', ownerPersonId: owner.id })).json<HouseBody>();
    const page = (await t.get(`/api/houses/${created.id}`, grid)).json<HouseBody>();
    expect(page.addressChain.at(-1)).toMatchObject({ id: address.id });
    expect(page.owner).toMatchObject({ id: owner.id, phone: '136****6666' });
    expect(page.owner!.idNumberMasked).toMatch(/^\d{3}\*{11}/);
    expect(page.occupants).toHaveLength(2);
    expect(page.occupants.every((o) => o.phone === '136****6666' && /\*{11}/.test(o.idNumberMasked ?? ''))).toBe(true);
    const list = (await t.get(`/api/houses?addressId=${address.id}`, officer)).json<{ items: HouseBody[] }>();
    expect(list.items).toEqual([expect.objectContaining({ id: created.id, occupantCount: 2, ownerName: '钱德成', isRental: false })]);
  });

  it('shows rental information and tenancies when the house is let', async () => {
    const address = await f.address(GRID);
    const landlord = await person(officer, (await f.address(GRID)).id, '孙房东');
    const tenant = await person(officer, address.id, '李租客');
    const house = (await t.send('POST', '/api/houses', officer, { addressId: address.id, use: 'rental', ownerPersonId: landlord.id, occupantLimit: 3 })).json<HouseBody>();
    const j = await f.jurisdiction(GRID);
    const rh = await t.db.insertInto('rental_houses').values({ house_id: house.id, landlord_person_id: landlord.id, jurisdiction_id: j.id, occupant_limit: 3, registered_on: '2024-01-10' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('responsibility_agreements').values({ rental_house_id: rh.id, signed_on: '2024-01-10', expires_on: '2025-01-09' }).execute();
    await t.db.insertInto('tenancies').values({ rental_house_id: rh.id, person_id: tenant.id, check_in: '2024-02-01', reported_via: 'officer' }).execute();
    const page = (await t.get(`/api/houses/${house.id}`, officer)).json<HouseBody>();
    expect(page.isRental).toBe(true);
    expect(page.rental).toMatchObject({ landlordName: '孙房东', agreement: { expiresOn: '2025-01-09' } });
    expect(page.tenancies).toEqual([expect.objectContaining({ personId: tenant.id, checkOut: null, verified: false })]);
    const rentals = (await t.get('/api/houses?rental=true&pageSize=200', officer)).json<{ items: HouseBody[] }>();
    expect(rentals.items.map((h) => h.id)).toContain(house.id);
    expect(rentals.items.every((h) => h.isRental)).toBe(true);
    const tenantPage = (await t.get(`/api/people/${tenant.id}`, officer)).json<{ tenancies: { houseId: number; landlordName: string }[]; currentHouseId: number | null }>();
    expect(tenantPage.tenancies).toEqual([expect.objectContaining({ houseId: house.id, landlordName: '孙房东' })]);
    expect(tenantPage.currentHouseId).toBe(house.id);
  });

  it('updates a house with an audit of what changed, and answers 404 to another station', async () => {
    const address = await f.address(GRID);
    const house = (await t.send('POST', '/api/houses', officer, { addressId: address.id, use: 'own' })).json<HouseBody>();
    const res = await t.send('PATCH', `/api/houses/${house.id}`, officer, { use: 'vacant', notes: '常年无人' });
    expect(res.statusCode, res.body).toBe(200);
    const event = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'house.updated').where('entity_id', '=', String(house.id)).executeTakeFirstOrThrow();
    expect(event.change).toMatchObject({ use: { from: 'own', to: 'vacant' } });
    expect((await t.get(`/api/houses/${house.id}`, otherOfficer)).statusCode).toBe(404);
    expect((await t.send('PATCH', `/api/houses/${house.id}`, otherOfficer, { use: 'own' })).statusCode).toBe(404);
  });

  it('refuses an owner the actor cannot open', async () => {
    const outsider = await person(otherOfficer, (await f.address('湖滨社区')).id, '外所人员');
    const res = await t.send('POST', '/api/houses', officer, { addressId: (await f.address(GRID)).id, use: 'own', ownerPersonId: outsider.id });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('ownerPersonId');
  });

  it('exports the visible houses and audits the export', async () => {
    const total = (await t.get('/api/houses?pageSize=1', grid)).json<{ total: number }>().total;
    const res = await t.get('/api/houses/export.xlsx', grid);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.actualRowCount - 1).toBe(total);
    const event = await t.db.selectFrom('audit_events').select(['change', 'actor_user_id']).where('action', '=', 'houses.exported').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_user_id: grid.userId, change: { rows: total } });
  });
});
