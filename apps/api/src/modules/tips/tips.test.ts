import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createFileStore, sniff } from '../../app/files.js';
import { demoPhotos, ensureDemoPhotos } from '../../demo/tips.js';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { SAMPLES } from '../casefiles/casefiles.fixtures.js';

let t: TestApp;
let volunteer: Session;
let volunteer2: Session;
let farVolunteer: Session;
let grid: Session;
let officer: Session;
let chief: Session;
let otherOfficer: Session;
let categoryCode: string;
/** Tips older than this came with the demo county; the tests add theirs after it. */
let started: Date;
const vols: Record<string, { id: number; jurisdictionId: number }> = {};

interface MyTip {
  id: number;
  status: string;
  category: string;
  text: string;
  dismissReason: string | null;
  incident: { id: number; summary: string; status: string } | null;
  photos: { id: number; mime: string }[];
  pointsAwarded: number;
  createdAt: string;
}
interface Tip extends Omit<MyTip, 'incident' | 'pointsAwarded'> {
  incidentId: number | null;
  jurisdictionId: number;
  reporter: { name: string; volunteerId: number | null };
  triagedBy: string | null;
}

/** A volunteers row for a demo account (the registry's demo may already have one). */
async function volunteerFor(username: string, name: string) {
  const user = await t.db.selectFrom('users').select(['id', 'jurisdiction_id']).where('username', '=', username).executeTakeFirstOrThrow();
  await t.db
    .insertInto('volunteers')
    .values({ user_id: user.id, name, role: 'info', jurisdiction_id: user.jurisdiction_id })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  await t.db.updateTable('volunteers').set({ status: 'active' }).where('user_id', '=', user.id).execute();
  const row = await t.db.selectFrom('volunteers').select(['id', 'jurisdiction_id']).where('user_id', '=', user.id).executeTakeFirstOrThrow();
  vols[username] = { id: row.id, jurisdictionId: row.jurisdiction_id };
}

/** A multipart body with any number of `photos`, as a phone's browser sends it. */
async function form(fields: Record<string, string>, photos: { name: string; data: Buffer; type: string }[] = []) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  for (const p of photos) f.append('photos', new Blob([new Uint8Array(p.data)], { type: p.type }), p.name);
  const res = new Response(f);
  return { body: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}
async function reportMultipart(session: Session, fields: Record<string, string>, photos: { name: string; data: Buffer; type: string }[] = []) {
  const { body, headers } = await form(fields, photos);
  return t.send('POST', '/api/tips', session, body, headers);
}
async function report(session: Session, body: Record<string, unknown> = {}) {
  const res = await t.send('POST', '/api/tips', session, { text: '菜市场北门有人兜售假药', category: 'fraud', lat: 30.2741, lon: 120.1551, accuracy: 15, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<MyTip>();
}
const points = async (volunteerId: number, rule: string) =>
  (await t.db.selectFrom('point_entries').select(['points']).where('volunteer_id', '=', volunteerId).where('rule_code', '=', rule).execute()).reduce((s, r) => s + r.points, 0);
const auditCount = async (action: string, entityId: number) =>
  (await t.db.selectFrom('audit_events').select('id').where('action', '=', action).where('entity_id', '=', String(entityId)).execute()).length;
const incidentsOfTip = async (tipId: number) =>
  (await t.db.selectFrom('incidents').select(['id', 'channel']).where('channel', '=', 'tip').where('narrative', 'like', `群众线索 #${tipId}（%`).execute());

beforeAll(async () => {
  t = await createTestApp();
  started = new Date();
  await volunteerFor('demo-volunteer', '王志愿');
  await volunteerFor('cg1-vol2', '李红袖');
  await volunteerFor('dh1-vol1', '赵远');
  volunteer = await t.login('demo-volunteer');
  volunteer2 = await t.login('cg1-vol2');
  farVolunteer = await t.login('dh1-vol1');
  grid = await t.login('demo-grid');
  officer = await t.login('demo-officer');
  chief = await t.login('demo-chief');
  otherOfficer = await t.login('dh1-officer');
  categoryCode = (await t.db.selectFrom('incident_categories').select('code').where('active', '=', true).where('kind', '<>', 'dispute').where('source', '=', 'jcj110').orderBy('code').executeTakeFirstOrThrow()).code;
});
afterAll(async () => {
  await t.close();
});

describe('reporting a tip from the phone', () => {
  it('stores the tip in the volunteer’s jurisdiction, moves their last position, awards tip_submitted once and audits it', async () => {
    const before = await points(vols['demo-volunteer']!.id, 'tip_submitted');
    const tip = await report(volunteer, { addressText: '东湖新村 3 幢' });
    expect(tip).toMatchObject({ status: 'new', category: 'fraud', incident: null, dismissReason: null, pointsAwarded: 1 });
    const row = await t.db.selectFrom('tips').selectAll().where('id', '=', tip.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ volunteer_id: vols['demo-volunteer']!.id, reporter_user_id: volunteer.userId, jurisdiction_id: vols['demo-volunteer']!.jurisdictionId, lat: 30.2741, lon: 120.1551, accuracy_m: 15, address_text: '东湖新村 3 幢' });
    const v = await t.db.selectFrom('volunteers').select(['last_lat', 'last_lon', 'last_located_at']).where('id', '=', vols['demo-volunteer']!.id).executeTakeFirstOrThrow();
    expect([v.last_lat, v.last_lon]).toEqual([30.2741, 120.1551]);
    expect(v.last_located_at).not.toBeNull();
    expect(await points(vols['demo-volunteer']!.id, 'tip_submitted')).toBe(before + 1);
    expect(await auditCount('tip.reported', tip.id)).toBe(1);
  });

  it('takes up to three photos judged by content, lists them, and refuses an executable named .jpg', async () => {
    const res = await reportMultipart(volunteer, { text: '路口井盖缺失', category: 'hazard', lat: '30.27', lon: '120.15' }, [
      { name: '井盖.jpg', data: SAMPLES.jpeg, type: 'image/jpeg' },
      { name: 'scan', data: SAMPLES.png, type: 'application/octet-stream' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const tip = res.json<MyTip>();
    expect(tip.photos.map((p) => p.mime)).toEqual(['image/jpeg', 'image/png']);
    // The reporter may open their own photo.
    const own = await t.get(`/api/tips/${tip.id}/files/${tip.photos[0]!.id}`, volunteer);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/jpeg');

    const tipsBefore = (await t.db.selectFrom('tips').select('id').execute()).length;
    for (const data of [SAMPLES.elf, SAMPLES.mz]) {
      const bad = await reportMultipart(volunteer, { text: '照片', category: 'other' }, [{ name: 'photo.jpg', data, type: 'image/jpeg' }]);
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'photos.0', rule: 'file_type' });
    }
    const four = await reportMultipart(volunteer, { text: '四张', category: 'other' }, [1, 2, 3, 4].map((i) => ({ name: `${i}.jpg`, data: SAMPLES.jpeg, type: 'image/jpeg' })));
    expect(four.statusCode).toBe(400);
    expect(four.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('photos');
    expect((await t.db.selectFrom('tips').select('id').execute()).length).toBe(tipsBefore);
  });

  it('names the field and the rule of bad input', async () => {
    const res = await t.send('POST', '/api/tips', volunteer, { text: '', category: 'aliens', lat: 95 });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ fields: { path: string; rule: string }[] }>().fields.map((f) => f.path).sort();
    expect(paths).toEqual(['category', 'lat', 'text']);
    const half = await t.send('POST', '/api/tips', volunteer, { text: '只有纬度', category: 'other', lat: 30 });
    expect(half.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'lon', rule: 'required' });
  });

  it('lets a grid worker report for their grid; refuses officers and volunteers without a volunteer record', async () => {
    const tip = await report(grid, { category: 'dispute', text: '两户因漏水争吵' });
    const row = await t.db.selectFrom('tips').select(['jurisdiction_id', 'volunteer_id']).where('id', '=', tip.id).executeTakeFirstOrThrow();
    const g = await t.db.selectFrom('users').select('jurisdiction_id').where('username', '=', 'demo-grid').executeTakeFirstOrThrow();
    expect(row.jurisdiction_id).toBe(g.jurisdiction_id);
    expect((await t.send('POST', '/api/tips', officer, { text: 'x', category: 'other' })).statusCode).toBe(403);
    const noRecord = await t.login('cg1-vol3');
    // A volunteer account whose membership ended (or never existed) reports nothing.
    await t.db.updateTable('volunteers').set({ status: 'left' }).where('user_id', '=', noRecord.userId).execute();
    expect((await t.send('POST', '/api/tips', noRecord, { text: 'x', category: 'other' })).statusCode).toBe(403);
  });
});

describe('a volunteer sees only their own tips', () => {
  it('adds further photos one at a time to the reporter’s own new tip only', async () => {
    const tip = await report(volunteer, { text: '补充照片' });
    const photo = { name: 'more.webp', data: Buffer.concat([Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.alloc(64, 3)]), type: 'image/webp' };
    const add = async (session: Session, id: number) => {
      const { body, headers } = await form({}, [photo]);
      return t.send('POST', `/api/tips/${id}/photos`, session, body, headers);
    };
    const first = await add(volunteer, tip.id);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<MyTip>().photos.map((p) => p.mime)).toEqual(['image/webp']);
    expect(await auditCount('tip.photo_added', tip.id)).toBe(1);
    expect((await add(volunteer2, tip.id)).statusCode).toBe(404);
    expect((await add(officer, tip.id)).statusCode).toBe(403);
    await t.send('POST', `/api/tips/${tip.id}/dismiss`, officer, { reason: '重复线索' });
    const late = await add(volunteer, tip.id);
    expect(late.statusCode).toBe(409);
    expect(late.json<{ code: string }>().code).toBe('tip.already_triaged');
  });

  it('lists own tips only, opens no other volunteer’s photo, and cannot use the triage queue', async () => {
    const other = await reportMultipart(volunteer2, { text: '他人的线索', category: 'security' }, [{ name: 'a.jpg', data: SAMPLES.jpeg, type: 'image/jpeg' }]);
    const otherTip = other.json<MyTip>();
    const mine = (await t.get('/api/my/tips', volunteer)).json<{ items: MyTip[] }>();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.map((i) => i.id)).not.toContain(otherTip.id);
    const mineIds = (await t.db.selectFrom('tips').select('id').where('reporter_user_id', '=', volunteer.userId).execute()).map((r) => r.id).sort();
    expect(mine.items.map((i) => i.id).sort()).toEqual(mineIds);
    expect((await t.get(`/api/tips/${otherTip.id}/files/${otherTip.photos[0]!.id}`, volunteer)).statusCode).toBe(404);
    expect((await t.get(`/api/tips/${otherTip.id}`, volunteer)).statusCode).toBe(403);
    expect((await t.get('/api/tips?status=new', volunteer)).statusCode).toBe(403);
    expect((await t.get('/api/tips?status=new', grid)).statusCode).toBe(403);
    // No one else's identity: the reporter's own view carries no names, phones or identity numbers.
    const body = JSON.stringify(mine);
    expect(body).not.toMatch(/\b\d{17}[\dX]\b/);
    expect(body).not.toContain('triagedBy');
    expect(body).not.toContain('reporter');
  });
});

describe('triage', () => {
  it('shows the queue of the officer’s jurisdiction with photos; another station sees none of it', async () => {
    const tip = await report(volunteer, { text: '排队研判测试' });
    const queue = (await t.get('/api/tips?status=new&pageSize=200', officer)).json<{ items: Tip[]; total: number }>();
    const item = queue.items.find((i) => i.id === tip.id);
    const name = (await t.db.selectFrom('volunteers').select('name').where('id', '=', vols['demo-volunteer']!.id).executeTakeFirstOrThrow()).name;
    expect(item).toMatchObject({ status: 'new', reporter: { name, volunteerId: vols['demo-volunteer']!.id } });
    expect(queue.items.every((i) => i.status === 'new')).toBe(true);
    const far = (await t.get('/api/tips?status=new&pageSize=200', otherOfficer)).json<{ items: Tip[] }>();
    expect(far.items.map((i) => i.id)).not.toContain(tip.id);
    expect((await t.get(`/api/tips/${tip.id}`, otherOfficer)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/tips/${tip.id}/accept`, otherOfficer, { categoryCode })).statusCode).toBe(404);
    expect((await t.send('POST', `/api/tips/${tip.id}/dismiss`, otherOfficer, { reason: '不属实' })).statusCode).toBe(404);
    expect((await t.send('POST', `/api/tips/${tip.id}/accept`, volunteer, { categoryCode })).statusCode).toBe(403);
    expect((await t.send('POST', `/api/tips/${tip.id}/dismiss`, grid, { reason: 'x' })).statusCode).toBe(403);
    // A far volunteer's tip is in the far station's queue, not here.
    const farTip = await report(farVolunteer, { text: '远处的线索' });
    expect((await t.get(`/api/tips/${farTip.id}`, officer)).statusCode).toBe(404);
    expect((await t.get(`/api/tips/${farTip.id}`, otherOfficer)).statusCode).toBe(200);
  });

  it('streams a photo to the officer and audits each download', async () => {
    const res = await reportMultipart(volunteer, { text: '带照片', category: 'hazard' }, [{ name: '现场.jpg', data: SAMPLES.jpeg, type: 'image/jpeg' }]);
    const tip = res.json<MyTip>();
    const detail = (await t.get(`/api/tips/${tip.id}`, officer)).json<Tip>();
    expect(detail.photos).toHaveLength(1);
    const file = await t.get(`/api/tips/${tip.id}/files/${detail.photos[0]!.id}`, officer);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(SAMPLES.jpeg)).toBe(true);
    expect(await auditCount('tip.file_downloaded', tip.id)).toBe(1);
    expect((await t.get(`/api/tips/${tip.id}/files/${detail.photos[0]!.id}`, otherOfficer)).statusCode).toBe(404);
  });

  it('accepting creates exactly one incident of channel tip through the intake, links it, awards tip_accepted once; a second triage is 409', async () => {
    const tip = await report(volunteer, { text: '小区门口有人贩卖管制刀具', category: 'security', addressText: '东湖新村南门' });
    const vid = vols['demo-volunteer']!.id;
    const acceptedBefore = await points(vid, 'tip_accepted');
    const res = await t.send('POST', `/api/tips/${tip.id}/accept`, officer, { categoryCode });
    expect(res.statusCode, res.body).toBe(200);
    const accepted = res.json<Tip>();
    expect(accepted.status).toBe('accepted');
    expect(accepted.incidentId).not.toBeNull();
    const incident = await t.db.selectFrom('incidents').selectAll().where('id', '=', accepted.incidentId!).executeTakeFirstOrThrow();
    expect(incident).toMatchObject({ channel: 'tip', category_code: categoryCode, jurisdiction_id: vols['demo-volunteer']!.jurisdictionId, lat: 30.2741, lon: 120.1551, created_by: officer.userId });
    expect(incident.narrative).toContain('小区门口有人贩卖管制刀具');
    expect(incident.narrative).toContain('30.274100, 120.155100');
    expect(incident.narrative).toContain('东湖新村南门');
    expect(incident.summary).toContain('小区门口有人贩卖管制刀具');
    expect(await auditCount('incident.created', incident.id)).toBe(1);
    expect(await auditCount('tip.accepted', tip.id)).toBe(1);
    expect(await points(vid, 'tip_accepted')).toBe(acceptedBefore + 10);

    // A double click, a second officer, a dismiss after: 409, and still one incident, points once.
    const again = await t.send('POST', `/api/tips/${tip.id}/accept`, officer, { categoryCode });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('tip.already_triaged');
    expect((await t.send('POST', `/api/tips/${tip.id}/accept`, chief, { categoryCode, summary: '别的摘要' })).statusCode).toBe(409);
    expect((await t.send('POST', `/api/tips/${tip.id}/dismiss`, officer, { reason: '重复' })).statusCode).toBe(409);
    expect(await incidentsOfTip(tip.id)).toHaveLength(1);
    expect(await points(vid, 'tip_accepted')).toBe(acceptedBefore + 10);

    // The reporter sees the outcome: the incident's id, summary and status.
    const mine = (await t.get('/api/my/tips', volunteer)).json<{ items: MyTip[] }>().items.find((i) => i.id === tip.id)!;
    expect(mine).toMatchObject({ status: 'accepted', incident: { id: incident.id, summary: incident.summary, status: incident.status }, pointsAwarded: 11 });
  });

  it('two accepts at the same time make one incident: the second waits on the tip and gets 409', async () => {
    const tip = await report(volunteer2, { text: '并发采纳' });
    const [a, b] = await Promise.all([t.send('POST', `/api/tips/${tip.id}/accept`, officer, { categoryCode }), t.send('POST', `/api/tips/${tip.id}/accept`, officer, { categoryCode })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await incidentsOfTip(tip.id)).toHaveLength(1);
  });

  it('12 simultaneous accepts of different tips (more than the test pool of 5) all succeed within seconds; a tip being accepted refuses a dismiss', async () => {
    const tips = [];
    for (let i = 0; i < 12; i++) tips.push(await report(i % 2 ? volunteer : volunteer2, { text: `并发采纳池 ${i}` }));
    const started = Date.now();
    const results = await Promise.all(tips.map((tip, i) => t.send('POST', `/api/tips/${tip.id}/accept`, i % 2 ? officer : chief, { categoryCode })));
    const took = Date.now() - started;
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    expect(took).toBeLessThan(5000);
    for (const tip of tips) expect(await incidentsOfTip(tip.id)).toHaveLength(1);
    const linked = results.map((r) => r.json<Tip>());
    expect(new Set(linked.map((x) => x.incidentId)).size).toBe(12);

    // A claim in progress (stamped while new) makes a dismiss wait its turn: 409, the tip stays new and shows no triage.
    const tip = await report(volunteer2, { text: '认领中' });
    await t.db.updateTable('tips').set({ triaged_at: new Date(), triaged_by: officer.userId }).where('id', '=', tip.id).execute();
    const dis = await t.send('POST', `/api/tips/${tip.id}/dismiss`, chief, { reason: '重复' });
    expect(dis.statusCode).toBe(409);
    expect(dis.json<{ code: string }>().code).toBe('tip.triage_in_progress');
    // The web shows the answer's message, in the language the page asked for.
    expect(dis.json<{ message: string }>().message).toBe('该线索正在由他人研判，请稍后刷新');
    const disEn = await t.send('POST', `/api/tips/${tip.id}/dismiss`, chief, { reason: '重复' }, { 'accept-language': 'en' });
    expect(disEn.json<{ code: string; message: string }>()).toMatchObject({ code: 'tip.triage_in_progress', message: 'Someone is triaging this tip right now; refresh in a moment' });
    expect((await t.get(`/api/tips/${tip.id}`, officer)).json<Tip>()).toMatchObject({ status: 'new', triagedBy: null });
    // An expired claim (a crashed accept) no longer blocks.
    await t.db.updateTable('tips').set({ triaged_at: new Date(Date.now() - 3 * 60_000) }).where('id', '=', tip.id).execute();
    expect((await t.send('POST', `/api/tips/${tip.id}/accept`, chief, { categoryCode })).statusCode).toBe(200);
  });

  it('refuses an unknown incident category by field and leaves the tip new', async () => {
    const tip = await report(volunteer);
    const res = await t.send('POST', `/api/tips/${tip.id}/accept`, officer, { categoryCode: 'NOPE' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('categoryCode');
    expect((await t.db.selectFrom('tips').select('status').where('id', '=', tip.id).executeTakeFirstOrThrow()).status).toBe('new');
  });

  it('dismissing needs a reason; the reporter sees it; no tip_accepted points', async () => {
    const tip = await report(volunteer2, { text: '疑似可疑人员' });
    const noReason = await t.send('POST', `/api/tips/${tip.id}/dismiss`, officer, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('reason');
    const res = await t.send('POST', `/api/tips/${tip.id}/dismiss`, officer, { reason: '经核实为正常租户' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Tip>()).toMatchObject({ status: 'dismissed', dismissReason: '经核实为正常租户', incidentId: null });
    expect(await auditCount('tip.dismissed', tip.id)).toBe(1);
    expect((await t.send('POST', `/api/tips/${tip.id}/dismiss`, officer, { reason: '再次' })).json<{ code: string }>().code).toBe('tip.already_triaged');
    const mine = (await t.get('/api/my/tips', volunteer2)).json<{ items: MyTip[] }>().items.find((i) => i.id === tip.id)!;
    expect(mine).toMatchObject({ status: 'dismissed', dismissReason: '经核实为正常租户', incident: null, pointsAwarded: 1 });
    const pts = await t.db.selectFrom('point_entries').select('rule_code').where('entity_type', '=', 'tip').where('entity_id', '=', String(tip.id)).execute();
    expect(pts.map((p) => p.rule_code)).toEqual(['tip_submitted']);
  });
});

describe('the API document', () => {
  it('lists the tip routes', async () => {
    const doc = (await t.get('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/tips', '/api/my/tips', '/api/tips/{id}', '/api/tips/{id}/accept', '/api/tips/{id}/dismiss', '/api/tips/{id}/photos', '/api/tips/{id}/files/{fileId}']));
  });
});

describe('the demo county’s tips', () => {
  it('has tips in every state; each accepted one is linked to an incident of channel tip; demo-volunteer has each state; today’s new ones wait for demo-officer', async () => {
    const rows = await t.db.selectFrom('tips as t').leftJoin('incidents as i', 'i.id', 't.incident_id').select(['t.id', 't.status', 't.incident_id', 'i.channel', 't.dismiss_reason', 't.reporter_user_id', 't.created_at']).execute();
    const demo = rows.filter((r) => r.created_at < started);
    expect(demo.length).toBeGreaterThan(200);
    for (const r of demo.filter((x) => x.status === 'accepted')) expect(r.channel).toBe('tip');
    for (const r of demo.filter((x) => x.status === 'dismissed')) expect(r.dismiss_reason).toBeTruthy();
    expect(new Set(demo.map((r) => r.status))).toEqual(new Set(['new', 'accepted', 'dismissed']));
    const seeded = (await t.db.selectFrom('tips').select(['id', 'status']).where('reporter_user_id', '=', volunteer.userId).where('created_at', '<', started).execute()).map((r) => r.status);
    for (const s of ['new', 'accepted', 'dismissed']) expect(seeded).toContain(s);
    const queue = (await t.get('/api/tips?status=new&pageSize=200', officer)).json<{ items: Tip[] }>();
    const startOfDay = Date.now() - 24 * 3_600_000;
    expect(queue.items.filter((i) => new Date(i.createdAt).getTime() > startOfDay).length).toBeGreaterThan(3);
  });

  it('carries drawn PNG photos (tips and task completions) that download with their content type once the store holds the demo photos', async () => {
    await ensureDemoPhotos(t.db, createFileStore(t.filesDir));
    const mine = (await t.get('/api/my/tips', volunteer)).json<{ items: MyTip[] }>().items.filter((i) => new Date(i.createdAt) < started);
    expect(mine.length).toBeGreaterThan(0);
    for (const tip of mine) expect(tip.photos).toHaveLength(1);
    const all = await t.db.selectFrom('tip_files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(all.n)).toBeGreaterThan(50);
    const withPhoto = (await t.get('/api/tips?pageSize=200', officer)).json<{ items: Tip[] }>().items.find((i) => i.photos.length > 0 && new Date(i.createdAt) < started)!;
    const photo = withPhoto.photos[0]!;
    expect(photo.mime).toBe('image/png');
    const res = await t.get(`/api/tips/${withPhoto.id}/files/${photo.id}`, officer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(sniff(res.rawPayload)).toBe('image/png');
    expect([...demoPhotos().values()].map((p) => p.sha256)).toContain(createHash('sha256').update(res.rawPayload).digest('hex'));
    // The reporter opens the own tip's photo too; another station may not.
    expect((await t.get(`/api/tips/${mine[0]!.id}/files/${mine[0]!.photos[0]!.id}`, volunteer)).headers['content-type']).toBe('image/png');
    expect((await t.get(`/api/tips/${withPhoto.id}/files/${photo.id}`, otherOfficer)).statusCode).toBe(404);

    // A completed demo task's photo, through the tasks module.
    const taskFile = await t.db
      .selectFrom('task_files as tf')
      .innerJoin('task_assignments as a', 'a.id', 'tf.assignment_id')
      .innerJoin('tasks as k', 'k.id', 'a.task_id')
      .innerJoin('jurisdictions as j', 'j.id', 'k.jurisdiction_id')
      .innerJoin('users as u', 'u.jurisdiction_id', 'j.id')
      .select(['k.id as task_id', 'tf.file_id'])
      .where('u.id', '=', officer.userId)
      .executeTakeFirstOrThrow();
    const task = await t.get(`/api/tasks/${taskFile.task_id}/files/${taskFile.file_id}`, officer);
    expect(task.statusCode).toBe(200);
    expect(task.headers['content-type']).toBe('image/png');
    expect(sniff(task.rawPayload)).toBe('image/png');
  });
});
