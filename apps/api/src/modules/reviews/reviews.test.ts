import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { followupFixtures } from '../followups/followups.fixtures.js';
import { docxText, pdfText, squash } from '../transfers/transfers.fixtures.js';
import { buildReview, saveReview, type ReviewedUnit } from './reviews.generator.js';
import { makeMondayReviews } from './reviews.jobs.js';
import type { ReviewContent } from './reviews.types.js';
import { reviewedWeek } from './reviews.weeks.js';

let t: TestApp;
let f: ReturnType<typeof followupFixtures>;
let s1: Awaited<ReturnType<ReturnType<typeof followupFixtures>['station']>>;
let s2: Awaited<ReturnType<ReturnType<typeof followupFixtures>['station']>>;
let unit: ReviewedUnit;
let channel: string;
const cat: Record<string, string> = {};
let serial = 0;

const bj = (local: string) => new Date(`${local}+08:00`);
/** Monday 15 March 2027, 07:00 Beijing: the review looks back on 8–14 March 2027. */
const NOW = bj('2027-03-15T07:00:00');

async function incident(kind: string, at: string, v: { jurisdictionId?: number; code?: string; lat?: number; lon?: number; phone?: string } = {}) {
  const row = await t.db
    .insertInto('incidents')
    .values({
      channel,
      received_at: bj(at),
      category_code: v.code ?? cat[kind]!,
      kind: kind as never,
      summary: `研判测试警情${++serial}`,
      jurisdiction_id: v.jurisdictionId ?? s1.east.id,
      lat: v.lat ?? 34.9,
      lon: v.lon ?? 110.4,
      caller_phone: v.phone ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function cluster(phone: string, incidentIds: number[], level: 'red' | 'orange' | 'yellow' | 'blue' = 'orange') {
  const c = await t.db
    .insertInto('repeat_clusters')
    .values({ link_by: 'phone', link_value: phone, jurisdiction_id: s1.east.id, first_at: bj('2027-02-01T10:00:00'), last_at: bj('2027-03-12T10:00:00'), incident_count: incidentIds.length + 1, level })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (incidentIds.length) await t.db.insertInto('repeat_cluster_incidents').values(incidentIds.map((id) => ({ cluster_id: c.id, incident_id: id }))).execute();
  return c.id;
}

async function warning(clusterId: number, v: { status?: 'open' | 'planned' | 'closed'; plan?: string | null; deadline: string; level?: 'red' | 'orange' }) {
  const row = await t.db
    .insertInto('warnings')
    .values({ cluster_id: clusterId, level: v.level ?? 'orange', reason: `同一号码多次报警 ${clusterId}`, owner_user_id: s1.officerId, deadline: v.deadline, status: v.status ?? 'open', plan: v.plan ?? null, jurisdiction_id: s1.east.id, created_at: bj('2027-03-09T09:00:00') })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let content: ReviewContent;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  f = followupFixtures(t);
  s1 = await f.station('研判一所');
  s2 = await f.station('研判二所');
  unit = { id: s1.station.id, name: s1.station.name, kind: 'station', path: s1.station.path };
  channel = (await t.db.selectFrom('channels').select('code').orderBy('sort').executeTakeFirstOrThrow()).code;
  for (const kind of ['public_order', 'criminal', 'traffic', 'help', 'complaint', 'report']) {
    const rows = await t.db.selectFrom('incident_categories').select('code').where('kind', '=', kind as never).where('active', '=', true).orderBy('code').limit(2).execute();
    cat[kind] = rows[0]!.code;
    if (kind === 'public_order') cat.public_order_2 = rows[1]!.code;
  }

  // Reviewed week 8–14 March 2027: public order 6 (two at the very edges of the week), criminal 2,
  // traffic 5, one complaint, one report. Incidents at Monday 15 March 00:00 belong to the next week.
  for (const at of ['2027-03-08T00:00:00', '2027-03-09T20:10:00', '2027-03-10T20:20:00', '2027-03-11T20:30:00', '2027-03-12T20:40:00', '2027-03-14T23:59:59']) await incident('public_order', at);
  await incident('public_order', '2027-03-15T00:00:00');
  ids.c1 = await incident('criminal', '2027-03-09T10:00:00', { phone: '13812345678' });
  ids.c2 = await incident('criminal', '2027-03-10T11:00:00', { phone: '13812345678' });
  for (let d = 8; d <= 12; d++) await incident('traffic', `2027-03-${String(d).padStart(2, '0')}T20:05:00`);
  ids.complaint = await incident('complaint', '2027-03-11T09:30:00');
  ids.report = await incident('report', '2027-03-13T15:00:00');
  // The week before (1–7 March): public order 4, help 3.
  for (const at of ['2027-03-01T20:00:00', '2027-03-02T08:00:00', '2027-03-03T20:00:00', '2027-03-07T23:59:59']) await incident('public_order', at);
  for (const at of ['2027-03-02T09:00:00', '2027-03-04T09:00:00', '2027-03-06T09:00:00']) await incident('help', at);
  // 同比: 364 days earlier is 9–15 March 2026 (Monday to Sunday): public order 3, traffic 2.
  // 8 March 2026 (a Sunday, the calendar twin of 8 March 2027) is outside it.
  for (const at of ['2026-03-09T00:00:00', '2026-03-11T12:00:00', '2026-03-15T23:59:00']) await incident('public_order', at);
  for (const at of ['2026-03-10T12:00:00', '2026-03-12T12:00:00']) await incident('traffic', at);
  await incident('traffic', '2026-03-08T12:00:00');
  // Another station's incident in the week is not this station's.
  await incident('public_order', '2027-03-10T12:00:00', { jurisdictionId: s2.east.id });

  const active = await cluster(`1381234${String(Date.now()).slice(-4)}`, [ids.c1, ids.c2]);
  const planned = await cluster(`1391234${String(Date.now()).slice(-4)}`, []);
  const closed = await cluster(`1371234${String(Date.now()).slice(-4)}`, []);
  ids.warnOpen = await warning(active, { deadline: '2027-03-10' });
  ids.warnPlanned = await warning(planned, { status: 'planned', plan: '一事一策：社区民警每周走访', deadline: '2027-03-20', level: 'red' });
  ids.warnClosed = await warning(closed, { status: 'closed', deadline: '2027-03-01' });
  ids.activeCluster = active;

  // Overdue as of Monday 07:00: one transfer unacknowledged, one case past its stage deadline, one follow-up.
  const transferred = await f.case({ jurisdictionId: s1.east.id, officerUserId: s1.officerId, stage: 'transferred', stageDueAt: bj('2027-04-01T00:00:00'), title: '移交案件' });
  ids.transferLate = await f.transfer(transferred.id, { sentAt: bj('2027-03-01T10:00:00'), ackDueAt: bj('2027-03-02T10:00:00') });
  await f.transfer(transferred.id, { sentAt: bj('2027-03-14T10:00:00'), ackDueAt: bj('2027-03-16T10:00:00') });
  await f.transfer(transferred.id, { sentAt: bj('2027-03-01T10:00:00'), status: 'accepted', dueAt: bj('2027-03-20T10:00:00') });
  ids.transferCase = transferred.id;
  const late = await f.case({ jurisdictionId: s1.east.id, officerUserId: s1.officerId, stage: 'mediating', stageDueAt: bj('2027-03-14T18:00:00'), title: '超期调解' });
  await f.case({ jurisdictionId: s1.east.id, officerUserId: s1.officerId, stage: 'mediating', stageDueAt: bj('2027-03-20T18:00:00'), title: '未超期调解' });
  await f.case({ jurisdictionId: s2.east.id, stage: 'mediating', stageDueAt: bj('2027-03-01T18:00:00'), title: '他所超期' });
  ids.lateCase = late.id;
  const closedCase = await f.case({ jurisdictionId: s1.east.id, officerUserId: s1.officerId, stage: 'closed', closedAt: bj('2027-02-01T10:00:00') });
  ids.lateFollowup = await f.followup(closedCase.id, { kind: 'field', dueOn: '2027-03-14', assignedUserId: s1.officerId });
  await f.followup(closedCase.id, { kind: 'phone', dueOn: '2027-03-15', assignedUserId: s1.officerId });

  content = await buildReview(t.db, unit, NOW);
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('the demo county', () => {
  it('has the Monday reviews of the last four weeks for the county and every station', async () => {
    const demoUnits = await t.db
      .selectFrom('jurisdictions')
      .select('id')
      .where('archived_at', 'is', null)
      .where('id', 'not in', [s1.station.id, s2.station.id])
      .where((eb) => eb.or([eb('kind', '=', 'station'), eb.and([eb('kind', '=', 'bureau'), eb('parent_id', 'is', null)])]))
      .execute();
    const rows = await t.db.selectFrom('weekly_reviews').select(['jurisdiction_id', 'week_start', 'content']).orderBy('week_start').execute();
    const weeks = [...new Set(rows.map((r) => r.week_start))];
    expect(weeks).toHaveLength(4);
    for (let i = 1; i < weeks.length; i++) expect(Date.parse(weeks[i]!) - Date.parse(weeks[i - 1]!)).toBe(7 * 86_400_000);
    for (const week of weeks) expect(rows.filter((r) => r.week_start === week).map((r) => r.jurisdiction_id).sort((a, b) => a - b)).toEqual(demoUnits.map((u) => u.id).sort((a, b) => a - b));
    const county = rows.find((r) => (r.content as unknown as ReviewContent).jurisdiction.kind === 'bureau' && r.week_start === weeks.at(-1))!.content as unknown as ReviewContent;
    expect(county.totals.current).toBeGreaterThan(0);
    expect(county.totals.lastYear).toBeGreaterThan(0);
  });
});

describe('the Monday review contents on a fixture week', () => {
  it('reviews the last full week, Monday to Sunday, against the week before and the same weekdays 364 days earlier', () => {
    expect(content.week).toEqual({ from: '2027-03-08', to: '2027-03-15' });
    expect(content.previousWeek).toEqual({ from: '2027-03-01', to: '2027-03-08' });
    expect(content.lastYearWeek).toEqual({ from: '2026-03-09', to: '2026-03-16' });
    expect(reviewedWeek(bj('2027-03-21T23:59:59'))).toEqual({ from: '2027-03-08', to: '2027-03-15' });
  });

  it('counts incidents by kind with 环比 and 同比, a zero base giving no ratio', () => {
    const k = Object.fromEntries(content.byKind.map((r) => [r.kind, r]));
    expect(k.public_order).toMatchObject({ current: 6, previousWeek: 4, lastYear: 3 });
    expect(k.public_order!.wow).toEqual({ current: 6, previous: 4, delta: 2, ratio: 0.5, direction: 'up' });
    expect(k.public_order!.yoy).toEqual({ current: 6, previous: 3, delta: 3, ratio: 1, direction: 'up' });
    expect(k.criminal!.wow).toEqual({ current: 2, previous: 0, delta: 2, ratio: null, direction: 'up' });
    expect(k.traffic).toMatchObject({ current: 5, previousWeek: 0, lastYear: 2 });
    expect(k.traffic!.yoy.ratio).toBe(1.5);
    expect(k.help!.wow).toMatchObject({ current: 0, previous: 3, ratio: -1, direction: 'down' });
    expect(k.fire!.wow).toEqual({ current: 0, previous: 0, delta: 0, ratio: null, direction: 'flat' });
    expect(content.totals).toMatchObject({ current: 15, previousWeek: 7, lastYear: 5 });
    expect(content.totals.wow.ratio).toBe(1.1429);
    expect(content.totals.yoy.ratio).toBe(2);
  });

  it('lists the rising categories, complaints and reports, active clusters and open warnings', () => {
    expect(content.risingCategories.map((c) => [c.code, c.current, c.previousWeek])).toEqual([
      [cat.traffic, 5, 0],
      [cat.public_order, 6, 4],
      [cat.criminal, 2, 0],
      ...[cat.complaint!, cat.report!].sort().map((code) => [code, 1, 0]),
    ]);
    expect(content.complaintsAndReports.map((i) => [i.id, i.kind, i.receivedAt])).toEqual([
      [ids.complaint, 'complaint', '2027-03-11 09:30'],
      [ids.report, 'report', '2027-03-13 15:00'],
    ]);
    expect(content.clusters).toHaveLength(1);
    expect(content.clusters[0]).toMatchObject({ id: ids.activeCluster, linkBy: 'phone', incidentsInWeek: 2, incidentCount: 3 });
    expect(content.clusters[0]!.label).toMatch(/^来电 138\*\*\*\*\d{4}$/);
    expect(content.warnings.map((w) => [w.id, w.level, w.hasPlan, w.overdue, w.status])).toEqual([
      [ids.warnPlanned, 'red', true, false, 'planned'],
      [ids.warnOpen, 'orange', false, true, 'open'],
    ]);
    expect(content.warnings[1]!.ownerName).toBe('研判一所民警');
  });

  it('lists overdue transfers, cases and follow-ups as the reminder jobs define them', () => {
    expect(content.overdue.transfers).toEqual([expect.objectContaining({ id: ids.transferLate, caseId: ids.transferCase, state: 'unacknowledged', deadline: '2027-03-02 10:00' })]);
    expect(content.overdue.cases).toEqual([expect.objectContaining({ id: ids.lateCase, title: '超期调解', stageDueAt: '2027-03-14 18:00' })]);
    expect(content.overdue.followups).toEqual([expect.objectContaining({ id: ids.lateFollowup, kind: 'field', dueOn: '2027-03-14' })]);
  });

  it('predicts next week from data before it and counts the busiest hours of four weeks', () => {
    expect(content.hotspots.targetStart).toBe(bj('2027-03-15T00:00:00').toISOString());
    expect(content.hotspots.trainEnd).toBe(content.hotspots.targetStart);
    expect(content.hotspots.method).not.toBe('');
    expect(content.hotspots.eventCount).toBeGreaterThan(0);
    expect(content.hotspots.cells.length).toBeGreaterThan(0);
    // 20:xx: 4 public order + 5 traffic in the reviewed week, 2 in the week before.
    expect(content.hours[20]).toBe(11);
    expect(content.hours.reduce((a, b) => a + b, 0)).toBe(15 + 7);
  });

  it('suggests interventions by the documented rules', () => {
    const by = (rule: string) => content.suggestions.filter((s) => s.rule === rule);
    // Campaign: up ≥ 30 % (or from nothing) with ≥ 5 incidents — traffic (0 → 5) and public order (4 → 6), not criminal (2).
    expect(by('campaign').map((s) => s.link)).toEqual([`/incidents?category=${encodeURIComponent(cat.traffic!)}`, `/incidents?category=${encodeURIComponent(cat.public_order!)}`]);
    expect(by('campaign')[1]!.detail).toContain('环比上升 50%');
    expect(by('patrol_focus')).toHaveLength(1);
    expect(by('staggered_patrol')[0]!.detail).toContain('20:00–21:00');
    expect(by('warning_plan').map((s) => s.link)).toEqual([`/warnings/${ids.warnOpen}`]);
    expect(by('transfer_supervision').map((s) => s.link)).toEqual([`/cases/${ids.transferCase}`]);
    expect(by('transfer_supervision')[0]!.detail).toContain('逾期未签收');
    expect(by('case_supervision').map((s) => s.link)).toEqual([`/cases/${ids.lateCase}`]);
  });
});

describe('the Monday review job', () => {
  const reviewsOf = (week: string) => t.db.selectFrom('weekly_reviews').select(['jurisdiction_id', 'generated_by']).where('week_start', '=', week).execute();

  it('makes reviews only on Monday from 06:00 Beijing time, once per week', async () => {
    const units = await t.db.selectFrom('jurisdictions').select('id').where('archived_at', 'is', null).where((eb) => eb.or([eb('kind', '=', 'station'), eb.and([eb('kind', '=', 'bureau'), eb('parent_id', 'is', null)])])).execute();
    expect(await makeMondayReviews(t.db, bj('2027-03-21T23:59:59'))).toBe(0);
    expect(await makeMondayReviews(t.db, bj('2027-03-22T05:59:59'))).toBe(0);
    expect(await reviewsOf('2027-03-15')).toHaveLength(0);
    expect(await makeMondayReviews(t.db, bj('2027-03-22T06:00:00'))).toBe(units.length);
    const made = await reviewsOf('2027-03-15');
    expect(made.map((r) => r.jurisdiction_id).sort((a, b) => a - b)).toEqual(units.map((u) => u.id).sort((a, b) => a - b));
    expect(made.every((r) => r.generated_by === null)).toBe(true);
    expect(await makeMondayReviews(t.db, bj('2027-03-22T07:00:00'))).toBe(0);
    // Tuesday never makes one, even when missing.
    await t.db.deleteFrom('weekly_reviews').where('week_start', '=', '2027-03-15').where('jurisdiction_id', '=', s1.station.id).execute();
    expect(await makeMondayReviews(t.db, bj('2027-03-23T08:00:00'))).toBe(0);
    expect(await makeMondayReviews(t.db, bj('2027-03-22T09:00:00'))).toBe(1);
  }, 300_000);
});

describe('the review pages and exports', () => {
  let chief: Session;
  let officer: Session;
  let otherChief: Session;
  let bureau: Session;
  let fixtureId: number;

  beforeAll(async () => {
    chief = await t.login(s1.chiefUsername);
    officer = await t.login(s1.officerUsername);
    otherChief = await t.login(s2.chiefUsername);
    bureau = await t.login('demo-bureau');
    fixtureId = (await saveReview(t.db, { jurisdictionId: s1.station.id, content, generatedBy: null, now: NOW, replace: true }))!;
  });

  it('generates last week on demand for the chief’s station, replacing it and auditing it', async () => {
    const res = await t.send('POST', '/api/reviews', chief, { jurisdictionId: s1.station.id });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ id: number; weekStart: string; generatedByName: string; content: ReviewContent }>();
    expect(body.weekStart).toBe(reviewedWeek(new Date()).from);
    expect(body.content.week.from).toBe(body.weekStart);
    expect(body.generatedByName).toBe('研判一所所长');
    const again = await t.send('POST', '/api/reviews', chief, { jurisdictionId: s1.station.id });
    expect(again.json<{ id: number }>().id).toBe(body.id);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'entity_id']).where('action', '=', 'review.generated').where('entity_id', '=', String(body.id)).execute();
    expect(audit).toHaveLength(2);
  }, 60_000);

  it('refuses a week that is not a Monday or not over, naming the field', async () => {
    const notMonday = await t.send('POST', '/api/reviews', chief, { jurisdictionId: s1.station.id, weekStart: '2026-11-10' });
    expect(notMonday.statusCode).toBe(400);
    expect(notMonday.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'weekStart', rule: 'monday' });
    const future = await t.send('POST', '/api/reviews', chief, { jurisdictionId: s1.station.id, weekStart: '2099-01-05' });
    expect(future.statusCode).toBe(400);
    expect(future.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'weekStart', rule: 'week_finished' });
  });

  it('shows a station’s officer their station’s weeks only', async () => {
    const list = await t.get('/api/reviews', officer);
    expect(list.statusCode).toBe(200);
    const body = list.json<{ units: { id: number }[]; items: { id: number; jurisdictionId: number; total: number }[]; abilities: { generate: boolean } }>();
    expect(body.units.map((u) => u.id)).toEqual([s1.station.id]);
    expect(new Set(body.items.map((i) => i.jurisdictionId))).toEqual(new Set([s1.station.id]));
    expect(body.items.find((i) => i.id === fixtureId)).toMatchObject({ total: 15 });
    expect(body.abilities.generate).toBe(false);
    const one = await t.get(`/api/reviews/${fixtureId}`, officer);
    expect(one.statusCode).toBe(200);
    expect(one.json<{ content: ReviewContent }>().content.totals.current).toBe(15);
  });

  it('hides another station’s and the county’s reviews (404) and refuses generating them', async () => {
    const county = await t.db.selectFrom('jurisdictions').select('id').where('kind', '=', 'bureau').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const countyReview = await t.send('POST', '/api/reviews', bureau, { jurisdictionId: county.id });
    expect(countyReview.statusCode).toBe(201);
    const countyId = countyReview.json<{ id: number }>().id;
    for (const [who, url] of [
      [otherChief, `/api/reviews/${fixtureId}`],
      [otherChief, `/api/reviews/${fixtureId}/review.pdf`],
      [otherChief, `/api/reviews?jurisdictionId=${s1.station.id}`],
      [chief, `/api/reviews/${countyId}`],
      [officer, `/api/reviews/${countyId}/review.docx`],
    ] as const) {
      expect((await t.get(url, who)).statusCode, url).toBe(404);
    }
    expect((await t.send('POST', '/api/reviews', otherChief, { jurisdictionId: s1.station.id })).statusCode).toBe(404);
    expect((await t.send('POST', '/api/reviews', chief, { jurisdictionId: county.id })).statusCode).toBe(404);
    // The bureau sees the county and every station.
    const all = (await t.get('/api/reviews', bureau)).json<{ units: { id: number }[] }>();
    expect(all.units.map((u) => u.id)).toEqual(expect.arrayContaining([county.id, s1.station.id, s2.station.id]));
    expect((await t.get(`/api/reviews/${fixtureId}`, bureau)).statusCode).toBe(200);
  }, 60_000);

  it('refuses roles without reviews.view (403) and officers generating (403)', async () => {
    for (const username of ['demo-grid', 'demo-mediator', 'demo-partner', 'demo-volunteer']) {
      const s = await t.login(username);
      expect((await t.get('/api/reviews', s)).statusCode, username).toBe(403);
      expect((await t.get(`/api/reviews/${fixtureId}`, s)).statusCode, username).toBe(403);
      expect((await t.get(`/api/reviews/${fixtureId}/review.pdf`, s)).statusCode, username).toBe(403);
      expect((await t.send('POST', '/api/reviews', s, { jurisdictionId: s1.station.id })).statusCode, username).toBe(403);
    }
    expect((await t.send('POST', '/api/reviews', officer, { jurisdictionId: s1.station.id })).statusCode).toBe(403);
    expect((await t.get('/api/reviews', null)).statusCode).toBe(401);
  });

  it('exports the PDF and the DOCX with the week’s figures, audited', async () => {
    const pdf = await t.get(`/api/reviews/${fixtureId}/review.pdf`, chief);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(squash(pdfText(pdf.rawPayload))).toContain('每周研判');
    const docx = await t.get(`/api/reviews/${fixtureId}/review.docx`, officer);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const text = squash(docxText(docx.rawPayload));
    expect(text).toContain('研判一所每周研判');
    expect(text).toContain('2027.03.08–2027.03.14');
    expect(text).toContain('上周共接报警情15起，前一周7起，环比+114.3%；去年同期5起，同比+200.0%');
    expect(text).toContain('364天前的同一周（2026.03.09–2026.03.15');
    expect(text).toContain('治安64+50.0%3+100.0%');
    expect(text).toContain('求助03-100.0%0—');
    expect(text).toContain('截至2027-03-1507:00');
    expect(text).toContain('预测期2027-03-15至2027-03-21');
    expect(text).toContain('刑事20新增0新增');
    expect(text).toContain('专项整治');
    const audit = await t.db.selectFrom('audit_events').select(['actor_user_id', 'change']).where('action', '=', 'review.exported').where('entity_id', '=', String(fixtureId)).orderBy('id').execute();
    expect(audit.map((a) => a.change)).toEqual([
      { format: 'pdf', weekStart: '2027-03-08' },
      { format: 'docx', weekStart: '2027-03-08' },
    ]);
  }, 60_000);
});

describe('the rules of the suggested interventions', () => {
  type Config = { rules: Record<string, number>; defaults: Record<string, number>; updatedAt: string | null };
  const defaults = { campaignMinRise: 0.3, campaignMinCount: 5, patrolCells: 3, busyHours: 3 };

  it('are the bureau’s data: read, changed (audited) and used by the next review; bad values refused by field', async () => {
    const bureau = await t.login('demo-bureau');
    const first = await t.get('/api/review-rules', bureau);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<Config>()).toMatchObject({ rules: defaults, defaults });

    const bad = await t.send('PUT', '/api/review-rules', bureau, { ...defaults, campaignMinCount: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('campaignMinCount');
    const unknown = await t.send('PUT', '/api/review-rules', bureau, { ...defaults, extra: 1 });
    expect(unknown.statusCode).toBe(400);

    // Six incidents at least, one cell and one hour named.
    const stricter = { campaignMinRise: 0.3, campaignMinCount: 6, patrolCells: 1, busyHours: 1 };
    const saved = await t.send('PUT', '/api/review-rules', bureau, stricter);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<Config>().rules).toEqual(stricter);
    expect(saved.json<Config>().updatedAt).not.toBeNull();
    const audit = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'reviews.rules_updated').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.change).toEqual({ campaignMinCount: { from: 5, to: 6 }, patrolCells: { from: 3, to: 1 }, busyHours: { from: 3, to: 1 } });

    const next = await buildReview(t.db, unit, NOW);
    const by = (rule: string) => next.suggestions.filter((s) => s.rule === rule);
    // Traffic (0 → 5) no longer reaches 6; public order (4 → 6) does.
    expect(by('campaign').map((s) => s.link)).toEqual([`/incidents?category=${encodeURIComponent(cat.public_order!)}`]);
    expect(by('campaign')[0]!.detail).toContain('≥ 6 起');
    expect(by('patrol_focus')[0]!.detail).toContain('第1位');
    expect(by('patrol_focus')[0]!.detail).not.toContain('第2位');
    expect(by('staggered_patrol')[0]!.detail).toMatch(/时段：\d\d:00–\d\d:00。/);
    // The review made before keeps what it said.
    expect(content.suggestions.filter((s) => s.rule === 'campaign')).toHaveLength(2);

    expect((await t.send('PUT', '/api/review-rules', bureau, defaults)).json<Config>().rules).toEqual(defaults);
  });

  it('are the bureau’s to change: a chief or an officer is refused', async () => {
    for (const username of [s1.chiefUsername, s1.officerUsername]) {
      const s = await t.login(username);
      expect((await t.get('/api/review-rules', s)).statusCode, username).toBe(403);
      expect((await t.send('PUT', '/api/review-rules', s, defaults)).statusCode, username).toBe(403);
    }
    expect((await t.get('/api/review-rules', null)).statusCode).toBe(401);
  });
});
