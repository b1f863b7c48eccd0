import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../../app/actor.js';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { EXPORT_MAX_ROWS } from './incidents.export.js';
import { incidentFilter, resolveIncidentFilter } from './incidents.filters.js';
import { listIncidentsQuery } from './incidents.schemas.js';

let t: TestApp;
let officer: Session;
let chief: Session;
let otherChief: Session;
let bureau: Session;
let grid: Session;
let volunteer: Session;
let station: { id: number; path: string };
let otherStation: { id: number; path: string };
let serial = 0;

interface Incident {
  id: number;
  summary: string;
  jurisdictionId: number;
  addressId: number | null;
  callerPhone: string | null;
  status: string;
}
interface List {
  items: Incident[];
  total: number;
}
interface ErrorBody {
  code: string;
  message: string;
  fields?: { path: string; rule: string }[];
}
interface Links {
  clusters: { id: number; linkBy: string; linkLabel: string; incidentCount: number; firstAt: string; lastAt: string; incidents: { id: number; summary: string; status: string }[]; more: number }[];
  warnings: { id: number; source: string; level: string; status: string; clusterId: number | null; reason: string }[];
}

/** A marker no other record carries: Chinese characters drawn at random from the CJK block. */
function chineseToken(length = 4): string {
  return Array.from({ length }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000))).join('');
}
const randomMobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

async function report(session: Session, overrides: Record<string, unknown> = {}): Promise<Incident> {
  serial += 1;
  const res = await t.send(
    'POST',
    '/api/incidents',
    session,
    {
      channel: '110',
      receivedAt: new Date(Date.now() - (60 + serial) * 1000).toISOString(),
      categoryCode: '100100',
      summary: `查找测试${serial}`,
      narrative: '报警人称其停放在楼下的电动车被盗。',
      callerName: '李女士',
      callerPhone: randomMobile(),
      ...overrides,
    },
    { 'idempotency-key': `find-test-${Date.now()}-${serial}` },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Incident>();
}

const ids = (list: List) => list.items.map((i) => i.id).sort((a, b) => a - b);
const sorted = (...xs: number[]) => [...xs].sort((a, b) => a - b);
async function list(session: Session, query: Record<string, string | number | boolean>): Promise<List> {
  const res = await t.get(`/api/incidents?${new URLSearchParams(Object.entries({ pageSize: 200, ...query }).map(([k, v]): [string, string] => [k, String(v)])).toString()}`, session);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<List>();
}

beforeAll(async () => {
  t = await createTestApp();
  officer = await t.login('demo-officer');
  chief = await t.login('demo-chief');
  otherChief = await t.login('dh-chief');
  bureau = await t.login('demo-bureau');
  grid = await t.login('demo-grid');
  volunteer = await t.login('demo-volunteer');
  station = await t.db.selectFrom('jurisdictions').select(['id', 'path']).where('name', '=', '城关派出所').executeTakeFirstOrThrow();
  otherStation = await t.db
    .selectFrom('users as u')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select(['j.id', 'j.path'])
    .where('u.username', '=', 'dh-chief')
    .executeTakeFirstOrThrow();
  expect(otherStation.id).not.toBe(station.id);
});
afterAll(async () => {
  await t.close();
});

describe('full-text search on summary and narrative', () => {
  it('finds a Chinese substring of the narrative, and nothing that lacks it', async () => {
    const token = chineseToken();
    const hit = await report(officer, { narrative: `楼上邻居深夜${token}装修噪音扰民，双方发生口角。` });
    const inSummary = await report(officer, { summary: `噪音${token}投诉` });
    const miss = await report(officer, { narrative: `楼上邻居深夜${chineseToken()}装修噪音扰民。` });
    const found = await list(officer, { q: token.slice(1, 3) + token.slice(3) });
    expect(ids(found)).toEqual(sorted(hit.id, inSummary.id));
    expect(ids(found)).not.toContain(miss.id);
    // A longer phrase across the token and its neighbours.
    expect(ids(await list(officer, { q: `深夜${token}装修` }))).toEqual([hit.id]);
  });

  it('treats % and _ as plain characters', async () => {
    const token = chineseToken();
    const literal = await report(officer, { narrative: `完成率100%${token}` });
    await report(officer, { narrative: `完成率100${token}` });
    expect(ids(await list(officer, { q: `100%${token}` }))).toEqual([literal.id]);
    expect((await list(officer, { q: `${token}_%` })).total).toBe(0);
  });

  it('a phone number finds the caller’s incidents and an address finds the place’s', async () => {
    const phone = randomMobile();
    const byPhone = await report(officer, { callerPhone: phone });
    expect(ids(await list(officer, { q: phone }))).toEqual([byPhone.id]);

    const room = await roomInScope();
    const atRoom = await report(officer, { addressText: room.full_name });
    expect(atRoom.addressId).toBe(room.id);
    expect(ids(await list(officer, { q: room.full_name }))).toContain(atRoom.id);
  });
});

async function roomInScope(offset = 0) {
  const me = await t.db.selectFrom('users as u').innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id').select('j.path').where('u.username', '=', 'demo-officer').executeTakeFirstOrThrow();
  return t.db
    .selectFrom('addresses as a')
    .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
    .select(['a.id', 'a.full_name', 'a.parent_id'])
    .where('a.level', '=', 'room')
    .where('j.path', 'like', `${me.path}%`)
    .orderBy('a.id')
    .offset(offset)
    .executeTakeFirstOrThrow();
}

describe('list filters', () => {
  it('filters by status, outcome, caller phone, dispute type and risk domain', async () => {
    const token = chineseToken();
    const taxonomy = (await t.get('/api/incident-categories', officer)).json<{ categories: { code: string; kind: string; active: boolean }[]; riskDomains: { code: string }[]; disputeTypes: { code: string }[] }>();
    const disputeCategory = taxonomy.categories.find((c) => c.kind === 'dispute' && c.active)!;
    const phone = randomMobile();
    const a = await report(officer, { narrative: `甲${token}`, callerPhone: phone });
    const b = await report(officer, { narrative: `乙${token}` });
    const c = await report(officer, {
      narrative: `丙${token}`,
      categoryCode: disputeCategory.code,
      disputeType: taxonomy.disputeTypes[1]!.code,
      riskDomain: taxonomy.riskDomains[2]!.code,
    });
    await t.db.updateTable('incidents').set({ status: 'closed', outcome: 'help_given', closed_at: new Date() }).where('id', '=', b.id).execute();

    expect(ids(await list(officer, { q: token }))).toEqual(sorted(a.id, b.id, c.id));
    expect(ids(await list(officer, { q: token, status: 'closed' }))).toEqual([b.id]);
    expect(ids(await list(officer, { q: token, status: 'received' }))).toEqual(sorted(a.id, c.id));
    expect(ids(await list(officer, { q: token, outcome: 'help_given' }))).toEqual([b.id]);
    expect(ids(await list(officer, { q: token, outcome: 'none' }))).toEqual(sorted(a.id, c.id));
    expect(ids(await list(officer, { callerPhone: phone }))).toEqual([a.id]);
    expect(ids(await list(officer, { q: token, disputeType: taxonomy.disputeTypes[1]!.code }))).toEqual([c.id]);
    expect(ids(await list(officer, { q: token, riskDomain: taxonomy.riskDomains[2]!.code }))).toEqual([c.id]);
    expect(ids(await list(officer, { q: token, riskDomain: taxonomy.riskDomains[0]!.code }))).toEqual([]);
  });

  it('names the field of a bad filter value', async () => {
    const cases: [string, string][] = [
      ['status=lost', 'status'],
      ['outcome=maybe', 'outcome'],
      ['hasWarning=perhaps', 'hasWarning'],
      ['callerPhone=12ab', 'callerPhone'],
      ['stationId=abc', 'stationId'],
    ];
    for (const [query, path] of cases) {
      const res = await t.get(`/api/incidents?${query}`, officer);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<ErrorBody>().fields![0]!.path).toBe(path);
    }
  });

  it('filters by a standard address and the addresses below it', async () => {
    const token = chineseToken();
    const room = await roomInScope(1);
    const there = await report(officer, { narrative: `地址${token}`, addressText: room.full_name });
    const elsewhere = await report(officer, { narrative: `别处${token}` });
    expect(there.addressId).toBe(room.id);
    expect(ids(await list(officer, { q: token, addressId: room.id }))).toEqual([there.id]);
    // The room's parent (unit or building) covers it.
    expect(ids(await list(officer, { q: token, addressId: room.parent_id! }))).toEqual([there.id]);
    expect(ids(await list(officer, { q: token }))).toEqual(sorted(there.id, elsewhere.id));
    const outside = await t.db
      .selectFrom('addresses as a')
      .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
      .select('a.id')
      .where('j.path', 'like', `${otherStation.path}%`)
      .executeTakeFirstOrThrow();
    const refused = await t.get(`/api/incidents?addressId=${outside.id}`, officer);
    expect(refused.statusCode).toBe(404);
    expect(refused.json<ErrorBody>().fields![0]).toMatchObject({ path: 'addressId', rule: 'not_in_scope' });
  });

  it('filters by station and jurisdiction inside the scope, and refuses one outside it naming the field', async () => {
    const token = chineseToken();
    const mine = await report(chief, { narrative: `城关${token}` });
    const theirs = await report(otherChief, { narrative: `东湖${token}` });
    expect(mine.jurisdictionId).toBe(station.id);
    expect(theirs.jurisdictionId).toBe(otherStation.id);

    expect(ids(await list(bureau, { q: token }))).toEqual(sorted(mine.id, theirs.id));
    expect(ids(await list(bureau, { q: token, stationId: otherStation.id }))).toEqual([theirs.id]);
    expect(ids(await list(bureau, { q: token, jurisdictionId: station.id }))).toEqual([mine.id]);
    expect(ids(await list(chief, { q: token, stationId: station.id }))).toEqual([mine.id]);
    // An officer may name the own station (it filters nothing beyond the own scope).
    expect((await list(officer, { q: token, stationId: station.id })).items.every((i) => i.jurisdictionId !== otherStation.id)).toBe(true);

    for (const field of ['stationId', 'jurisdictionId']) {
      const res = await t.get(`/api/incidents?${field}=${otherStation.id}`, chief);
      expect(res.statusCode, field).toBe(404);
      expect(res.json<ErrorBody>().fields![0]).toMatchObject({ path: field, rule: 'not_in_scope' });
    }
    // Missing answers like outside; a community is not a station.
    expect((await t.get('/api/incidents?stationId=99999999', chief)).statusCode).toBe(404);
    const community = await t.db.selectFrom('jurisdictions').select('id').where('path', 'like', `${station.path}%`).where('kind', 'in', ['community', 'village']).executeTakeFirstOrThrow();
    expect((await t.get(`/api/incidents?stationId=${community.id}`, chief)).json<ErrorBody>().fields![0]!.path).toBe('stationId');
    expect(ids(await list(chief, { q: token, jurisdictionId: community.id }))).toEqual([]);
  });
});

describe('linked repeats and warnings', () => {
  let phone: string;
  let token: string;
  let first: Incident;
  let second: Incident;
  let third: Incident;
  let foreign: Incident;
  let lone: Incident;

  beforeAll(async () => {
    phone = randomMobile();
    token = chineseToken();
    // Three calls from one phone in 30 days: a phone cluster and its blue warning (repeat_rules).
    first = await report(officer, { callerPhone: phone, narrative: `重复${token}`, receivedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    second = await report(officer, { callerPhone: phone, narrative: `重复${token}`, receivedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() });
    third = await report(officer, { callerPhone: phone, narrative: `重复${token}`, receivedAt: new Date(Date.now() - 86_400_000).toISOString() });
    // The same caller at another station joins the cluster; it stays out of 城关's view.
    foreign = await report(otherChief, { callerPhone: phone, narrative: `重复${token}` });
    lone = await report(officer, { narrative: `单独${token}` });
  });

  it('lists the cluster with its other incidents in scope and its warning', async () => {
    const res = await t.get(`/api/incidents/${second.id}/links`, chief);
    expect(res.statusCode, res.body).toBe(200);
    const links = res.json<Links>();
    const cluster = links.clusters.find((c) => c.linkBy === 'phone')!;
    expect(cluster).toMatchObject({ linkLabel: phone, incidentCount: 4, more: 0 });
    expect(cluster.incidents.map((i) => i.id)).toEqual([third.id, first.id]);
    expect(new Date(cluster.firstAt).getTime()).toBeLessThanOrEqual(new Date(cluster.lastAt).getTime());
    const warning = links.warnings.find((w) => w.clusterId === cluster.id)!;
    expect(warning).toMatchObject({ source: 'repeat', status: 'open' });
    expect(['blue', 'yellow']).toContain(warning.level);

    const wide = (await t.get(`/api/incidents/${second.id}/links`, bureau)).json<Links>();
    expect(wide.clusters.find((c) => c.id === cluster.id)!.incidents.map((i) => i.id)).toEqual([foreign.id, third.id, first.id]);
  });

  it('includes the incident’s own escalation warning', async () => {
    const w = await t.db
      .insertInto('warnings')
      .values({ source: 'escalation', incident_id: lone.id, level: 'orange', reason: '民转刑风险评分 72', deadline: sql<string>`current_date + 3`, jurisdiction_id: lone.jurisdictionId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const links = (await t.get(`/api/incidents/${lone.id}/links`, officer)).json<Links>();
    expect(links.clusters).toEqual([]);
    expect(links.warnings).toEqual([expect.objectContaining({ id: w.id, source: 'escalation', level: 'orange', status: 'open', clusterId: null })]);
  });

  it('is scoped: another station’s chief gets 404, a volunteer 403', async () => {
    expect((await t.get(`/api/incidents/${second.id}/links`, otherChief)).statusCode).toBe(404);
    expect((await t.get(`/api/incidents/${second.id}/links`, volunteer)).statusCode).toBe(403);
    expect((await t.get('/api/incidents/99999999/links', chief)).statusCode).toBe(404);
    // The foreign incident's own page shows the 城关 incidents only to whom may see them.
    const theirView = (await t.get(`/api/incidents/${foreign.id}/links`, otherChief)).json<Links>();
    expect(theirView.clusters[0]!.incidents).toEqual([]);
  });

  it('the list filter hasWarning finds incidents with a live warning', async () => {
    expect(ids(await list(officer, { q: token, hasWarning: true }))).toEqual(sorted(first.id, second.id, third.id, lone.id));
    expect(ids(await list(officer, { q: token, hasWarning: false }))).toEqual([]);
    await t.db.updateTable('warnings').set({ status: 'closed' }).where('incident_id', '=', lone.id).execute();
    expect(ids(await list(officer, { q: token, hasWarning: false }))).toEqual([lone.id]);
  });
});

describe('saved filters', () => {
  it('a user saves, lists and deletes own filters; another user neither sees nor deletes them', async () => {
    const created = await t.send('POST', '/api/saved-filters', officer, { page: 'incidents', name: '夜间噪音', query: { q: '噪音', status: 'received', hasWarning: 'true' } });
    expect(created.statusCode, created.body).toBe(201);
    const filter = created.json<{ id: number; name: string; query: Record<string, unknown> }>();
    expect(filter.query).toEqual({ q: '噪音', status: 'received', hasWarning: 'true' });

    const mine = (await t.get('/api/saved-filters?page=incidents', officer)).json<{ items: { id: number }[] }>();
    expect(mine.items.map((f) => f.id)).toEqual([filter.id]);
    expect((await t.get('/api/saved-filters?page=people', officer)).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await t.get('/api/saved-filters?page=incidents', chief)).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await t.send('DELETE', `/api/saved-filters/${filter.id}`, chief)).statusCode).toBe(404);

    const twin = await t.send('POST', '/api/saved-filters', officer, { page: 'incidents', name: '夜间噪音', query: {} });
    expect(twin.statusCode).toBe(409);
    expect(twin.json<ErrorBody>().code).toBe('saved_filters.name_taken');
    // The same name is another user's own business.
    expect((await t.send('POST', '/api/saved-filters', chief, { page: 'incidents', name: '夜间噪音', query: {} })).statusCode).toBe(201);

    expect((await t.send('DELETE', `/api/saved-filters/${filter.id}`, officer)).statusCode).toBe(204);
    expect((await t.get('/api/saved-filters?page=incidents', officer)).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await t.send('DELETE', `/api/saved-filters/${filter.id}`, officer)).statusCode).toBe(404);
    const events = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'saved_filter').where('entity_id', '=', String(filter.id)).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['saved_filter.created', 'saved_filter.deleted']);
  });

  it('validates the page name and the query (a JSON object of at most 2 KB)', async () => {
    const bad: [unknown, string, string | null][] = [
      [{ page: 'Incidents!', name: 'x', query: {} }, 'page', null],
      [{ page: 'incidents', name: '', query: {} }, 'name', null],
      [{ page: 'incidents', name: 'x', query: ['q'] }, 'query', null],
      [{ page: 'incidents', name: 'x', query: { q: { nested: true } } }, 'query.q', null],
      [{ page: 'incidents', name: 'x', query: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'x'.repeat(300)])) }, 'query', 'too_big'],
    ];
    for (const [body, path, rule] of bad) {
      const res = await t.send('POST', '/api/saved-filters', officer, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
      const field = res.json<ErrorBody>().fields![0]!;
      expect(field.path).toBe(path);
      if (rule) expect(field.rule).toBe(rule);
    }
    expect((await t.get('/api/saved-filters?page=Bad-Page', officer)).json<ErrorBody>().fields![0]!.path).toBe('page');
    expect((await t.get('/api/saved-filters?page=incidents', null)).statusCode).toBe(401);
  });
});

async function readXlsx(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('警情台账')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i]])));
  });
  const notes = new Map<string, string>();
  wb.getWorksheet('说明')!.eachRow((row) => notes.set(row.getCell(1).text, row.getCell(2).text));
  return { header, rows, notes };
}

describe('Excel export', () => {
  it('holds the rows of the filter within the scope, with a station ledger’s columns, and is audited with the count', async () => {
    const token = chineseToken();
    const mine = await report(chief, { narrative: `导出${token}`, callerName: '赵先生' });
    const mine2 = await report(officer, { narrative: `导出${token}` });
    const theirs = await report(otherChief, { narrative: `导出${token}` });
    await report(chief, { narrative: `不导出${chineseToken()}` });
    // One of them filed as a criminal case and solved: the ledger shows its case number and 破案时间.
    await t.db.updateTable('incidents').set({ outcome: 'criminal_case', case_number: 'XS-2026-0007', outcome_at: new Date('2026-03-01T09:00:00+08:00'), case_solved_at: new Date('2026-03-04T05:06:07+08:00') }).where('id', '=', mine.id).execute();

    const res = await t.get(`/api/incidents/export.xlsx?q=${encodeURIComponent(token)}`, chief);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('警情台账'));
    const { header, rows, notes } = await readXlsx(res.rawPayload);
    expect(header).toEqual(expect.arrayContaining(['编号', '接警时间', '渠道', '类别', '摘要', '地址', '标准地址', '报警人', '电话', '状态', '处置结果', '案件编号', '破案时间', '所属单位']));
    expect(sorted(...rows.map((r) => Number(r['编号'])))).toEqual(sorted(mine.id, mine2.id));
    const row = rows.find((r) => r['编号'] === mine.id)!;
    expect(row).toMatchObject({ 报警人: '赵先生', 电话: mine.callerPhone, 状态: '已接警', 类别: '盗窃案', 所属单位: '城关派出所', 摘要: mine.summary, 案件编号: 'XS-2026-0007', 破案时间: '2026/03/04 05:06:07' });
    expect(rows.find((r) => r['编号'] === mine2.id)!['破案时间'] ?? null).toBeNull();
    expect(notes.get('行数')).toBe('2');
    expect(notes.get('筛选条件')).toContain(token);
    expect(notes.get('说明')).toContain(String(EXPORT_MAX_ROWS));

    const event = await t.db.selectFrom('audit_events').select(['change', 'actor_role']).where('action', '=', 'incidents.exported').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event.change).toMatchObject({ rows: 2, filter: { q: token } });

    const county = await readXlsx((await t.get(`/api/incidents/export.xlsx?q=${encodeURIComponent(token)}`, bureau)).rawPayload);
    expect(sorted(...county.rows.map((r) => Number(r['编号'])))).toEqual(sorted(mine.id, mine2.id, theirs.id));
    const one = await readXlsx((await t.get(`/api/incidents/export.xlsx?q=${encodeURIComponent(token)}&stationId=${otherStation.id}`, bureau)).rawPayload);
    expect(one.rows.map((r) => r['编号'])).toEqual([theirs.id]);
    expect((await t.get(`/api/incidents/export.xlsx?stationId=${otherStation.id}`, chief)).statusCode).toBe(404);
  });

  it('is refused to grid workers, volunteers, mediators, partners and landlords (403), and to nobody signed in', async () => {
    for (const username of ['demo-grid', 'demo-volunteer', 'demo-mediator', 'demo-partner', 'demo-landlord']) {
      const session = username === 'demo-grid' ? grid : username === 'demo-volunteer' ? volunteer : await t.login(username);
      expect((await t.get('/api/incidents/export.xlsx?q=x', session)).statusCode, username).toBe(403);
    }
    expect((await t.get('/api/incidents/export.xlsx', null)).statusCode).toBe(401);
    // A grid worker still sees the list.
    expect((await t.get('/api/incidents?pageSize=1', grid)).statusCode).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  it('describes the find, export, links and saved-filter endpoints', async () => {
    const doc = (await t.get('/api/openapi.json')).json<{ paths: Record<string, Record<string, { parameters?: { name: string }[] }>> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/incidents/export.xlsx', '/api/incidents/{id}/links', '/api/saved-filters', '/api/saved-filters/{id}']));
    expect(doc.paths['/api/incidents']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['q', 'stationId', 'status', 'outcome', 'hasWarning', 'callerPhone']));
  });
});

describe('on a database with many incidents', () => {
  const BULK = EXPORT_MAX_ROWS + 2000;
  let needle: string;
  const rareWords = `持刀${chineseToken(3)}`;

  beforeAll(async () => {
    // Bulk incidents in 城关 over two years, each narrative with its own hash words.
    await sql`
      insert into incidents (channel, received_at, category_code, kind, summary, narrative, jurisdiction_id, caller_phone)
      select '110', now() - (g || ' minutes')::interval * 17, '100100', 'criminal', '批量警情' || g,
             '报警人称 ' || md5(g::text) || ' 邻里纠纷 ' || substr(md5((g * 7)::text), 1, 12) || case when g % 10000 = 777 then ${rareWords}::text else '' end,
             ${station.id}, '1380000' || lpad((g % 10000)::text, 4, '0')
      from generate_series(1, ${BULK}) g
    `.execute(t.db);
    await sql`analyze incidents`.execute(t.db);
    needle = (await sql<{ h: string }>`select substr(md5('4242'), 5, 10) as h`.execute(t.db)).rows[0]!.h;
  }, 240_000);

  it('searches through the trigram index (incidents_text_trgm_idx)', async () => {
    const actor: UserActor = { kind: 'user', userId: 0, username: 'x', displayName: 'x', role: 'chief', jurisdictionId: station.id, jurisdictionPath: station.path, departmentId: null, sessionId: 'x' };
    const f = listIncidentsQuery.parse({ q: needle });
    const where = incidentFilter(await resolveIncidentFilter(t.db, actor, f));
    const base = t.db.selectFrom('incidents as i').innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id').where('j.path', 'like', `${station.path}%`).where(where);
    const page = await base.select(['i.id']).orderBy('i.received_at', 'desc').orderBy('i.id', 'desc').limit(20).explain('json', sql`analyze`);
    const count = await base.select((eb) => eb.fn.countAll().as('n')).explain('json', sql`analyze`);
    for (const plan of [page, count]) {
      const text = JSON.stringify(plan);
      expect(text).toContain('incidents_text_trgm_idx');
      const root = (plan[0] as { 'QUERY PLAN': { 'Execution Time': number }[] })['QUERY PLAN'][0]!;
      console.log(`[find] ${BULK} extra incidents: q=${needle} executes in ${root['Execution Time'].toFixed(1)} ms`);
    }
    const found = await list(chief, { q: needle });
    expect(found.total).toBe(1);
    expect(found.items[0]!.summary).toBe('批量警情4242');
  });

  it('searches three or more Chinese characters through the trigram index, and shorter words by a scan', async () => {
    // The embedded cluster's LC_CTYPE (C.UTF-8) makes Chinese characters word characters for pg_trgm.
    const ctype = (await sql<{ c: string }>`select datctype as c from pg_database where datname = current_database()`.execute(t.db)).rows[0]!.c;
    expect(ctype).not.toMatch(/^(C|POSIX)$/);
    const actor: UserActor = { kind: 'user', userId: 0, username: 'x', displayName: 'x', role: 'chief', jurisdictionId: station.id, jurisdictionPath: station.path, departmentId: null, sessionId: 'x' };
    const countPlan = async (q: string) => {
      const where = incidentFilter(await resolveIncidentFilter(t.db, actor, listIncidentsQuery.parse({ q })));
      return t.db.selectFrom('incidents as i').innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id').where('j.path', 'like', `${station.path}%`).where(where).select((eb) => eb.fn.countAll().as('n')).explain('json', sql`analyze`);
    };
    const long = await countPlan(rareWords);
    expect(JSON.stringify(long)).toContain('incidents_text_trgm_idx');
    const root = (long[0] as { 'QUERY PLAN': { 'Execution Time': number }[] })['QUERY PLAN'][0]!;
    console.log(`[find] ${BULK} extra incidents: Chinese q=${rareWords} counts in ${root['Execution Time'].toFixed(1)} ms`);
    const expected = ['批量警情10777', '批量警情20777', '批量警情30777', '批量警情40777', '批量警情50777', '批量警情777'];
    expect((await list(chief, { q: rareWords })).items.map((i) => i.summary).sort()).toEqual(expected);
    // Two characters give no trigram: a scan, never a read of the whole index.
    const short = rareWords.slice(2, 4);
    expect(JSON.stringify(await countPlan(short))).not.toContain('incidents_text_trgm_idx');
    expect((await list(chief, { q: short })).items.map((i) => i.summary).sort()).toEqual(expected);
  });

  it('refuses an export above the cap with a 400 asking for a narrower filter', async () => {
    const res = await t.get('/api/incidents/export.xlsx', chief);
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorBody>();
    expect(body.code).toBe('incidents.export_too_large');
    expect(body.message).toContain(String(EXPORT_MAX_ROWS));
    const narrow = await t.get(`/api/incidents/export.xlsx?q=${needle}`, chief);
    expect(narrow.statusCode).toBe(200);
    expect((await readXlsx(narrow.rawPayload)).rows).toHaveLength(1);
  });
});
