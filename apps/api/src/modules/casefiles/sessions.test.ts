import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { caseFileFixtures } from './casefiles.fixtures.js';

let t: TestApp;
let fx: ReturnType<typeof caseFileFixtures>;
let officer: Session;
let mediator: Session;

interface Fields {
  code: string;
  fields: { path: string; rule: string }[];
}
interface MediationSession {
  id: number;
  heldAt: string;
  place: string;
  outcome: string;
  mediators: { force: string; name: string; userId: number | null }[];
  createdBy: { id: number; name: string } | null;
}

beforeAll(async () => {
  t = await createTestApp();
  fx = caseFileFixtures(t);
  officer = await t.login('demo-officer');
  mediator = await t.login('demo-mediator');
});
afterAll(async () => {
  await t.close();
});

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const session = (overrides: Record<string, unknown> = {}) => ({
  heldAt: hoursAgo(2),
  place: '城关派出所老马调解室',
  mediators: [
    { force: 'police_room', name: '肖盼' },
    { force: 'grid', name: '李网格' },
    { force: 'town', name: '王调解' },
    { force: 'judicial', name: '城东司法所坐班律师' },
  ],
  attendees: '赵某；开发商代表；物业公司负责人',
  record: '双方协商一致，物业将业主信息录入门禁系统。',
  outcome: 'agreed',
  ...overrides,
});
const count = async (caseId: number) => (await t.db.selectFrom('mediation_sessions').select('id').where('case_id', '=', caseId).execute()).length;

describe('recording a mediation session', () => {
  it('records mediators from the four forces, lists the session and audits it', async () => {
    const c = await fx.case();
    const res = await t.send('POST', `/api/cases/${c.id}/sessions`, officer, session());
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<MediationSession>();
    expect(created.mediators.map((m) => m.force).sort()).toEqual(['grid', 'judicial', 'police_room', 'town']);
    expect(created.createdBy?.id).toBe(officer.userId);
    const list = (await t.get(`/api/cases/${c.id}/sessions`, officer)).json<{ items: MediationSession[]; abilities: { record: boolean } }>();
    expect(list.items).toEqual([created]);
    expect(list.abilities.record).toBe(true);
    expect(await fx.auditCount('case.session_recorded', c.id)).toBe(1);
  });

  it('lets the station’s mediator record one, naming themselves as a user of the case’s station', async () => {
    const c = await fx.case();
    const res = await t.send('POST', `/api/cases/${c.id}/sessions`, mediator, session({ mediators: [{ force: 'town', name: '调解员', userId: mediator.userId }], outcome: 'adjourned' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<MediationSession>().mediators).toEqual([{ force: 'town', name: '调解员', userId: mediator.userId }]);
  });

  it('needs at least one mediator (400 mediators) and refuses a session in the future (400 heldAt)', async () => {
    const c = await fx.case();
    const none = await t.send('POST', `/api/cases/${c.id}/sessions`, officer, session({ mediators: [] }));
    expect(none.statusCode).toBe(400);
    expect(none.json<Fields>().fields[0]?.path).toBe('mediators');
    const future = await t.send('POST', `/api/cases/${c.id}/sessions`, officer, session({ heldAt: new Date(Date.now() + 3 * 3600_000).toISOString() }));
    expect(future.statusCode).toBe(400);
    expect(future.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'heldAt', rule: 'not_in_future' })]);
    const badForce = await t.send('POST', `/api/cases/${c.id}/sessions`, officer, session({ mediators: [{ force: 'court', name: 'x' }] }));
    expect(badForce.json<Fields>().fields[0]).toMatchObject({ path: 'mediators.0.force', rule: 'invalid_value' });
    const badOutcome = await t.send('POST', `/api/cases/${c.id}/sessions`, officer, session({ outcome: 'won' }));
    expect(badOutcome.json<Fields>().fields[0]).toMatchObject({ path: 'outcome', rule: 'invalid_value' });
    expect(await count(c.id)).toBe(0);
  });

  it('refuses a session on a closed case with 409 case.closed', async () => {
    const c = await fx.case();
    await t.db.updateTable('dispute_cases').set({ stage: 'closed', resolution: 'resolved', closed_at: new Date() }).where('id', '=', c.id).execute();
    const res = await t.send('POST', `/api/cases/${c.id}/sessions`, officer, session());
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('case.closed');
    expect(await count(c.id)).toBe(0);
  });

  it('refuses a mediator named twice and a user of another station', async () => {
    const c = await fx.case();
    const twice = await t.send('POST', `/api/cases/${c.id}/sessions`, officer, session({ mediators: [{ force: 'grid', name: '李' }, { force: 'grid', name: '李' }] }));
    expect(twice.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'mediators.1.name', rule: 'duplicate' })]);
    const far = await fx.userId('dh-mediator');
    const outside = await t.send('POST', `/api/cases/${c.id}/sessions`, officer, session({ mediators: [{ force: 'town', name: '外所调解员', userId: far }] }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json<Fields>().fields).toEqual([expect.objectContaining({ path: 'mediators.0.userId', rule: 'not_found' })]);
    expect(await count(c.id)).toBe(0);
  });
});

describe('who may see and record sessions', () => {
  it('lets the grid worker read but not record; refuses partners and volunteers (403)', async () => {
    const c = await fx.case();
    await t.send('POST', `/api/cases/${c.id}/sessions`, officer, session());
    const grid = await t.login('demo-grid');
    const seen = await t.get(`/api/cases/${c.id}/sessions`, grid);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<{ abilities: { record: boolean } }>().abilities.record).toBe(false);
    expect((await t.send('POST', `/api/cases/${c.id}/sessions`, grid, session())).statusCode).toBe(403);
    for (const name of ['demo-partner', 'demo-volunteer', 'demo-landlord']) {
      const s = await t.login(name);
      expect((await t.get(`/api/cases/${c.id}/sessions`, s)).statusCode, name).toBe(403);
      expect((await t.send('POST', `/api/cases/${c.id}/sessions`, s, session())).statusCode, name).toBe(403);
    }
    expect(await count(c.id)).toBe(1);
  });

  it('answers 404 to the police and mediator of another station', async () => {
    const c = await fx.case();
    for (const name of ['dh1-officer', 'dh-mediator']) {
      const s = await t.login(name);
      expect((await t.get(`/api/cases/${c.id}/sessions`, s)).statusCode, name).toBe(404);
      expect((await t.send('POST', `/api/cases/${c.id}/sessions`, s, session())).statusCode, name).toBe(404);
    }
    expect(await count(c.id)).toBe(0);
  });
});

describe('the OpenAPI document', () => {
  it('describes the A-file and B-file endpoints', async () => {
    const res = await t.get('/api/openapi.json', officer);
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    for (const p of ['/api/cases/{id}/evidence', '/api/cases/{id}/evidence/{evidenceId}/file', '/api/cases/{id}/sessions', '/api/cases/{id}/bfile', '/api/cases/{id}/parties/{partyId}/person', '/api/cases/{id}/relations', '/api/cases/{id}/relations/{relationId}', '/api/cases/{id}/education']) {
      expect(paths, p).toContain(p);
    }
  });
});
