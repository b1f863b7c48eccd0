import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { baseDataFixtures } from '../people/people.fixtures.js';

let t: TestApp;
let officer: Session;
let chief: Session;
let otherChief: Session;
let grid: Session;
let volunteer: Session;
let fx: ReturnType<typeof baseDataFixtures>;
let serial = 0;
/** A registered demo person of 城关派出所's area, with their whole identity number. */
let resident: { id: number; name: string; idNumber: string };

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

interface Party {
  id: number;
  role: string;
  name: string;
  phone: string | null;
  personId: number | null;
  personName: string | null;
  idNumberMasked: string | null;
  injured: boolean;
}
interface Incident {
  id: number;
  addressId: number | null;
  addressConfidence: number | null;
  lat: number | null;
  lon: number | null;
  jurisdictionId: number;
  parties: Party[];
  addressCorrectedAt: string | null;
  addressCorrectedBy: string | null;
}
interface ErrorBody {
  code: string;
  fields?: { path: string; rule: string }[];
}

function report(at: Date, overrides: Record<string, unknown> = {}, session: Session = officer) {
  serial += 1;
  return t.send(
    'POST',
    '/api/incidents',
    session,
    { channel: '110', receivedAt: at.toISOString(), categoryCode: '200200', summary: `当事人测试纠纷${serial}`, ...overrides },
    { 'idempotency-key': `party-test-${Date.now()}-${serial}` },
  );
}

async function reported(at: Date, overrides: Record<string, unknown> = {}): Promise<Incident> {
  const res = await report(at, overrides);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Incident>();
}

async function clusterOf(linkBy: string, incidentId: number) {
  return t.db
    .selectFrom('repeat_cluster_incidents as rc')
    .innerJoin('repeat_clusters as c', 'c.id', 'rc.cluster_id')
    .select(['c.id', 'c.link_value', 'c.incident_count', 'c.level'])
    .where('rc.incident_id', '=', incidentId)
    .where('c.link_by', '=', linkBy as 'party')
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  fx = baseDataFixtures(t);
  officer = await t.login('demo-officer');
  chief = await t.login('demo-chief');
  otherChief = await t.login('dh-chief');
  grid = await t.login('demo-grid');
  volunteer = await t.login('demo-volunteer');
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
});
afterAll(async () => {
  await t.close();
});

describe('parties recorded at intake', () => {
  it('links a party to the registered person with that identity number and shows the number masked', async () => {
    const i = await reported(ago(0.01), { parties: [{ role: 'party', name: resident.name, idNumber: resident.idNumber, phone: '139 0000 1111', injured: true }] });
    expect(i.parties).toHaveLength(1);
    const [party] = i.parties;
    expect(party).toMatchObject({ role: 'party', personId: resident.id, personName: resident.name, phone: '13900001111', injured: true });
    expect(party!.idNumberMasked).toMatch(/^\d{3}\*+\d{3}[\dX]$/);
    expect(JSON.stringify(i)).not.toContain(resident.idNumber);
  });

  it('keeps an unregistered party’s identity number sealed on the party row, not as a new person', async () => {
    const idNumber = fx.idNumber('female');
    const before = await t.db.selectFrom('persons').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const i = await reported(ago(0.01), { parties: [{ role: 'victim', name: '外地游客李某', idNumber }] });
    const after = await t.db.selectFrom('persons').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(i.parties[0]).toMatchObject({ personId: null, name: '外地游客李某' });
    const row = await t.db.selectFrom('incident_parties').select(['id_number_enc', 'id_number_hash', 'link_key']).where('id', '=', i.parties[0]!.id).executeTakeFirstOrThrow();
    expect(row.id_number_enc).not.toContain(idNumber);
    expect(t.identity.decrypt(row.id_number_enc!)).toBe(idNumber);
    expect(row.link_key).toBe(`h:${row.id_number_hash}`);
  });

  it('refuses a bad identity number or phone of a party with 400 naming parties.N.field and writes nothing', async () => {
    const good = fx.idNumber();
    const r1 = await report(ago(0.01), { parties: [{ role: 'party', name: '张三' }, { role: 'party', name: '李四', idNumber: good.slice(0, 17) + (good[17] === '0' ? '1' : '0') }] });
    expect(r1.statusCode).toBe(400);
    expect(r1.json<ErrorBody>().fields?.[0]).toMatchObject({ path: 'parties.1.idNumber', rule: 'id_checksum' });
    const r2 = await report(ago(0.01), { parties: [{ role: 'caller', name: '王五', phone: '12345' }] });
    expect(r2.statusCode).toBe(400);
    expect(r2.json<ErrorBody>().fields?.[0]).toMatchObject({ path: 'parties.0.phone', rule: 'format_phone' });
    const r3 = await report(ago(0.01), { parties: [{ role: 'witness', name: '赵六', personId: 999999999 }] });
    expect(r3.statusCode).toBe(400);
    expect(r3.json<ErrorBody>().fields?.[0]).toMatchObject({ path: 'parties.0.personId', rule: 'not_found' });
  });
});

describe('repeat linking by named party', () => {
  it('links incidents with the same party within 90 days across addresses and phones and raises a blue warning at the second', async () => {
    const idNumber = fx.idNumber();
    const first = await reported(ago(80), { callerPhone: '13600000001', parties: [{ role: 'party', name: '钱某', idNumber }] });
    expect(await clusterOf('party', first.id)).toHaveLength(0);
    const second = await reported(ago(1), { callerPhone: '13600000002', parties: [{ role: 'suspect', name: '钱某某', idNumber }] });
    const [cluster] = await clusterOf('party', second.id);
    expect(cluster).toMatchObject({ incident_count: 2, level: 'blue' });
    expect(await clusterOf('party', first.id)).toHaveLength(1);
    const warning = await t.db.selectFrom('warnings').select(['level', 'reason', 'status']).where('cluster_id', '=', cluster!.id).executeTakeFirstOrThrow();
    expect(warning).toMatchObject({ level: 'blue', status: 'open' });
    expect(warning.reason).toContain('当事人');
    expect(warning.reason).toContain('90天内报警2次');
  });

  it('does not link a party whose earlier incident is 91 days before', async () => {
    const idNumber = fx.idNumber();
    await reported(ago(92), { parties: [{ role: 'party', name: '孙某', idNumber }] });
    const later = await reported(ago(1), { parties: [{ role: 'party', name: '孙某', idNumber }] });
    expect(await clusterOf('party', later.id)).toHaveLength(0);
  });

  it('links the same person whether named by identity number or by the person record', async () => {
    const a = await reported(ago(5), { parties: [{ role: 'party', name: resident.name, personId: resident.id }] });
    const b = await reported(ago(2), { parties: [{ role: 'party', name: resident.name, idNumber: resident.idNumber }] });
    const [ca] = await clusterOf('party', a.id);
    const [cb] = await clusterOf('party', b.id);
    expect(ca?.id).toBeDefined();
    expect(ca?.id).toBe(cb?.id);
  });
});

describe('parties added and removed by officers', () => {
  it('adds a party after intake, joining that person’s cluster, and removing it leaves the cluster; both audited', async () => {
    const idNumber = fx.idNumber();
    const earlier = await reported(ago(10), { parties: [{ role: 'party', name: '周某', idNumber }] });
    const later = await reported(ago(1));
    const added = await t.send('POST', `/api/incidents/${later.id}/parties`, officer, { role: 'party', name: '周某', idNumber });
    expect(added.statusCode, added.body).toBe(201);
    const withParty = added.json<Incident>();
    expect(withParty.parties).toHaveLength(1);
    const [cluster] = await clusterOf('party', later.id);
    expect(cluster?.incident_count).toBe(2);
    expect((await clusterOf('party', earlier.id))[0]?.id).toBe(cluster?.id);

    const removed = await t.send('DELETE', `/api/incidents/${later.id}/parties/${withParty.parties[0]!.id}`, officer);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<Incident>().parties).toHaveLength(0);
    expect(await clusterOf('party', later.id)).toHaveLength(0);
    const count = await t.db.selectFrom('repeat_clusters').select('incident_count').where('id', '=', cluster!.id).executeTakeFirstOrThrow();
    expect(count.incident_count).toBe(1);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'incident').where('entity_id', '=', String(later.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['incident.party_added', 'incident.party_removed']));
  });

  it('refuses grid workers and volunteers (403) and another station’s chief (404)', async () => {
    const i = await reported(ago(0.01));
    const party = { role: 'witness', name: '吴某' };
    expect((await t.send('POST', `/api/incidents/${i.id}/parties`, grid, party)).statusCode).toBe(403);
    expect((await t.send('POST', `/api/incidents/${i.id}/parties`, volunteer, party)).statusCode).toBe(403);
    expect((await t.send('POST', `/api/incidents/${i.id}/parties`, otherChief, party)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/incidents/${i.id}/parties`, chief, party)).statusCode).toBe(201);
    const partyId = (await t.db.selectFrom('incident_parties').select('id').where('incident_id', '=', i.id).executeTakeFirstOrThrow()).id;
    expect((await t.send('DELETE', `/api/incidents/${i.id}/parties/${partyId}`, otherChief)).statusCode).toBe(404);
    expect((await t.send('DELETE', `/api/incidents/${i.id}/parties/${partyId}`, grid)).statusCode).toBe(403);
  });
});

describe('the person page lists the person’s incidents', () => {
  it('shows incidents the person was party to, by record or identity number, within the viewer’s scope', async () => {
    const i = await reported(ago(0.02), { summary: '人员页面警情测试', parties: [{ role: 'victim', name: resident.name, idNumber: resident.idNumber }] });
    const res = await t.get(`/api/people/${resident.id}`, officer);
    expect(res.statusCode).toBe(200);
    const person = res.json<{ incidents: { id: number; role: string; summary: string }[]; counts: { incidents: number } }>();
    expect(person.incidents.find((x) => x.id === i.id)).toMatchObject({ role: 'victim', summary: '人员页面警情测试' });
    expect(person.counts.incidents).toBe(person.incidents.length);
    // Another station's chief cannot open the person at all.
    expect((await t.get(`/api/people/${resident.id}`, otherChief)).statusCode).toBe(404);
  });
});

describe('officer correction of the matched address', () => {
  it('moves the incident to the chosen address with its coordinates, leaves the old cluster and joins the new one', async () => {
    const a = await fx.address('东湖新村社区', `更正前${Date.now()}`);
    const b = await fx.address('东湖新村社区', `更正后${Date.now()}`);
    await t.db.updateTable('addresses').set({ lat: 37.1, lon: 112.5 }).where('id', '=', b.id).execute();
    // Test rooms have no match grams: incidents are placed on them by correction, which is what is tested.
    const placeAt = async (i: Incident, addressId: number) => expect((await t.send('PUT', `/api/incidents/${i.id}/address`, officer, { addressId })).statusCode).toBe(200);
    await placeAt(await reported(ago(3)), a.id);
    const wrong = await reported(ago(2));
    await placeAt(wrong, a.id);
    const [clusterA] = await clusterOf('address', wrong.id);
    expect(clusterA?.incident_count).toBe(2);
    // Two incidents already at b: the corrected one is the third and raises the yellow warning.
    await placeAt(await reported(ago(5)), b.id);
    await placeAt(await reported(ago(4)), b.id);

    const res = await t.send('PUT', `/api/incidents/${wrong.id}/address`, officer, { addressId: b.id });
    expect(res.statusCode, res.body).toBe(200);
    const fixed = res.json<Incident>();
    expect(fixed).toMatchObject({ addressId: b.id, lat: 37.1, lon: 112.5, addressConfidence: 1 });
    expect(fixed.addressCorrectedAt).not.toBeNull();
    expect(fixed.addressCorrectedBy).toBeTruthy();
    const oldCount = await t.db.selectFrom('repeat_clusters').select('incident_count').where('id', '=', clusterA!.id).executeTakeFirstOrThrow();
    expect(oldCount.incident_count).toBe(1);
    const [clusterB] = await clusterOf('address', wrong.id);
    expect(clusterB).toMatchObject({ link_value: String(b.id), incident_count: 3, level: 'yellow' });
    const audit = await t.db.selectFrom('audit_events').select(['change']).where('action', '=', 'incident.address_corrected').where('entity_id', '=', String(wrong.id)).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit.change).toMatchObject({ addressId: { from: a.id, to: b.id } });
  });

  it('refuses an address outside the officer’s jurisdiction (400 naming addressId), grid workers (403) and other stations (404)', async () => {
    const i = await reported(ago(0.01));
    const elsewhere = await t.db
      .selectFrom('addresses as a')
      .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
      .select('a.id')
      .where('j.path', 'not like', (await t.db.selectFrom('jurisdictions').select('path').where('name', '=', '城关派出所').executeTakeFirstOrThrow()).path + '%')
      .where('a.level', '=', 'room')
      .limit(1)
      .executeTakeFirstOrThrow();
    const out = await t.send('PUT', `/api/incidents/${i.id}/address`, officer, { addressId: elsewhere.id });
    expect(out.statusCode).toBe(400);
    expect(out.json<ErrorBody>().fields?.[0]).toMatchObject({ path: 'addressId', rule: 'not_found' });
    const mine = await fx.address('东湖新村社区', `更正权限${Date.now()}`);
    expect((await t.send('PUT', `/api/incidents/${i.id}/address`, grid, { addressId: mine.id })).statusCode).toBe(403);
    expect((await t.send('PUT', `/api/incidents/${i.id}/address`, otherChief, { addressId: mine.id })).statusCode).toBe(400);
  });
});
