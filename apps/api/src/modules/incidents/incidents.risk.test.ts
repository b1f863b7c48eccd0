import { idCheckCharacter } from '@fengqiao/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { matchTerms, segment, type RiskSettings, type RiskTerm } from './incidents.risk.rules.js';

let t: TestApp;
let bureau: Session;
let admin: Session;
let chief: Session;
let officer: Session;
let grid: Session;
let otherOfficer: Session;
let otherChief: Session;
let chiefId: number;
let initial: Config;
let serial = 0;

const DAY = 24 * 60 * 60 * 1000;
// 治安纠纷: the dispute category of the 110 alarm-type table.
const DISPUTE = '200200';

interface Factor {
  key: string;
  points: number;
  detail: string;
}
interface Incident {
  id: number;
  kind: string;
  riskScore: number | null;
  riskFactors: Factor[] | null;
}
interface Config {
  settings: RiskSettings;
  terms: RiskTerm[];
  updatedAt: string | null;
}
interface Warning {
  id: number;
  source: string;
  incidentId: number | null;
  clusterId: number | null;
  level: string;
  reason: string;
  ownerUserId: number | null;
  status: string;
  incidents: { id: number }[];
  events: { toStatus: string; note: string | null }[];
}

const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
/** A phone of its own, so that no test's incidents repeat another's. */
const freshPhone = () => `1390000${String(++serial).padStart(4, '0')}`;

async function report(overrides: Record<string, unknown> = {}): Promise<Incident> {
  serial += 1;
  const res = await t.send(
    'POST',
    '/api/incidents',
    officer,
    { channel: '110', receivedAt: ago(0.01), categoryCode: DISPUTE, disputeType: 'neighbour', summary: `邻里纠纷${serial}`, narrative: '双方因琐事发生口角。', callerPhone: freshPhone(), ...overrides },
    { 'idempotency-key': `risk-test-${Date.now()}-${serial}` },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Incident>();
}

const factor = (i: { riskFactors: Factor[] | null }, key: string) => i.riskFactors?.find((f) => f.key === key);
const termPoints = (term: string) => initial.terms.find((x) => x.term === term)!.points;
const rescore = (id: number, session: Session = officer) => t.send('POST', `/api/incidents/${id}/risk/rescore`, session);
const putConfig = (session: Session, config: { settings: RiskSettings; terms: RiskTerm[] }) => t.send('PUT', '/api/incident-risk/settings', session, config);
const withSettings = (patch: Partial<RiskSettings>) => ({ settings: { ...initial.settings, ...patch }, terms: initial.terms });
const escalationWarnings = (incidentId: number) => t.db.selectFrom('warnings').selectAll().where('source', '=', 'escalation').where('incident_id', '=', incidentId).execute();

beforeAll(async () => {
  t = await createTestApp();
  [bureau, admin, chief, officer, grid, otherOfficer, otherChief] = await Promise.all([
    t.login('demo-bureau'),
    t.login('demo-admin'),
    t.login('demo-chief'),
    t.login('demo-officer'),
    t.login('demo-grid'),
    t.login('dh1-officer'),
    t.login('dh-chief'),
  ]);
  chiefId = chief.userId;
  const res = await t.get('/api/incident-risk/settings', bureau);
  expect(res.statusCode, res.body).toBe(200);
  initial = res.json<Config>();
});
afterAll(async () => {
  await t.close();
});

describe('segmentation of threat and violence words', () => {
  const terms: RiskTerm[] = [
    { term: '砍', kind: 'violence', points: 15 },
    { term: '杀', kind: 'violence', points: 20 },
    { term: '同归于尽', kind: 'threat', points: 25 },
  ];
  it('finds a word only where the segmenter cuts it out, not inside 砍价 or 杀鸡', () => {
    expect(matchTerms(segment('邻居在楼下砍价，张三杀鸡', terms), terms).violence).toEqual([]);
    const found = matchTerms(segment('他说要砍你，和你同归于尽，同归于尽', terms), terms);
    expect(found.violence).toEqual([{ term: '砍', points: 15, count: 1 }]);
    expect(found.threat).toEqual([{ term: '同归于尽', points: 25, count: 2 }]);
  });
});

describe('the escalation score of a dispute incident', () => {
  it('scores the dispute type and stores every factor with its evidence in Chinese', async () => {
    const i = await report();
    expect(i.riskScore).toBe(initial.settings.disputeTypes.neighbour);
    expect(i.riskFactors!.map((f) => f.key)).toEqual(['category', 'repetition', 'threat_words', 'violence_words', 'injury', 'party_history']);
    expect(factor(i, 'category')).toEqual({ key: 'category', points: initial.settings.disputeTypes.neighbour, detail: '邻里纠纷' });
    expect(factor(i, 'threat_words')).toEqual({ key: 'threat_words', points: 0, detail: '未发现威胁用语' });
    const stored = await t.db.selectFrom('incidents').select(['risk_score', 'risk_factors']).where('id', '=', i.id).executeTakeFirstOrThrow();
    expect(stored.risk_score).toBe(i.riskScore);
    expect(stored.risk_factors).toEqual(i.riskFactors);
  });

  it('counts threat words found by segmentation and ignores 砍 inside 砍价', async () => {
    const i = await report({ narrative: '对方在菜市场砍价时与报警人争吵，扬言要和他同归于尽。' });
    expect(factor(i, 'threat_words')).toEqual({ key: 'threat_words', points: termPoints('扬言') + termPoints('同归于尽'), detail: '发现：同归于尽、扬言' });
    expect(factor(i, 'violence_words')!.points).toBe(0);
  });

  it('caps violence words at the configured maximum and names each word once with its count', async () => {
    const i = await report({ summary: '持刀威胁邻居', narrative: '男子拿刀说要砍死邻居，又说要砍人，持刀在门口站着。' });
    const v = factor(i, 'violence_words')!;
    expect(v.points).toBe(initial.settings.violence.max);
    expect(v.detail).toContain('持刀×2');
    expect(v.detail).toContain('砍死');
  });

  it('adds injury points for an injured party and for injury words', async () => {
    const i = await report({ narrative: '双方互相推搡，报警人被打得头破血流，左臂骨折。' });
    const words = termPoints('头破血流') + termPoints('骨折');
    expect(factor(i, 'injury')).toEqual({ key: 'injury', points: Math.min(initial.settings.injury.max, words), detail: '伤情用语：骨折、头破血流' });
    await t.db.insertInto('incident_parties').values({ incident_id: i.id, role: 'victim', name: '李秀兰', injured: true }).execute();
    const res = await rescore(i.id);
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<Incident>();
    expect(factor(after, 'injury')).toEqual({
      key: 'injury',
      points: Math.min(initial.settings.injury.max, words + initial.settings.injury.partyInjured),
      detail: '当事人受伤：李秀兰；伤情用语：骨折、头破血流',
    });
  });

  it('counts earlier incidents at the same phone inside the window, with their repeat cluster, and not older ones', async () => {
    const phone = freshPhone();
    await report({ callerPhone: phone, receivedAt: ago(initial.settings.windowDays + 5), categoryCode: '100100', disputeType: null });
    await report({ callerPhone: phone, receivedAt: ago(20) });
    await report({ callerPhone: phone, receivedAt: ago(10) });
    const i = await report({ callerPhone: phone });
    const r = factor(i, 'repetition')!;
    expect(r.points).toBe(Math.min(initial.settings.repetition.max, 2 * initial.settings.repetition.perIncident));
    expect(r.detail).toBe(`${initial.settings.windowDays}天内此前关联警情2起（同一电话2起，重复警情簇2起）`);
  });

  it("counts the identified parties' earlier incidents, not later ones", async () => {
    const where = await t.db.selectFrom('users').select('jurisdiction_id').where('id', '=', officer.userId).executeTakeFirstOrThrow();
    const person = (name: string) =>
      t.db
        .insertInto('persons')
        .values({ name, category: 'registered', id_number_enc: null, id_number_hash: null, id_number_masked: null, gender: null, birth_date: null, ethnicity_code: null, phone: null, household_place: null, current_address_id: null, jurisdiction_id: where.jurisdiction_id, notes: null, created_by: null, archived_at: null })
        .returning(['id', 'name'])
        .executeTakeFirstOrThrow();
    const p = await person('赵德胜');
    const q = await person('钱玉芬');
    const first = await report({ receivedAt: ago(200) });
    const second = await report({ receivedAt: ago(50) });
    const i = await report({ receivedAt: ago(1) });
    const later = await report({ receivedAt: ago(0.005) });
    // An unregistered party named by identity number counts too (by the party's link key).
    const first17 = `14087119380101${String(100 + (Date.now() % 800)).padStart(3, '0')}`;
    const idNumber = first17 + idCheckCharacter(first17);
    const addParty = async (incidentId: number, body: Record<string, unknown>) => {
      const res = await t.send('POST', `/api/incidents/${incidentId}/parties`, officer, { role: 'party', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Incident>();
    };
    await addParty(first.id, { name: p.name, personId: p.id });
    await addParty(second.id, { name: p.name, personId: p.id });
    await addParty(second.id, { name: '孙某', idNumber });
    await addParty(later.id, { name: q.name, personId: q.id });
    await addParty(i.id, { name: p.name, personId: p.id });
    await addParty(i.id, { name: q.name, personId: q.id });
    // Adding a party rescores the incident in the same transaction.
    const scored = await addParty(i.id, { name: '孙某', idNumber });
    expect(factor(scored, 'party_history')).toEqual({
      key: 'party_history',
      points: Math.min(initial.settings.history.max, 3 * initial.settings.history.perIncident),
      detail: `此前涉警：${p.name}2起、孙某1起`,
    });
  });

  it('does not score an incident that is not a dispute, and refuses to rescore it with 409', async () => {
    const i = await report({ categoryCode: '100100', disputeType: null, narrative: '扬言要砍死他，同归于尽。' });
    expect(i.kind).not.toBe('dispute');
    expect(i.riskScore).toBeNull();
    expect(i.riskFactors).toBeNull();
    expect(await escalationWarnings(i.id)).toHaveLength(0);
    const res = await rescore(i.id);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('incidents.risk_not_applicable');
  });
});

describe('escalation warnings at the threshold', () => {
  let incident: Incident;
  let score: number;
  beforeAll(async () => {
    incident = await report({ narrative: '对方扬言要报复，拿刀在门口转。' });
    score = incident.riskScore!;
    expect(score).toBe(initial.settings.disputeTypes.neighbour! + termPoints('扬言') + termPoints('报复') + termPoints('刀'));
    expect(score).toBeLessThan(initial.settings.threshold);
  });
  afterAll(async () => {
    expect((await putConfig(bureau, { settings: initial.settings, terms: initial.terms })).statusCode).toBe(200);
  });

  it('raises no warning one point below the threshold', async () => {
    expect((await putConfig(bureau, withSettings({ threshold: score + 1 }))).statusCode).toBe(200);
    expect((await rescore(incident.id)).json<{ level: string | null }>().level).toBeNull();
    expect(await escalationWarnings(incident.id)).toHaveLength(0);
  });

  it("raises a yellow warning at the threshold, owned by the station's chief, with its event and audit", async () => {
    expect((await putConfig(bureau, withSettings({ threshold: score }))).statusCode).toBe(200);
    const res = await rescore(incident.id);
    expect(res.statusCode, res.body).toBe(200);
    const ws = await escalationWarnings(incident.id);
    expect(ws).toHaveLength(1);
    const w = ws[0]!;
    expect(w.level).toBe('yellow');
    expect(w.cluster_id).toBeNull();
    expect(w.owner_user_id).toBe(chiefId);
    expect(w.reason).toMatch(new RegExp(`^民转刑风险${score}分：`));
    expect(w.reason).toContain('威胁用语');
    const detail = (await t.get(`/api/warnings/${w.id}`, chief)).json<Warning>();
    expect(detail.source).toBe('escalation');
    expect(detail.incidentId).toBe(incident.id);
    expect(detail.incidents.map((x) => x.id)).toEqual([incident.id]);
    expect(detail.events.map((e) => e.toStatus)).toEqual(['open']);
    const audits = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'warning').where('entity_id', '=', String(w.id)).execute();
    expect(audits.map((a) => a.action)).toEqual(['warning.raised']);
    const rescored = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'incident.rescored').where('entity_id', '=', String(incident.id)).execute();
    expect(rescored.length).toBeGreaterThan(0);
  });

  it('upgrades the live warning when the score reaches a higher grade instead of raising a second one', async () => {
    await rescore(incident.id);
    expect(await escalationWarnings(incident.id)).toHaveLength(1);
    expect((await putConfig(bureau, withSettings({ threshold: score, levels: { orange: score, red: 100 } }))).statusCode).toBe(200);
    expect((await rescore(incident.id)).json<{ level: string }>().level).toBe('orange');
    const ws = await escalationWarnings(incident.id);
    expect(ws.map((w) => w.level)).toEqual(['orange']);
    const detail = (await t.get(`/api/warnings/${ws[0]!.id}`, chief)).json<Warning>();
    expect(detail.events).toHaveLength(2);
    expect(detail.events[1]!.note).toMatch(/^升级为橙色预警/);
  });
});

describe('escalation warnings from intake', () => {
  it('raises a red warning straight from intake when threats, weapons and violence add up', async () => {
    const i = await report({ summary: '邻居扬言同归于尽', narrative: '男子扬言要砍死邻居全家，和他同归于尽，拿着菜刀威胁。' });
    expect(i.riskScore).toBeGreaterThanOrEqual(initial.settings.levels.red);
    const ws = await escalationWarnings(i.id);
    expect(ws).toHaveLength(1);
    expect(ws[0]!.level).toBe('red');
    expect(ws[0]!.owner_user_id).toBe(chiefId);
  });
});

describe('scope of escalation warnings and rescoring', () => {
  let incident: Incident;
  let warningId: number;
  beforeAll(async () => {
    incident = await report({ narrative: '男子扬言要砍死邻居全家，和他同归于尽，拿着菜刀威胁。' });
    warningId = (await escalationWarnings(incident.id))[0]!.id;
  });

  it('lists the warning for the police of the station and filters by source', async () => {
    for (const s of [officer, chief, bureau]) {
      const res = await t.get('/api/warnings?source=escalation&pageSize=200', s);
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json<{ items: Warning[] }>().items;
      expect(items.map((w) => w.id)).toContain(warningId);
      expect(items.every((w) => w.source === 'escalation' && w.clusterId === null && w.incidentId !== null)).toBe(true);
    }
    const repeats = (await t.get('/api/warnings?source=repeat&pageSize=200', chief)).json<{ items: Warning[] }>().items;
    expect(repeats.map((w) => w.id)).not.toContain(warningId);
    const byIncident = (await t.get(`/api/warnings?incidentId=${incident.id}`, officer)).json<{ items: Warning[] }>().items;
    expect(byIncident.map((w) => w.id)).toEqual([warningId]);
  });

  it("hides it from another station's officer and chief, and refuses them the rescore (404)", async () => {
    for (const s of [otherOfficer, otherChief]) {
      const list = (await t.get('/api/warnings?source=escalation&pageSize=200', s)).json<{ items: Warning[] }>().items;
      expect(list.map((w) => w.id)).not.toContain(warningId);
      expect((await t.get(`/api/warnings/${warningId}`, s)).statusCode).toBe(404);
    }
    expect((await rescore(incident.id, otherOfficer)).statusCode).toBe(404);
  });

  it('refuses the rescore to a grid worker (403)', async () => {
    expect((await rescore(incident.id, grid)).statusCode).toBe(403);
  });
});

describe('the bureau edits weights, threshold and words', () => {
  it('lets the bureau and the administrator read and update them, audited, and a new word counts at once', async () => {
    expect((await t.get('/api/incident-risk/settings', admin)).statusCode).toBe(200);
    const terms = [...initial.terms, { term: '炸了', kind: 'threat' as const, points: 30 }];
    const res = await putConfig(admin, { settings: { ...initial.settings, threshold: 65 }, terms });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Config>().settings.threshold).toBe(65);
    const audit = await t.db.selectFrom('audit_events').select(['change', 'actor_role']).where('action', '=', 'risk.settings_updated').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.actor_role).toBe('admin');
    expect(audit.change).toMatchObject({ settings: { threshold: { from: initial.settings.threshold, to: 65 } }, terms: { added: [{ term: '炸了' }] } });
    const i = await report({ narrative: '他说要把对方的车炸了。' });
    expect(factor(i, 'threat_words')!.detail).toContain('炸了');
    expect((await putConfig(bureau, { settings: initial.settings, terms: initial.terms })).statusCode).toBe(200);
  });

  it('refuses officers, chiefs and grid workers (403)', async () => {
    for (const s of [officer, chief, grid]) {
      expect((await t.get('/api/incident-risk/settings', s)).statusCode).toBe(403);
      expect((await putConfig(s, { settings: initial.settings, terms: initial.terms })).statusCode).toBe(403);
    }
  });

  it('names the field and the rule of bad settings (400)', async () => {
    const low = await putConfig(bureau, withSettings({ threshold: 80, levels: { orange: 70, red: 90 } }));
    expect(low.statusCode).toBe(400);
    expect(low.json<{ fields: { path: string; rule: string }[] }>().fields).toEqual([expect.objectContaining({ path: 'settings.levels.orange', rule: 'min_threshold' })]);
    const twice = await putConfig(bureau, { settings: initial.settings, terms: [initial.terms[0]!, initial.terms[0]!] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'terms.1.term', rule: 'unique' });
    const range = await putConfig(bureau, withSettings({ threshold: 0 }));
    expect(range.statusCode).toBe(400);
    expect(range.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('settings.threshold');
  });
});
