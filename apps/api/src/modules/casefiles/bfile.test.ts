import { maskIdNumber } from '@fengqiao/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { rentalFixtures, upload, WHOLE_ID } from '../rentals/rentals.fixtures.js';
import { caseFileFixtures, SAMPLES } from './casefiles.fixtures.js';

let t: TestApp;
let fx: ReturnType<typeof caseFileFixtures>;
let rf: ReturnType<typeof rentalFixtures>;
let officer: Session;

interface Fields {
  code: string;
  fields: { path: string; rule: string }[];
}
interface BFile {
  caseId: number;
  parties: {
    id: number;
    name: string;
    idNumberMasked: string | null;
    person: null | {
      id: number;
      name: string;
      idNumberMasked: string | null;
      registration: { address: { name: string } | null; house: { id: number } | null; tenancy: { landlordName: string } | null; workUnits: { name: string }[] };
      household: { members: { name: string }[]; coResidents: { name: string; idNumberMasked: string | null }[] };
      relations: { id: number; name: string; relation: string; relatedPersonId: number | null }[];
      education: { topic: string; deliveredOn: string; deliveredByName: string }[];
    };
  }[];
  abilities: { edit: boolean };
}

/** The seeded case: party A linked to a person with the whole B file, party B not linked yet. */
const seed = {
  caseId: 0,
  partyA: 0,
  partyB: 0,
  personId: 0,
  coResidentId: 0,
  relationId: 0,
  idA: '',
  idB: '',
  idCo: '',
};
/** Words of the B file that no A-file answer may carry. */
const B_WORDS = ['李秀兰', '王五', '赵小明', '枫源县测试机械厂', 'anti_fraud', 'sameHousehold', 'coResidents', 'workUnits'];

beforeAll(async () => {
  t = await createTestApp();
  fx = caseFileFixtures(t);
  rf = rentalFixtures(t);
  officer = await t.login('demo-officer');

  const c = await fx.case({ title: '地下车库车位纠纷' });
  seed.caseId = c.id;
  const person = await rf.person({ name: '赵建国', category: 'registered' });
  const co = await rf.person({ name: '赵小明', category: 'registered' });
  const home = await rf.house({ ownerPersonId: person.id });
  await t.db.updateTable('persons').set({ current_address_id: home.addressId }).where('id', 'in', [person.id, co.id]).execute();
  const rental = await rf.rental();
  await rf.tenancy(rental.id, { checkIn: rf.daysAgo(30), personId: person.id, verified: true });
  const work = await rf.house();
  await t.db.insertInto('units').values({ name: '枫源县测试机械厂', kind: 'enterprise', address_id: work.addressId, jurisdiction_id: work.jurisdictionId }).execute();
  await t.db.insertInto('person_addresses').values({ person_id: person.id, address_id: work.addressId, kind: 'work', from_date: rf.daysAgo(400) }).execute();
  const rel = await t.db.insertInto('person_relations').values({ person_id: person.id, name: '李秀兰', relation: 'spouse', same_household: true }).returning('id').executeTakeFirstOrThrow();
  await t.db.insertInto('person_relations').values({ person_id: person.id, name: '王五', relation: 'friend' }).execute();
  await t.db.insertInto('prevention_education').values({ person_id: person.id, case_id: c.id, topic: 'anti_fraud', delivered_on: rf.daysAgo(3), delivered_by_name: '肖盼' }).execute();
  seed.idA = person.idNumber;
  seed.idB = rf.idNumber();
  seed.idCo = co.idNumber;
  seed.personId = person.id;
  seed.coResidentId = co.id;
  seed.relationId = rel.id;
  seed.partyA = (await fx.party(c.id, { name: '赵建国', idNumber: person.idNumber, personId: person.id })).id;
  seed.partyB = (await fx.party(c.id, { name: '某开发公司钱某', side: 'respondent', idNumber: seed.idB })).id;

  // A-file material the other roles may legitimately see.
  await upload(t, `/api/cases/${c.id}/evidence`, officer, { kind: 'document', description: '询问笔录' }, { name: '笔录.pdf', data: SAMPLES.pdf, type: 'application/pdf' });
  await t.send('POST', `/api/cases/${c.id}/sessions`, officer, {
    heldAt: new Date(Date.now() - 3600_000).toISOString(),
    place: '东湖新村警务室',
    mediators: [{ force: 'police_room', name: '肖盼' }],
    outcome: 'partial',
  });
});
afterAll(async () => {
  await t.close();
});

const bfileUrl = () => `/api/cases/${seed.caseId}/bfile`;

/** Every B-file endpoint, called with a valid body so that only the policy can refuse it. */
async function bfileCalls(s: Session) {
  return {
    read: await t.get(bfileUrl(), s),
    registerPerson: await t.send('POST', `/api/cases/${seed.caseId}/parties/${seed.partyB}/person`, s, {}),
    addRelation: await t.send('POST', `/api/cases/${seed.caseId}/relations`, s, { personId: seed.personId, relation: 'sibling', name: '赵二' }),
    removeRelation: await t.send('DELETE', `/api/cases/${seed.caseId}/relations/${seed.relationId}`, s),
    addEducation: await t.send('POST', `/api/cases/${seed.caseId}/education`, s, { personId: seed.personId, topic: 'helmet_belt', deliveredOn: rf.today }),
  };
}

function expectNoBFileData(body: string, label: string) {
  expect(body, label).not.toMatch(WHOLE_ID);
  expect(body, label).not.toMatch(/\d{3}\*{6,}\d{3}[\dX]/);
  for (const id of [seed.idA, seed.idB, seed.idCo]) {
    expect(body, label).not.toContain(id);
    expect(body, label).not.toContain(maskIdNumber(id));
  }
  for (const word of B_WORDS) expect(body, `${label}: ${word}`).not.toContain(word);
}

describe('B-file isolation', () => {
  it.each(['demo-mediator', 'demo-partner', 'demo-grid', 'demo-admin', 'demo-volunteer'])(
    'refuses %s every B-file endpoint (403) and leaks no B-file data through the A-file endpoints',
    async (username) => {
      const s = await t.login(username);
      const before = await fx.auditCount('case.bfile_viewed', seed.caseId);
      for (const [name, res] of Object.entries(await bfileCalls(s))) {
        expect(res.statusCode, `${username} ${name}`).toBe(403);
        expectNoBFileData(res.body, `${username} ${name}`);
      }
      expect(await fx.auditCount('case.bfile_viewed', seed.caseId)).toBe(before);

      const aFile = [`/api/cases/${seed.caseId}/evidence`, `/api/cases/${seed.caseId}/sessions`];
      if (t.app.hasRoute({ method: 'GET', url: '/api/cases/:id' })) aFile.push(`/api/cases/${seed.caseId}`);
      for (const url of aFile) {
        const res = await t.get(url, s);
        // Mediators, grid workers and the administrator read the A file; partners and volunteers not at all.
        expect(res.statusCode, `${username} ${url}`).toBe(['demo-partner', 'demo-volunteer'].includes(username) ? 403 : 200);
        expectNoBFileData(res.body, `${username} ${url}`);
      }
      // Nothing was changed by the refused writes.
      expect(await t.db.selectFrom('person_relations').select('id').where('id', '=', seed.relationId).executeTakeFirst()).toBeTruthy();
      expect((await t.db.selectFrom('case_parties').select('person_id').where('id', '=', seed.partyB).executeTakeFirstOrThrow()).person_id).toBeNull();
    },
  );

  it('answers 404 on every B-file endpoint to police of another station', async () => {
    for (const username of ['dh1-officer', 'dh-chief']) {
      const s = await t.login(username);
      for (const [name, res] of Object.entries(await bfileCalls(s))) {
        expect(res.statusCode, `${username} ${name}`).toBe(404);
        expectNoBFileData(res.body, `${username} ${name}`);
      }
    }
  });

  it('shows the police of the jurisdiction the whole B file with masked numbers only, and audits each read', async () => {
    const before = await fx.auditCount('case.bfile_viewed', seed.caseId);
    const res = await t.get(bfileUrl(), officer);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toMatch(WHOLE_ID);
    const file = res.json<BFile>();
    const a = file.parties.find((p) => p.id === seed.partyA)!;
    expect(a.person).toMatchObject({ id: seed.personId, name: '赵建国', idNumberMasked: maskIdNumber(seed.idA) });
    expect(a.person!.registration.address?.name).toContain('枫源县测试租房小区');
    expect(a.person!.registration.house).not.toBeNull();
    expect(a.person!.registration.tenancy).not.toBeNull();
    expect(a.person!.registration.workUnits.map((u) => u.name)).toEqual(['枫源县测试机械厂']);
    expect(a.person!.household.members.map((m) => m.name)).toEqual(['李秀兰']);
    expect(a.person!.household.coResidents).toEqual([expect.objectContaining({ name: '赵小明', idNumberMasked: maskIdNumber(seed.idCo) })]);
    expect(a.person!.relations.map((r) => r.name).sort()).toEqual(['李秀兰', '王五'].sort());
    expect(a.person!.education).toEqual([expect.objectContaining({ topic: 'anti_fraud', deliveredByName: '肖盼' })]);
    const b = file.parties.find((p) => p.id === seed.partyB)!;
    expect(b).toMatchObject({ person: null, idNumberMasked: maskIdNumber(seed.idB) });
    expect(file.abilities.edit).toBe(true);

    expect(await fx.auditCount('case.bfile_viewed', seed.caseId)).toBe(before + 1);
    const bureau = await t.get(bfileUrl(), await t.login('demo-bureau'));
    expect(bureau.statusCode).toBe(200);
    expect(bureau.json<BFile>().abilities.edit).toBe(false);
    expect(await fx.auditCount('case.bfile_viewed', seed.caseId)).toBe(before + 2);
  });
});

describe('registering a party as a person record', () => {
  it('creates the person from the party’s identity number, links it, refuses a second link (409) and audits both', async () => {
    const c = await fx.case();
    const id = rf.idNumber();
    const party = await fx.party(c.id, { name: '孙某', idNumber: id });
    const res = await t.send('POST', `/api/cases/${c.id}/parties/${party.id}/person`, officer, { category: 'floating' });
    expect(res.statusCode, res.body).toBe(200);
    const linked = res.json<{ personId: number; created: boolean }>();
    expect(linked.created).toBe(true);
    const person = await t.db.selectFrom('persons').select(['name', 'category', 'id_number_masked', 'id_number_hash']).where('id', '=', linked.personId).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ name: '孙某', category: 'floating', id_number_masked: maskIdNumber(id), id_number_hash: t.identity.lookupHash(id) });
    expect((await t.db.selectFrom('case_parties').select('person_id').where('id', '=', party.id).executeTakeFirstOrThrow()).person_id).toBe(linked.personId);
    expect(await fx.auditCount('person.created', linked.personId)).toBe(1);
    expect(await fx.auditCount('case.party_updated', c.id)).toBe(1);

    const again = await t.send('POST', `/api/cases/${c.id}/parties/${party.id}/person`, officer, {});
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('case.party_already_linked');
  });

  it('needs a valid identity number (GB 11643) and reuses the person who already holds it', async () => {
    const c = await fx.case();
    const party = await fx.party(c.id, { name: '赵建国' });
    const missing = await t.send('POST', `/api/cases/${c.id}/parties/${party.id}/person`, officer, {});
    expect(missing.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'idNumber', rule: 'required' })]);
    const wrongCheck = seed.idA.slice(0, 17) + (seed.idA[17] === '0' ? '1' : '0');
    const bad = await t.send('POST', `/api/cases/${c.id}/parties/${party.id}/person`, officer, { idNumber: wrongCheck });
    expect(bad.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'idNumber', rule: 'id_checksum' })]);
    const persons = (await t.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const reused = await t.send('POST', `/api/cases/${c.id}/parties/${party.id}/person`, officer, { idNumber: seed.idA });
    expect(reused.json()).toEqual({ partyId: party.id, personId: seed.personId, created: false });
    expect((await t.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(persons);
  });

  it('is refused to the bureau (reads only) and to a party of another case (404)', async () => {
    const c = await fx.case();
    const party = await fx.party(c.id, { idNumber: rf.idNumber() });
    expect((await t.send('POST', `/api/cases/${c.id}/parties/${party.id}/person`, await t.login('demo-bureau'), {})).statusCode).toBe(403);
    expect((await t.send('POST', `/api/cases/${seed.caseId}/parties/${party.id}/person`, officer, {})).statusCode).toBe(404);
  });
});

describe('relations and education in the B file', () => {
  it('adds a relation (also to a person record in scope), removes it, and audits both', async () => {
    const added = await t.send('POST', `/api/cases/${seed.caseId}/relations`, officer, { personId: seed.personId, relation: 'child', relatedPersonId: seed.coResidentId, sameHousehold: true });
    expect(added.statusCode, added.body).toBe(201);
    const relation = added.json<{ id: number; name: string; relatedPersonId: number }>();
    expect(relation).toMatchObject({ name: '赵小明', relatedPersonId: seed.coResidentId });
    const file = (await t.get(bfileUrl(), officer)).json<BFile>();
    expect(file.parties.find((p) => p.id === seed.partyA)!.person!.household.members.map((m) => m.name)).toContain('赵小明');
    expect(await fx.auditCount('case.relation_added', seed.caseId)).toBeGreaterThanOrEqual(1);

    const removed = await t.send('DELETE', `/api/cases/${seed.caseId}/relations/${relation.id}`, officer);
    expect(removed.statusCode).toBe(204);
    expect((await t.send('DELETE', `/api/cases/${seed.caseId}/relations/${relation.id}`, officer)).statusCode).toBe(404);
    expect(await fx.auditCount('case.relation_removed', seed.caseId)).toBe(1);
  });

  it('refuses a relation for someone who is not a party, to a person outside the jurisdiction, or without a name', async () => {
    const notParty = await t.send('POST', `/api/cases/${seed.caseId}/relations`, officer, { personId: seed.coResidentId, relation: 'friend', name: '某' });
    expect(notParty.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'personId', rule: 'not_party' })]);
    const far = await rf.person({ jurisdiction: '湖滨社区' });
    const outside = await t.send('POST', `/api/cases/${seed.caseId}/relations`, officer, { personId: seed.personId, relation: 'friend', relatedPersonId: far.id });
    expect(outside.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'relatedPersonId', rule: 'not_found' })]);
    const nameless = await t.send('POST', `/api/cases/${seed.caseId}/relations`, officer, { personId: seed.personId, relation: 'friend' });
    expect(nameless.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'name', rule: 'required' })]);
    // A relation of a person who is no party of this case cannot be removed through it.
    const foreign = await t.db.insertInto('person_relations').values({ person_id: seed.coResidentId, name: '外人', relation: 'friend' }).returning('id').executeTakeFirstOrThrow();
    expect((await t.send('DELETE', `/api/cases/${seed.caseId}/relations/${foreign.id}`, officer)).statusCode).toBe(404);
  });

  it('records prevention education delivered by the officer by default, never dated in the future', async () => {
    const res = await t.send('POST', `/api/cases/${seed.caseId}/education`, officer, { personId: seed.personId, topic: 'illegal_passenger', deliveredOn: rf.today, note: '三轮车载人劝导' });
    expect(res.statusCode, res.body).toBe(201);
    const me = await t.db.selectFrom('users').select('display_name').where('id', '=', officer.userId).executeTakeFirstOrThrow();
    expect(res.json()).toMatchObject({ topic: 'illegal_passenger', deliveredOn: rf.today, deliveredByName: me.display_name, caseId: seed.caseId });
    expect(await fx.auditCount('case.education_recorded', seed.caseId)).toBe(1);

    const future = await t.send('POST', `/api/cases/${seed.caseId}/education`, officer, { personId: seed.personId, topic: 'anti_drug', deliveredOn: rf.daysAhead(1) });
    expect(future.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'deliveredOn', rule: 'not_in_future' })]);
    const badTopic = await t.send('POST', `/api/cases/${seed.caseId}/education`, officer, { personId: seed.personId, topic: 'gambling', deliveredOn: rf.today });
    expect(badTopic.json<Fields>().fields[0]).toMatchObject({ path: 'topic', rule: 'invalid_value' });
    const farUser = await fx.userId('dh1-officer');
    const byOutsider = await t.send('POST', `/api/cases/${seed.caseId}/education`, officer, { personId: seed.personId, topic: 'anti_drug', deliveredOn: rf.today, deliveredByUserId: farUser });
    expect(byOutsider.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'deliveredByUserId', rule: 'not_found' })]);
    const chief = await fx.userId('demo-chief');
    const byChief = await t.send('POST', `/api/cases/${seed.caseId}/education`, officer, { personId: seed.personId, topic: 'anti_drug', deliveredOn: rf.daysAgo(1), deliveredByUserId: chief });
    expect(byChief.statusCode).toBe(201);
  });
});
