import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { rentalFixtures, TINY_PDF, upload, WHOLE_ID } from './rentals.fixtures.js';

/** Landlord self-service: a landlord reaches the houses linked to their account and nothing else. */
let t: TestApp;
let fx: ReturnType<typeof rentalFixtures>;
let landlord: Session;
let officer: Session;
let mine: Awaited<ReturnType<ReturnType<typeof rentalFixtures>['rental']>>;
let theirs: Awaited<ReturnType<ReturnType<typeof rentalFixtures>['rental']>>;
let unlinked: Awaited<ReturnType<ReturnType<typeof rentalFixtures>['rental']>>;
let theirStay: { id: number };
let theirAgreement: { id: number };

interface MyRentals {
  items: { id: number; address: string; tenancies: { id: number; person: { name: string; idNumberMasked: string; phone?: string } }[]; abilities: Record<string, boolean> }[];
}

beforeAll(async () => {
  t = await createTestApp();
  fx = rentalFixtures(t);
  landlord = await t.login('demo-landlord');
  officer = await t.login('demo-officer');
  mine = await fx.rental({ landlordUser: 'demo-landlord' });
  // Another landlord of the same community, and a house nobody's account is linked to.
  theirs = await fx.rental({ landlordUser: 'cg1-landlord2' });
  unlinked = await fx.rental();
  theirStay = await fx.tenancy(theirs.id, { checkIn: fx.daysAgo(10), verified: true });
  const file = await upload(t, `/api/rentals/${theirs.id}/agreements`, officer, { signedOn: fx.daysAgo(5), expiresOn: fx.daysAhead(360) }, { name: 'a.pdf', data: TINY_PDF, type: 'application/pdf' });
  theirAgreement = file.json<{ id: number }>();
});
afterAll(async () => {
  await t.close();
});

describe('a landlord on their phone', () => {
  it('lists only their own houses, tenants with masked identity numbers and no whole phone numbers', async () => {
    const tenant = await fx.person({ name: '韩租客' });
    await fx.tenancy(mine.id, { checkIn: fx.daysAgo(3), personId: tenant.id });
    const res = await t.get('/api/my/rentals', landlord);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(WHOLE_ID);
    expect(res.body).not.toContain('13900001111');
    const body = res.json<MyRentals>();
    const owned = await t.db.selectFrom('rental_houses').select('id').where('landlord_user_id', '=', landlord.userId).where('status', '=', 'active').execute();
    expect(body.items.map((i) => i.id).sort()).toEqual(owned.map((o) => o.id).sort());
    expect(body.items.map((i) => i.id)).not.toContain(theirs.id);
    expect(body.items.map((i) => i.id)).not.toContain(unlinked.id);
    const house = body.items.find((i) => i.id === mine.id)!;
    expect(house.tenancies[0]!.person).toMatchObject({ name: '韩租客', idNumberMasked: `${tenant.idNumber.slice(0, 3)}***********${tenant.idNumber.slice(-4)}` });
    expect(house.tenancies[0]!.person.phone).toBeUndefined();
    expect(house.abilities).toMatchObject({ checkIn: true, checkOut: true, uploadAgreement: true, verify: false, edit: false });
  });

  it('checks a tenant in and out of their own house, reported as by the landlord', async () => {
    const res = await t.send('POST', `/api/rentals/${mine.id}/tenancies`, landlord, { tenant: { name: '曹新客', idNumber: fx.idNumber(), phone: '13811112222' }, checkIn: fx.today });
    expect(res.statusCode).toBe(201);
    const stay = res.json<{ id: number; reportedVia: string }>();
    expect(stay.reportedVia).toBe('landlord');
    const out = await t.send('POST', `/api/tenancies/${stay.id}/check-out`, landlord, { checkOut: fx.today });
    expect(out.statusCode).toBe(200);
    const row = await t.db.selectFrom('tenancies').select(['reported_via', 'reported_by']).where('id', '=', stay.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ reported_via: 'landlord', reported_by: landlord.userId });
  });

  it('uploads the agreement of their own house and downloads it again', async () => {
    const res = await upload(t, `/api/rentals/${mine.id}/agreements`, landlord, { signedOn: fx.today, expiresOn: fx.daysAhead(365) }, { name: '责任书.pdf', data: TINY_PDF, type: 'application/pdf' });
    expect(res.statusCode).toBe(201);
    const file = await t.get(`/api/agreements/${res.json<{ id: number }>().id}/file`, landlord);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(TINY_PDF)).toBe(true);
  });

  it("answers 404 on every endpoint for another landlord's house, as for a missing one", async () => {
    for (const target of [theirs, unlinked]) {
      const answers = [
        await t.get(`/api/rentals/${target.id}`, landlord),
        await t.send('POST', `/api/rentals/${target.id}/tenancies`, landlord, { tenant: { name: '越权', idNumber: fx.idNumber() }, checkIn: fx.today }),
        await upload(t, `/api/rentals/${target.id}/agreements`, landlord, { signedOn: fx.today, expiresOn: fx.daysAhead(365) }, { name: 'x.pdf', data: TINY_PDF, type: 'application/pdf' }),
      ];
      for (const res of answers) {
        expect(res.statusCode).toBe(404);
        expect(res.json<{ code: string }>().code).toBe('not_found');
      }
    }
    expect((await t.send('POST', `/api/tenancies/${theirStay.id}/check-out`, landlord, { checkOut: fx.today })).statusCode).toBe(404);
    expect((await t.get(`/api/agreements/${theirAgreement.id}/file`, landlord)).statusCode).toBe(404);
    expect(await t.db.selectFrom('tenancies').select('id').where('rental_house_id', 'in', [theirs.id, unlinked.id]).where('reported_via', '=', 'landlord').execute()).toEqual([]);
    const still = await t.db.selectFrom('tenancies').select('check_out').where('id', '=', theirStay.id).executeTakeFirstOrThrow();
    expect(still.check_out).toBeNull();
  });

  it('may not verify, register or change houses, nor use the staff lists (403)', async () => {
    const stay = await fx.tenancy(mine.id, { checkIn: fx.daysAgo(1) });
    expect((await t.send('POST', `/api/tenancies/${stay.id}/verify`, landlord)).statusCode).toBe(403);
    expect((await t.send('PATCH', `/api/rentals/${mine.id}`, landlord, { occupantLimit: 10 })).statusCode).toBe(403);
    expect((await t.send('POST', '/api/rentals', landlord, { houseId: mine.house.id })).statusCode).toBe(403);
    expect((await t.get('/api/rentals', landlord)).statusCode).toBe(403);
  });

  it('is not a staff endpoint: /api/my/rentals refuses officers (403)', async () => {
    expect((await t.get('/api/my/rentals', officer)).statusCode).toBe(403);
  });
});
