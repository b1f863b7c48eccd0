import { idCheckCharacter } from '@fengqiao/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';

let t: TestApp;
let officer: Session;
let chief: Session;
let auxiliary: Session;
let mediator: Session;
let partner: Session;
let volunteer: Session;
let grid: Session;
let bureau: Session;
let admin: Session;
let otherChief: Session;
let disputeCategory: string;
let resident: { id: number; name: string; idNumber: string };
let otherStationOfficerId: number;
let serial = 0;

interface Party {
  id: number;
  side: string;
  name: string;
  phone: string | null;
  idNumberMasked: string | null;
  personId: number | null;
  claims: string;
}
interface CaseDetail {
  id: number;
  caseNo: string;
  title: string;
  summary: string;
  source: string;
  disputeType: string;
  disputeTypeName: string;
  riskDomain: string | null;
  stage: string;
  officerUserId: number | null;
  officerName: string | null;
  leaderUserId: number | null;
  jurisdictionId: number;
  sourceIncidentId: number | null;
  sourceClusterId: number | null;
  sourceNote: string | null;
  addressText: string | null;
  lat: number | null;
  parties: Party[];
  incidents: { id: number; reason: string; summary: string; status: string }[];
  events: { action: string }[];
  actions: { to: string }[];
  abilities: Record<string, boolean>;
}
interface ErrorBody {
  code: string;
  fields?: { path: string; rule: string }[];
}
interface Incident {
  id: number;
  outcome: string | null;
  disputeCaseId: number | null;
  jurisdictionId: number;
}

const newIdNumber = () => {
  serial += 1;
  const first17 = `14087119850101${String(100 + ((Date.now() + serial * 7) % 800)).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
};

async function open(session: Session, body: Record<string, unknown>) {
  return t.send('POST', '/api/cases', session, body);
}
async function opened(body: Record<string, unknown>, session: Session = officer): Promise<CaseDetail> {
  const res = await open(session, { source: 'direct', title: '宅基地边界纠纷', disputeType: 'housing_homestead', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CaseDetail>();
}

async function intake(session: Session, overrides: Record<string, unknown> = {}): Promise<Incident> {
  serial += 1;
  const res = await t.send(
    'POST',
    '/api/incidents',
    session,
    {
      channel: '110',
      receivedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
      categoryCode: disputeCategory,
      summary: `邻里噪音纠纷${serial}`,
      narrative: '楼上住户夜间噪音，双方争吵',
      disputeType: 'neighbour',
      riskDomain: 'social_stability',
      addressText: '东湖新村3栋',
      lat: 35.1,
      lon: 110.5,
      parties: [
        { role: 'caller', name: '张建国', phone: '13800001111' },
        { role: 'suspect', name: '李某', phone: '13900002222' },
        { role: 'witness', name: '王阿姨' },
      ],
      ...overrides,
    },
    { 'idempotency-key': `cases-test-${Date.now()}-${serial}` },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Incident>();
}

beforeAll(async () => {
  t = await createTestApp();
  const sessions = await Promise.all(
    ['demo-officer', 'demo-chief', 'demo-auxiliary', 'demo-mediator', 'demo-partner', 'demo-volunteer', 'demo-grid', 'demo-bureau', 'demo-admin', 'dh-chief'].map((u) => t.login(u)),
  );
  [officer, chief, auxiliary, mediator, partner, volunteer, grid, bureau, admin, otherChief] = sessions as [Session, Session, Session, Session, Session, Session, Session, Session, Session, Session];
  disputeCategory = (await t.db.selectFrom('incident_categories').select('code').where('kind', '=', 'dispute').where('active', '=', true).where('source', '<>', 'ga240').orderBy('code').executeTakeFirstOrThrow()).code;
  const station = await t.db.selectFrom('jurisdictions').select('path').where('name', '=', '城关派出所').executeTakeFirstOrThrow();
  const p = await t.db
    .selectFrom('persons as p')
    .innerJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id')
    .select(['p.id', 'p.name', 'p.id_number_enc'])
    .where('p.id_number_enc', 'is not', null)
    .where('j.path', 'like', `${station.path}%`)
    .orderBy('p.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  resident = { id: p.id, name: p.name, idNumber: t.identity.decrypt(p.id_number_enc!) };
  otherStationOfficerId = (await t.db.selectFrom('users').select('id').where('username', '=', 'dh1-officer').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t.close();
});

describe('opening a case', () => {
  it('opens a direct case with a JF number, the officer who opened it, parties and claims, audited', async () => {
    const leaderId = chief.userId;
    const c = await opened({ summary: '两户因院墙位置发生争执', riskDomain: 'social_stability', leaderUserId: leaderId, parties: [{ side: 'applicant', name: '赵大', phone: '13800003333', claims: '要求对方拆除越界院墙' }, { side: 'respondent', name: '钱二', claims: '认为院墙在自家宅基地内' }] });
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    expect(c.caseNo).toMatch(new RegExp(`^JF${year}\\d{6}$`));
    expect(c).toMatchObject({ stage: 'registered', source: 'direct', disputeType: 'housing_homestead', disputeTypeName: '房屋宅基地纠纷', riskDomain: 'social_stability', officerUserId: officer.userId, leaderUserId: leaderId });
    expect(c.parties.map((p) => [p.side, p.name, p.claims])).toEqual([
      ['applicant', '赵大', '要求对方拆除越界院墙'],
      ['respondent', '钱二', '认为院墙在自家宅基地内'],
    ]);
    expect(c.events.map((e) => e.action)).toEqual(['open']);
    const audit = await t.db.selectFrom('audit_events').select(['actor_user_id', 'change']).where('action', '=', 'case.opened').where('entity_id', '=', String(c.id)).executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(officer.userId);
    expect(audit.change).toMatchObject({ caseNo: c.caseNo, source: 'direct' });
    const second = await opened({});
    expect(Number(second.caseNo.slice(6))).toBeGreaterThan(Number(c.caseNo.slice(6)));
  });

  it('needs a source note for a tip or a visit, a title and a known dispute type (400 naming the field)', async () => {
    const tip = await open(officer, { source: 'tip', title: '线索', disputeType: 'neighbour' });
    expect(tip.json<ErrorBody>().fields![0]).toMatchObject({ path: 'sourceNote', rule: 'required' });
    const visit = await opened({ source: 'visit', sourceNote: '入户走访时发现两户因排水沟争执' });
    expect(visit).toMatchObject({ source: 'visit', sourceNote: '入户走访时发现两户因排水沟争执' });
    const unknown = await open(officer, { source: 'direct', title: '某纠纷', disputeType: 'space_war' });
    expect(unknown.json<ErrorBody>().fields![0]).toMatchObject({ path: 'disputeType', rule: 'not_found' });
    const noType = await open(officer, { source: 'direct', title: '某纠纷' });
    expect(noType.json<ErrorBody>().fields![0]).toMatchObject({ path: 'disputeType', rule: 'required' });
    const noTitle = await open(officer, { source: 'direct', disputeType: 'other' });
    expect(noTitle.json<ErrorBody>().fields![0]).toMatchObject({ path: 'title', rule: 'required' });
    const noIncident = await open(officer, { source: 'incident' });
    expect(noIncident.json<ErrorBody>().fields![0]).toMatchObject({ path: 'sourceIncidentId', rule: 'required' });
  });

  it('accepts as officer and leader only police of the case station (400 naming the field)', async () => {
    const leader = await open(officer, { source: 'direct', title: '某纠纷', disputeType: 'other', leaderUserId: otherStationOfficerId });
    expect(leader.statusCode).toBe(400);
    expect(leader.json<ErrorBody>().fields![0]).toMatchObject({ path: 'leaderUserId', rule: 'not_in_station' });
    const med = await open(officer, { source: 'direct', title: '某纠纷', disputeType: 'other', officerUserId: mediator.userId });
    expect(med.json<ErrorBody>().fields![0]).toMatchObject({ path: 'officerUserId', rule: 'not_in_station' });
    const aux = await opened({ officerUserId: auxiliary.userId, leaderUserId: chief.userId });
    expect(aux.officerUserId).toBe(auxiliary.userId);
    const patch = await t.send('PATCH', `/api/cases/${aux.id}`, officer, { officerUserId: otherStationOfficerId });
    expect(patch.json<ErrorBody>().fields![0]).toMatchObject({ path: 'officerUserId', rule: 'not_in_station' });
  });

  it('opens from an incident: copies its facts and parties, links it, marks its outcome — and only once (409)', async () => {
    const incident = await intake(officer);
    const res = await open(officer, { source: 'incident', sourceIncidentId: incident.id, leaderUserId: chief.userId });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json<CaseDetail>();
    expect(c).toMatchObject({ source: 'incident', sourceIncidentId: incident.id, disputeType: 'neighbour', riskDomain: 'social_stability', addressText: '东湖新村3栋', lat: 35.1, jurisdictionId: incident.jurisdictionId });
    expect(c.title).toMatch(/^邻里噪音纠纷/);
    expect(c.summary).toBe('楼上住户夜间噪音，双方争吵');
    // The caller asks, the suspect answers, the witness is no party.
    expect(c.parties.map((p) => [p.side, p.name, p.phone])).toEqual([
      ['applicant', '张建国', '13800001111'],
      ['respondent', '李某', '13900002222'],
    ]);
    expect(c.incidents).toEqual([expect.objectContaining({ id: incident.id, reason: 'source' })]);
    const after = (await t.get(`/api/incidents/${incident.id}`, officer)).json<Incident>();
    expect(after).toMatchObject({ outcome: 'dispute_case', disputeCaseId: c.id });

    const again = await open(chief, { source: 'incident', sourceIncidentId: incident.id });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().code).toBe('case.incident_has_case');
  });

  it('keeps an outcome already recorded and copies sealed identity numbers and person links', async () => {
    const incident = await intake(officer, { parties: [{ role: 'party', name: resident.name, idNumber: resident.idNumber }] });
    await t.db.updateTable('incidents').set({ outcome: 'help_given' }).where('id', '=', incident.id).execute();
    const c = (await open(officer, { source: 'incident', sourceIncidentId: incident.id })).json<CaseDetail>();
    expect(c.parties).toHaveLength(1);
    expect(c.parties[0]).toMatchObject({ side: 'other', name: resident.name, personId: resident.id });
    expect(c.parties[0]!.idNumberMasked).toMatch(/^\d{3}\*+\d{3}[\dX]$/);
    const row = await t.db.selectFrom('case_parties').select(['id_number_enc', 'id_number_hash']).where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(t.identity.decrypt(row.id_number_enc!)).toBe(resident.idNumber);
    expect(JSON.stringify(c)).not.toContain(resident.idNumber);
    const after = await t.db.selectFrom('incidents').select(['outcome', 'dispute_case_id']).where('id', '=', incident.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ outcome: 'help_given', dispute_case_id: c.id });
  });

  it('opens the case when an officer records the incident outcome dispute_case, once', async () => {
    const incident = await intake(officer);
    for (const to of ['dispatched', 'arrived']) expect((await t.send('POST', `/api/incidents/${incident.id}/status`, officer, { to })).statusCode).toBe(200);
    const res = await t.send('POST', `/api/incidents/${incident.id}/outcome`, officer, { outcome: 'dispute_case' });
    expect(res.statusCode, res.body).toBe(200);
    const caseId = res.json<Incident>().disputeCaseId;
    expect(caseId).not.toBeNull();
    const c = (await t.get(`/api/cases/${caseId}`, officer)).json<CaseDetail>();
    expect(c).toMatchObject({ source: 'incident', sourceIncidentId: incident.id, officerUserId: officer.userId, stage: 'registered' });
    expect(c.parties).toHaveLength(2);
    // Recording the same outcome again opens nothing new.
    const again = await t.send('POST', `/api/incidents/${incident.id}/outcome`, officer, { outcome: 'dispute_case', note: '补充说明' });
    expect(again.json<Incident>().disputeCaseId).toBe(caseId);
    const count = await t.db.selectFrom('dispute_cases').select((eb) => eb.fn.countAll<string>().as('n')).where('source_incident_id', '=', incident.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const opened = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'case.opened').where('entity_id', '=', String(caseId)).execute();
    expect(opened).toHaveLength(1);
  });

  it('opens from a repeat cluster in scope, linking every incident of it; another station’s cluster is refused', async () => {
    const station = await t.db.selectFrom('jurisdictions').select('path').where('name', '=', '城关派出所').executeTakeFirstOrThrow();
    const cluster = await t.db
      .selectFrom('repeat_clusters as rc')
      .innerJoin('jurisdictions as j', 'j.id', 'rc.jurisdiction_id')
      .select(['rc.id', 'rc.jurisdiction_id'])
      .where('j.path', 'like', `${station.path}%`)
      .where('rc.incident_count', '>=', 2)
      .orderBy('rc.id')
      .executeTakeFirstOrThrow();
    const members = await t.db.selectFrom('repeat_cluster_incidents').select('incident_id').where('cluster_id', '=', cluster.id).execute();
    const res = await open(chief, { source: 'cluster', sourceClusterId: cluster.id, disputeType: 'neighbour' });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json<CaseDetail>();
    expect(c).toMatchObject({ source: 'cluster', sourceClusterId: cluster.id, jurisdictionId: cluster.jurisdiction_id });
    expect(c.incidents.map((i) => i.id).sort((a, b) => a - b)).toEqual(members.map((m) => m.incident_id).sort((a, b) => a - b));
    expect(c.incidents.every((i) => i.reason === 'source')).toBe(true);
    const foreign = await open(otherChief, { source: 'cluster', sourceClusterId: cluster.id, disputeType: 'neighbour' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<ErrorBody>().fields![0]).toMatchObject({ path: 'sourceClusterId', rule: 'not_found' });
  });

  it('refuses opening to roles without cases.manage and to an incident of another station', async () => {
    for (const s of [mediator, grid, partner, volunteer, bureau, admin]) {
      expect((await open(s, { source: 'direct', title: '某纠纷', disputeType: 'other' })).statusCode).toBe(403);
    }
    const incident = await intake(officer);
    const foreign = await open(otherChief, { source: 'incident', sourceIncidentId: incident.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<ErrorBody>().fields![0]).toMatchObject({ path: 'sourceIncidentId', rule: 'not_found' });
  });
});

describe('the list, the ledger and one case', () => {
  it('lists the cases of the viewer’s jurisdiction with filters, paging and sorting', async () => {
    const token = `T${Date.now()}`;
    const only = (extra = '') => `/api/cases?q=${token}&pageSize=200${extra}`;
    const a = await opened({ title: `物业费纠纷甲${token}`, disputeType: 'property_management' });
    const b = await opened({ title: `物业费纠纷乙${token}`, disputeType: 'property_management' }, chief);
    await t.send('POST', `/api/cases/${b.id}/transition`, chief, { to: 'assessing' });
    const list = (await t.get(only(), chief)).json<{ items: { id: number; stage: string }[]; total: number }>();
    expect(list.items.map((i) => i.id)).toEqual([b.id, a.id]);
    expect(list.total).toBe(2);
    const asc = (await t.get(only('&sort=created_asc'), chief)).json<{ items: { id: number }[] }>();
    expect(asc.items.map((i) => i.id)).toEqual([a.id, b.id]);
    const staged = (await t.get(only('&stage=assessing'), chief)).json<{ items: { id: number }[] }>();
    expect(staged.items.map((i) => i.id)).toEqual([b.id]);
    const typed = (await t.get(only('&disputeType=neighbour'), chief)).json<{ total: number }>();
    expect(typed.total).toBe(0);
    const q = (await t.get(`/api/cases?q=${encodeURIComponent(`物业费纠纷甲${token}`)}`, chief)).json<{ items: { id: number }[] }>();
    expect(q.items.map((i) => i.id)).toEqual([a.id]);
    const byNo = (await t.get(`/api/cases?q=${a.caseNo}`, chief)).json<{ items: { id: number }[] }>();
    expect(byNo.items.map((i) => i.id)).toEqual([a.id]);
    const mine = (await t.get(only(`&officerId=${chief.userId}`), chief)).json<{ items: { id: number }[] }>();
    expect(mine.items.map((i) => i.id)).toEqual([b.id]);
    const page2 = (await t.get(`/api/cases?q=${token}&pageSize=1&page=2`, chief)).json<{ items: { id: number }[]; total: number }>();
    expect(page2).toMatchObject({ total: 2, items: [{ id: a.id }] });
    const future = (await t.get(only(`&from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`), chief)).json<{ total: number }>();
    expect(future.total).toBe(0);
    // Another station sees none of them; a jurisdiction filter outside the scope matches nothing.
    expect((await t.get(only(), otherChief)).json<{ total: number }>().total).toBe(0);
    expect((await t.get(only(), bureau)).json<{ total: number }>().total).toBe(2);
    const dhStation = (await t.db.selectFrom('users').select('jurisdiction_id').where('id', '=', otherStationOfficerId).executeTakeFirstOrThrow()).jurisdiction_id;
    expect((await t.get(`/api/cases?jurisdictionId=${dhStation}`, chief)).json<{ total: number }>().total).toBe(0);
  });

  it('refuses the list to partners and volunteers, and lets mediators and grid workers read', async () => {
    expect((await t.get('/api/cases', partner)).statusCode).toBe(403);
    expect((await t.get('/api/cases', volunteer)).statusCode).toBe(403);
    expect((await t.get('/api/cases', mediator)).statusCode).toBe(200);
    expect((await t.get('/api/cases', grid)).statusCode).toBe(200);
    expect((await t.get('/api/cases')).statusCode).toBe(401);
  });

  it('answers one case with masked identity numbers and abilities; 404 to another station, 403 to partners', async () => {
    const idNumber = newIdNumber();
    const c = await opened({ parties: [{ side: 'applicant', name: '孙某', idNumber, claims: '赔偿医药费' }] });
    expect(c.parties[0]!.idNumberMasked).toBe(`${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`.replace(/\*+/, (m) => m.slice(0, idNumber.length - 7)));
    expect(JSON.stringify(c)).not.toContain(idNumber);
    expect(c.abilities).toMatchObject({ manage: true, bfile: true });
    const asMediator = (await t.get(`/api/cases/${c.id}`, mediator)).json<CaseDetail>();
    expect(asMediator.abilities).toMatchObject({ manage: false, mediate: true, bfile: false });
    expect((await t.get(`/api/cases/${c.id}`, otherChief)).statusCode).toBe(404);
    expect((await t.get(`/api/cases/${c.id}`, partner)).statusCode).toBe(403);
    expect((await t.get(`/api/cases/${c.id}`, volunteer)).statusCode).toBe(403);
  });

  it('exports the ledger for ledger roles, without identity numbers, audited', async () => {
    const idNumber = newIdNumber();
    const c = await opened({ title: '导出测试纠纷', parties: [{ side: 'applicant', name: '周某', idNumber, claims: '退还押金' }] });
    const res = await t.get(`/api/cases/export?q=${encodeURIComponent('导出测试纠纷')}`, chief);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    const cells = JSON.stringify(ws.getRow(2).values);
    expect(cells).toContain(c.caseNo);
    expect(cells).toContain('周某（申请方）');
    expect(cells).toContain('退还押金');
    expect(cells).not.toContain(idNumber);
    expect(cells).not.toContain(idNumber.slice(-4) + '"');
    const audit = await t.db.selectFrom('audit_events').select(['change']).where('action', '=', 'cases.exported').where('actor_user_id', '=', chief.userId).executeTakeFirstOrThrow();
    expect(audit.change).toMatchObject({ rows: 1 });
    for (const s of [auxiliary, mediator, grid, partner, volunteer]) expect((await t.get('/api/cases/export', s)).statusCode).toBe(403);
  });

  it('edits the case fields and links another incident in scope (409 when linked twice)', async () => {
    const c = await opened({});
    const patched = await t.send('PATCH', `/api/cases/${c.id}`, officer, { title: '宅基地边界纠纷（已核实）', riskDomain: 'public_life', leaderUserId: chief.userId });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<CaseDetail>()).toMatchObject({ title: '宅基地边界纠纷（已核实）', riskDomain: 'public_life', leaderUserId: chief.userId });
    const audit = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'case.updated').where('entity_id', '=', String(c.id)).executeTakeFirstOrThrow();
    expect(Object.keys(audit.change as object).sort()).toEqual(['leader_user_id', 'risk_domain', 'title']);
    expect((await t.send('PATCH', `/api/cases/${c.id}`, mediator, { title: 'x' })).statusCode).toBe(403);

    const incident = await intake(officer);
    const linked = await t.send('POST', `/api/cases/${c.id}/incidents`, officer, { incidentId: incident.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json<CaseDetail>().incidents).toEqual([expect.objectContaining({ id: incident.id, reason: 'linked' })]);
    const twice = await t.send('POST', `/api/cases/${c.id}/incidents`, officer, { incidentId: incident.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<ErrorBody>().code).toBe('case.incident_already_linked');
    expect((await t.send('POST', `/api/cases/${c.id}/incidents`, otherChief, { incidentId: incident.id })).statusCode).toBe(404);
  });

  it('serves the form metadata: stages, transitions, the 15 dispute types and the station’s police', async () => {
    const meta = (await t.get('/api/case-meta', officer)).json<{ stages: unknown[]; transitions: unknown[]; disputeTypes: { code: string }[]; riskDomains: unknown[]; resolutions: unknown[]; officers: { id: number }[]; leaders: { id: number; role: string }[] }>();
    expect(meta.stages).toHaveLength(8);
    expect(meta.disputeTypes).toHaveLength(15);
    expect(meta.resolutions).toHaveLength(3);
    expect(meta.officers.map((o) => o.id)).toEqual(expect.arrayContaining([officer.userId, chief.userId, auxiliary.userId]));
    expect(meta.officers.map((o) => o.id)).not.toContain(otherStationOfficerId);
    expect(meta.officers.map((o) => o.id)).not.toContain(mediator.userId);
    expect(meta.leaders.every((l) => l.role === 'chief' || l.role === 'officer')).toBe(true);
    expect((await t.get('/api/case-meta', partner)).statusCode).toBe(403);
  });
});

describe('parties and claims', () => {
  it('adds, edits and removes parties; links a party to the person with the same identity number', async () => {
    const c = await opened({});
    const added = await t.send('POST', `/api/cases/${c.id}/parties`, officer, { side: 'respondent', name: resident.name, idNumber: resident.idNumber, phone: '13911112222', claims: '不同意赔偿' });
    expect(added.statusCode, added.body).toBe(201);
    const party = added.json<CaseDetail>().parties[0]!;
    expect(party).toMatchObject({ side: 'respondent', personId: resident.id, claims: '不同意赔偿', phone: '13911112222' });
    const edited = await t.send('PATCH', `/api/cases/${c.id}/parties/${party.id}`, officer, { claims: '同意赔偿一半' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<CaseDetail>().parties[0]).toMatchObject({ claims: '同意赔偿一半', personId: resident.id, idNumberMasked: party.idNumberMasked });
    const actions = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', String(c.id)).where('action', 'like', 'case.party%').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['case.party_added', 'case.party_updated']);
    const removed = await t.send('DELETE', `/api/cases/${c.id}/parties/${party.id}`, officer);
    expect(removed.json<CaseDetail>().parties).toEqual([]);
    expect((await t.send('DELETE', `/api/cases/${c.id}/parties/${party.id}`, officer)).statusCode).toBe(404);
  });

  it('names the party field of an invalid identity number or phone', async () => {
    const bad = newIdNumber().slice(0, 17) + 'Z';
    const opening = await open(officer, { source: 'direct', title: '某纠纷', disputeType: 'other', parties: [{ side: 'applicant', name: '甲' }, { side: 'respondent', name: '乙', idNumber: bad }] });
    expect(opening.statusCode).toBe(400);
    expect(opening.json<ErrorBody>().fields![0]!.path).toBe('parties.1.idNumber');
    const phone = await open(officer, { source: 'direct', title: '某纠纷', disputeType: 'other', parties: [{ side: 'applicant', name: '甲', phone: '12' }] });
    expect(phone.json<ErrorBody>().fields![0]!.path).toBe('parties.0.phone');
    const c = await opened({});
    const one = await t.send('POST', `/api/cases/${c.id}/parties`, officer, { side: 'other', name: '丙', idNumber: '123' });
    expect(one.json<ErrorBody>().fields![0]!.path).toBe('idNumber');
    const side = await t.send('POST', `/api/cases/${c.id}/parties`, officer, { side: 'judge', name: '丙' });
    expect(side.json<ErrorBody>().fields![0]!.path).toBe('side');
  });

  it('refuses party changes to mediators (403) and to another station (404)', async () => {
    const c = await opened({ parties: [{ side: 'applicant', name: '甲' }] });
    const partyId = c.parties[0]!.id;
    expect((await t.send('POST', `/api/cases/${c.id}/parties`, mediator, { side: 'other', name: '丁' })).statusCode).toBe(403);
    expect((await t.send('PATCH', `/api/cases/${c.id}/parties/${partyId}`, mediator, { claims: 'x' })).statusCode).toBe(403);
    expect((await t.send('POST', `/api/cases/${c.id}/parties`, otherChief, { side: 'other', name: '丁' })).statusCode).toBe(404);
    expect((await t.send('DELETE', `/api/cases/${c.id}/parties/${partyId}`, otherChief)).statusCode).toBe(404);
  });

  it('lists on the person page the cases the person is party to, within scope', async () => {
    const c = await opened({ title: '人员页测试纠纷', parties: [{ side: 'applicant', name: resident.name, idNumber: resident.idNumber }] });
    const res = await t.get(`/api/people/${resident.id}/cases`, chief);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ items: unknown[] }>().items).toContainEqual(expect.objectContaining({ id: c.id, caseNo: c.caseNo, title: '人员页测试纠纷', stage: 'registered', side: 'applicant' }));
    expect((await t.get(`/api/people/${resident.id}/cases`, otherChief)).statusCode).toBe(404);
    expect((await t.get(`/api/people/${resident.id}/cases`, mediator)).statusCode).toBe(403);
    expect((await t.get(`/api/people/${resident.id}/cases`, partner)).statusCode).toBe(403);
  });
});

describe('settings', () => {
  it('lets the bureau read and replace the deadline table and edit the calendar, audited; others are refused', async () => {
    const before = (await t.get('/api/case-settings/deadlines', bureau)).json<{ items: { stage: string; fromStage: string | null; days: number }[] }>();
    expect(before.items).toContainEqual({ stage: 'mediating', fromStage: 'registered', days: 3, workingDays: true });
    const dup = await t.send('PUT', '/api/case-settings/deadlines', admin, { items: [{ stage: 'assessing', fromStage: null, days: 3, workingDays: true }, { stage: 'assessing', fromStage: null, days: 4, workingDays: true }] });
    expect(dup.json<ErrorBody>().fields![0]).toMatchObject({ path: 'items.1.fromStage', rule: 'duplicate' });
    const put = await t.send('PUT', '/api/case-settings/deadlines', admin, { items: before.items.map((i) => (i.stage === 'assessing' && i.fromStage === null ? { ...i, days: 5 } : i)) });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<{ items: { stage: string; fromStage: string | null; days: number }[] }>().items).toContainEqual({ stage: 'assessing', fromStage: null, days: 5, workingDays: true });

    const cal = await t.send('PUT', '/api/case-settings/calendar', bureau, { items: [{ day: '2030-10-01', workday: false, note: '国庆节' }, { day: '2030-09-29', workday: true, note: '调休上班' }] });
    expect(cal.statusCode, cal.body).toBe(200);
    expect((await t.get('/api/case-settings/calendar?year=2030', bureau)).json<{ items: unknown[] }>().items).toEqual([
      { day: '2030-09-29', workday: true, note: '调休上班' },
      { day: '2030-10-01', workday: false, note: '国庆节' },
    ]);
    const badDay = await t.send('PUT', '/api/case-settings/calendar', bureau, { items: [{ day: '2030-02-30', workday: false }] });
    expect(badDay.json<ErrorBody>().fields![0]).toMatchObject({ path: 'items.0.day', rule: 'invalid_date' });
    expect((await t.send('DELETE', '/api/case-settings/calendar/2030-09-29', bureau)).statusCode).toBe(204);
    expect((await t.send('DELETE', '/api/case-settings/calendar/2030-09-29', bureau)).statusCode).toBe(404);
    const audits = await t.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'case.settings_updated').execute();
    expect(audits.map((a) => a.entity_id)).toEqual(['deadlines', 'calendar', 'calendar']);
    for (const s of [chief, officer, mediator, partner]) {
      expect((await t.get('/api/case-settings/deadlines', s)).statusCode).toBe(403);
      expect((await t.send('PUT', '/api/case-settings/calendar', s, { items: [{ day: '2030-10-02', workday: false }] })).statusCode).toBe(403);
    }
  });
});

describe('the API document', () => {
  it('describes the case endpoints in the OpenAPI document', async () => {
    const res = await t.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    for (const p of ['/api/cases', '/api/cases/{id}', '/api/cases/{id}/transition', '/api/cases/{id}/parties/{partyId}', '/api/case-meta', '/api/case-settings/calendar/{day}', '/api/people/{id}/cases']) {
      expect(paths, p).toContain(p);
    }
  });
});
