import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { addWorkingDays } from './cases.deadlines.js';
import { CASE_STAGES } from './cases.schemas.js';

let t: TestApp;
let officer: Session;
let chief: Session;
let mediator: Session;
let partner: Session;
let volunteer: Session;
let grid: Session;
let bureau: Session;
let otherChief: Session;

interface CaseDetail {
  id: number;
  stage: string;
  resolution: string | null;
  closedAt: string | null;
  stageEnteredAt: string;
  stageDueAt: string | null;
  overdue: boolean;
  reopenedCount: number;
  events: { action: string; fromStage: string | null; toStage: string; reason: string | null; resolution: string | null; actorName: string; at: string }[];
  actions: { action: string; to: string; reasonRequired: boolean; resolutionRequired: boolean }[];
}
interface ErrorBody {
  code: string;
  fields?: { path: string; rule: string }[];
}

async function openCase(session: Session = officer, overrides: Record<string, unknown> = {}): Promise<CaseDetail> {
  const res = await t.send('POST', '/api/cases', session, { source: 'direct', title: '楼上漏水纠纷', disputeType: 'neighbour', ...overrides });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CaseDetail>();
}
const move = (session: Session, id: number, body: Record<string, unknown>) => t.send('POST', `/api/cases/${id}/transition`, session, body);
const setStage = (id: number, stage: string) => t.db.updateTable('dispute_cases').set({ stage: stage as never }).where('id', '=', id).execute();

beforeAll(async () => {
  t = await createTestApp();
  officer = await t.login('demo-officer');
  chief = await t.login('demo-chief');
  mediator = await t.login('demo-mediator');
  partner = await t.login('demo-partner');
  volunteer = await t.login('demo-volunteer');
  grid = await t.login('demo-grid');
  bureau = await t.login('demo-bureau');
  otherChief = await t.login('dh-chief');
});
afterAll(async () => {
  await t.close();
});

describe('the stage machine (case_transitions)', () => {
  it('allows exactly the moves of the transition table, over every pair of stages', async () => {
    const table = await t.db.selectFrom('case_transitions').select(['from_stage', 'to_stage', 'reason_required', 'action']).execute();
    const allowed = new Map(table.map((r) => [`${r.from_stage}>${r.to_stage}`, r]));
    // The table as the issue describes it (spot checks that the data is what we think it is).
    expect(allowed.has('registered>assessing')).toBe(true);
    expect(allowed.has('mediating>agreement')).toBe(true);
    expect(allowed.has('closed>assessing')).toBe(true);
    expect(allowed.has('registered>closed')).toBe(false);
    expect(allowed.has('agreement>mediating')).toBe(false);
    const c = await openCase();
    let allowedCount = 0;
    let refusedCount = 0;
    for (const from of CASE_STAGES) {
      for (const to of CASE_STAGES) {
        await setStage(c.id, from);
        const rule = allowed.get(`${from}>${to}`);
        const body = { to, reason: '按规则流转', ...(to === 'closed' ? { resolution: 'resolved' } : {}) };
        const res = await move(chief, c.id, body);
        if (rule) {
          expect(res.statusCode, `${from} → ${to}: ${res.body}`).toBe(200);
          const after = res.json<CaseDetail>();
          expect(after.stage).toBe(to);
          expect(after.events.at(-1)).toMatchObject({ action: rule.action, fromStage: from, toStage: to, reason: '按规则流转' });
          allowedCount += 1;
        } else {
          expect(res.statusCode, `${from} → ${to}: ${res.body}`).toBe(409);
          expect(res.json<ErrorBody>().code).toBe('case.transition_not_allowed');
          const row = await t.db.selectFrom('dispute_cases').select('stage').where('id', '=', c.id).executeTakeFirstOrThrow();
          expect(row.stage).toBe(from);
          refusedCount += 1;
        }
      }
    }
    expect(allowedCount).toBe(table.length);
    expect(allowedCount + refusedCount).toBe(CASE_STAGES.length * CASE_STAGES.length);
    // Every accepted move left one event and one audit record; refusals left none.
    const events = await t.db.selectFrom('case_events').select('id').where('case_id', '=', c.id).where('action', '<>', 'open').execute();
    expect(events).toHaveLength(table.length);
    const audits = await t.db.selectFrom('audit_events').select('id').where('entity_type', '=', 'dispute_case').where('entity_id', '=', String(c.id)).where('action', '=', 'case.stage_changed').execute();
    expect(audits).toHaveLength(table.length);
  });

  it('offers as actions the moves from the current stage only', async () => {
    const c = await openCase();
    expect(c.actions.map((a) => a.to).sort()).toEqual(['assessing', 'mediating', 'transferred']);
    await setStage(c.id, 'no_agreement');
    const res = await t.get(`/api/cases/${c.id}`, officer);
    const actions = res.json<CaseDetail>().actions;
    expect(actions.find((a) => a.to === 'closed')).toMatchObject({ reasonRequired: true, resolutionRequired: true });
    expect(actions.map((a) => a.to).sort()).toEqual(['closed', 'mediating', 'transferred']);
    // A mediator sees the case but is offered no moves.
    expect((await t.get(`/api/cases/${c.id}`, mediator)).json<CaseDetail>().actions).toEqual([]);
  });
});

describe('reasons, resolutions, closing and reopening', () => {
  it('names the field `reason` when the move needs a why', async () => {
    const c = await openCase();
    await setStage(c.id, 'mediating');
    for (const reason of [undefined, '', '   ']) {
      const res = await move(officer, c.id, { to: 'no_agreement', ...(reason !== undefined ? { reason } : {}) });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<ErrorBody>().fields![0]).toMatchObject({ path: 'reason', rule: 'required' });
    }
    expect((await move(officer, c.id, { to: 'no_agreement', reason: '双方分歧过大' })).statusCode).toBe(200);
  });

  it('closes with a resolution only: sets closed_at, the result and the follow-up visits; reopening clears them and counts', async () => {
    const c = await openCase();
    await setStage(c.id, 'agreement');
    const missing = await move(officer, c.id, { to: 'closed' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<ErrorBody>().fields![0]).toMatchObject({ path: 'resolution', rule: 'required' });
    const wrong = await move(officer, c.id, { to: 'closed', resolution: 'dissolved' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<ErrorBody>().fields![0]!.path).toBe('resolution');
    const notClosing = await move(officer, c.id, { to: 'follow_up', resolution: 'resolved' });
    expect(notClosing.json<ErrorBody>().fields![0]).toMatchObject({ path: 'resolution', rule: 'not_applicable' });

    const before = Date.now();
    const closed = await move(officer, c.id, { to: 'closed', resolution: 'resolved', reason: '双方签订协议并履行完毕' });
    expect(closed.statusCode, closed.body).toBe(200);
    const body = closed.json<CaseDetail>();
    expect(body).toMatchObject({ stage: 'closed', resolution: 'resolved', stageDueAt: null, overdue: false });
    expect(new Date(body.closedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const row = await t.db.selectFrom('dispute_cases').select(['result', 'closed_at']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.result).toBe('双方签订协议并履行完毕');
    // Closing schedules the three follow-up visits (三访).
    const visits = await t.db.selectFrom('case_followups').select('kind').where('case_id', '=', c.id).execute();
    expect(visits.map((v) => v.kind).sort()).toEqual(['community', 'field', 'phone']);

    const noReason = await move(officer, c.id, { to: 'assessing' });
    expect(noReason.json<ErrorBody>().fields![0]).toMatchObject({ path: 'reason', rule: 'required' });
    const reopened = (await move(officer, c.id, { to: 'assessing', reason: '回访发现纠纷复发' })).json<CaseDetail>();
    expect(reopened).toMatchObject({ stage: 'assessing', resolution: null, closedAt: null, reopenedCount: 1 });
    expect(reopened.events.at(-1)).toMatchObject({ action: 'reopen', fromStage: 'closed', toStage: 'assessing', reason: '回访发现纠纷复发' });
    const cleared = await t.db.selectFrom('dispute_cases').select('result').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(cleared.result).toBeNull();
  });

  it('records who, when and why of each move, and audits it as case.stage_changed', async () => {
    const c = await openCase();
    const res = await move(chief, c.id, { to: 'assessing', reason: '需研判' });
    const detail = res.json<CaseDetail>();
    expect(detail.events.map((e) => e.action)).toEqual(['open', 'assess']);
    const chiefName = (await t.db.selectFrom('users').select('display_name').where('id', '=', chief.userId).executeTakeFirstOrThrow()).display_name;
    expect(detail.events[1]).toMatchObject({ fromStage: 'registered', toStage: 'assessing', reason: '需研判', actorName: chiefName });
    const audit = await t.db.selectFrom('audit_events').select(['actor_user_id', 'change']).where('action', '=', 'case.stage_changed').where('entity_id', '=', String(c.id)).executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(chief.userId);
    expect(audit.change).toMatchObject({ action: 'assess', stage: { from: 'registered', to: 'assessing' }, reason: '需研判' });
  });
});

describe('stage deadlines and overdue', () => {
  it('gives police mediation straight from registration 3 working days, after assessment 10', async () => {
    const direct = await openCase();
    expect(direct.stageDueAt).toBe((await addWorkingDays(t.db, new Date(direct.stageEnteredAt), 1)).toISOString());
    const a = (await move(officer, direct.id, { to: 'mediating' })).json<CaseDetail>();
    expect(a.stageDueAt).toBe((await addWorkingDays(t.db, new Date(a.stageEnteredAt), 3)).toISOString());
    const days = (new Date(a.stageDueAt!).getTime() - new Date(a.stageEnteredAt).getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(3);
    expect(days).toBeLessThanOrEqual(5 + 7);

    const assessed = await openCase();
    await move(officer, assessed.id, { to: 'assessing' });
    const b = (await move(officer, assessed.id, { to: 'mediating' })).json<CaseDetail>();
    expect(b.stageDueAt).toBe((await addWorkingDays(t.db, new Date(b.stageEnteredAt), 10)).toISOString());
  });

  it('uses the deadline table as configured, and flags a passed deadline as overdue in the list', async () => {
    const c = await openCase();
    await t.db.updateTable('dispute_cases').set({ stage_due_at: new Date(Date.now() - 3600_000) }).where('id', '=', c.id).execute();
    expect((await t.get(`/api/cases/${c.id}`, officer)).json<CaseDetail>().overdue).toBe(true);
    const overdue = (await t.get('/api/cases?overdue=true&pageSize=200', officer)).json<{ items: { id: number; overdue: boolean }[] }>();
    expect(overdue.items.map((i) => i.id)).toContain(c.id);
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
    const notOverdue = (await t.get('/api/cases?overdue=false&pageSize=200', officer)).json<{ items: { id: number }[] }>();
    expect(notOverdue.items.map((i) => i.id)).not.toContain(c.id);

    // The bureau sets assessment to 2 calendar days.
    const put = await t.send('PUT', '/api/case-settings/deadlines', bureau, {
      items: [
        { stage: 'registered', fromStage: null, days: 1, workingDays: true },
        { stage: 'assessing', fromStage: null, days: 2, workingDays: false },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    const moved = (await move(officer, c.id, { to: 'assessing' })).json<CaseDetail>();
    expect(new Date(moved.stageDueAt!).getTime() - new Date(moved.stageEnteredAt).getTime()).toBe(2 * 86_400_000);
    // A stage without a row has no deadline.
    const mediating = (await move(officer, c.id, { to: 'mediating' })).json<CaseDetail>();
    expect(mediating.stageDueAt).toBeNull();
  });
});

describe('who may move a case', () => {
  it('refuses mediators, grid workers, partners, volunteers and the bureau (403), and another station (404)', async () => {
    const c = await openCase();
    for (const [name, session] of [
      ['mediator', mediator],
      ['grid', grid],
      ['partner', partner],
      ['volunteer', volunteer],
      ['bureau', bureau],
    ] as const) {
      const res = await move(session, c.id, { to: 'assessing' });
      expect(res.statusCode, name).toBe(403);
    }
    const other = await move(otherChief, c.id, { to: 'assessing' });
    expect(other.statusCode).toBe(404);
    const row = await t.db.selectFrom('dispute_cases').select('stage').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.stage).toBe('registered');
    expect((await move(officer, 999_999_999, { to: 'assessing' })).statusCode).toBe(404);
  });
});
