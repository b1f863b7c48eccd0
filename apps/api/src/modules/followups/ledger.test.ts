import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { followupFixtures } from './followups.fixtures.js';
import type { LedgerDto } from './followups.schemas.js';

let t: TestApp;
let f: ReturnType<typeof followupFixtures>;
let s: Awaited<ReturnType<ReturnType<typeof followupFixtures>['station']>>;
let chief: Session;

/** An instant in Beijing time. */
const bj = (local: string) => new Date(`${local}+08:00`);

beforeAll(async () => {
  t = await createTestApp();
  f = followupFixtures(t);
  s = await f.station('月结测试派出所');
  const { east, west, station, officerId, chiefId } = s;
  const at = (c: { id: number }) => c.id;

  // A: opened in September, closed resolved in October.
  const a = await f.case({ jurisdictionId: east.id, officerUserId: officerId, leaderUserId: chiefId, createdAt: bj('2026-09-20T10:00:00') });
  await f.party(a.id, '张三');
  await f.party(a.id, '李四', 'respondent');
  await f.move(at(a), 'mediating', bj('2026-09-21T10:00:00'));
  await f.move(at(a), 'closed', bj('2026-10-05T10:00:00'), 'resolved');
  // B: opened at the very first instant of October (Beijing), still open.
  await f.case({ jurisdictionId: east.id, officerUserId: officerId, createdAt: bj('2026-10-01T00:00:00') });
  // C: opened at the last second of September (Beijing), still open; a contract dispute.
  await f.case({ jurisdictionId: west.id, officerUserId: officerId, createdAt: bj('2026-09-30T23:59:59'), disputeType: 'contract' });
  // D: opened and transferred in October, closed at its last second as transferred-and-tracked.
  const d = await f.case({ jurisdictionId: west.id, officerUserId: officerId, createdAt: bj('2026-10-10T09:00:00'), disputeType: 'contract' });
  await f.transfer(d.id, { sentAt: bj('2026-10-12T09:00:00'), status: 'resolved' });
  await f.move(d.id, 'transferred', bj('2026-10-12T09:00:00'));
  await f.move(d.id, 'closed', bj('2026-10-31T23:59:59'), 'transferred_tracked');
  // E: opened in October, closed at the first instant of November.
  const e = await f.case({ jurisdictionId: east.id, officerUserId: officerId, createdAt: bj('2026-10-15T09:00:00') });
  await f.move(e.id, 'closed', bj('2026-11-01T00:00:00'), 'resolved');
  // F: on the station itself; closed in August, relapsed on a follow-up in October, closed again.
  const fc = await f.case({ jurisdictionId: station.id, officerUserId: officerId, createdAt: bj('2026-08-01T09:00:00') });
  await f.move(fc.id, 'closed', bj('2026-08-20T09:00:00'), 'resolved');
  await f.followup(fc.id, { dueOn: '2026-10-20', assignedUserId: officerId, doneAt: bj('2026-10-20T15:00:00'), relapse: true });
  await f.move(fc.id, 'assessing', bj('2026-10-20T15:00:00'));
  await f.move(fc.id, 'closed', bj('2026-10-28T09:00:00'), 'resolved');
  // G: closed as failed, reopened, closed resolved, all in October: counts once, by the last closure.
  const g = await f.case({ jurisdictionId: east.id, officerUserId: officerId, createdAt: bj('2026-10-03T09:00:00') });
  await f.move(g.id, 'closed', bj('2026-10-08T09:00:00'), 'failed_escalated');
  await f.move(g.id, 'assessing', bj('2026-10-09T09:00:00'));
  await f.move(g.id, 'closed', bj('2026-10-25T09:00:00'), 'resolved');
  // H: closed resolved, then reopened before the month ended: closed in the month and open at its end.
  const h = await f.case({ jurisdictionId: east.id, officerUserId: officerId, createdAt: bj('2026-10-05T09:00:00') });
  await f.move(h.id, 'closed', bj('2026-10-06T09:00:00'), 'resolved');
  await f.move(h.id, 'assessing', bj('2026-10-30T09:00:00'));
  chief = await t.login(s.chiefUsername);
});
afterAll(async () => {
  await t.close();
});

const figures = (registered: number, closed: number, resolved: number, transferred: number, relapsed: number, openAtMonthEnd: number) => ({
  registered,
  closed,
  resolved,
  transferred,
  relapsed,
  openAtMonthEnd,
  resolutionRate: closed > 0 ? resolved / closed : null,
});

describe('the monthly ledger (月结)', () => {
  it('counts a clean station’s October from its records, with the month cut at Beijing midnight', async () => {
    const res = await t.get('/api/cases/ledger?month=2026-10', chief);
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json<LedgerDto>();
    expect(l.jurisdiction.id).toBe(s.station.id);
    expect(l.unitKind).toBe('community');
    // registered B D E G H; closed A D F G H; resolved A F G H; transferred D; relapsed F; open at end B C E H.
    expect(l.total).toEqual(figures(5, 5, 4, 1, 1, 4));
    expect(l.total.resolutionRate).toBeCloseTo(0.8);
    const unit = (id: number) => l.byUnit.find((u) => u.jurisdictionId === id);
    expect(unit(s.east.id)).toMatchObject(figures(4, 3, 3, 0, 0, 3));
    expect(unit(s.west.id)).toMatchObject({ ...figures(1, 1, 0, 1, 0, 1), resolutionRate: 0 });
    expect(unit(s.station.id)).toMatchObject({ name: s.station.name, ...figures(0, 1, 1, 0, 1, 0) });
    const type = (code: string) => l.byType.find((x) => x.code === code);
    expect(type('contract')).toMatchObject(figures(1, 1, 0, 1, 0, 1));
    expect(type('neighbour')).toMatchObject(figures(4, 4, 4, 0, 1, 3));
    expect(l.byType).toHaveLength(15);
    // The rows add up to the total.
    for (const key of ['registered', 'closed', 'resolved', 'transferred', 'relapsed', 'openAtMonthEnd'] as const) {
      expect(l.byUnit.reduce((n, u) => n + u[key], 0)).toBe(l.total[key]);
      expect(l.byType.reduce((n, u) => n + u[key], 0)).toBe(l.total[key]);
    }
    // The detail list: every case with something in the month (C had nothing).
    expect(l.cases).toHaveLength(7);
    const first = l.cases.find((c) => c.parties.length === 2)!;
    expect(first.parties).toEqual(['张三', '李四']);
    expect(first.statusName).toBe('化解');
    expect(first.closedOn).toBe('2026-10-05');
    expect(first.leaderName).toBe('月结测试派出所所长');
    const d = l.cases.find((c) => c.transferred)!;
    expect(d).toMatchObject({ statusAtMonthEnd: 'transferred_tracked', closedOn: '2026-10-31', registeredOn: '2026-10-10' });
    expect(l.cases.filter((c) => c.registeredOn === '2026-10-01')).toHaveLength(1);
  });

  it('moves a closure at Beijing midnight into the next month', async () => {
    const res = await t.get('/api/cases/ledger?month=2026-11', chief);
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json<LedgerDto>();
    // E closed at 00:00 on 1 November; B C H remain open.
    expect(l.total).toEqual(figures(0, 1, 1, 0, 0, 3));
    const sep = (await t.get('/api/cases/ledger?month=2026-09', chief)).json<LedgerDto>();
    // A (20 Sep) and C (30 Sep 23:59:59) were registered in September; F was still closed.
    expect(sep.total).toEqual(figures(2, 0, 0, 0, 0, 2));
  });

  it('gives the bureau a row per station that matches the station’s own ledger', async () => {
    const bureau = await t.login('demo-bureau');
    const res = await t.get('/api/cases/ledger?month=2026-10', bureau);
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json<LedgerDto>();
    expect(l.unitKind).toBe('station');
    expect(l.byUnit.find((u) => u.jurisdictionId === s.station.id)).toMatchObject(figures(5, 5, 4, 1, 1, 4));
    const drill = await t.get(`/api/cases/ledger?month=2026-10&jurisdictionId=${s.east.id}`, bureau);
    expect(drill.json<LedgerDto>().total).toEqual(figures(4, 3, 3, 0, 0, 3));
  });

  it('exports a 台账 workbook shaped like a station’s and audits the export', async () => {
    const res = await t.get('/api/cases/ledger.xlsx?month=2026-10', chief);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('月结测试派出所矛盾纠纷排查化解月结台账（2026年10月）.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sum = wb.getWorksheet('汇总')!;
    expect(sum.getCell('A1').value).toBe('月结测试派出所矛盾纠纷排查化解月结台账（2026年10月）');
    const totalRow = sum.getRows(1, sum.rowCount)!.find((r) => r.getCell(1).value === '合计')!;
    expect(totalRow.values).toEqual([undefined, '合计', 5, 5, 4, 1, 1, 4, '80.0%']);
    const detail = wb.getWorksheet('明细')!;
    expect(detail.getCell('A1').value).toBe('月结测试派出所矛盾纠纷排查化解月结台账（2026年10月）');
    expect(detail.getRow(2).values).toEqual([undefined, '序号', '编号', '登记日期', '纠纷类型', '当事人', '简要情况', '包案领导', '责任民警', '化解情况', '办结日期']);
    expect(detail.rowCount).toBe(2 + 7);
    const parties = detail.getRows(3, 7)!.map((r) => r.getCell(5).value);
    expect(parties).toContain('张三、李四');
    const audit = await t.db.selectFrom('audit_events').select(['change', 'jurisdiction_id']).where('action', '=', 'ledger.exported').where('actor_user_id', '=', chief.userId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.change).toMatchObject({ month: '2026-10', cases: 7 });
  });

  it('refuses other stations, roles without the ledger and bad months', async () => {
    const otherChief = await t.login('demo-chief');
    expect((await t.get(`/api/cases/ledger?month=2026-10&jurisdictionId=${s.station.id}`, otherChief)).statusCode).toBe(404);
    expect((await t.get(`/api/cases/ledger.xlsx?month=2026-10&jurisdictionId=${s.station.id}`, otherChief)).statusCode).toBe(404);
    // The other chief's own ledger holds nothing of this station.
    const own = (await t.get('/api/cases/ledger?month=2026-10', otherChief)).json<LedgerDto>();
    expect(own.byUnit.some((u) => u.jurisdictionId === s.station.id || u.jurisdictionId === s.east.id)).toBe(false);
    for (const username of ['demo-auxiliary', 'demo-mediator', 'demo-partner', 'demo-grid', 'demo-admin']) {
      const session = await t.login(username);
      expect((await t.get('/api/cases/ledger?month=2026-10', session)).statusCode, username).toBe(403);
      expect((await t.get('/api/cases/ledger.xlsx?month=2026-10', session)).statusCode, username).toBe(403);
    }
    const bad = await t.get('/api/cases/ledger?month=2026-13', chief);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('month');
    expect((await t.get('/api/cases/ledger?month=2026-10')).statusCode).toBe(401);
  });
});
