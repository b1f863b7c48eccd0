import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { plusDays } from './agreements.usecases.js';
import { B_FILE, buildCase, docxText, pdfText, squash } from './transfers.fixtures.js';
import { shanghaiDay } from './transfers.letters.js';

let t: TestApp;
let officer: Session;
let mediator: Session;
let grid: Session;
let auxiliary: Session;
let otherChief: Session;
let partner: Session;

const DRAFT = {
  facts: '2026年10月，周吴郑家卫生间防水层老化漏水，致楼下赵钱孙家天花板霉变脱落。',
  issues: '天花板维修费用的数额及承担。',
  responsibilities: '周吴郑对漏水负主要责任；赵钱孙未及时告知，负次要责任。',
  terms: '一、周吴郑赔偿赵钱孙维修费2000元；二、周吴郑负责修复卫生间防水层。',
  performance: '周吴郑于2026年12月10日前以现金方式一次性支付，防水修复于同日前完成。',
  mediatorNames: '王调解、李民警',
};

interface Agreement {
  agreementNo: string;
  signatureStatus: string;
  signedOn: string | null;
  judicialConfirmation: boolean;
  judicialDeadline: string | null;
  judicialAppliedOn: string | null;
  facts: string;
}

const today = () => shanghaiDay(new Date());

function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

async function saved(caseId: number, session = mediator): Promise<Agreement> {
  const res = await t.send('PUT', `/api/cases/${caseId}/agreement`, session, DRAFT);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ agreement: Agreement }>().agreement;
}

beforeAll(async () => {
  t = await createTestApp();
  [officer, mediator, grid, auxiliary, otherChief, partner] = await Promise.all([t.login('demo-officer'), t.login('demo-mediator'), t.login('demo-grid'), t.login('demo-auxiliary'), t.login('dh-chief'), t.login('demo-partner')]);
});
afterAll(async () => {
  await t.close();
});

describe('the mediation agreement (调解协议书)', () => {
  it('is drafted by a mediator with a generated number, read by the case team and revised until signed', async () => {
    const c = await buildCase(t);
    expect((await t.get(`/api/cases/${c.id}/agreement`, officer)).json()).toEqual({ agreement: null, abilities: { edit: true, sign: false } });
    const a = await saved(c.id);
    expect(a.agreementNo).toMatch(/^枫调协〔\d{4}〕\d+号$/);
    expect(a.signatureStatus).toBe('unsigned');
    const read = await t.get(`/api/cases/${c.id}/agreement`, auxiliary);
    expect(read.json<{ agreement: Agreement }>().agreement.facts).toBe(DRAFT.facts);
    expect((await t.get(`/api/cases/${c.id}/agreement`, mediator)).json<{ abilities: unknown }>().abilities).toEqual({ edit: true, sign: true });

    const revised = await t.send('PUT', `/api/cases/${c.id}/agreement`, officer, { ...DRAFT, terms: '周吴郑赔偿2500元' });
    expect(revised.json<{ agreement: Agreement }>().agreement.agreementNo).toBe(a.agreementNo);
    const other = await buildCase(t);
    const next = await saved(other.id);
    const serial = (no: string) => Number(/〕(\d+)号$/.exec(no)![1]);
    expect(serial(next.agreementNo)).toBe(serial(a.agreementNo) + 1);

    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'dispute_case').where('entity_id', '=', String(c.id)).execute();
    expect(audit.map((x) => x.action)).toEqual(['case.agreement_saved', 'case.agreement_saved']);
  });

  it('names the missing art. 29 field and refuses roles and stations that may not draft it', async () => {
    const c = await buildCase(t);
    const res = await t.send('PUT', `/api/cases/${c.id}/agreement`, mediator, { ...DRAFT, performance: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('performance');
    expect((await t.send('PUT', `/api/cases/${c.id}/agreement`, grid, DRAFT)).statusCode).toBe(403);
    expect((await t.send('PUT', `/api/cases/${c.id}/agreement`, partner, DRAFT)).statusCode).toBe(403);
    expect((await t.get(`/api/cases/${c.id}/agreement`, partner)).statusCode).toBe(403);
    expect((await t.send('PUT', `/api/cases/${c.id}/agreement`, otherChief, DRAFT)).statusCode).toBe(404);
    expect((await t.get(`/api/cases/${c.id}/agreement.pdf`, otherChief)).statusCode).toBe(404);
    expect((await t.get(`/api/cases/${c.id}/agreement.pdf`, partner)).statusCode).toBe(403);
    const missing = await t.send('POST', `/api/cases/${c.id}/agreement/signature`, mediator, { status: 'signed', signedOn: today() });
    expect(missing.statusCode).toBe(409);
    expect(missing.json<{ code: string }>().code).toBe('agreement.missing');
  });

  it('records the signature; judicial confirmation sets the limit 30 days after signing; a signed agreement is final', async () => {
    const c = await buildCase(t);
    await saved(c.id);
    const sign = (body: unknown) => t.send('POST', `/api/cases/${c.id}/agreement/signature`, mediator, body);
    const noDay = await sign({ status: 'signed', judicialConfirmation: true });
    expect(noDay.statusCode).toBe(400);
    expect(noDay.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('signedOn');
    const future = await sign({ status: 'signed', signedOn: plusDays(today(), 2) });
    expect(future.json<{ fields: { rule: string }[] }>().fields[0]!.rule).toBe('not_future');
    const partly = await sign({ status: 'partly_signed', signedOn: today(), judicialConfirmation: true });
    expect(partly.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('judicialConfirmation');

    const signedOn = plusDays(today(), -3);
    const res = await sign({ status: 'signed', signedOn, judicialConfirmation: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ agreement: Agreement }>().agreement).toMatchObject({ signatureStatus: 'signed', signedOn, judicialConfirmation: true, judicialDeadline: plusDays(signedOn, 30), judicialAppliedOn: null });

    expect(res.json<{ abilities: unknown }>().abilities).toEqual({ edit: false, sign: true });
    const locked = await t.send('PUT', `/api/cases/${c.id}/agreement`, mediator, DRAFT);
    expect(locked.statusCode).toBe(409);
    expect(locked.json<{ code: string }>().code).toBe('agreement.signed');

    const early = await t.send('POST', `/api/cases/${c.id}/agreement/judicial`, officer, { appliedOn: plusDays(signedOn, -1) });
    expect(early.json<{ fields: { rule: string }[] }>().fields[0]!.rule).toBe('before_signing');
    const applied = await t.send('POST', `/api/cases/${c.id}/agreement/judicial`, officer, { appliedOn: today() });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json<{ agreement: Agreement }>().agreement.judicialAppliedOn).toBe(today());
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', String(c.id)).where('entity_type', '=', 'dispute_case').orderBy('id').execute();
    expect(audit.map((x) => x.action)).toEqual(['case.agreement_saved', 'case.agreement_signed', 'case.agreement_judicial_applied']);
  });

  it('takes the judicial limit from the settings and refuses an application without judicial confirmation', async () => {
    await t.db.updateTable('app_settings').set({ value: JSON.stringify({ judicialDays: 20, remindDaysBefore: 7 }) }).where('key', '=', 'cases.agreements').execute();
    try {
      const c = await buildCase(t);
      await saved(c.id);
      const signedOn = plusDays(today(), -1);
      const res = await t.send('POST', `/api/cases/${c.id}/agreement/signature`, mediator, { status: 'signed', signedOn, judicialConfirmation: true });
      expect(res.json<{ agreement: Agreement }>().agreement.judicialDeadline).toBe(plusDays(signedOn, 20));
      const plain = await buildCase(t);
      await saved(plain.id);
      await t.send('POST', `/api/cases/${plain.id}/agreement/signature`, mediator, { status: 'signed', signedOn, judicialConfirmation: false });
      const refused = await t.send('POST', `/api/cases/${plain.id}/agreement/judicial`, officer, { appliedOn: today() });
      expect(refused.statusCode).toBe(409);
      expect(refused.json<{ code: string }>().code).toBe('agreement.no_judicial_confirmation');
    } finally {
      await t.db.updateTable('app_settings').set({ value: JSON.stringify({ judicialDays: 30, remindDaysBefore: 7 }) }).where('key', '=', 'cases.agreements').execute();
    }
  });

  it('prints as PDF and DOCX with the art. 29 content, signature lines and copies, and without the B file', async () => {
    const c = await buildCase(t);
    const a = await saved(c.id);
    const signedOn = plusDays(today(), -2);
    await t.send('POST', `/api/cases/${c.id}/agreement/signature`, mediator, { status: 'signed', signedOn, judicialConfirmation: true });
    const address = await t.db
      .selectFrom('case_parties as p')
      .innerJoin('persons as pe', 'pe.id', 'p.person_id')
      .innerJoin('addresses as ad', 'ad.id', 'pe.current_address_id')
      .select('ad.full_name')
      .where('p.case_id', '=', c.id)
      .executeTakeFirstOrThrow();

    const pdf = await t.get(`/api/cases/${c.id}/agreement.pdf`, mediator);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const docx = await t.get(`/api/cases/${c.id}/agreement.docx`, officer);
    expect(docx.statusCode).toBe(200);
    const [y, m, d] = signedOn.split('-').map(Number);
    for (const text of [squash(pdfText(pdf.rawPayload)), squash(docxText(docx.rawPayload))]) {
      for (const expected of [
        '调解协议书',
        a.agreementNo,
        '当事人基本情况',
        `申请人：赵钱孙，男，${ageOn('1980-03-07', signedOn)}岁，住${address.full_name}`,
        '被申请人：周吴郑',
        DRAFT.facts,
        DRAFT.issues,
        DRAFT.responsibilities,
        DRAFT.terms,
        DRAFT.performance,
        '履行方式和期限',
        '申请人（签名或盖章）',
        `调解员（签名）：__________${DRAFT.mediatorNames}`,
        '本协议一式3份',
        '三十日内共同向人民法院申请司法确认',
        '调解组织：城关派出所（盖章）',
        `${y}年${m}月${d}日`,
      ]) {
        expect(text).toContain(squash(expected));
      }
      for (const secret of Object.values(B_FILE)) expect(text).not.toContain(squash(secret));
    }
    const audit = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'case.agreement_printed').where('entity_id', '=', String(c.id)).execute();
    expect(audit.map((x) => (x.change as { format: string }).format).sort()).toEqual(['docx', 'pdf']);
  });
});
