import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/app.js';

/**
 * Every role against every endpoint family: the allow/deny answer, and that nothing a role can
 * list, count or export lies outside its jurisdiction. The expected table is written out here on
 * purpose, not derived from the policy module it checks.
 */
const ROLES = ['demo-admin', 'demo-bureau', 'demo-chief', 'demo-officer', 'demo-auxiliary', 'demo-grid', 'demo-mediator', 'demo-partner', 'demo-volunteer', 'demo-landlord'] as const;
type Account = (typeof ROLES)[number];

type Family = 'dashboard' | 'orgView' | 'orgManage' | 'deptView' | 'deptManage' | 'usersView' | 'usersExport' | 'usersManage' | 'apikeys' | 'auditView' | 'auditExport' | 'imports' | 'placesView' | 'placesManage' | 'peopleView' | 'peopleIdentity' | 'housesView' | 'unitsView' | 'rentalsView' | 'rentalsVerify' | 'myRentals' | 'incidentsView' | 'warningsView' | 'warningsManage' | 'incidentsHandle' | 'incidentsExport' | 'board' | 'riskSettings' | 'savedFilters' | 'casesView' | 'casesManage' | 'caseSessions' | 'caseBFile' | 'caseTransfer' | 'partnerTransfers' | 'myDay' | 'ledger' | 'caseSettings' | 'notifications' | 'volunteersView' | 'tipsTriage' | 'myTips' | 'tasksDispatch' | 'myTasks' | 'patrols' | 'broadcastsView' | 'myBroadcasts' | 'leaderboard' | 'statsView' | 'statsExport' | 'reviewsView' | 'hotspotsView';
const Y = true;
const N = false;
//                                  dash orgV orgM depV depM usrV usrX usrM keys audV audX impt plcV plcM pplV pplI hseV untV rntV rntY myRn incV wrnV wrnM incH incX brd  risk svdF casV casM sess bfil xfer prtn myDy ledg cset ntfy volV tipT myTp tskD myTk ptrl bcsV myBc ldrb stat stX  rvw  hot
const EXPECTED: Record<Account, boolean[]> = {
  'demo-admin':     [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N, Y, Y, Y, N, N, Y, Y, N, N, N, Y, Y, Y, Y, N, N, N, N, N, Y, N, Y, Y, Y, N, N, N, N, N, Y, N, Y, Y, N, N, N],
  'demo-bureau':    [Y, Y, N, Y, N, Y, Y, N, N, Y, Y, N, Y, N, Y, Y, Y, Y, Y, N, N, Y, Y, N, N, Y, Y, Y, Y, Y, N, N, Y, N, N, Y, Y, Y, Y, Y, N, N, N, N, N, Y, N, Y, Y, Y, Y, Y],
  'demo-chief':     [Y, Y, N, Y, N, Y, Y, N, N, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N, Y, Y, Y, Y, Y, Y, N, Y, Y, Y, Y, Y, Y, N, Y, Y, N, Y, Y, Y, N, Y, N, Y, Y, N, Y, Y, Y, Y, Y],
  'demo-officer':   [Y, Y, N, Y, N, N, N, N, N, N, N, Y, Y, Y, Y, Y, Y, Y, Y, Y, N, Y, Y, Y, Y, Y, Y, N, Y, Y, Y, Y, Y, Y, N, Y, Y, N, Y, Y, Y, N, Y, N, Y, Y, N, Y, Y, Y, Y, Y],
  'demo-auxiliary': [Y, Y, N, Y, N, N, N, N, N, N, N, Y, Y, Y, Y, Y, Y, Y, Y, N, N, Y, Y, Y, Y, Y, Y, N, Y, Y, Y, Y, Y, N, N, Y, N, N, Y, Y, Y, N, Y, N, Y, Y, N, Y, Y, N, Y, Y],
  'demo-grid':      [Y, Y, N, N, N, N, N, N, N, N, N, N, Y, N, Y, N, Y, Y, Y, N, N, Y, Y, N, N, N, Y, N, Y, Y, N, N, N, N, N, N, N, N, Y, Y, N, Y, N, N, N, N, Y, Y, N, N, N, N],
  'demo-mediator':  [Y, Y, N, Y, N, N, N, N, N, N, N, N, Y, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, Y, Y, N, Y, N, N, N, N, N, N, Y, N, N, N, N, N, N, N, N, N, N, N, N, N],
  'demo-partner':   [Y, N, N, Y, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, Y, N, N, N, N, N, Y, N, N, N, Y, N, N, N, N, N, N, N, N, N, N, N, N, N],
  'demo-volunteer': [Y, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, Y, N, N, N, N, N, N, N, N, N, Y, N, N, Y, N, Y, N, N, Y, Y, N, N, N, N],
  'demo-landlord':  [Y, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, Y, N, N, N, N, N, N, N, Y, N, N, N, N, N, N, N, N, N, Y, N, N, N, N, N, N, N, N, N, N, N, N, N],
};
const FAMILIES: Family[] = ['dashboard', 'orgView', 'orgManage', 'deptView', 'deptManage', 'usersView', 'usersExport', 'usersManage', 'apikeys', 'auditView', 'auditExport', 'imports', 'placesView', 'placesManage', 'peopleView', 'peopleIdentity', 'housesView', 'unitsView', 'rentalsView', 'rentalsVerify', 'myRentals', 'incidentsView', 'warningsView', 'warningsManage', 'incidentsHandle', 'incidentsExport', 'board', 'riskSettings', 'savedFilters', 'casesView', 'casesManage', 'caseSessions', 'caseBFile', 'caseTransfer', 'partnerTransfers', 'myDay', 'ledger', 'caseSettings', 'notifications', 'volunteersView', 'tipsTriage', 'myTips', 'tasksDispatch', 'myTasks', 'patrols', 'broadcastsView', 'myBroadcasts', 'leaderboard', 'statsView', 'statsExport', 'reviewsView', 'hotspotsView'];

let t: TestApp;
const sessions = new Map<Account, Session>();
let community: { id: number };
/** For each account, a person inside its jurisdiction (when it has any), to probe the identity endpoint. */
const personInScope = new Map<Account, number>();
let station: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  for (const account of ROLES) sessions.set(account, await t.login(account));
  community = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '东湖新村社区').executeTakeFirstOrThrow();
  station = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '城关派出所').executeTakeFirstOrThrow();
  for (const account of ROLES) {
    const path = await actorPath(account);
    const person = await t.db.selectFrom('persons as p').innerJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id').select('p.id').where('j.path', 'like', `${path}%`).where('p.id_number_enc', 'is not', null).executeTakeFirst();
    if (person) personInScope.set(account, person.id);
  }
});
afterAll(async () => {
  await t.close();
});

let counter = 0;
async function call(account: Account, family: Family) {
  const s = sessions.get(account)!;
  counter++;
  switch (family) {
    case 'dashboard':
      return t.get('/api/dashboard/summary', s);
    case 'orgView':
      return t.get('/api/jurisdictions', s);
    case 'orgManage':
      return t.send('POST', '/api/jurisdictions', s, { parentId: community.id, kind: 'grid', name: `测试网格${counter}` });
    case 'deptView':
      return t.get('/api/departments', s);
    case 'deptManage':
      return t.send('POST', '/api/departments', s, { name: `测试单位${counter}`, kind: '司法所', jurisdictionId: station.id });
    case 'usersView':
      return t.get('/api/users?pageSize=200', s);
    case 'usersExport':
      return t.get('/api/users/export.xlsx', s);
    case 'usersManage':
      return t.send('POST', '/api/users', s, { username: `matrix-${counter}`, displayName: '测试', role: 'volunteer', jurisdictionId: community.id, password: 'matrix-password-1' });
    case 'apikeys':
      return t.get('/api/api-keys', s);
    case 'auditView':
      return t.get('/api/audit?pageSize=200', s);
    case 'auditExport':
      return t.get('/api/audit/export.xlsx', s);
    case 'imports':
      return t.get('/api/imports/templates/people', s);
    case 'placesView':
      return t.get('/api/addresses', s);
    case 'placesManage':
      // An unknown parent: a role that may manage gets a 400 about the field, one that may not gets 403.
      return t.send('POST', '/api/addresses', s, { parentId: 999999999, level: 'compound', name: `矩阵小区${counter}` });
    case 'peopleView':
      return t.get('/api/people?pageSize=5', s);
    case 'peopleIdentity':
      return t.send('POST', `/api/people/${personInScope.get(account) ?? 999999999}/identity`, s);
    case 'housesView':
      return t.get('/api/houses?pageSize=5', s);
    case 'unitsView':
      return t.get('/api/units?pageSize=5', s);
    case 'rentalsView':
      return t.get('/api/rentals/dashboard', s);
    case 'rentalsVerify':
      return t.send('POST', '/api/tenancies/999999999/verify', s);
    case 'myRentals':
      return t.get('/api/my/rentals', s);
    case 'incidentsView':
      return t.get('/api/incidents?pageSize=5', s);
    case 'warningsView':
      return t.get('/api/warnings?pageSize=5', s);
    case 'warningsManage':
      return t.send('POST', '/api/warnings/999999999/acknowledge', s);
    case 'incidentsHandle':
      return t.send('POST', '/api/incidents/999999999/status', s, { to: 'dispatched' });
    case 'incidentsExport':
      return t.get('/api/incidents/export.xlsx', s);
    case 'board':
      return t.get('/api/board', s);
    case 'riskSettings':
      return t.get('/api/incident-risk/settings', s);
    case 'savedFilters':
      return t.get('/api/saved-filters?page=incidents', s);
    case 'casesView':
      return t.get('/api/cases?pageSize=5', s);
    case 'casesManage':
      return t.send('POST', '/api/cases/999999999/transition', s, { to: 'assessing' });
    case 'caseSessions':
      return t.send('POST', '/api/cases/999999999/sessions', s, { heldAt: new Date(Date.now() - 3_600_000).toISOString(), place: '警务室', mediators: [{ force: 'town', name: '矩阵调解员' }], outcome: 'adjourned' });
    case 'caseBFile':
      return t.get('/api/cases/999999999/bfile', s);
    case 'caseTransfer':
      return t.send('POST', '/api/cases/999999999/transfers', s, { kind: 'gongdiao', departmentId: 1, note: '' });
    case 'partnerTransfers':
      return t.get('/api/partner/transfers', s);
    case 'myDay':
      return t.get('/api/my-day', s);
    case 'ledger':
      return t.get('/api/cases/ledger?month=2026-01', s);
    case 'caseSettings':
      return t.get('/api/case-settings/deadlines', s);
    case 'notifications':
      return t.get('/api/notifications', s);
    case 'volunteersView':
      return t.get('/api/volunteers?pageSize=5', s);
    case 'tipsTriage':
      return t.get('/api/tips', s);
    case 'myTips':
      return t.get('/api/my/tips', s);
    case 'tasksDispatch':
      return t.get('/api/tasks', s);
    case 'myTasks':
      return t.get('/api/my/tasks', s);
    case 'patrols':
      return t.get('/api/patrol-plans', s);
    case 'broadcastsView':
      return t.get('/api/broadcasts', s);
    case 'myBroadcasts':
      return t.get('/api/my/broadcasts', s);
    case 'leaderboard':
      return t.get('/api/points/leaderboard', s);
    case 'statsView':
      return t.get('/api/stats/overview', s);
    case 'statsExport':
      return t.get('/api/stats/overview.xlsx', s);
    case 'reviewsView':
      return t.get('/api/reviews', s);
    case 'hotspotsView':
      return t.get('/api/hotspots/runs', s);
  }
}

async function actorPath(account: Account): Promise<string> {
  const row = await t.db.selectFrom('users as u').innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id').select('j.path').where('u.username', '=', account).executeTakeFirstOrThrow();
  return row.path;
}

async function idsInScope(path: string): Promise<Set<number>> {
  const rows = await t.db.selectFrom('jurisdictions').select('id').where('path', 'like', `${path}%`).execute();
  return new Set(rows.map((r) => r.id));
}

async function xlsxRows(body: Buffer): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets[0]!.actualRowCount - 1;
}

describe('authorization matrix', () => {
  for (const account of ROLES) {
    for (const [i, family] of FAMILIES.entries()) {
      const allowed = EXPECTED[account][i]!;
      it(`${account} ${allowed ? 'may' : 'may not'} use ${family}`, async () => {
        const res = await call(account, family);
        // Families probed with a record that does not exist: allowed means past the role check (400/404), not 403.
        if (allowed && (family === 'placesManage' || family === 'rentalsVerify' || family === 'warningsManage' || family === 'incidentsHandle' || family === 'casesManage' || family === 'caseSessions' || family === 'caseBFile' || family === 'caseTransfer')) expect([400, 404], res.body).toContain(res.statusCode);
        else if (allowed) expect(res.statusCode, res.body).toBeLessThan(300);
        else {
          expect(res.statusCode, res.body).toBe(403);
          expect(res.json<{ code: string }>().code).toBe('auth.forbidden');
        }
      });
    }
  }
});

describe('scoping of lists, counts and exports', () => {
  for (const account of ROLES) {
    it(`${account} sees only jurisdictions, users, departments and audit events of its own subtree`, async () => {
      const s = sessions.get(account)!;
      const path = await actorPath(account);
      const scope = await idsInScope(path);
      const ancestors = new Set(path.split('/').filter(Boolean).map(Number));

      const org = await t.get('/api/jurisdictions', s);
      if (org.statusCode === 200) {
        const items = org.json<{ items: { id: number }[] }>().items;
        expect(items.length).toBe(scope.size);
        for (const j of items) expect(scope.has(j.id)).toBe(true);
      }

      const users = await t.get('/api/users?pageSize=200', s);
      if (users.statusCode === 200) {
        const body = users.json<{ items: { jurisdictionId: number }[]; total: number }>();
        const expected = await t.db.selectFrom('users as u').innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id').select((eb) => eb.fn.countAll<number>().as('n')).where('j.path', 'like', `${path}%`).executeTakeFirstOrThrow();
        expect(body.total).toBe(expected.n);
        for (const u of body.items) expect(scope.has(u.jurisdictionId)).toBe(true);
        const exported = await t.get('/api/users/export.xlsx', s);
        expect(await xlsxRows(exported.rawPayload)).toBe(expected.n);
      }

      const depts = await t.get('/api/departments', s);
      if (depts.statusCode === 200) {
        for (const d of depts.json<{ items: { jurisdictionId: number }[] }>().items) expect(scope.has(d.jurisdictionId) || ancestors.has(d.jurisdictionId)).toBe(true);
      }

      const audit = await t.get('/api/audit?pageSize=200', s);
      if (audit.statusCode === 200) {
        const body = audit.json<{ items: { jurisdictionId: number | null }[]; total: number }>();
        const atRoot = ancestors.size === 1;
        for (const e of body.items) {
          if (e.jurisdictionId === null) expect(atRoot).toBe(true);
          else expect(scope.has(e.jurisdictionId)).toBe(true);
        }
        const exported = await t.get('/api/audit/export.xlsx', s);
        expect(exported.statusCode).toBe(200);
        // The export records its own audit event after reading, so the sheet holds the list as it stood.
        expect(await xlsxRows(exported.rawPayload)).toBe(body.total);
      }

      // Base data: every row listed lies inside the subtree, and the totals equal a count of the rows there.
      const persons = await t.get('/api/people?pageSize=200', s);
      if (persons.statusCode === 200) {
        const body = persons.json<{ items: { jurisdictionId: number; idNumberMasked: string | null }[]; total: number }>();
        const expected = await t.db.selectFrom('persons as p').innerJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id').select((eb) => eb.fn.countAll<number>().as('n')).where('j.path', 'like', `${path}%`).where('p.archived_at', 'is', null).executeTakeFirstOrThrow();
        expect(body.total).toBe(expected.n);
        for (const p of body.items) {
          expect(scope.has(p.jurisdictionId)).toBe(true);
          // Lists never carry a whole identity number.
          if (p.idNumberMasked) expect(p.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
        }
      }
      for (const [url, table] of [['/api/houses?pageSize=200', 'houses'], ['/api/units?pageSize=200', 'units']] as const) {
        const res = await t.get(url, s);
        if (res.statusCode !== 200) continue;
        const body = res.json<{ items: { jurisdictionId: number }[]; total: number }>();
        for (const row of body.items) expect(scope.has(row.jurisdictionId)).toBe(true);
        let q = t.db.selectFrom(`${table} as x` as 'houses as x').innerJoin('jurisdictions as j', 'j.id', 'x.jurisdiction_id').select((eb) => eb.fn.countAll<number>().as('n')).where('j.path', 'like', `${path}%`);
        if (table === 'units') q = q.where(sql.ref('x.archived_at'), 'is', null);
        expect(body.total).toBe((await q.executeTakeFirstOrThrow()).n);
      }
      const rentals = await t.get('/api/rentals?pageSize=200', s);
      if (rentals.statusCode === 200) {
        for (const r of rentals.json<{ items: { jurisdictionId: number }[] }>().items) expect(scope.has(r.jurisdictionId)).toBe(true);
      }

      // Incidents: the list total, the export's rows, warnings and today's board all lie inside the subtree.
      const incidents = await t.get('/api/incidents?pageSize=200', s);
      if (incidents.statusCode === 200) {
        const body = incidents.json<{ items: { jurisdictionId: number }[]; total: number }>();
        for (const i of body.items) expect(scope.has(i.jurisdictionId)).toBe(true);
        const expected = await t.db.selectFrom('incidents as i').innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id').select((eb) => eb.fn.countAll<string>().as('n')).where('j.path', 'like', `${path}%`).executeTakeFirstOrThrow();
        expect(body.total).toBe(Number(expected.n));
        const exported = await t.get('/api/incidents/export.xlsx', s);
        if (exported.statusCode === 200) expect(await xlsxRows(exported.rawPayload)).toBe(Number(expected.n));
        const warnings = await t.get('/api/warnings?pageSize=200', s);
        for (const w of warnings.json<{ items: { jurisdictionId: number }[] }>().items) expect(scope.has(w.jurisdictionId)).toBe(true);
        const board = await t.get('/api/board', s);
        const today = board.json<{ incidents: { jurisdictionId: number }[]; warnings: { jurisdictionId: number }[] }>();
        for (const i of [...today.incidents, ...today.warnings]) expect(scope.has(i.jurisdictionId)).toBe(true);
      }

      // Dispute cases: the list total and the export's rows equal a count of the cases in the subtree.
      const cases = await t.get('/api/cases?pageSize=200', s);
      if (cases.statusCode === 200) {
        const body = cases.json<{ items: { jurisdictionId: number }[]; total: number }>();
        for (const c of body.items) expect(scope.has(c.jurisdictionId)).toBe(true);
        const expected = await t.db.selectFrom('dispute_cases as c').innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id').select((eb) => eb.fn.countAll<string>().as('n')).where('j.path', 'like', `${path}%`).executeTakeFirstOrThrow();
        expect(body.total).toBe(Number(expected.n));
        const exported = await t.get('/api/cases/export', s);
        if (exported.statusCode === 200) expect(await xlsxRows(exported.rawPayload)).toBe(Number(expected.n));
      }

      const summary = await t.get('/api/dashboard/summary', s);
      const figures = new Map(summary.json<{ figures: { key: string; value: number }[] }>().figures.map((f) => [f.key, f.value]));
      const users2 = await t.db.selectFrom('users as u').innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id').select((eb) => eb.fn.countAll<number>().as('n')).where('j.path', 'like', `${path}%`).where('u.active', '=', true).executeTakeFirstOrThrow();
      expect(figures.get('users')).toBe(users2.n);
    });
  }
});

describe('denials do not reveal whether a record exists', () => {
  it('a chief gets the same 404 for a user of another station as for a user that does not exist', async () => {
    const chief = sessions.get('demo-chief')!;
    const other = await t.db.selectFrom('users').select('id').where('username', '=', 'dh-chief').executeTakeFirstOrThrow();
    const outside = await t.get(`/api/users/${other.id}`, chief);
    const missing = await t.get('/api/users/999999', chief);
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(outside.json<{ code: string; message: string }>()).toMatchObject({ code: missing.json<{ code: string }>().code, message: missing.json<{ message: string }>().message });
    const inside = await t.db.selectFrom('users').select('id').where('username', '=', 'demo-officer').executeTakeFirstOrThrow();
    expect((await t.get(`/api/users/${inside.id}`, chief)).statusCode).toBe(200);
  });

  it('an officer gets 403 for any user id, existing or not', async () => {
    const officer = sessions.get('demo-officer')!;
    const existing = await t.get('/api/users/1', officer);
    const missing = await t.get('/api/users/999999', officer);
    expect(existing.statusCode).toBe(403);
    expect(missing.statusCode).toBe(403);
    expect(existing.json<{ code: string }>().code).toBe(missing.json<{ code: string }>().code);
  });

  it('a chief cannot read another station as a jurisdiction', async () => {
    const chief = sessions.get('demo-chief')!;
    const other = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '西岭派出所').executeTakeFirstOrThrow();
    expect((await t.get(`/api/jurisdictions/${other.id}`, chief)).statusCode).toBe(404);
    expect((await t.get(`/api/jurisdictions/${station.id}`, chief)).statusCode).toBe(200);
  });

  it('a user list filtered by a unit outside the scope is empty rather than an error', async () => {
    const chief = sessions.get('demo-chief')!;
    const other = await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '西岭派出所').executeTakeFirstOrThrow();
    const res = await t.get(`/api/users?jurisdictionId=${other.id}`, chief);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ total: number }>().total).toBe(0);
  });
});
