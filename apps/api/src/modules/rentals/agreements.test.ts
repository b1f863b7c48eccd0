import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { rentalFixtures, TINY_PDF, upload } from './rentals.fixtures.js';

let t: TestApp;
let fx: ReturnType<typeof rentalFixtures>;
let officer: Session;
let grid: Session;
let otherOfficer: Session;

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(200, 0x90)]);
const MZ = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

interface Fields {
  code: string;
  fields: { path: string; rule: string }[];
}

beforeAll(async () => {
  t = await createTestApp();
  fx = rentalFixtures(t);
  officer = await t.login('demo-officer');
  grid = await t.login('demo-grid');
  otherOfficer = await t.login('dh1-officer');
});
afterAll(async () => {
  await t.close();
});

const dates = () => ({ signedOn: fx.daysAgo(2), expiresOn: fx.daysAhead(363) });
const countAgreements = async (rentalId: number) => (await t.db.selectFrom('responsibility_agreements').select('id').where('rental_house_id', '=', rentalId).execute()).length;

describe('recording a responsibility agreement (治安责任书)', () => {
  it('stores a scanned PDF, clears the missing flag and audits it', async () => {
    const rental = await fx.rental({ agreementExpires: null });
    const res = await upload(t, `/api/rentals/${rental.id}/agreements`, grid, dates(), { name: '治安责任书.pdf', data: TINY_PDF, type: 'application/pdf' });
    expect(res.statusCode).toBe(201);
    const agreement = res.json<{ id: number; status: string; hasFile: boolean; fileName: string; mime: string }>();
    expect(agreement).toMatchObject({ status: 'valid', hasFile: true, fileName: '治安责任书.pdf', mime: 'application/pdf' });
    expect((await t.get(`/api/rentals/${rental.id}`, officer)).json<{ flags: string[] }>().flags).toEqual([]);
    expect(await fx.auditCount('agreement.recorded', agreement.id)).toBe(1);
  });

  it('accepts a phone photo (PNG) whatever its name', async () => {
    const rental = await fx.rental({ agreementExpires: null });
    const res = await upload(t, `/api/rentals/${rental.id}/agreements`, officer, dates(), { name: 'IMG_0001', data: PNG, type: 'application/octet-stream' });
    expect(res.statusCode).toBe(201);
    expect(res.json<{ mime: string }>().mime).toBe('image/png');
  });

  it('refuses an executable renamed .jpg or .pdf by its content (400 file, file_type), storing nothing', async () => {
    const rental = await fx.rental({ agreementExpires: null });
    for (const [name, data] of [['scan.jpg', ELF], ['scan.pdf', MZ]] as const) {
      const res = await upload(t, `/api/rentals/${rental.id}/agreements`, officer, dates(), { name, data, type: name.endsWith('.jpg') ? 'image/jpeg' : 'application/pdf' });
      expect(res.statusCode, name).toBe(400);
      expect(res.json<Fields>().fields[0]).toMatchObject({ path: 'file', rule: 'file_type' });
    }
    expect(await countAgreements(rental.id)).toBe(0);
    expect(await t.db.selectFrom('stored_files').select('id').where('original_name', 'in', ['scan.jpg', 'scan.pdf']).execute()).toEqual([]);
  });

  it('takes a 9 MB scan and refuses a file over 10 MB (400 file, too_big)', async () => {
    const rental = await fx.rental({ agreementExpires: null });
    const large = Buffer.concat([TINY_PDF, Buffer.alloc(9 * 1024 * 1024, 0x20)]);
    expect((await upload(t, `/api/rentals/${rental.id}/agreements`, officer, dates(), { name: 'large.pdf', data: large, type: 'application/pdf' })).statusCode).toBe(201);
    const big = Buffer.concat([TINY_PDF, Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const res = await upload(t, `/api/rentals/${rental.id}/agreements`, officer, dates(), { name: 'big.pdf', data: big, type: 'application/pdf' });
    expect(res.statusCode).toBe(400);
    expect(res.json<Fields>().fields[0]).toMatchObject({ path: 'file', rule: 'too_big' });
  });

  it('names the fields that are wrong: missing file, bad dates, expiry before signing', async () => {
    const rental = await fx.rental({ agreementExpires: null });
    const noFile = await upload(t, `/api/rentals/${rental.id}/agreements`, officer, dates());
    expect(noFile.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'file', rule: 'required' })]);
    const badDate = await upload(t, `/api/rentals/${rental.id}/agreements`, officer, { signedOn: '2024-13-01' }, { name: 'a.pdf', data: TINY_PDF, type: 'application/pdf' });
    expect(badDate.json<Fields>().fields.map((f) => [f.path, f.rule])).toEqual([
      ['signedOn', 'invalid_format'],
      ['expiresOn', 'required'],
    ]);
    const backwards = await upload(t, `/api/rentals/${rental.id}/agreements`, officer, { signedOn: fx.daysAgo(1), expiresOn: fx.daysAgo(2) }, { name: 'a.pdf', data: TINY_PDF, type: 'application/pdf' });
    expect(backwards.json<Fields>().fields[0]).toMatchObject({ path: 'expiresOn', rule: 'after_signed_on' });
    expect(await countAgreements(rental.id)).toBe(0);
  });

  it('answers 404 for a house of another jurisdiction before looking at the upload', async () => {
    const far = await fx.rental({ jurisdiction: '湖滨社区', agreementExpires: null });
    const res = await upload(t, `/api/rentals/${far.id}/agreements`, officer, dates(), { name: 'a.pdf', data: TINY_PDF, type: 'application/pdf' });
    expect(res.statusCode).toBe(404);
  });
});

describe('downloading an agreement', () => {
  it('streams the stored bytes with their type, audits each download, and hides it from other jurisdictions', async () => {
    const rental = await fx.rental({ agreementExpires: null });
    const created = await upload(t, `/api/rentals/${rental.id}/agreements`, officer, dates(), { name: '责任书.pdf', data: TINY_PDF, type: 'application/pdf' });
    const id = created.json<{ id: number }>().id;
    const res = await t.get(`/api/agreements/${id}/file`, officer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('责任书.pdf'));
    expect(res.rawPayload.equals(TINY_PDF)).toBe(true);
    expect((await t.get(`/api/agreements/${id}/file`, grid)).statusCode).toBe(200);
    expect(await fx.auditCount('file.downloaded', id)).toBe(2);

    const outside = await t.get(`/api/agreements/${id}/file`, otherOfficer);
    expect(outside.statusCode).toBe(404);
    expect((await t.get(`/api/agreements/${id}/file`, await t.login('demo-volunteer'))).statusCode).toBe(403);
    expect(await fx.auditCount('file.downloaded', id)).toBe(2);
  });

  it('answers 404 for an agreement recorded without a scan', async () => {
    const rental = await fx.rental({ agreementExpires: null });
    const paper = await fx.agreement(rental.id, fx.daysAhead(100));
    expect((await t.get(`/api/agreements/${paper.id}/file`, officer)).statusCode).toBe(404);
  });
});
