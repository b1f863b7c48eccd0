import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentKind, IncidentOutcome } from '../../app/db/schema.js';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { followupFixtures } from '../followups/followups.fixtures.js';
import { foldIncidents } from './stats.rollup.js';
import type { Overview } from './stats.schemas.js';

let t: TestApp;
let s: Awaited<ReturnType<ReturnType<typeof followupFixtures>['station']>>;
let other: Awaited<ReturnType<ReturnType<typeof followupFixtures>['station']>>;
let chief: Session;
let officer: Session;
let bureau: Session;
const category = new Map<IncidentKind, string>();

/** An instant in Beijing time. */
const bj = (local: string) => new Date(`${local}+08:00`);

async function incident(v: { at: string; j: number; kind: IncidentKind; outcome?: IncidentOutcome; outcomeAt?: string; solvedAt?: string; dispatchS?: number; arriveS?: number }) {
  const received = bj(v.at);
  const row = await t.db
    .insertInto('incidents')
    .values({
      channel: '110',
      received_at: received,
      category_code: category.get(v.kind)!,
      kind: v.kind,
      summary: '统计测试警情',
      jurisdiction_id: v.j,
      outcome: v.outcome ?? null,
      outcome_at: v.outcomeAt ? bj(v.outcomeAt) : null,
      case_solved_at: v.solvedAt ? bj(v.solvedAt) : null,
      dispatched_at: v.dispatchS === undefined ? null : new Date(received.getTime() + v.dispatchS * 1000),
      arrived_at: v.arriveS === undefined ? null : new Date(received.getTime() + v.arriveS * 1000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const overview = async (session: Session, query: string) => {
  const res = await t.get(`/api/stats/overview?${query}`, session);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Overview>();
};
const row = (o: Overview, id: number) => o.rows.find((r) => r.id === id)!;

/** The same figures counted straight from incidents, for comparison with the presenter. */
async function direct(path: string, from: string, to: string) {
  const { rows } = await sql<{ valid: number; filed: number; solved: number; arrived: number; compliant: number }>`
    with i as (select i.*, s.dispatch_seconds as dl, s.arrive_seconds as al from incidents i join jurisdictions j on j.id = i.jurisdiction_id
      left join lateral stats_standard(i.jurisdiction_id) s on true where j.path like ${`${path}%`})
    select
      (select count(*) from i where i.received_at >= ${bj(`${from}T00:00:00`)} and i.received_at < ${bj(`${to}T00:00:00`)}
        and (i.kind <> 'other' or i.outcome in ('criminal_case', 'administrative_case', 'dispute_case', 'help_given')))::int as valid,
      (select count(*) from i where i.outcome in ('criminal_case', 'administrative_case') and i.outcome_at >= ${bj(`${from}T00:00:00`)} and i.outcome_at < ${bj(`${to}T00:00:00`)})::int as filed,
      (select count(*) from i where i.outcome in ('criminal_case', 'administrative_case') and i.case_solved_at >= ${bj(`${from}T00:00:00`)} and i.case_solved_at < ${bj(`${to}T00:00:00`)})::int as solved,
      (select count(*) from i where i.received_at >= ${bj(`${from}T00:00:00`)} and i.received_at < ${bj(`${to}T00:00:00`)} and i.arrived_at is not null)::int as arrived,
      (select count(*) from i where i.received_at >= ${bj(`${from}T00:00:00`)} and i.received_at < ${bj(`${to}T00:00:00`)} and i.arrived_at is not null and i.dispatched_at is not null
        and floor(extract(epoch from i.dispatched_at - i.received_at)) <= i.dl and floor(extract(epoch from i.arrived_at - i.received_at)) <= i.al)::int as compliant`.execute(t.db);
  return rows[0]!;
}
const presented = (o: Overview) => ({
  valid: o.total.metrics.valid.value,
  filed: o.total.metrics.filed.value,
  solved: o.total.metrics.solved.value,
  arrived: o.total.metrics.arrived.value,
  compliant: o.total.metrics.compliant.value,
});

beforeAll(async () => {
  t = await createTestApp();
  const f = followupFixtures(t);
  s = await f.station('统计测试派出所');
  other = await f.station('统计对照派出所');
  for (const kind of ['criminal', 'public_order', 'help', 'other'] as const) {
    const c = await t.db.selectFrom('incident_categories').select('code').where('kind', '=', kind).where('level', '=', 2).orderBy('code').executeTakeFirstOrThrow();
    category.set(kind, c.code);
  }
  const { east, west } = s;
  // March 2025, east: 3 criminal (one filed on the 10th, solved on the 20th), 2 help, an 'other'
  // call nobody acted on (not valid) and an 'other' call that was helped (valid).
  await incident({ at: '2025-03-01T00:00:00', j: east.id, kind: 'criminal', outcome: 'criminal_case', outcomeAt: '2025-03-10T09:00:00', solvedAt: '2025-03-20T09:00:00' });
  await incident({ at: '2025-03-15T12:00:00', j: east.id, kind: 'criminal' });
  await incident({ at: '2025-03-31T23:59:59', j: east.id, kind: 'criminal' });
  await incident({ at: '2025-03-05T08:00:00', j: east.id, kind: 'help' });
  await incident({ at: '2025-03-06T08:00:00', j: east.id, kind: 'help' });
  await incident({ at: '2025-03-07T08:00:00', j: east.id, kind: 'other' });
  await incident({ at: '2025-03-08T08:00:00', j: east.id, kind: 'other', outcome: 'help_given', outcomeAt: '2025-03-08T09:00:00' });
  // West (a village: 1 minute to dispatch, 5 to arrive): one within the standard, one too late.
  await incident({ at: '2025-03-09T10:00:00', j: west.id, kind: 'public_order', dispatchS: 30, arriveS: 299 });
  await incident({ at: '2025-03-09T11:00:00', j: west.id, kind: 'public_order', dispatchS: 30, arriveS: 301 });
  // Outside the month: the first second of April, the last of February, and March 2024.
  await incident({ at: '2025-04-01T00:00:00', j: east.id, kind: 'criminal' });
  await incident({ at: '2025-02-28T23:59:59', j: east.id, kind: 'criminal' });
  await incident({ at: '2024-03-10T10:00:00', j: east.id, kind: 'criminal' });
  await incident({ at: '2024-03-11T10:00:00', j: east.id, kind: 'criminal' });
  // The leap day and its 同比 twin.
  await incident({ at: '2024-02-29T10:00:00', j: east.id, kind: 'help' });
  await incident({ at: '2023-02-28T10:00:00', j: east.id, kind: 'help' });
  await incident({ at: '2023-03-01T10:00:00', j: east.id, kind: 'help' });
  // Disputes screened in March 2025: two resolved, one still open; March 2024: two, both resolved.
  for (const [at, resolved] of [['2025-03-05T09:00:00', true], ['2025-03-06T09:00:00', true], ['2025-03-07T09:00:00', false], ['2024-03-05T09:00:00', true], ['2024-03-06T09:00:00', true]] as const) {
    const c = await f.case({ jurisdictionId: east.id, createdAt: bj(at) });
    if (resolved) await f.move(c.id, 'closed', bj(at), 'resolved');
  }
  // The other station: a March 2025 incident this station's users must never count.
  await incident({ at: '2025-03-09T10:00:00', j: other.east.id, kind: 'criminal' });
  chief = await t.login(s.chiefUsername);
  officer = await t.login(s.officerUsername);
  bureau = await t.login('demo-bureau');
});
afterAll(async () => {
  await t.close();
});

describe('statistics table', () => {
  it('counts a month of the station by community with 同比 and 环比, as computed by hand', async () => {
    const o = await overview(chief, `node=${s.station.id}&period=month&date=2025-03-15`);
    expect(o.period).toMatchObject({ current: { from: '2025-03-01', to: '2025-04-01' }, yearEarlier: { from: '2024-03-01', to: '2024-04-01' }, previous: { from: '2025-02-01', to: '2025-03-01' } });
    const east = row(o, s.east.id).figures;
    expect(east.metrics.valid.value).toBe(6);
    expect(east.metrics.criminal.value).toBe(3);
    expect(east.metrics.help.value).toBe(2);
    expect(east.metrics.filed.value).toBe(1);
    expect(east.metrics.solved.value).toBe(1);
    expect(east.metrics.valid.yoy).toEqual({ current: 6, previous: 2, delta: 4, ratio: 2, direction: 'up' });
    expect(east.metrics.criminal.mom).toEqual({ current: 3, previous: 1, delta: 2, ratio: 2, direction: 'up' });
    expect(east.rates.criminalShare.value).toBe(0.5);
    expect(east.metrics.disputesScreened.value).toBe(3);
    expect(east.metrics.disputesResolved.value).toBe(2);
    expect(east.rates.resolutionRate).toEqual({ value: 0.6667, yearEarlier: 1, previous: null });
    const west = row(o, s.west.id).figures;
    expect(west.metrics.publicOrder.value).toBe(2);
    expect(west.metrics.valid.yoy.ratio).toBeNull();
    expect(west.metrics.arrived.value).toBe(2);
    expect(west.metrics.compliant.value).toBe(1);
    expect(west.rates.complianceRate.value).toBe(0.5);
    expect(o.total.metrics.valid.yoy).toMatchObject({ current: 8, previous: 2, ratio: 3 });
    expect(o.total.metrics.valid.mom).toMatchObject({ current: 8, previous: 1, ratio: 7 });
    expect(o.breadcrumbs.map((b) => b.id)).toEqual([s.station.id]);
    expect(o.byKind.find((k) => k.kind === 'criminal')?.yoy).toMatchObject({ current: 3, previous: 2 });
  });

  it('compares the leap day with 28 February of the year before', async () => {
    const o = await overview(chief, `node=${s.east.id}&period=day&date=2024-02-29`);
    expect(o.period.yearEarlier).toEqual({ from: '2023-02-28', to: '2023-03-01' });
    expect(o.total.metrics.help.yoy).toMatchObject({ current: 1, previous: 1, ratio: 0 });
  });

  it('reads the same figures from the rollups after the job folds them as counted live before', async () => {
    const before = await overview(chief, `period=year&date=2025-06-01`);
    await foldIncidents(t.db);
    const state = await t.db.selectFrom('stats_rollup_state').select('folded_id').executeTakeFirstOrThrow();
    expect(state.folded_id).toBeGreaterThan(0);
    const after = await overview(chief, `period=year&date=2025-06-01`);
    expect(after.total).toEqual(before.total);
    expect(after.rows).toEqual(before.rows);
    expect(presented(after)).toEqual(await direct(s.station.path, '2025-01-01', '2026-01-01'));
  });

  it('keeps equal to a direct count from incidents through intake, outcomes, timing and a solved case', async () => {
    await foldIncidents(t.db);
    const [from, to] = ['2025-01-01', '2026-01-01'];
    const id = await incident({ at: '2025-05-05T10:00:00', j: s.west.id, kind: 'criminal' });
    const folded = (await t.db.selectFrom('incidents').select('id').where('jurisdiction_id', '=', s.east.id).where('kind', '=', 'criminal').where('outcome', 'is', null).orderBy('id').executeTakeFirstOrThrow()).id;
    // Changes to an incident already in the rollup and to one not folded yet.
    await t.db.updateTable('incidents').set({ outcome: 'criminal_case', outcome_at: bj('2025-05-06T10:00:00') }).where('id', 'in', [id, folded]).execute();
    await t.db.updateTable('incidents').set({ dispatched_at: bj('2025-03-15T12:00:30'), arrived_at: bj('2025-03-15T12:02:00') }).where('id', '=', folded).execute();
    const solved = await t.send('POST', `/api/incidents/${folded}/case-solved`, officer, { solvedAt: bj('2025-06-01T10:00:00').toISOString() });
    expect(solved.statusCode, solved.body).toBe(200);
    await t.db.updateTable('incidents').set({ kind: 'public_order', category_code: category.get('public_order')!, jurisdiction_id: s.east.id }).where('id', '=', id).execute();
    expect(presented(await overview(chief, 'period=year&date=2025-06-01'))).toEqual(await direct(s.station.path, from, to));
    await foldIncidents(t.db);
    const o = await overview(chief, 'period=year&date=2025-06-01');
    expect(presented(o)).toEqual(await direct(s.station.path, from, to));
    expect(o.total.metrics.solved.value).toBe(2);
    // A change after the fold moves the folded counts at once.
    await t.db.updateTable('incidents').set({ outcome: 'no_action' }).where('id', '=', id).execute();
    expect(presented(await overview(chief, 'period=year&date=2025-06-01'))).toEqual(await direct(s.station.path, from, to));
  });

  it('counts 1-3-5 compliance exactly as the incidents timing report does', async () => {
    const o = await overview(chief, 'period=month&date=2025-03-01');
    const res = await t.get(`/api/incidents/timing?from=${bj('2025-03-01T00:00:00').toISOString()}&to=${bj('2025-04-01T00:00:00').toISOString()}`, chief);
    const timing = res.json<{ total: { arrived: number; compliant: number } }>();
    expect(o.total.metrics.arrived.value).toBe(timing.total.arrived);
    expect(o.total.metrics.compliant.value).toBe(timing.total.compliant);
    // The SQL standard look-up agrees with the incidents module's for every jurisdiction.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from jurisdictions j
      where (select dispatch_seconds from stats_standard(j.id)) is distinct from coalesce(
        (select rs.dispatch_seconds from response_standards rs where rs.area_kind = j.kind),
        (select rs.dispatch_seconds from jurisdictions p1 join response_standards rs on rs.area_kind = p1.kind where p1.id = j.parent_id),
        (select rs.dispatch_seconds from jurisdictions p1 join jurisdictions p2 on p2.id = p1.parent_id join response_standards rs on rs.area_kind = p2.kind where p1.id = j.parent_id))
        or (select arrive_seconds from stats_standard(j.id)) is distinct from coalesce(
        (select rs.arrive_seconds from response_standards rs where rs.area_kind = j.kind),
        (select rs.arrive_seconds from jurisdictions p1 join response_standards rs on rs.area_kind = p1.kind where p1.id = j.parent_id),
        (select rs.arrive_seconds from jurisdictions p1 join jurisdictions p2 on p2.id = p1.parent_id join response_standards rs on rs.area_kind = p2.kind where p1.id = j.parent_id))`.execute(t.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('drills the county down to the station and its communities, with a trend by month', async () => {
    const county = await overview(bureau, 'period=year&date=2025-06-01');
    const station = row(county, s.station.id);
    expect(station.drillable).toBe(true);
    const down = await overview(bureau, `node=${s.station.id}&period=year&date=2025-06-01`);
    expect(down.breadcrumbs.map((b) => b.id)).toEqual([county.node.id, s.station.id]);
    expect(down.total.metrics.valid.value).toBe(station.figures.metrics.valid.value);
    const trend = await t.get(`/api/stats/trend?node=${s.station.id}&period=year&date=2025-06-01`, bureau);
    expect(trend.statusCode).toBe(200);
    const points = trend.json<{ bucket: string; points: { key: string; valid: number; validYearEarlier: number }[] }>();
    expect(points.bucket).toBe('month');
    expect(points.points.find((p) => p.key === '2025-03')).toMatchObject({ valid: 8, validYearEarlier: 2 });
    const categories = await t.get(`/api/stats/categories?node=${s.east.id}&period=month&date=2025-03-15`, bureau);
    const criminal = categories.json<{ code: string; yoy: { current: number; previous: number } }[]>().find((c) => c.code === category.get('criminal'));
    expect(criminal?.yoy).toMatchObject({ current: 3, previous: 2 });
  });
});

describe('who sees and exports what', () => {
  it('never shows another station: its node is not found for this station, nor the county above it', async () => {
    expect((await t.get(`/api/stats/overview?node=${other.station.id}`, chief)).statusCode).toBe(404);
    expect((await t.get(`/api/stats/overview?node=${other.east.id}`, officer)).statusCode).toBe(404);
    expect((await t.get(`/api/stats/overview?node=${s.station.id}`, officer)).statusCode).toBe(404);
    expect((await t.get(`/api/stats/overview.xlsx?node=${other.station.id}`, chief)).statusCode).toBe(404);
    const own = await overview(chief, 'period=month&date=2025-03-15');
    expect(own.node.id).toBe(s.station.id);
    expect(own.rows.some((r) => r.id === other.east.id)).toBe(false);
    expect(own.total.metrics.criminal.value).toBe(3);
  });

  it('refuses statistics to a volunteer, and the export to an auxiliary', async () => {
    const volunteer = await t.login('demo-volunteer');
    expect((await t.get('/api/stats/overview', volunteer)).statusCode).toBe(403);
    expect((await t.get('/api/stats/overview.xlsx', volunteer)).statusCode).toBe(403);
    const auxiliary = await t.login('demo-auxiliary');
    expect((await t.get('/api/stats/overview', auxiliary)).statusCode).toBe(200);
    expect((await t.get('/api/stats/overview.xlsx', auxiliary)).statusCode).toBe(403);
  });

  it('exports the table as a workbook and audits the export', async () => {
    const res = await t.get(`/api/stats/overview.xlsx?node=${s.station.id}&period=month&date=2025-03-15`, bureau);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('单位');
    const names = ws.getColumn(1).values.slice(2);
    expect(names).toContain(s.east.name);
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    const cell = (name: string, header: string) => {
      const column = headers.indexOf(header);
      expect(column, header).toBeGreaterThanOrEqual(0);
      return ws.getRow(names.indexOf(name) + 2).getCell(column + 1).value;
    };
    // Every figure has its value, 去年同期 and 同比, 上期 and 环比, in that order.
    expect(headers.slice(1, 6)).toEqual(['有效警情', '有效警情去年同期', '有效警情同比', '有效警情上期', '有效警情环比']);
    // East, March 2025: 6 valid calls against 2 in March 2024 and 1 in February 2025.
    expect(cell(s.east.name, '有效警情')).toBe(6);
    expect(cell(s.east.name, '有效警情去年同期')).toBe(2);
    expect(cell(s.east.name, '有效警情同比')).toBe('上升200.0%');
    expect(cell(s.east.name, '有效警情上期')).toBe(1);
    expect(cell(s.east.name, '有效警情环比')).toBe('上升500.0%');
    expect(cell(s.east.name, '刑事警情上期')).toBe(1);
    expect(cell(s.east.name, '刑事警情环比')).toBe('上升200.0%');
    expect(cell(s.east.name, '摸排矛盾纠纷同比')).toBe('上升50.0%');
    expect(cell(s.east.name, '化解去年同期')).toBe(2);
    expect(cell(s.east.name, '化解同比')).toBe('持平');
    // A zero base: 新增 when there is something now, — when there is nothing either.
    expect(cell(s.east.name, '立案环比')).toBe('新增');
    expect(cell(s.west.name, '有效警情去年同期')).toBe(0);
    expect(cell(s.west.name, '有效警情同比')).toBe('新增');
    expect(cell(s.west.name, '刑事警情同比')).toBe('—');
    expect(cell(s.west.name, '1-3-5达标')).toBe(1);
    expect(cell(s.west.name, '1-3-5达标环比')).toBe('新增');
    // The total row agrees with the page's total.
    const total = names.find((n) => typeof n === 'string' && n.startsWith('合计')) as string;
    expect(cell(total, '有效警情上期')).toBe(1);
    expect(cell(total, '有效警情环比')).toBe('上升700.0%');
    const audit = await t.db.selectFrom('audit_events').select(['action', 'entity_id']).where('action', '=', 'stats.exported').execute();
    expect(audit).toEqual([{ action: 'stats.exported', entity_id: String(s.station.id) }]);
  });

  it('records a solved case only for a filed case in scope, once, and audits it', async () => {
    const plain = await incident({ at: '2025-07-01T10:00:00', j: s.east.id, kind: 'criminal' });
    expect((await t.send('POST', `/api/incidents/${plain}/case-solved`, officer, {})).json<{ code: string }>().code).toBe('stats.case_not_filed');
    const filed = await incident({ at: '2025-07-01T10:00:00', j: s.east.id, kind: 'criminal', outcome: 'criminal_case', outcomeAt: '2025-07-02T10:00:00' });
    const theirs = await incident({ at: '2025-07-01T10:00:00', j: other.east.id, kind: 'criminal', outcome: 'criminal_case', outcomeAt: '2025-07-02T10:00:00' });
    expect((await t.send('POST', `/api/incidents/${theirs}/case-solved`, officer, {})).statusCode).toBe(404);
    expect((await t.send('POST', `/api/incidents/${filed}/case-solved`, bureau, {})).statusCode).toBe(403);
    const early = await t.send('POST', `/api/incidents/${filed}/case-solved`, officer, { solvedAt: bj('2025-07-01T10:00:00').toISOString() });
    expect(early.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'solvedAt', rule: 'before_filed' });
    expect((await t.get(`/api/incidents/${theirs}/case-solved`, officer)).statusCode).toBe(404);
    expect((await t.get(`/api/incidents/${plain}/case-solved`, officer)).json()).toEqual({ id: plain, filed: false, outcomeAt: null, caseSolvedAt: null });
    expect((await t.get(`/api/incidents/${filed}/case-solved`, officer)).json()).toEqual({ id: filed, filed: true, outcomeAt: bj('2025-07-02T10:00:00').toISOString(), caseSolvedAt: null });
    const at = bj('2025-07-03T09:30:00').toISOString();
    const done = await t.send('POST', `/api/incidents/${filed}/case-solved`, officer, { solvedAt: at });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ id: filed, caseSolvedAt: at });
    // The incident itself carries it (page, list, integrators); an unsolved or unfiled one null.
    expect((await t.get(`/api/incidents/${filed}`, officer)).json()).toMatchObject({ id: filed, outcomeAt: bj('2025-07-02T10:00:00').toISOString(), caseSolvedAt: at });
    expect((await t.get(`/api/incidents/${plain}`, officer)).json()).toMatchObject({ id: plain, caseSolvedAt: null });
    // The page reads the state back (the bureau may look, though it may not record) and the time line names the step.
    expect((await t.get(`/api/incidents/${filed}/case-solved`, bureau)).json()).toMatchObject({ filed: true, caseSolvedAt: at });
    const timeline = await t.get(`/api/incidents/${filed}/timeline`, officer);
    expect(timeline.json<{ items: { action: string; summary: { zh: string } }[] }>().items.find((e) => e.action === 'incident.case_solved')?.summary.zh).toBe('登记破案');
    const volunteer = await t.login('demo-volunteer');
    expect((await t.get(`/api/incidents/${filed}/case-solved`, volunteer)).statusCode).toBe(403);
    const again = await t.send('POST', `/api/incidents/${filed}/case-solved`, officer, {});
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('stats.case_already_solved');
    const audit = await t.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'incident.case_solved').where('entity_id', '=', String(filed)).execute();
    expect(audit).toHaveLength(1);
  });
});
