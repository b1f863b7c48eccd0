import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { B_FILE, buildCase, docxText, pdfText, squash, zipEntry, type BuiltCase } from './transfers.fixtures.js';

let t: TestApp;
let officer: Session;
let mediator: Session;
let otherChief: Session;
let partner: Session;
let otherPartner: Session;
let c: BuiltCase;
let transfer: { id: number; docNo: string; departmentName: string };

beforeAll(async () => {
  t = await createTestApp();
  [officer, mediator, otherChief, partner, otherPartner] = await Promise.all([t.login('demo-officer'), t.login('demo-mediator'), t.login('dh-chief'), t.login('demo-partner'), t.login('cg-partner2')]);
  const dept = await t.db.selectFrom('users').select('department_id').where('username', '=', 'demo-partner').executeTakeFirstOrThrow();
  c = await buildCase(t);
  const res = await t.send('POST', `/api/cases/${c.id}/transfers`, officer, { kind: 'liandiao', departmentId: dept.department_id, note: '涉及物业维修责任，请派员联合调处' });
  expect(res.statusCode, res.body).toBe(201);
  transfer = res.json();
});
afterAll(async () => {
  await t.close();
});

function expectNoBFile(text: string) {
  for (const secret of Object.values(B_FILE)) expect(squash(text)).not.toContain(squash(secret));
  // Neither the relation's kind nor the education topic is named.
  expect(text).not.toMatch(/兄弟|反诈|禁毒|一盔一带|户籍/);
}

describe('the printable 联调联处通知单', () => {
  it('is a PDF with an embedded Chinese font subset, addressed to the department, with the A file and no B file', async () => {
    const res = await t.get(`/api/transfers/${transfer.id}/document.pdf`, officer);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^inline; /);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('联调联处通知单'));
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    // A subset (six-letter tag) of the packaged Noto Sans font is embedded, so the file stays small.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(raw).toMatch(/\/FontFile[23]? /);
    expect(pdf.length).toBeLessThan(400_000);

    const text = squash(pdfText(pdf));
    for (const expected of ['联调联处通知单', transfer.docNo, `${transfer.departmentName}：`, c.caseNo, '赵钱孙', '要求楼上赔偿天花板维修费3000元', '周吴郑', '楼上住户卫生间漏水', '涉及物业维修责任', '城关派出所']) {
      expect(text).toContain(squash(expected));
    }
    expectNoBFile(pdfText(pdf));
  });

  it('is a DOCX whose document.xml holds the case number and the document number and no B file', async () => {
    const res = await t.get(`/api/transfers/${transfer.id}/document.docx`, officer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; /);
    const docx = res.rawPayload;
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = zipEntry(docx, 'word/document.xml')!;
    expect(xml).toContain(c.caseNo);
    const text = docxText(docx);
    expect(text).toContain(transfer.docNo);
    expect(text).toContain('要求楼上赔偿天花板维修费3000元');
    expectNoBFile(text);
  });

  it('goes to the sender side and the addressed department only, and every download is audited', async () => {
    expect((await t.get(`/api/transfers/${transfer.id}/document.pdf`, mediator)).statusCode).toBe(200);
    const forPartner = await t.get(`/api/transfers/${transfer.id}/document.docx`, partner);
    expect(forPartner.statusCode).toBe(200);
    expectNoBFile(docxText(forPartner.rawPayload));
    expect((await t.get(`/api/transfers/${transfer.id}/document.pdf`, otherPartner)).statusCode).toBe(404);
    expect((await t.get(`/api/transfers/${transfer.id}/document.pdf`, otherChief)).statusCode).toBe(404);
    expect((await t.get(`/api/transfers/${transfer.id}/document.pdf`, null)).statusCode).toBe(401);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['actor_role'])
      .where('action', '=', 'case.transfer_document_downloaded')
      .where('entity_id', '=', String(transfer.id))
      .execute();
    expect(audit.map((a) => a.actor_role).sort()).toEqual(['mediator', 'officer', 'officer', 'partner']);
  });
});
