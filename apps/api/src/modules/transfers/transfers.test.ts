import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { addWorkingDays } from '../cases/cases.deadlines.js';
import { B_FILE, buildCase } from './transfers.fixtures.js';

let t: TestApp;
let officer: Session;
let chief: Session;
let mediator: Session;
let auxiliary: Session;
let otherChief: Session;
let partner: Session;
let otherPartner: Session;
let countyPartner: Session;
let dept: { id: number; name: string };
let countyDept: number;
let otherStationDept: number;

interface Transfer {
  id: number;
  caseId: number;
  kind: string;
  docNo: string;
  departmentId: number;
  departmentName: string;
  status: string;
  sentAt: string;
  ackDueAt: string;
  dueAt: string;
  ackOverdue: boolean;
  overdue: boolean;
  rejectReason: string | null;
  result: string | null;
  updates: { kind: string; note: string; actorName: string }[];
}

async function departmentOf(username: string) {
  const u = await t.db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select(['d.id', 'd.name'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return u;
}

async function send(session: Session, caseId: number, body: Record<string, unknown>) {
  return t.send('POST', `/api/cases/${caseId}/transfers`, session, body);
}

async function sent(caseId: number, body: Record<string, unknown> = {}): Promise<Transfer> {
  const res = await send(officer, caseId, { kind: 'gongdiao', departmentId: dept.id, note: '请组织调解', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Transfer>();
}

beforeAll(async () => {
  t = await createTestApp();
  [officer, chief, mediator, auxiliary, otherChief, partner, otherPartner, countyPartner] = await Promise.all([t.login('demo-officer'), t.login('demo-chief'), t.login('demo-mediator'), t.login('demo-auxiliary'), t.login('dh-chief'), t.login('demo-partner'), t.login('cg-partner2'), t.login('county-partner1')]);
  dept = await departmentOf('demo-partner');
  countyDept = (await departmentOf('county-partner1')).id;
  otherStationDept = (await departmentOf('dh-partner1')).id;
});
afterAll(async () => {
  await t.close();
});

describe('sending 两书一函', () => {
  it('numbers the letter per kind and year, sets the deadlines in working days and moves the case to transferred', async () => {
    const c = await buildCase(t);
    const first = await sent(c.id);
    expect(first.docNo).toMatch(/^枫公调〔\d{4}〕\d+号$/);
    expect(first.status).toBe('sent');
    expect(first.departmentName).toBe(dept.name);
    const sentAt = new Date(first.sentAt);
    expect(first.ackDueAt).toBe((await addWorkingDays(t.db, sentAt, 1)).toISOString());
    expect(first.dueAt).toBe((await addWorkingDays(t.db, sentAt, 15)).toISOString());

    const stage = await t.db.selectFrom('dispute_cases').select('stage').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(stage.stage).toBe('transferred');
    const events = await t.db.selectFrom('case_events').select(['from_stage', 'to_stage']).where('case_id', '=', c.id).execute();
    expect(events).toEqual([{ from_stage: 'mediating', to_stage: 'transferred' }]);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'case_transfer').where('entity_id', '=', String(first.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['case.transfer_sent']);

    // The same kind continues its series; another kind has its own; the stage stays.
    const second = await sent(c.id);
    const serial = (docNo: string) => Number(/〕(\d+)号$/.exec(docNo)![1]);
    expect(serial(second.docNo)).toBe(serial(first.docNo) + 1);
    const letter = await sent(c.id, { kind: 'weituo', departmentId: countyDept });
    expect(letter.docNo).toMatch(/^枫委调〔\d{4}〕\d+号$/);
    expect(await t.db.selectFrom('case_events').select('id').where('case_id', '=', c.id).execute()).toHaveLength(1);

    const list = await t.get(`/api/cases/${c.id}/transfers`, chief);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ items: Transfer[] }>().items.map((x) => x.id)).toEqual([letter.id, second.id, first.id]);
  });

  it('keeps the stage when the case may not move to transferred', async () => {
    const c = await buildCase(t, { stage: 'agreement' });
    await sent(c.id, { kind: 'liandiao' });
    const stage = await t.db.selectFrom('dispute_cases').select('stage').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(stage.stage).toBe('agreement');
  });

  it("refuses a department outside the case's station with a field error, and a closed case with 409", async () => {
    const c = await buildCase(t);
    const res = await send(officer, c.id, { kind: 'gongdiao', departmentId: otherStationDept });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'departmentId', rule: 'not_eligible' });
    const bad = await send(officer, c.id, { kind: 'letter', departmentId: dept.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('kind');

    const offered = await t.get(`/api/cases/${c.id}/transfers/departments`, officer);
    const ids = offered.json<{ items: { id: number }[] }>().items.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining([dept.id, countyDept]));
    expect(ids).not.toContain(otherStationDept);

    const closed = await buildCase(t, { stage: 'closed' });
    const refused = await send(officer, closed.id, { kind: 'gongdiao', departmentId: dept.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe('transfer.case_closed');
  });

  it('lets only chiefs and officers of the jurisdiction send, and hides the case from other stations and partners', async () => {
    const c = await buildCase(t);
    for (const s of [mediator, auxiliary]) expect((await send(s, c.id, { kind: 'gongdiao', departmentId: dept.id })).statusCode).toBe(403);
    expect((await send(otherChief, c.id, { kind: 'gongdiao', departmentId: dept.id })).statusCode).toBe(404);
    expect((await t.get(`/api/cases/${c.id}/transfers`, otherChief)).statusCode).toBe(404);
    expect((await t.get(`/api/cases/${c.id}/transfers`, partner)).statusCode).toBe(403);
    expect((await send(partner, c.id, { kind: 'gongdiao', departmentId: dept.id })).statusCode).toBe(403);
    const forMediator = await t.get(`/api/cases/${c.id}/transfers`, mediator);
    expect(forMediator.statusCode).toBe(200);
    expect(forMediator.json<{ abilities: { send: boolean } }>().abilities.send).toBe(false);
    expect((await t.get(`/api/cases/${c.id}/transfers`, officer)).json<{ abilities: { send: boolean } }>().abilities.send).toBe(true);
    expect(await t.db.selectFrom('case_transfers').select('id').where('case_id', '=', c.id).execute()).toHaveLength(0);
  });

  it('flags an unacknowledged transfer after its acknowledgement deadline and an unfinished one after its deadline', async () => {
    const c = await buildCase(t);
    const tr = await sent(c.id);
    expect(tr.ackOverdue).toBe(false);
    expect(tr.overdue).toBe(false);
    await t.db.updateTable('case_transfers').set({ ack_due_at: new Date(Date.now() - 60_000) }).where('id', '=', tr.id).execute();
    let item = (await t.get(`/api/cases/${c.id}/transfers`, officer)).json<{ items: Transfer[] }>().items[0]!;
    expect([item.ackOverdue, item.overdue]).toEqual([true, false]);
    await t.db.updateTable('case_transfers').set({ status: 'accepted', due_at: new Date(Date.now() - 60_000) }).where('id', '=', tr.id).execute();
    item = (await t.get(`/api/cases/${c.id}/transfers`, officer)).json<{ items: Transfer[] }>().items[0]!;
    expect([item.ackOverdue, item.overdue]).toEqual([false, true]);
  });
});

interface PartnerDetail {
  id: number;
  caseNo: string;
  caseTitle: string;
  status: string;
  summary: string;
  disputeTypeName: string;
  note: string;
  parties: { side: string; name: string; claims: string }[];
  incidents: unknown[];
  sessions: { heldAt: string; outcome: string }[];
  updates: { kind: string; note: string }[];
}

describe('the partner portal', () => {
  it("shows a department only its own transfers, as the A file without anything of the B file", async () => {
    const c = await buildCase(t);
    await t.db.insertInto('mediation_sessions').values({ case_id: c.id, held_at: new Date('2026-03-01T02:00:00Z'), place: '警务室', record: '双方各执己见', outcome: 'adjourned' }).execute();
    const tr = await sent(c.id, { note: '请于本周内联系双方' });

    const list = await t.get('/api/partner/transfers', partner);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ items: { id: number }[] }>().items.map((x) => x.id)).toContain(tr.id);
    expect((await t.get('/api/partner/transfers?status=resolved', partner)).json<{ items: { id: number }[] }>().items.map((x) => x.id)).not.toContain(tr.id);
    expect((await t.get('/api/partner/transfers', otherPartner)).json<{ items: { id: number }[] }>().items.map((x) => x.id)).not.toContain(tr.id);

    const res = await t.get(`/api/partner/transfers/${tr.id}`, partner);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<PartnerDetail>();
    expect(d).toMatchObject({ caseNo: c.caseNo, status: 'sent', note: '请于本周内联系双方', disputeTypeName: '邻里纠纷' });
    expect(d.parties).toEqual([
      { side: 'applicant', name: '赵钱孙', claims: '要求楼上赔偿天花板维修费3000元' },
      { side: 'respondent', name: '周吴郑', claims: '同意维修，但认为费用过高' },
    ]);
    expect(d.sessions).toEqual([{ heldAt: '2026-03-01T02:00:00.000Z', outcome: 'adjourned' }]);
    for (const secret of Object.values(B_FILE)) expect(res.body).not.toContain(secret);

    expect((await t.get(`/api/partner/transfers/${tr.id}`, otherPartner)).statusCode).toBe(404);
    expect((await t.get(`/api/partner/transfers/${tr.id}`, countyPartner)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/partner/transfers/${tr.id}/accept`, otherPartner, {})).statusCode).toBe(404);
    expect((await t.get(`/api/cases/${c.id}`, partner)).statusCode).not.toBe(200);
  });

  it('is closed to police and mediators', async () => {
    for (const s of [officer, chief, mediator]) {
      expect((await t.get('/api/partner/transfers', s)).statusCode).toBe(403);
      expect((await t.send('POST', '/api/partner/transfers/1/accept', s, {})).statusCode).toBe(403);
    }
  });

  it('walks accept → progress → result, answers wrong steps with 409 and shows every update to the sender', async () => {
    const c = await buildCase(t);
    const tr = await sent(c.id);
    const post = (step: string, body: unknown) => t.send('POST', `/api/partner/transfers/${tr.id}/${step}`, partner, body);

    for (const [step, body] of [
      ['progress', { note: '已联系' }],
      ['result', { outcome: 'resolved', note: '已调解' }],
    ] as const) {
      const early = await post(step, body);
      expect(early.statusCode).toBe(409);
      expect(early.json<{ code: string }>().code).toBe('transfer.not_accepted');
    }
    expect((await post('accept', {})).statusCode).toBe(200);
    const again = await post('accept', {});
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('transfer.not_pending');
    expect((await post('reject', { reason: '不属于本单位职责' })).json<{ code: string }>().code).toBe('transfer.not_pending');
    expect((await post('progress', { note: '已约双方下周三到司法所调解' })).statusCode).toBe(200);
    const bad = await post('result', { outcome: 'maybe', note: 'x' });
    expect(bad.statusCode).toBe(400);
    const done = await post('result', { outcome: 'resolved', note: '双方达成协议，赔偿2000元' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<PartnerDetail>().status).toBe('resolved');
    expect((await post('progress', { note: '补充' })).statusCode).toBe(409);

    const mine = (await t.get(`/api/cases/${c.id}/transfers`, officer)).json<{ items: Transfer[] }>().items[0]!;
    expect(mine.status).toBe('resolved');
    expect(mine.result).toBe('双方达成协议，赔偿2000元');
    expect(mine.updates.map((u) => u.kind)).toEqual(['accepted', 'progress', 'resolved']);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'case_transfer').where('entity_id', '=', String(tr.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['case.transfer_sent', 'case.transfer_accepted', 'case.transfer_progress', 'case.transfer_finished']);
    const notes = await t.db.selectFrom('notifications').select('kind').where('entity_type', '=', 'case_transfer').where('entity_id', '=', String(tr.id)).where('user_id', '=', officer.userId).execute();
    expect(notes).toHaveLength(3);
  });

  it('requires a reason to reject and records it', async () => {
    const c = await buildCase(t);
    const tr = await sent(c.id);
    const missing = await t.send('POST', `/api/partner/transfers/${tr.id}/reject`, partner, { reason: '  ' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('reason');
    const res = await t.send('POST', `/api/partner/transfers/${tr.id}/reject`, partner, { reason: '不属于本单位职责范围' });
    expect(res.statusCode).toBe(200);
    const mine = (await t.get(`/api/cases/${c.id}/transfers`, officer)).json<{ items: Transfer[] }>().items[0]!;
    expect(mine).toMatchObject({ status: 'rejected', rejectReason: '不属于本单位职责范围', ackOverdue: false, overdue: false });
    expect((await t.send('POST', `/api/partner/transfers/${tr.id}/accept`, partner, {})).statusCode).toBe(409);
  });
});
