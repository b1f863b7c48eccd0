import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { upload } from '../rentals/rentals.fixtures.js';
import { caseFileFixtures, SAMPLES } from './casefiles.fixtures.js';

let t: TestApp;
let fx: ReturnType<typeof caseFileFixtures>;
let officer: Session;
let mediator: Session;
let grid: Session;
let otherOfficer: Session;

interface Fields {
  code: string;
  fields: { path: string; rule: string }[];
}
interface Evidence {
  id: number;
  kind: string;
  description: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: { id: number; name: string } | null;
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  t = await createTestApp();
  fx = caseFileFixtures(t);
  officer = await t.login('demo-officer');
  mediator = await t.login('demo-mediator');
  grid = await t.login('demo-grid');
  otherOfficer = await t.login('dh1-officer');
});
afterAll(async () => {
  await t.close();
});

const evidenceOf = async (caseId: number) => (await t.db.selectFrom('case_evidence').select('id').where('case_id', '=', caseId).execute()).length;

describe('uploading evidence to the A file', () => {
  it('stores a photo content-addressed with its checksum, lists it with its uploader and audits it', async () => {
    const c = await fx.case();
    const res = await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'photo', description: '现场调解照片' }, { name: '现场.jpg', data: SAMPLES.jpeg, type: 'image/jpeg' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<Evidence>();
    expect(created).toMatchObject({ kind: 'photo', description: '现场调解照片', fileName: '现场.jpg', mime: 'image/jpeg', size: SAMPLES.jpeg.length, sha256: sha(SAMPLES.jpeg) });
    expect(created.uploadedBy?.id).toBe(officer.userId);
    const list = (await t.get(`/api/cases/${c.id}/evidence`, officer)).json<{ items: Evidence[]; abilities: { uploadKinds: string[] } }>();
    expect(list.items.map((e) => e.id)).toEqual([created.id]);
    expect(list.abilities.uploadKinds).toEqual(['photo', 'video', 'document', 'followup']);
    expect(await fx.auditCount('case.evidence_added', c.id)).toBe(1);

    // The same bytes again (another case, another name) are stored once: one stored_files row per checksum.
    const other = await fx.case();
    const again = await upload(t, `/api/cases/${other.id}/evidence`, officer, { kind: 'photo' }, { name: 'copy.jpg', data: SAMPLES.jpeg, type: 'image/jpeg' });
    expect(again.json<Evidence>().sha256).toBe(created.sha256);
    expect(await t.db.selectFrom('stored_files').select('id').where('sha256', '=', sha(SAMPLES.jpeg)).execute()).toHaveLength(1);
  });

  it('takes a video as MP4 and a document as PDF or image, judged by content', async () => {
    const c = await fx.case();
    expect((await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'video' }, { name: 'clip.mp4', data: SAMPLES.mp4, type: 'video/mp4' })).json<Evidence>().mime).toBe('video/mp4');
    expect((await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'document' }, { name: '询问笔录.pdf', data: SAMPLES.pdf, type: 'application/pdf' })).json<Evidence>().mime).toBe('application/pdf');
    expect((await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'followup' }, { name: 'scan', data: SAMPLES.png, type: 'application/octet-stream' })).json<Evidence>().mime).toBe('image/png');
    expect(await evidenceOf(c.id)).toBe(3);
  });

  it('refuses an executable named .jpg (ELF or MZ) with 400 file/file_type and stores nothing', async () => {
    const c = await fx.case();
    for (const [name, data] of [['photo.jpg', SAMPLES.elf], ['photo2.jpg', SAMPLES.mz]] as const) {
      const res = await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'photo' }, { name, data, type: 'image/jpeg' });
      expect(res.statusCode, name).toBe(400);
      expect(res.json<Fields>().fields[0]).toMatchObject({ path: 'file', rule: 'file_type' });
    }
    expect(await evidenceOf(c.id)).toBe(0);
    expect(await t.db.selectFrom('stored_files').select('id').where('original_name', 'in', ['photo.jpg', 'photo2.jpg']).execute()).toEqual([]);
  });

  it('refuses content that is real but of the wrong kind: a PDF as a photo, a photo as a video', async () => {
    const c = await fx.case();
    const pdfAsPhoto = await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'photo' }, { name: 'a.jpg', data: SAMPLES.pdf, type: 'image/jpeg' });
    expect(pdfAsPhoto.json<Fields>().fields[0]).toMatchObject({ path: 'file', rule: 'file_type' });
    const photoAsVideo = await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'video' }, { name: 'a.mp4', data: SAMPLES.jpeg, type: 'video/mp4' });
    expect(photoAsVideo.json<Fields>().fields[0]).toMatchObject({ path: 'file', rule: 'file_type' });
    expect(await evidenceOf(c.id)).toBe(0);
  });

  it('applies each kind’s size limit: a 12 MB photo is refused, a 12 MB document is taken', async () => {
    const c = await fx.case();
    const big = (head: Buffer) => Buffer.concat([head, Buffer.alloc(12 * 1024 * 1024, 0x20)]);
    const photo = await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'photo' }, { name: 'big.jpg', data: big(SAMPLES.jpeg), type: 'image/jpeg' });
    expect(photo.statusCode).toBe(400);
    expect(photo.json<Fields>().fields[0]).toMatchObject({ path: 'file', rule: 'too_big' });
    const doc = await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'document' }, { name: 'big.pdf', data: big(SAMPLES.pdf), type: 'application/pdf' });
    expect(doc.statusCode).toBe(201);
  });

  it('names missing or wrong fields', async () => {
    const c = await fx.case();
    const noKind = await upload(t, `/api/cases/${c.id}/evidence`, officer, {}, { name: 'a.jpg', data: SAMPLES.jpeg, type: 'image/jpeg' });
    expect(noKind.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'kind', rule: 'required' })]);
    const badKind = await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'audio' }, { name: 'a.jpg', data: SAMPLES.jpeg, type: 'image/jpeg' });
    expect(badKind.json<Fields>().fields[0]).toMatchObject({ path: 'kind', rule: 'invalid_value' });
    const noFile = await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'photo' });
    expect(noFile.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'file', rule: 'required' })]);
  });

  it('lets a mediator add documents but not photos; grid workers, partners and volunteers add nothing', async () => {
    const c = await fx.case();
    const doc = await upload(t, `/api/cases/${c.id}/evidence`, mediator, { kind: 'document' }, { name: '调解笔录.pdf', data: SAMPLES.pdf, type: 'application/pdf' });
    expect(doc.statusCode).toBe(201);
    expect((await upload(t, `/api/cases/${c.id}/evidence`, mediator, { kind: 'photo' }, { name: 'a.jpg', data: SAMPLES.jpeg, type: 'image/jpeg' })).statusCode).toBe(403);
    expect((await t.get(`/api/cases/${c.id}/evidence`, mediator)).json<{ abilities: { uploadKinds: string[] } }>().abilities.uploadKinds).toEqual(['document']);
    for (const who of [grid, await t.login('demo-partner'), await t.login('demo-volunteer')]) {
      expect((await upload(t, `/api/cases/${c.id}/evidence`, who, { kind: 'document' }, { name: 'a.pdf', data: SAMPLES.pdf, type: 'application/pdf' })).statusCode).toBe(403);
    }
    expect(await evidenceOf(c.id)).toBe(1);
  });

  it('answers 404 for a case of another station, before reading the upload', async () => {
    const c = await fx.case();
    const res = await upload(t, `/api/cases/${c.id}/evidence`, otherOfficer, { kind: 'photo' }, { name: 'a.jpg', data: SAMPLES.jpeg, type: 'image/jpeg' });
    expect(res.statusCode).toBe(404);
    expect((await t.get(`/api/cases/${c.id}/evidence`, otherOfficer)).statusCode).toBe(404);
  });
});

describe('downloading evidence', () => {
  it('streams the bytes with their type and name, audits every download, and lets the station’s mediator and grid worker read it', async () => {
    const c = await fx.case();
    // Bytes of its own: a stored file keeps the name it was first uploaded with (one row per checksum).
    const pdf = Buffer.concat([SAMPLES.pdf, Buffer.from('% 产权证明\n')]);
    const created = (await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'document' }, { name: '产权证明.pdf', data: pdf, type: 'application/pdf' })).json<Evidence>();
    const url = `/api/cases/${c.id}/evidence/${created.id}/file`;
    const res = await t.get(url, officer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('产权证明.pdf'));
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect((await t.get(url, mediator)).statusCode).toBe(200);
    expect((await t.get(url, grid)).statusCode).toBe(200);
    expect(await fx.auditCount('case.evidence_downloaded', c.id)).toBe(3);
    const audit = await t.db.selectFrom('audit_events').select(['actor_user_id', 'change']).where('action', '=', 'case.evidence_downloaded').where('entity_id', '=', String(c.id)).execute();
    expect(audit.map((a) => a.actor_user_id).sort()).toEqual([officer.userId, mediator.userId, grid.userId].sort());
  });

  it('hides evidence from another station (404), refuses partners and volunteers (403), and audits none of it', async () => {
    const c = await fx.case();
    const created = (await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'photo' }, { name: 'p.jpg', data: SAMPLES.jpeg, type: 'image/jpeg' })).json<Evidence>();
    const url = `/api/cases/${c.id}/evidence/${created.id}/file`;
    expect((await t.get(url, otherOfficer)).statusCode).toBe(404);
    expect((await t.get(url, await t.login('dh-chief'))).statusCode).toBe(404);
    expect((await t.get(url, await t.login('demo-partner'))).statusCode).toBe(403);
    expect((await t.get(url, await t.login('demo-volunteer'))).statusCode).toBe(403);
    // Evidence of one case is not reachable through another case's id.
    const other = await fx.case();
    expect((await t.get(`/api/cases/${other.id}/evidence/${created.id}/file`, officer)).statusCode).toBe(404);
    expect(await fx.auditCount('case.evidence_downloaded', c.id)).toBe(0);
  });
});
