import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { rentalFixtures, WHOLE_ID } from './rentals.fixtures.js';
import type { RentalFlag } from './rentals.rules.js';

let t: TestApp;
let fx: ReturnType<typeof rentalFixtures>;
let officer: Session;
let chief: Session;
let grid: Session;
let otherOfficer: Session;

interface Detail {
  id: number;
  flags: RentalFlag[];
  currentTenants: number;
  landlord: { name: string; idNumberMasked: string | null; phone?: string | null };
  abilities: Record<string, boolean>;
}

beforeAll(async () => {
  t = await createTestApp();
  fx = rentalFixtures(t);
  officer = await t.login('demo-officer');
  chief = await t.login('demo-chief');
  grid = await t.login('demo-grid');
  otherOfficer = await t.login('dh1-officer');
});
afterAll(async () => {
  await t.close();
});

const flagsOf = async (id: number, s: Session = officer) => (await t.get(`/api/rentals/${id}`, s)).json<Detail>().flags;

describe('registering a rental house', () => {
  it('registers a house with a new landlord, marks the house let, masks the identity number and audits it', async () => {
    const house = await fx.house();
    const idNumber = fx.idNumber();
    const landlordUser = await fx.userId('demo-landlord');
    const res = await t.send('POST', '/api/rentals', officer, { houseId: house.id, landlord: { name: '钱房东', idNumber, phone: '13912345678' }, landlordUserId: landlordUser, occupantLimit: 3 });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toMatch(WHOLE_ID);
    const body = res.json<Detail & { occupantLimit: number; landlordUserId: number }>();
    expect(body).toMatchObject({ occupantLimit: 3, landlordUserId: landlordUser, flags: ['agreement_missing'], landlord: { name: '钱房东', idNumberMasked: `${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}` } });
    expect((await t.db.selectFrom('houses').select('use').where('id', '=', house.id).executeTakeFirstOrThrow()).use).toBe('rental');
    const person = await t.db.selectFrom('persons').select(['category', 'id_number_enc']).where('name', '=', '钱房东').executeTakeFirstOrThrow();
    expect(person.id_number_enc).not.toContain(idNumber);
    expect(await fx.auditCount('rental.registered', body.id)).toBe(1);
  });

  it('lets the owner be the landlord when none is named', async () => {
    const owner = await fx.person({ category: 'registered', name: '孙业主' });
    const house = await fx.house({ ownerPersonId: owner.id });
    const res = await t.send('POST', '/api/rentals', officer, { houseId: house.id });
    expect(res.statusCode).toBe(201);
    expect(res.json<Detail>().landlord.name).toBe('孙业主');
  });

  it('refuses a house registered twice, a house outside the jurisdiction, and an account that is not a landlord', async () => {
    const rental = await fx.rental();
    const twice = await t.send('POST', '/api/rentals', officer, { houseId: rental.house.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ code: string }>().code).toBe('rentals.already_registered');

    const far = await fx.house({ jurisdiction: '湖滨社区' });
    const outside = await t.send('POST', '/api/rentals', officer, { houseId: far.id, landlord: { name: '李', idNumber: fx.idNumber() } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'houseId', rule: 'not_found' });

    const house = await fx.house();
    const notLandlord = await t.send('POST', '/api/rentals', officer, { houseId: house.id, landlord: { name: '李', idNumber: fx.idNumber() }, landlordUserId: await fx.userId('demo-grid') });
    expect(notLandlord.statusCode).toBe(400);
    expect(notLandlord.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('landlordUserId');

    const badId = await t.send('POST', '/api/rentals', officer, { houseId: house.id, landlord: { name: '李', idNumber: '110105194912310021' } });
    expect(badId.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'landlord.idNumber', rule: 'id_checksum' });
  });

  it('changes the occupant limit and refuses withdrawing a house people still live in', async () => {
    const rental = await fx.rental({ occupantLimit: 1 });
    await fx.tenancy(rental.id, { checkIn: fx.daysAgo(30), verified: true });
    await fx.tenancy(rental.id, { checkIn: fx.daysAgo(20), verified: true });
    expect(await flagsOf(rental.id)).toContain('over_limit');
    const patched = await t.send('PATCH', `/api/rentals/${rental.id}`, officer, { occupantLimit: 2 });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<Detail>().flags).not.toContain('over_limit');
    const withdraw = await t.send('PATCH', `/api/rentals/${rental.id}`, officer, { status: 'withdrawn' });
    expect(withdraw.statusCode).toBe(409);
    expect(withdraw.json<{ code: string }>().code).toBe('rentals.has_tenants');
    expect(await fx.auditCount('rental.updated', rental.id)).toBe(1);
  });

  it('answers 404 for a rental house of another jurisdiction, exactly as for a missing one', async () => {
    const far = await fx.rental({ jurisdiction: '湖滨社区' });
    for (const id of [far.id, 99_999_999]) {
      const res = await t.get(`/api/rentals/${id}`, officer);
      expect(res.statusCode).toBe(404);
      expect(res.json<{ code: string }>().code).toBe('not_found');
    }
    expect((await t.get(`/api/rentals/${far.id}`, otherOfficer)).statusCode).toBe(200);
  });

  it('shows whole phone numbers to police and masked ones to grid workers', async () => {
    const rental = await fx.rental();
    const police = (await t.get(`/api/rentals/${rental.id}`, officer)).json<Detail>();
    expect(police.landlord.phone).toBe('13900001111');
    const worker = (await t.get(`/api/rentals/${rental.id}`, grid)).json<Detail>();
    expect(worker.landlord.phone).toBeUndefined();
    expect(worker.abilities).toMatchObject({ checkIn: true, verify: false });
  });
});

describe('flags', () => {
  it('flags a check-in unverified after more than N days, not at exactly N', async () => {
    const atLimit = await fx.rental();
    await fx.tenancy(atLimit.id, { checkIn: fx.daysAgo(3) });
    const overLimit = await fx.rental();
    await fx.tenancy(overLimit.id, { checkIn: fx.daysAgo(4) });
    expect(await flagsOf(atLimit.id)).toEqual([]);
    expect(await flagsOf(overLimit.id)).toEqual(['unverified']);
  });

  it('flags a check-out unverified after more than N days, even when its check-in was verified', async () => {
    const atLimit = await fx.rental();
    await fx.tenancy(atLimit.id, { checkIn: fx.daysAgo(100), verified: true, checkOut: fx.daysAgo(3) });
    const overLimit = await fx.rental();
    await fx.tenancy(overLimit.id, { checkIn: fx.daysAgo(100), verified: true, checkOut: fx.daysAgo(4) });
    const done = await fx.rental();
    await fx.tenancy(done.id, { checkIn: fx.daysAgo(100), verified: true, checkOut: fx.daysAgo(40), checkoutVerified: true });
    expect(await flagsOf(atLimit.id)).toEqual([]);
    expect(await flagsOf(overLimit.id)).toEqual(['unverified']);
    expect(await flagsOf(done.id)).toEqual([]);
  });

  it('reads N from the rules a bureau can change', async () => {
    const rental = await fx.rental();
    await fx.tenancy(rental.id, { checkIn: fx.daysAgo(5) });
    expect(await flagsOf(rental.id)).toEqual(['unverified']);
    await t.db.updateTable('app_settings').set({ value: JSON.stringify({ unverifiedDays: 5, agreementWarningDays: 30 }) }).where('key', '=', 'rentals.rules').execute();
    try {
      expect(await flagsOf(rental.id)).toEqual([]);
    } finally {
      await t.db.updateTable('app_settings').set({ value: JSON.stringify({ unverifiedDays: 3, agreementWarningDays: 30 }) }).where('key', '=', 'rentals.rules').execute();
    }
  });

  it('flags agreements missing, expired (yesterday) and expiring (today to 30 days ahead), and not 31 days ahead', async () => {
    const cases: [string | null, RentalFlag[]][] = [
      [null, ['agreement_missing']],
      [fx.daysAgo(1), ['agreement_expired']],
      [fx.today, ['agreement_expiring']],
      [fx.daysAhead(30), ['agreement_expiring']],
      [fx.daysAhead(31), []],
    ];
    for (const [expires, flags] of cases) {
      const rental = await fx.rental({ agreementExpires: expires });
      expect(await flagsOf(rental.id), `agreement expiring ${expires}`).toEqual(flags);
    }
  });

  it('judges the agreement by the latest one: a renewed house is not flagged for the old one', async () => {
    const rental = await fx.rental({ agreementExpires: fx.daysAgo(10) });
    await fx.agreement(rental.id, fx.daysAhead(300));
    expect(await flagsOf(rental.id)).toEqual([]);
  });

  it('flags a house with more open stays than its limit; people who left do not count', async () => {
    const full = await fx.rental({ occupantLimit: 2 });
    await fx.tenancy(full.id, { checkIn: fx.daysAgo(50), verified: true });
    await fx.tenancy(full.id, { checkIn: fx.daysAgo(50), verified: true });
    await fx.tenancy(full.id, { checkIn: fx.daysAgo(90), verified: true, checkOut: fx.daysAgo(60), checkoutVerified: true });
    expect(await flagsOf(full.id)).toEqual([]);
    await fx.tenancy(full.id, { checkIn: fx.daysAgo(40), verified: true });
    expect(await flagsOf(full.id)).toEqual(['over_limit']);
  });

  it('filters the list by flag and finds houses by address, landlord or tenant name', async () => {
    const rental = await fx.rental({ occupantLimit: 1 });
    const tenant = await fx.person({ name: '周过滤' });
    await fx.tenancy(rental.id, { checkIn: fx.daysAgo(10), verified: true, personId: tenant.id });
    await fx.tenancy(rental.id, { checkIn: fx.daysAgo(10), verified: true });
    const over = (await t.get('/api/rentals?flag=over_limit&pageSize=200', officer)).json<{ items: { id: number; flags: RentalFlag[] }[]; total: number }>();
    expect(over.items.map((i) => i.id)).toContain(rental.id);
    expect(over.items.every((i) => i.flags.includes('over_limit'))).toBe(true);
    const found = (await t.get(`/api/rentals?q=${encodeURIComponent('周过滤')}`, officer)).json<{ items: { id: number; tenantNames: string[] }[] }>();
    expect(found.items.map((i) => i.id)).toEqual([rental.id]);
    expect(found.items[0]!.tenantNames).toContain('周过滤');
  });
});

describe('dashboard (底数清、情况明)', () => {
  async function sqlCounts(prefix: string) {
    const { rows } = await sql<{ houses: number; tenants: number; pending: number }>`
      select (select count(*) from rental_houses rh join jurisdictions j on j.id = rh.jurisdiction_id where j.path like ${prefix} and rh.status = 'active')::int as houses,
             (select count(*) from tenancies t join rental_houses rh on rh.id = t.rental_house_id join jurisdictions j on j.id = rh.jurisdiction_id where j.path like ${prefix} and t.check_out is null)::int as tenants,
             (select count(*) from tenancies t join rental_houses rh on rh.id = t.rental_house_id join jurisdictions j on j.id = rh.jurisdiction_id where j.path like ${prefix}
                and ((t.check_out is null and t.verified_at is null) or (t.check_out is not null and t.checkout_verified_at is null)))::int as pending`.execute(t.db);
    return rows[0]!;
  }
  interface Board {
    totals: { rentalHouses: number; currentTenants: number; pendingVerification: number; flaggedHouses: number; agreementsExpiring: number; flagged: Record<RentalFlag, number> };
    communities: { communityId: number | null; name: string; rentalHouses: number; currentTenants: number; flagged: Record<RentalFlag, number> }[];
  }

  it('counts for a station equal the rows underneath: houses, tenants, pending stays and each flag', async () => {
    const board = (await t.get('/api/rentals/dashboard', chief)).json<Board>();
    const counts = await sqlCounts('/1/2/%');
    expect(board.totals.rentalHouses).toBe(counts.houses);
    expect(board.totals.currentTenants).toBe(counts.tenants);
    expect(board.totals.pendingVerification).toBe(counts.pending);
    expect(board.totals.rentalHouses).toBeGreaterThan(0);
    for (const flag of ['unverified', 'agreement_missing', 'agreement_expired', 'agreement_expiring', 'over_limit'] as const) {
      const list = (await t.get(`/api/rentals?flag=${flag}&pageSize=1`, chief)).json<{ total: number }>();
      expect(board.totals.flagged[flag], flag).toBe(list.total);
    }
    expect(board.totals.flaggedHouses).toBe((await t.get('/api/rentals?flag=flagged&pageSize=1', chief)).json<{ total: number }>().total);
    expect(board.totals.agreementsExpiring).toBe(board.totals.flagged.agreement_expiring);
    expect(board.communities.map((c) => c.name)).toEqual(['东湖新村社区', '府前社区', '南关社区', '北街社区']);
  });

  it('one community row equals that community alone, and a jurisdiction filter narrows to it', async () => {
    const community = await fx.jurisdiction('东湖新村社区');
    const board = (await t.get('/api/rentals/dashboard', chief)).json<Board>();
    const row = board.communities.find((c) => c.communityId === community.id)!;
    const counts = await sqlCounts(`${community.path}%`);
    expect(row.rentalHouses).toBe(counts.houses);
    expect(row.currentTenants).toBe(counts.tenants);
    const narrowed = (await t.get(`/api/rentals/dashboard?jurisdictionId=${community.id}`, chief)).json<Board>();
    expect(narrowed.communities).toHaveLength(1);
    expect(narrowed.totals.rentalHouses).toBe(counts.houses);
  });

  it("gives a grid worker the row of their community with only their grid's houses", async () => {
    const board = (await t.get('/api/rentals/dashboard', grid)).json<Board>();
    const counts = await sqlCounts('/1/2/6/20/%');
    expect(board.communities.map((c) => c.name)).toEqual(['东湖新村社区']);
    expect(board.totals.rentalHouses).toBe(counts.houses);
    expect(board.totals.currentTenants).toBe(counts.tenants);
  });
});

describe('the ledger export (出租房屋台账)', () => {
  async function sheetRows(buffer: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((row, n) => {
      if (n > 1) rows.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).value).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number))));
    });
    return rows;
  }

  it('has one row per current tenancy and one per empty house, masked identity numbers only, and is audited', async () => {
    const empty = await fx.rental();
    const before = await fx.auditCount('rentals.exported');
    const res = await t.get('/api/rentals/export.xlsx', officer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(res.rawPayload);
    const { rows: expected } = await sql<{ n: number }>`
      select ((select count(*) from tenancies t join rental_houses rh on rh.id = t.rental_house_id join jurisdictions j on j.id = rh.jurisdiction_id where j.path like '/1/2/6/%' and t.check_out is null and rh.status = 'active')
            + (select count(*) from rental_houses rh join jurisdictions j on j.id = rh.jurisdiction_id where j.path like '/1/2/6/%' and rh.status = 'active'
                 and not exists (select 1 from tenancies t where t.rental_house_id = rh.id and t.check_out is null)))::int as n`.execute(t.db);
    expect(rows.length).toBe(expected[0]!.n);
    expect(rows.some((r) => r[2] === empty.house.address && r[7] === '')).toBe(true);
    expect(rows.flat().some((cell) => WHOLE_ID.test(cell))).toBe(false);
    expect(rows.some((r) => r[8] && /^\d{3}\*{11}[\dX]{4}$/.test(r[8]))).toBe(true);
    expect(await fx.auditCount('rentals.exported')).toBe(before + 1);
  });

  it('holds nothing outside the exporter’s jurisdiction', async () => {
    const far = await fx.rental({ jurisdiction: '湖滨社区' });
    const rows = await sheetRows((await t.get('/api/rentals/export.xlsx', chief)).rawPayload);
    expect(rows.some((r) => r[2] === far.house.address)).toBe(false);
    expect(rows.every((r) => ['东湖新村社区', '府前社区', '南关社区', '北街社区'].includes(r[0]!))).toBe(true);
    const theirs = await sheetRows((await t.get('/api/rentals/export.xlsx', otherOfficer)).rawPayload);
    expect(theirs.some((r) => r[2] === far.house.address)).toBe(true);
  });
});

describe('who may use the staff endpoints', () => {
  it('refuses list, dashboard, export and queue to roles without rentals.view', async () => {
    for (const username of ['demo-landlord', 'demo-volunteer', 'demo-mediator', 'demo-partner']) {
      const s = await t.login(username);
      for (const url of ['/api/rentals', '/api/rentals/dashboard', '/api/rentals/export.xlsx', '/api/tenancies/pending-verification']) {
        expect((await t.get(url, s)).statusCode, `${username} ${url}`).toBe(403);
      }
    }
  });

  it('lists the landlord accounts of the jurisdiction to those who link them to houses', async () => {
    const res = (await t.get('/api/rentals/landlord-accounts', officer)).json<{ items: { username: string }[] }>();
    expect(res.items.map((i) => i.username).sort()).toEqual(['cg1-landlord2', 'demo-landlord']);
    expect((await t.get('/api/rentals/landlord-accounts', await t.login('demo-landlord'))).statusCode).toBe(403);
  });

  it('lets only chief, officer, auxiliary and grid worker register houses', async () => {
    for (const [username, status] of [['demo-bureau', 403], ['demo-admin', 403], ['demo-landlord', 403], ['demo-auxiliary', 201], ['demo-grid', 201]] as const) {
      const house = await fx.house();
      const res = await t.send('POST', '/api/rentals', await t.login(username), { houseId: house.id, landlord: { name: '权限', idNumber: fx.idNumber() } });
      expect(res.statusCode, username).toBe(status);
    }
  });
});
