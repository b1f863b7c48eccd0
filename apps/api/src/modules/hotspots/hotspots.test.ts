import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { followupFixtures } from '../followups/followups.fixtures.js';
import type { ForecastDto, ProposalDto } from './hotspots.schemas.js';

let t: TestApp;
let fx: ReturnType<typeof followupFixtures>;
let home: Awaited<ReturnType<ReturnType<typeof followupFixtures>['station']>>;
let away: Awaited<ReturnType<ReturnType<typeof followupFixtures>['station']>>;
let chief: Session;
let officer: Session;
let otherChief: Session;
let bureau: Session;
let auxiliary: Session;
const denied: Record<string, Session> = {};

// 1 June 2026 00:00 in Shanghai: the predicted period starts here; training is the days before it.
const AT = '2026-06-01T00:00:00+08:00';
const P0 = { lat: 30.0, lon: 120.0 };
const M_LAT = 111_320;
const at = (p: { n: number; e: number }) => ({ lat: P0.lat + p.n / M_LAT, lon: P0.lon + p.e / (M_LAT * Math.cos((P0.lat * Math.PI) / 180)) });
// Known places, metres north/east of P0 (each well inside one 250 m cell).
const A = { n: 1100, e: 1100 }; // 6 evening incidents (20:00)
const B = { n: 2100, e: 100 }; // 3 late-night incidents (23:30)
const C = { n: 100, e: 2100 }; // 4 after-midnight incidents (01:00)
const G = { n: 10, e: 10 }; // 2 morning incidents (10:00)
const D = { n: 600, e: 600 }; // 10 incidents after AT: never used for training
const F = { n: 3100, e: 3100 }; // 10 incidents in another station: outside the scope

const fieldOf = (body: string) => (JSON.parse(body) as { fields: { path: string; rule: string }[] }).fields[0];

async function incidents(jurisdictionId: number, place: { n: number; e: number }, times: string[]) {
  const cat = await t.db.selectFrom('incident_categories').select(['code', 'kind']).where('kind', '=', 'public_order').where('active', '=', true).orderBy('code').executeTakeFirstOrThrow();
  const channel = await t.db.selectFrom('channels').select('code').orderBy('code').executeTakeFirstOrThrow();
  const p = at(place);
  await t.db
    .insertInto('incidents')
    .values(times.map((time, i) => ({ channel: channel.code, received_at: new Date(time), category_code: cat.code, kind: cat.kind, summary: `热点测试${i}`, lat: p.lat, lon: p.lon, jurisdiction_id: jurisdictionId })))
    .execute();
}
const days = (n: number, hhmm: string, month = '05') => Array.from({ length: n }, (_, i) => `2026-${month}-${String(10 + i).padStart(2, '0')}T${hhmm}:00+08:00`);

async function forecast(session: Session, body: Record<string, unknown>) {
  return t.send('POST', '/api/hotspots/forecast', session, { jurisdictionId: home.station.id, method: 'naive', at: AT, cellM: 250, ...body });
}
const near = (cell: { lat: number; lon: number }, place: { n: number; e: number }) => {
  const p = at(place);
  return Math.abs(cell.lat - p.lat) * M_LAT < 250 && Math.abs(cell.lon - p.lon) * M_LAT * Math.cos((P0.lat * Math.PI) / 180) < 250;
};

beforeAll(async () => {
  t = await createTestApp();
  fx = followupFixtures(t);
  home = await fx.station('热点所');
  away = await fx.station('邻所');
  await incidents(home.east.id, A, days(6, '20:00'));
  await incidents(home.west.id, B, days(3, '23:30'));
  await incidents(home.east.id, C, days(4, '01:00'));
  await incidents(home.east.id, G, days(2, '10:00'));
  await incidents(home.east.id, D, days(10, '20:30', '06'));
  await incidents(away.east.id, F, days(10, '20:00'));
  chief = await t.login(home.chiefUsername);
  officer = await t.login(home.officerUsername);
  otherChief = await t.login(away.chiefUsername);
  bureau = await t.login('demo-bureau');
  auxiliary = await t.login('demo-auxiliary');
  for (const who of ['demo-volunteer', 'demo-grid', 'demo-mediator']) denied[who] = await t.login(who);
});
afterAll(async () => {
  await t.close();
});

describe('hotspot forecast', () => {
  it('lists the methods with their parameters', async () => {
    const res = await t.get('/api/hotspots/methods', chief);
    expect(res.statusCode).toBe(200);
    const naive = res.json<{ items: { name: string; params: { key: string; default: number }[] }[] }>().items.find((m) => m.name === 'naive');
    expect(naive?.params.map((p) => p.key)).toContain('trainDays');
  });

  it('trains only on incidents before the period and inside the scope: the top cell is where most incidents were', async () => {
    const res = await forecast(chief, { top: 3 });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json<ForecastDto>();
    expect(f.eventCount).toBe(6 + 3 + 4 + 2);
    expect(f.runId).toBeNull();
    expect(near(f.top[0]!, A)).toBe(true);
    expect(f.top.map((c) => c.risk)).toEqual([6, 4, 3]);
    expect(near(f.top[1]!, C) && near(f.top[2]!, B)).toBe(true);
    expect(f.cells.some((c) => near(c, D) || near(c, F))).toBe(false);
    expect(f.params).toEqual([expect.objectContaining({ key: 'trainDays', value: 365 })]);
    expect(new Date(f.trainEnd).getTime()).toBe(new Date(AT).getTime());
    // A community: only its own incidents.
    const west = (await forecast(chief, { jurisdictionId: home.west.id })).json<ForecastDto>();
    expect(west.eventCount).toBe(3);
  });

  it('trains on the time-of-day band only, also across midnight', async () => {
    const night = (await forecast(chief, { band: '22:00-02:00' })).json<ForecastDto>();
    expect(night.eventCount).toBe(3 + 4);
    expect(night.band).toBe('22:00-02:00');
    expect(near(night.top[0]!, C)).toBe(true);
    const evening = (await forecast(chief, { band: '19:00-21:00' })).json<ForecastDto>();
    expect(evening.eventCount).toBe(6);
    expect(evening.cells).toHaveLength(1);
    // The end is exclusive: 20:00 is not in 19:00-20:00.
    expect((await forecast(chief, { band: '19:00-20:00' })).json<ForecastDto>().eventCount).toBe(0);
  });

  it('names the field of each invalid input', async () => {
    expect(fieldOf((await forecast(chief, { method: 'crystal-ball' })).body)).toMatchObject({ path: 'method', rule: 'unknown_method' });
    expect(fieldOf((await forecast(chief, { band: '25:00-01:00' })).body)).toMatchObject({ path: 'band' });
    expect(fieldOf((await forecast(chief, { band: '10:00-10:00' })).body)).toMatchObject({ path: 'band', rule: 'same_as_start' });
    expect(fieldOf((await forecast(chief, { cellM: 20 })).body)).toMatchObject({ path: 'cellM' });
    expect(fieldOf((await forecast(chief, { cellM: 5000 })).body)).toMatchObject({ path: 'cellM' });
    expect(fieldOf((await forecast(chief, { params: { trainDays: 0 } })).body)).toMatchObject({ path: 'params.trainDays', rule: 'out_of_range' });
    expect(fieldOf((await forecast(chief, { params: { nonsense: 1 } })).body)).toMatchObject({ path: 'params.nonsense', rule: 'unknown_param' });
  });

  it('saves a run (audited) that is listed and read back in scope only', async () => {
    const res = await forecast(chief, { save: true, kind: 'public_order' });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json<ForecastDto>();
    expect(run.runId).toBeGreaterThan(0);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'hotspot_run').where('entity_id', '=', String(run.runId)).execute();
    expect(audit.map((a) => a.action)).toEqual(['hotspot.run_saved']);
    const list = (await t.get(`/api/hotspots/runs?jurisdictionId=${home.station.id}`, bureau)).json<{ items: { id: number }[] }>();
    expect(list.items.map((r) => r.id)).toEqual([run.runId]);
    const back = (await t.get(`/api/hotspots/runs/${run.runId}`, chief)).json<ForecastDto>();
    expect(back).toMatchObject({ eventCount: 15, method: 'naive', kind: 'public_order', cellM: 250 });
    expect(back.top[0]!.risk).toBe(6);
    // A station-level run is outside a community officer's scope, and another station's.
    expect((await t.get(`/api/hotspots/runs/${run.runId}`, officer)).statusCode).toBe(404);
    expect((await t.get(`/api/hotspots/runs/${run.runId}`, otherChief)).statusCode).toBe(404);
    expect((await t.get('/api/hotspots/runs', otherChief)).json<{ items: { id: number }[] }>().items.map((r) => r.id)).not.toContain(run.runId);
  });

  it('counts incidents on a grid for the heat map, with the data volume', async () => {
    const res = await t.get(`/api/hotspots/heat?jurisdictionId=${home.station.id}&from=2026-05-01&to=2026-05-31&cellM=250`, chief);
    expect(res.statusCode, res.body).toBe(200);
    const heat = res.json<{ incidentCount: number; locatedCount: number; maxCount: number; cells: { count: number; south: number; west: number; north: number; east: number }[] }>();
    expect(heat).toMatchObject({ incidentCount: 15, locatedCount: 15, maxCount: 6 });
    expect(heat.cells.map((c) => c.count)).toEqual([6, 4, 3, 2]);
    const a = at(A);
    const top = heat.cells[0]!;
    expect(a.lat >= top.south && a.lat < top.north && a.lon >= top.west && a.lon < top.east).toBe(true);
  });

  it('takes the heat period as the last N days up to a day, and refuses days beside from', async () => {
    type Heat = { from: string; to: string; incidentCount: number; cells: unknown[] };
    const base = `/api/hotspots/heat?jurisdictionId=${home.station.id}&cellM=250`;
    // The 31 days ending 2026-05-31 are the month of May.
    const month = await t.get(`${base}&to=2026-05-31&days=31`, chief);
    expect(month.statusCode, month.body).toBe(200);
    const explicit = (await t.get(`${base}&from=2026-05-01&to=2026-05-31`, chief)).json<Heat>();
    expect(month.json<Heat>()).toEqual(explicit);
    // One day: 10 May, the first day of each place's run (A, B, C and G once each).
    expect((await t.get(`${base}&to=2026-05-10&days=1`, chief)).json<Heat>()).toMatchObject({ from: '2026-05-10', to: '2026-05-10', incidentCount: 4 });
    expect((await t.get(`${base}&to=2026-05-31`, chief)).json<Heat>().from).toBe('2025-06-01'); // 365 days by default
    const both = await t.get(`${base}&from=2026-05-01&days=30`, chief);
    expect(both.statusCode).toBe(400);
    expect(both.json<{ fields: { path: string; rule: string }[] }>().fields).toEqual([expect.objectContaining({ path: 'days', rule: 'with_from' })]);
    const zero = await t.get(`${base}&days=0`, chief);
    expect(zero.statusCode).toBe(400);
    expect(zero.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('days');
  });
});

describe('patrol proposals', () => {
  const shifts = [
    { band: '19:00-23:00', units: 2, mode: 'foot' },
    { band: '22:00-02:00', units: 2, mode: 'vehicle' },
  ];

  it('places non-overlapping areas per shift with the coverage equal to the risk share inside them', async () => {
    const res = await t.send('POST', '/api/hotspots/proposals', chief, { jurisdictionId: home.station.id, method: 'naive', at: AT, cellM: 250, units: 3, shifts });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json<ProposalDto>();
    expect(p.status).toBe('proposed');
    for (const shift of p.shifts) {
      const areas = p.areas.filter((a) => a.band === shift.band);
      const cells = areas.flatMap((a) => a.cells);
      expect(new Set(cells).size).toBe(cells.length);
      expect(shift.coverage).toBeGreaterThanOrEqual(0);
      expect(shift.coverage).toBeLessThanOrEqual(1);
      // Independently: the same band's forecast, risk inside the areas over all risk.
      const f = (await forecast(chief, { band: shift.band })).json<ForecastDto>();
      const total = f.cells.reduce((s, c) => s + c.risk, 0);
      const inside = f.cells.filter((c) => cells.includes(c.cell)).reduce((s, c) => s + c.risk, 0);
      expect(shift.coverage).toBeCloseTo(inside / total, 10);
      expect(shift.eventCount).toBe(f.eventCount);
      for (const a of areas) expect(a.checkpoints.length).toBeGreaterThan(0);
    }
    // Evening: only A's 6 (B is at 23:30): one area holds all of it. Night: B and C, one vehicle group each.
    const evening = p.shifts.find((s) => s.band === '19:00-23:00')!;
    expect(evening.eventCount).toBe(6);
    expect(evening.coverage).toBe(1);
    const night = p.shifts.find((s) => s.band === '22:00-02:00')!;
    expect(night.coverage).toBe(1);
    expect(p.expectedCoverage).toBe(1);
    expect(night.areaShare).toBeGreaterThan(0);
    expect(near(p.areas.find((a) => a.band === '22:00-02:00' && a.index === 1)!.checkpoints[0]!, C)).toBe(true);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'patrol_proposal').where('entity_id', '=', String(p.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['patrol.proposed']);
  });

  it('stops at the area size of the mode and never overlaps within a shift when risk is spread out', async () => {
    const { chooseAreas } = await import('./hotspots.areas.js');
    const cols = 10;
    const risk = new Float64Array(100).map((_, i) => 1 + (i % 7));
    const foot = chooseAreas(risk, cols, 4, 'foot', 250);
    expect(foot).toHaveLength(4);
    const all = foot.flatMap((a) => a.cells);
    expect(new Set(all).size).toBe(all.length);
    for (const a of foot) expect(a.cells.length).toBeLessThanOrEqual(9);
    // A lone peak: the foot area is still a 3 × 3 block around it, its risk only the peak's.
    const lone = new Float64Array(100);
    lone[44] = 5;
    const block = chooseAreas(lone, cols, 1, 'foot', 250)[0]!;
    expect([...block.cells].sort((a, b) => a - b)).toEqual([33, 34, 35, 43, 44, 45, 53, 54, 55]);
    expect(block.risk).toBe(5);
    // A peak in the middle of an even field: the vehicle area fills its 5 × 5 window around it.
    const field = new Float64Array(100).fill(1);
    field[55] = 9;
    const vehicle = chooseAreas(field, cols, 2, 'vehicle', 250);
    expect(vehicle[0]!.cells).toHaveLength(25);
    expect(vehicle[0]!.cells[0]).toBe(55);
    expect(vehicle[1]!.cells.some((c) => vehicle[0]!.cells.includes(c))).toBe(false);
  });

  it('checks the shifts', async () => {
    const tooMany = await t.send('POST', '/api/hotspots/proposals', chief, { jurisdictionId: home.station.id, at: AT, units: 1, shifts: [{ band: '19:00-23:00', units: 2, mode: 'foot' }] });
    expect(fieldOf(tooMany.body)).toMatchObject({ path: 'shifts.0.units', rule: 'more_than_units' });
    const badBand = await t.send('POST', '/api/hotspots/proposals', chief, { jurisdictionId: home.station.id, at: AT, units: 1, shifts: [{ band: '19:00', units: 1, mode: 'foot' }] });
    expect(fieldOf(badBand.body)?.path).toBe('shifts.0.band');
  });

  it('adopts a proposal as patrol plans (错时 across bands) once; a second decision is a conflict', async () => {
    const run = (await forecast(chief, { save: true })).json<ForecastDto>();
    const made = await t.send('POST', '/api/hotspots/proposals', chief, { runId: run.runId, units: 2, shifts });
    expect(made.statusCode, made.body).toBe(201);
    const p = made.json<ProposalDto>();
    expect(p.runId).toBe(run.runId);
    // Bureau may compute but not manage patrols; an officer of another station sees no such proposal.
    expect((await t.send('POST', `/api/hotspots/proposals/${p.id}/adopt`, bureau)).statusCode).toBe(403);
    expect((await t.send('POST', `/api/hotspots/proposals/${p.id}/adopt`, otherChief)).statusCode).toBe(404);
    const res = await t.send('POST', `/api/hotspots/proposals/${p.id}/adopt`, chief);
    expect(res.statusCode, res.body).toBe(200);
    const adopted = res.json<ProposalDto>();
    expect(adopted.status).toBe('adopted');
    expect(adopted.adoptedPlanIds).toHaveLength(p.areas.length);
    const plans = (await t.get('/api/patrol-plans', chief)).json<{ items: { id: number; name: string; staggered: boolean; bandStart: string; bandEnd: string; mode: string; checkpoints: unknown[] }[] }>().items;
    const mine = plans.filter((x) => adopted.adoptedPlanIds.includes(x.id));
    expect(mine).toHaveLength(p.areas.length);
    expect(mine.map((x) => x.name)).toContain('热点巡逻·19:00-23:00·1');
    expect(mine.every((x) => x.staggered)).toBe(true);
    expect(mine.find((x) => x.name === '热点巡逻·22:00-02:00·1')).toMatchObject({ bandStart: '22:00', bandEnd: '02:00', mode: 'vehicle' });
    const again = await t.send('POST', `/api/hotspots/proposals/${p.id}/adopt`, chief);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('hotspots.proposal_decided');
    expect((await t.send('POST', `/api/hotspots/proposals/${p.id}/dismiss`, chief)).statusCode).toBe(409);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'patrol_proposal').where('entity_id', '=', String(p.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['patrol.proposed', 'patrol.proposal_adopted']);
  });

  it('dismisses a proposal', async () => {
    const made = await t.send('POST', '/api/hotspots/proposals', officer, { jurisdictionId: home.east.id, at: AT, units: 2, shifts: [shifts[0]] });
    expect(made.statusCode, made.body).toBe(201);
    const p = made.json<ProposalDto>();
    const res = await t.send('POST', `/api/hotspots/proposals/${p.id}/dismiss`, officer);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ProposalDto>().status).toBe('dismissed');
    expect((await t.send('POST', `/api/hotspots/proposals/${p.id}/adopt`, officer)).statusCode).toBe(409);
  });
});

describe('who may see and run hotspots', () => {
  it('refuses volunteers, grid workers and mediators', async () => {
    for (const session of Object.values(denied)) {
      expect((await t.get('/api/hotspots/methods', session)).statusCode).toBe(403);
      expect((await t.get('/api/hotspots/heat', session)).statusCode).toBe(403);
      expect((await t.get('/api/hotspots/proposals', session)).statusCode).toBe(403);
      expect((await forecast(session, {})).statusCode).toBe(403);
    }
  });

  it('lets an auxiliary look but not compute', async () => {
    expect((await t.get('/api/hotspots/heat', auxiliary)).statusCode).toBe(200);
    expect((await t.send('POST', '/api/hotspots/forecast', auxiliary, { method: 'naive' })).statusCode).toBe(403);
    expect((await t.send('POST', '/api/hotspots/proposals', auxiliary, { units: 1, shifts: [{ band: '19:00-23:00', units: 1, mode: 'foot' }] })).statusCode).toBe(403);
  });

  it('answers 404 for a jurisdiction, run or proposal outside the scope', async () => {
    expect((await forecast(otherChief, {})).statusCode).toBe(404);
    expect((await t.get(`/api/hotspots/heat?jurisdictionId=${home.station.id}`, otherChief)).statusCode).toBe(404);
    // An officer of a community sees nothing of the neighbouring village.
    expect((await forecast(officer, { jurisdictionId: home.west.id })).statusCode).toBe(404);
    expect((await forecast(officer, { jurisdictionId: home.east.id })).statusCode).toBe(200);
    const p = (await t.send('POST', '/api/hotspots/proposals', chief, { jurisdictionId: home.station.id, at: AT, units: 1, shifts: [{ band: '19:00-23:00', units: 1, mode: 'foot' }] })).json<ProposalDto>();
    expect((await t.get(`/api/hotspots/proposals/${p.id}`, otherChief)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/hotspots/proposals/${p.id}/dismiss`, otherChief)).statusCode).toBe(404);
    expect((await t.send('POST', '/api/hotspots/proposals', otherChief, { runId: 999_999, units: 1, shifts: [{ band: '19:00-23:00', units: 1, mode: 'foot' }] })).statusCode).toBe(404);
    expect((await t.get(`/api/hotspots/proposals/${p.id}`, chief)).statusCode).toBe(200);
  });
});

describe('the demo county', () => {
  it('has a saved run and a patrol proposal per station, one adopted as patrol plans and the others waiting', async () => {
    const demoBureau = bureau;
    const runs = (await t.get('/api/hotspots/runs', demoBureau)).json<{ items: { id: number; jurisdictionId: number; eventCount: number }[] }>().items;
    const stations = await t.db.selectFrom('jurisdictions').select('id').where('kind', '=', 'station').where('path', 'not like', '/tmp-%').where('id', 'not in', [home.station.id, away.station.id]).execute();
    const demoRuns = runs.filter((r) => stations.some((s) => s.id === r.jurisdictionId));
    expect(new Set(demoRuns.map((r) => r.jurisdictionId)).size).toBe(stations.length);
    expect(demoRuns.every((r) => r.eventCount > 0)).toBe(true);
    const proposals = (await t.get('/api/hotspots/proposals', demoBureau)).json<{ items: ProposalDto[] }>().items.filter((p) => stations.some((s) => s.id === p.jurisdictionId) && p.runId !== null && demoRuns.some((r) => r.id === p.runId));
    expect(proposals).toHaveLength(stations.length);
    expect(proposals.filter((p) => p.status === 'adopted')).toHaveLength(1);
    expect(proposals.filter((p) => p.status === 'proposed')).toHaveLength(stations.length - 1);
    const adopted = proposals.find((p) => p.status === 'adopted')!;
    const plans = await t.db.selectFrom('patrol_plans').select(['id', 'name', 'staggered']).where('id', 'in', adopted.adoptedPlanIds).execute();
    expect(plans).toHaveLength(adopted.areas.length);
    expect(plans.every((p) => p.name.startsWith('热点巡逻·') && p.staggered)).toBe(true);
    // The demo chief sees the own station's run on first opening.
    const demoChief = await t.login('demo-chief');
    expect((await t.get('/api/hotspots/runs', demoChief)).json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
  });
});
