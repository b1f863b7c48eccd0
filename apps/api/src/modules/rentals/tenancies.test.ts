import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { rentalFixtures, WHOLE_ID } from './rentals.fixtures.js';

let t: TestApp;
let fx: ReturnType<typeof rentalFixtures>;
let officer: Session;
let auxiliary: Session;
let grid: Session;
let chief: Session;

interface Tenancy {
  id: number;
  person: { id: number; name: string; idNumberMasked: string };
  checkIn: string;
  checkOut: string | null;
  reportedVia: string;
  state: string;
  daysWaiting: number | null;
  overdue: boolean;
}
interface Fields {
  code: string;
  fields: { path: string; rule: string }[];
}

beforeAll(async () => {
  t = await createTestApp();
  fx = rentalFixtures(t);
  officer = await t.login('demo-officer');
  auxiliary = await t.login('demo-auxiliary');
  grid = await t.login('demo-grid');
  chief = await t.login('demo-chief');
});
afterAll(async () => {
  await t.close();
});

const checkIn = (s: Session, rentalId: number, body: unknown) => t.send('POST', `/api/rentals/${rentalId}/tenancies`, s, body);

describe('checking a tenant in (人来登记)', () => {
  it('registers a new person as a tenant living at the house, waiting for verification, and audits it', async () => {
    const rental = await fx.rental();
    const idNumber = fx.idNumber();
    const res = await checkIn(grid, rental.id, { tenant: { name: '吴租客', idNumber, phone: '13700001234' }, checkIn: fx.daysAgo(1) });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toMatch(WHOLE_ID);
    const tenancy = res.json<Tenancy>();
    expect(tenancy).toMatchObject({ checkIn: fx.daysAgo(1), checkOut: null, state: 'pending_check_in', reportedVia: 'officer', daysWaiting: 1, overdue: false, person: { name: '吴租客' } });
    const person = await t.db.selectFrom('persons').select(['category', 'current_address_id', 'id_number_masked']).where('id', '=', tenancy.person.id).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ category: 'tenant', current_address_id: rental.house.addressId });
    expect(tenancy.person.idNumberMasked).toBe(person.id_number_masked);
    expect(await fx.auditCount('tenancy.checked_in', tenancy.id)).toBe(1);
    expect(await fx.auditCount('person.created', tenancy.person.id)).toBe(1);
  });

  it('reuses a person already registered, without rewriting their record', async () => {
    const rental = await fx.rental();
    const known = await fx.person({ name: '郑已登', category: 'registered' });
    const res = await checkIn(officer, rental.id, { tenant: { name: '郑已登', idNumber: known.idNumber, phone: '13000000000' }, checkIn: fx.today });
    expect(res.statusCode).toBe(201);
    expect(res.json<Tenancy>().person.id).toBe(known.id);
    const person = await t.db.selectFrom('persons').select(['category', 'phone']).where('id', '=', known.id).executeTakeFirstOrThrow();
    expect(person).toEqual({ category: 'registered', phone: '13900001111' });
  });

  it('refuses a check-in dated in the future (400 checkIn)', async () => {
    const rental = await fx.rental();
    const res = await checkIn(officer, rental.id, { tenant: { name: '未来', idNumber: fx.idNumber() }, checkIn: fx.daysAhead(1) });
    expect(res.statusCode).toBe(400);
    expect(res.json<Fields>().fields[0]).toMatchObject({ path: 'checkIn', rule: 'not_in_future' });
  });

  it('refuses an identity number failing its check character (400 naming tenant.idNumber) and a malformed date', async () => {
    const rental = await fx.rental();
    const bad = await checkIn(officer, rental.id, { tenant: { name: '错号', idNumber: '110105194912310021' }, checkIn: fx.today });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Fields>().fields[0]).toMatchObject({ path: 'tenant.idNumber', rule: 'id_checksum' });
    const short = await checkIn(officer, rental.id, { tenant: { name: '短号', idNumber: '12345' }, checkIn: fx.today });
    expect(short.json<Fields>().fields[0]).toMatchObject({ path: 'tenant.idNumber', rule: 'id_format' });
    const date = await checkIn(officer, rental.id, { tenant: { name: '日期', idNumber: fx.idNumber() }, checkIn: '2024-02-30' });
    expect(date.statusCode).toBe(400);
    expect(date.json<Fields>().fields[0]!.path).toBe('checkIn');
    expect(await t.db.selectFrom('tenancies').select('id').where('rental_house_id', '=', rental.id).execute()).toEqual([]);
  });

  it('refuses a second open stay of the same person in the same house (409), and allows it after check-out', async () => {
    const rental = await fx.rental();
    const idNumber = fx.idNumber();
    const body = { tenant: { name: '冯重复', idNumber }, checkIn: fx.daysAgo(20) };
    const first = await checkIn(officer, rental.id, body);
    expect(first.statusCode).toBe(201);
    const again = await checkIn(officer, rental.id, { ...body, checkIn: fx.daysAgo(2) });
    expect(again.statusCode).toBe(409);
    expect(again.json<Fields>().code).toBe('rentals.tenant_already_checked_in');
    await t.send('POST', `/api/tenancies/${first.json<Tenancy>().id}/check-out`, officer, { checkOut: fx.daysAgo(5) });
    expect((await checkIn(officer, rental.id, { ...body, checkIn: fx.daysAgo(2) })).statusCode).toBe(201);
  });

  it('refuses a name that does not match the identity number on record', async () => {
    const rental = await fx.rental();
    const known = await fx.person({ name: '陈真名' });
    const res = await checkIn(officer, rental.id, { tenant: { name: '陈假名', idNumber: known.idNumber }, checkIn: fx.today });
    expect(res.statusCode).toBe(400);
    expect(res.json<Fields>().fields[0]).toMatchObject({ path: 'tenant.name', rule: 'id_name_mismatch' });
  });

  it('refuses check-ins to a house that is no longer let', async () => {
    const rental = await fx.rental();
    expect((await t.send('PATCH', `/api/rentals/${rental.id}`, officer, { status: 'withdrawn' })).statusCode).toBe(200);
    expect((await t.db.selectFrom('houses').select('use').where('id', '=', rental.house.id).executeTakeFirstOrThrow()).use).toBe('vacant');
    const res = await checkIn(officer, rental.id, { tenant: { name: '停租', idNumber: fx.idNumber() }, checkIn: fx.today });
    expect(res.statusCode).toBe(409);
    expect(res.json<Fields>().code).toBe('rentals.house_withdrawn');
  });
});

describe('checking a tenant out (人去注销)', () => {
  it('records the check-out, refuses a date before the check-in or in the future, and a second check-out', async () => {
    const rental = await fx.rental();
    const stay = await fx.tenancy(rental.id, { checkIn: fx.daysAgo(30), verified: true });
    const early = await t.send('POST', `/api/tenancies/${stay.id}/check-out`, officer, { checkOut: fx.daysAgo(31) });
    expect(early.statusCode).toBe(400);
    expect(early.json<Fields>().fields[0]).toMatchObject({ path: 'checkOut', rule: 'before_check_in' });
    const future = await t.send('POST', `/api/tenancies/${stay.id}/check-out`, officer, { checkOut: fx.daysAhead(2) });
    expect(future.json<Fields>().fields[0]).toMatchObject({ path: 'checkOut', rule: 'not_in_future' });
    const ok = await t.send('POST', `/api/tenancies/${stay.id}/check-out`, auxiliary, { checkOut: fx.daysAgo(30) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Tenancy>()).toMatchObject({ checkOut: fx.daysAgo(30), state: 'pending_check_out', daysWaiting: 30, overdue: true });
    const twice = await t.send('POST', `/api/tenancies/${stay.id}/check-out`, officer, { checkOut: fx.today });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<Fields>().code).toBe('rentals.already_checked_out');
    expect(await fx.auditCount('tenancy.checked_out', stay.id)).toBe(1);
  });
});

describe('verification by the community officer', () => {
  it('forbids auxiliary police and grid workers to verify (403), whatever the record', async () => {
    const rental = await fx.rental();
    const stay = await fx.tenancy(rental.id, { checkIn: fx.daysAgo(2) });
    for (const s of [auxiliary, grid]) {
      const res = await t.send('POST', `/api/tenancies/${stay.id}/verify`, s);
      expect(res.statusCode).toBe(403);
      expect(res.json<Fields>().code).toBe('auth.forbidden');
    }
    expect((await t.send('POST', '/api/tenancies/99999999/verify', grid)).statusCode).toBe(403);
    const row = await t.db.selectFrom('tenancies').select('verified_at').where('id', '=', stay.id).executeTakeFirstOrThrow();
    expect(row.verified_at).toBeNull();
  });

  it('verifies the check-in, then after the check-out the check-out; each once, each audited', async () => {
    const rental = await fx.rental();
    const stay = await fx.tenancy(rental.id, { checkIn: fx.daysAgo(2) });
    const first = await t.send('POST', `/api/tenancies/${stay.id}/verify`, officer);
    expect(first.statusCode).toBe(200);
    expect(first.json<Tenancy>().state).toBe('verified');
    expect((await t.send('POST', `/api/tenancies/${stay.id}/verify`, officer)).statusCode).toBe(409);
    await t.send('POST', `/api/tenancies/${stay.id}/check-out`, officer, { checkOut: fx.today });
    const second = await t.send('POST', `/api/tenancies/${stay.id}/verify`, chief);
    expect(second.statusCode).toBe(200);
    expect(second.json<Tenancy>().state).toBe('closed');
    const events = await t.db.selectFrom('audit_events').select(['change', 'actor_role']).where('action', '=', 'tenancy.verified').where('entity_id', '=', String(stay.id)).orderBy('id').execute();
    expect(events.map((e) => [(e.change as { stage: string }).stage, e.actor_role])).toEqual([
      ['check_in', 'officer'],
      ['check_out', 'chief'],
    ]);
  });

  it('verifying a stay whose check-in was never verified verifies both at once', async () => {
    const rental = await fx.rental();
    const stay = await fx.tenancy(rental.id, { checkIn: fx.daysAgo(40), checkOut: fx.daysAgo(5) });
    expect((await t.send('POST', `/api/tenancies/${stay.id}/verify`, officer)).json<Tenancy>().state).toBe('closed');
    const row = await t.db.selectFrom('tenancies').select(['verified_at', 'checkout_verified_at']).where('id', '=', stay.id).executeTakeFirstOrThrow();
    expect(row.verified_at).not.toBeNull();
    expect(row.checkout_verified_at).not.toBeNull();
  });

  it("answers 404 for another jurisdiction's tenancy", async () => {
    const far = await fx.rental({ jurisdiction: '湖滨社区' });
    const stay = await fx.tenancy(far.id, { checkIn: fx.daysAgo(2) });
    expect((await t.send('POST', `/api/tenancies/${stay.id}/verify`, officer)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/tenancies/${stay.id}/check-out`, officer, { checkOut: fx.today })).statusCode).toBe(404);
    expect((await checkIn(officer, far.id, { tenant: { name: '越界', idNumber: fx.idNumber() }, checkIn: fx.today })).statusCode).toBe(404);
  });
});

describe('the verification queue', () => {
  interface Queue {
    items: { tenancyId: number; stage: string; eventDate: string; daysWaiting: number; overdue: boolean; person: { idNumberMasked: string } }[];
    total: number;
    canVerify: boolean;
  }

  it('lists what waits in the jurisdiction, oldest first with days waiting, and drops what was verified', async () => {
    const rental = await fx.rental();
    const old = await fx.tenancy(rental.id, { checkIn: fx.daysAgo(400), verified: true, checkOut: fx.daysAgo(200) });
    const fresh = await fx.tenancy(rental.id, { checkIn: fx.daysAgo(1) });
    const far = await fx.rental({ jurisdiction: '湖滨社区' });
    const farStay = await fx.tenancy(far.id, { checkIn: fx.daysAgo(300) });

    const res = await t.get('/api/tenancies/pending-verification?pageSize=200', officer);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(WHOLE_ID);
    const queue = res.json<Queue>();
    expect(queue.canVerify).toBe(true);
    const ids = queue.items.map((i) => i.tenancyId);
    expect(ids).toContain(old.id);
    expect(ids).toContain(fresh.id);
    expect(ids).not.toContain(farStay.id);
    const dates = queue.items.map((i) => i.eventDate);
    expect([...dates].sort()).toEqual(dates);
    expect(queue.items.find((i) => i.tenancyId === old.id)).toMatchObject({ stage: 'check_out', daysWaiting: 200, overdue: true });
    expect(queue.items.find((i) => i.tenancyId === fresh.id)).toMatchObject({ stage: 'check_in', daysWaiting: 1, overdue: false });

    await t.send('POST', `/api/tenancies/${old.id}/verify`, officer);
    const after = (await t.get('/api/tenancies/pending-verification?pageSize=200', officer)).json<Queue>();
    expect(after.items.map((i) => i.tenancyId)).not.toContain(old.id);
    expect(after.total).toBe(queue.total - 1);
    expect((await t.get('/api/tenancies/pending-verification', auxiliary)).json<Queue>().canVerify).toBe(false);
  });
});
