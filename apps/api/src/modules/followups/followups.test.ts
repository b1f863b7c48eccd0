import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../../app/actor.js';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { moveCase } from '../cases/cases.lifecycle.js';
import { followupFixtures } from './followups.fixtures.js';
import { addDays, shanghaiDay } from './followups.days.js';
import type { CaseFollowupsDto } from './followups.schemas.js';
import { scheduleFollowups } from './followups.schedule.js';

let t: TestApp;
let f: ReturnType<typeof followupFixtures>;
let officer: Session;
let officerActor: UserActor;
let communityId: number;

async function actorOf(username: string): Promise<UserActor> {
  const u = await t.db
    .selectFrom('users as u')
    .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.jurisdiction_id', 'j.path', 'u.department_id'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return { kind: 'user', userId: u.id, username: u.username, displayName: u.display_name, role: u.role, jurisdictionId: u.jurisdiction_id, jurisdictionPath: u.path, departmentId: u.department_id, sessionId: 'test' };
}

/** A case of demo-officer's community in 'agreement', closed through the lifecycle (which schedules the visits). */
async function closedCase(): Promise<number> {
  const c = await f.case({ jurisdictionId: communityId, officerUserId: officerActor.userId, stage: 'agreement' });
  await t.db.transaction().execute((trx) => moveCase(trx, officerActor, c.id, { to: 'closed', resolution: 'resolved' }, { ip: '127.0.0.1', requestId: 'test' }));
  return c.id;
}

async function followupsOf(caseId: number, session: Session = officer) {
  const res = await t.get(`/api/cases/${caseId}/followups`, session);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CaseFollowupsDto>();
}

async function incidentIn(jurisdictionName: string): Promise<number> {
  const row = await t.db
    .selectFrom('incidents as i')
    .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
    .select('i.id')
    .where('j.name', '=', jurisdictionName)
    .orderBy('i.id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  f = followupFixtures(t);
  officer = await t.login('demo-officer');
  officerActor = await actorOf('demo-officer');
  communityId = officerActor.jurisdictionId;
});
afterAll(async () => {
  await t.close();
});

describe('scheduling the three visits (三访) on closure', () => {
  it('schedules phone, field and community visits at the plan’s offsets from the Beijing closing day, for the case officer', async () => {
    const c = await f.case({ jurisdictionId: communityId, officerUserId: officerActor.userId, stage: 'closed' });
    // 00:30 on 21 Nov in Beijing is still 20 Nov in UTC: the day counts in Beijing.
    const closedAt = new Date('2026-11-20T16:30:00Z');
    await t.db.transaction().execute((trx) => scheduleFollowups(trx, c.id, closedAt));
    const rows = await t.db.selectFrom('case_followups').select(['kind', 'due_on', 'assigned_user_id', 'done_at']).where('case_id', '=', c.id).orderBy('due_on').execute();
    expect(rows).toEqual([
      { kind: 'phone', due_on: '2026-11-24', assigned_user_id: officerActor.userId, done_at: null },
      { kind: 'field', due_on: '2026-12-06', assigned_user_id: officerActor.userId, done_at: null },
      { kind: 'community', due_on: '2026-12-21', assigned_user_id: officerActor.userId, done_at: null },
    ]);
    // The same closure again adds nothing.
    await t.db.transaction().execute((trx) => scheduleFollowups(trx, c.id, closedAt));
    expect(await t.db.selectFrom('case_followups').select('id').where('case_id', '=', c.id).execute()).toHaveLength(3);
    // A later closure (after a reopen) replaces the open visits with a new set; done visits stay as history.
    await t.db.updateTable('case_followups').set({ done_at: new Date('2026-11-24T02:00:00Z'), finding: '已电话回访' }).where('case_id', '=', c.id).where('kind', '=', 'phone').execute();
    await t.db.transaction().execute((trx) => scheduleFollowups(trx, c.id, new Date('2026-12-01T02:00:00Z')));
    const after = await t.db.selectFrom('case_followups').select(['kind', 'due_on', 'done_at']).where('case_id', '=', c.id).orderBy('created_at').orderBy('due_on').execute();
    expect(after.map((r) => `${r.kind}@${r.due_on}${r.done_at ? ' done' : ''}`)).toEqual(['phone@2026-11-24 done', 'phone@2026-12-04', 'field@2026-12-16', 'community@2026-12-31']);
  });

  it('closing a case through the lifecycle schedules its visits, listed on the case', async () => {
    const id = await closedCase();
    const list = await followupsOf(id);
    const today = shanghaiDay(new Date());
    expect(list.stage).toBe('closed');
    expect(list.abilities.record).toBe(true);
    expect(list.items.map((i) => [i.kind, i.dueOn])).toEqual([
      ['phone', addDays(today, 3)],
      ['field', addDays(today, 15)],
      ['community', addDays(today, 30)],
    ]);
    expect(list.items.every((i) => i.assignedUserId === officerActor.userId && !i.overdue && i.doneAt === null)).toBe(true);
  });
});

describe('recording a visit', () => {
  it('records what was found, audits it, and refuses to record it twice (409)', async () => {
    const id = await closedCase();
    const [phone] = (await followupsOf(id)).items;
    const missing = await t.send('POST', `/api/followups/${phone!.id}/record`, officer, { relapse: false });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'finding', rule: 'required' });
    const res = await t.send('POST', `/api/followups/${phone!.id}/record`, officer, { finding: '电话回访，双方已履行协议，无新矛盾' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<CaseFollowupsDto & { relapsed: boolean }>();
    expect(body.relapsed).toBe(false);
    const done = body.items.find((i) => i.id === phone!.id)!;
    expect(done.finding).toBe('电话回访，双方已履行协议，无新矛盾');
    expect(done.doneAt).not.toBeNull();
    expect(done.doneByName).not.toBeNull();
    expect(body.items.filter((i) => i.doneAt === null)).toHaveLength(2);
    const audit = await t.db.selectFrom('audit_events').select(['actor_user_id', 'change']).where('action', '=', 'case.followup_recorded').where('entity_id', '=', String(phone!.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(officer.userId);
    const again = await t.send('POST', `/api/followups/${phone!.id}/record`, officer, { finding: '再次记录' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('followup.already_recorded');
  });

  it('on a relapse reopens the case, links the new incident and cancels the remaining visits', async () => {
    const id = await closedCase();
    const [phone] = (await followupsOf(id)).items;
    const incidentId = await incidentIn('东湖新村社区');
    const res = await t.send('POST', `/api/followups/${phone!.id}/record`, officer, { finding: '回访发现双方再次因噪音争吵并报警', relapse: true, incidentId });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<CaseFollowupsDto & { relapsed: boolean }>();
    expect(body.relapsed).toBe(true);
    expect(body.stage).toBe('assessing');
    expect(body.abilities.record).toBe(false);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id: phone!.id, relapse: true, relapseIncidentId: incidentId });
    const c = await t.db.selectFrom('dispute_cases').select(['stage', 'reopened_count', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ stage: 'assessing', reopened_count: 1, closed_at: null });
    const link = await t.db.selectFrom('case_incidents').select(['reason', 'linked_by']).where('case_id', '=', id).where('incident_id', '=', incidentId).executeTakeFirstOrThrow();
    expect(link).toEqual({ reason: 'relapse', linked_by: officer.userId });
    const event = await t.db.selectFrom('case_events').select(['from_stage', 'to_stage', 'reason']).where('case_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ from_stage: 'closed', to_stage: 'assessing' });
    expect(event.reason).toContain('relapse on follow-up');
    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where((eb) => eb.or([eb.and([eb('entity_type', '=', 'dispute_case'), eb('entity_id', '=', String(id))]), eb.and([eb('entity_type', '=', 'case_followup'), eb('entity_id', '=', String(phone!.id))])]))
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['case.followup_recorded', 'case.relapsed', 'case.stage_changed', 'case.stage_changed'].sort());
    // Closed again: a fresh set of three is scheduled.
    await t.db.transaction().execute(async (trx) => {
      await moveCase(trx, officerActor, id, { to: 'mediating' }, { ip: '127.0.0.1', requestId: 'test' });
      await moveCase(trx, officerActor, id, { to: 'agreement' }, { ip: '127.0.0.1', requestId: 'test' });
    });
    await t.db.transaction().execute((trx) => moveCase(trx, officerActor, id, { to: 'closed', resolution: 'resolved' }, { ip: '127.0.0.1', requestId: 'test' }));
    const list = await followupsOf(id);
    expect(list.items.filter((i) => i.doneAt === null)).toHaveLength(3);
    expect(list.items).toHaveLength(4);
  });

  it('checks the relapse incident: in the officer’s jurisdiction, and only with a relapse', async () => {
    const id = await closedCase();
    const [phone] = (await followupsOf(id)).items;
    const elsewhere = await t.db
      .selectFrom('incidents as i')
      .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
      .select('i.id')
      .where('j.path', 'not like', `${officerActor.jurisdictionPath}%`)
      .limit(1)
      .executeTakeFirstOrThrow();
    const outside = await t.send('POST', `/api/followups/${phone!.id}/record`, officer, { finding: '复发', relapse: true, incidentId: elsewhere.id });
    expect(outside.statusCode).toBe(400);
    expect(outside.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'incidentId', rule: 'not_found' });
    const own = await incidentIn('东湖新村社区');
    const noRelapse = await t.send('POST', `/api/followups/${phone!.id}/record`, officer, { finding: '正常', incidentId: own });
    expect(noRelapse.statusCode).toBe(400);
    expect(noRelapse.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'incidentId', rule: 'relapse_only' });
    // Nothing was recorded by the refused attempts.
    expect((await followupsOf(id)).items.every((i) => i.doneAt === null)).toBe(true);
  });

  it('hides follow-ups from other stations and refuses roles without follow-up work', async () => {
    const id = await closedCase();
    const [phone] = (await followupsOf(id)).items;
    const otherChief = await t.login('dh-chief');
    expect((await t.get(`/api/cases/${id}/followups`, otherChief)).statusCode).toBe(404);
    expect((await t.send('POST', `/api/followups/${phone!.id}/record`, otherChief, { finding: 'x' })).statusCode).toBe(404);
    const partner = await t.login('demo-partner');
    expect((await t.get(`/api/cases/${id}/followups`, partner)).statusCode).toBe(403);
    expect((await t.send('POST', `/api/followups/${phone!.id}/record`, partner, { finding: 'x' })).statusCode).toBe(403);
    // Mediators and grid workers see the A file's follow-ups but do not record visits.
    const mediator = await t.login('demo-mediator');
    const seen = await followupsOf(id, mediator);
    expect(seen.abilities.record).toBe(false);
    expect((await t.send('POST', `/api/followups/${phone!.id}/record`, mediator, { finding: 'x' })).statusCode).toBe(403);
    const grid = await t.login('demo-grid');
    expect((await t.send('POST', `/api/followups/${phone!.id}/record`, grid, { finding: 'x' })).statusCode).toBe(403);
    expect((await t.send('POST', '/api/followups/999999999/record', officer, { finding: 'x' })).statusCode).toBe(404);
    // The chief of the station may record.
    const chief = await t.login('demo-chief');
    expect((await t.send('POST', `/api/followups/${phone!.id}/record`, chief, { finding: '所长电话回访，情况稳定' })).statusCode).toBe(200);
  });
});

describe('the follow-up plan setting', () => {
  it('lets the bureau change the offsets (audited); the next closure uses them', async () => {
    const bureau = await t.login('demo-bureau');
    const before = await t.get('/api/case-settings/followup-plan', bureau);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json<{ items: { kind: string; offsetDays: number }[] }>().items.map((i) => [i.kind, i.offsetDays])).toEqual([
      ['phone', 3],
      ['field', 15],
      ['community', 30],
    ]);
    const dup = await t.send('PUT', '/api/case-settings/followup-plan', bureau, { items: [{ kind: 'phone', offsetDays: 1 }, { kind: 'phone', offsetDays: 2 }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json<{ fields: { path: string; rule: string }[] }>().fields[0]).toMatchObject({ path: 'items.1.kind', rule: 'duplicate' });
    const tooFar = await t.send('PUT', '/api/case-settings/followup-plan', bureau, { items: [{ kind: 'phone', offsetDays: 400 }] });
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('items.0.offsetDays');
    const res = await t.send('PUT', '/api/case-settings/followup-plan', bureau, {
      items: [
        { kind: 'phone', offsetDays: 1 },
        { kind: 'field', offsetDays: 7 },
        { kind: 'community', offsetDays: 60 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const audit = await t.db.selectFrom('audit_events').select('change').where('action', '=', 'case.settings_updated').where('entity_type', '=', 'followup_plan').executeTakeFirstOrThrow();
    expect(audit.change).toMatchObject({ followupPlan: { from: ['phone+3', 'field+15', 'community+30'], to: ['phone+1', 'field+7', 'community+60'] } });
    const id = await closedCase();
    const today = shanghaiDay(new Date());
    expect((await followupsOf(id)).items.map((i) => i.dueOn)).toEqual([addDays(today, 1), addDays(today, 7), addDays(today, 60)]);
    for (const username of ['demo-chief', 'demo-officer', 'demo-mediator']) {
      const s = await t.login(username);
      expect((await t.get('/api/case-settings/followup-plan', s)).statusCode, username).toBe(403);
      expect((await t.send('PUT', '/api/case-settings/followup-plan', s, { items: [{ kind: 'phone', offsetDays: 2 }] })).statusCode, username).toBe(403);
    }
  });
});
