import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { dayStart } from './followups.days.js';
import { followupFixtures } from './followups.fixtures.js';
import { notifyFollowupOverdue, notifyStageOverdue } from './notifications.jobs.js';

let t: TestApp;
let f: ReturnType<typeof followupFixtures>;
let s: Awaited<ReturnType<ReturnType<typeof followupFixtures>['station']>>;

const bj = (local: string) => new Date(`${local}+08:00`);
const MS = 1;

async function notes(entityType: string, entityId: number) {
  return t.db.selectFrom('notifications').select(['user_id', 'kind', 'title', 'body', 'link', 'dedupe_key']).where('entity_type', '=', entityType).where('entity_id', '=', String(entityId)).orderBy('id').execute();
}

beforeAll(async () => {
  t = await createTestApp();
  f = followupFixtures(t);
  s = await f.station('提醒测试派出所');
});
afterAll(async () => {
  await t.close();
});

describe('the stage-overdue reminder job', () => {
  it('notifies the officer once per case per day, from the first instant past the deadline', async () => {
    const due = bj('2027-01-15T10:00:00');
    const c = await f.case({ jurisdictionId: s.east.id, officerUserId: s.officerId, stage: 'mediating', stageDueAt: due, title: '超期测试' });
    await notifyStageOverdue(t.db, new Date(due.getTime() - MS));
    expect(await notes('dispute_case', c.id)).toHaveLength(0);
    // At the deadline itself it is not yet past.
    await notifyStageOverdue(t.db, due);
    expect(await notes('dispute_case', c.id)).toHaveLength(0);
    await notifyStageOverdue(t.db, new Date(due.getTime() + MS));
    const first = await notes('dispute_case', c.id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ user_id: s.officerId, kind: 'case.stage_overdue', link: `/cases/${c.id}`, dedupe_key: `case.stage_overdue:${c.id}:2027-01-15` });
    expect(first[0]!.title).toContain('超期测试');
    expect(first[0]!.body).toContain('调解中');
    // Later the same Beijing day (23:59:59.999): still one.
    await notifyStageOverdue(t.db, new Date(dayStart('2027-01-16').getTime() - MS));
    expect(await notes('dispute_case', c.id)).toHaveLength(1);
    // The next Beijing day: another one.
    await notifyStageOverdue(t.db, dayStart('2027-01-16'));
    expect(await notes('dispute_case', c.id)).toHaveLength(2);
    // Closed cases and cases without an officer are not reminded.
    await t.db.updateTable('dispute_cases').set({ stage: 'closed' }).where('id', '=', c.id).execute();
    await notifyStageOverdue(t.db, dayStart('2027-01-17'));
    expect(await notes('dispute_case', c.id)).toHaveLength(2);
    const nobody = await f.case({ jurisdictionId: s.east.id, officerUserId: null, stage: 'mediating', stageDueAt: due });
    await notifyStageOverdue(t.db, dayStart('2027-01-17'));
    expect(await notes('dispute_case', nobody.id)).toHaveLength(0);
  });
});

describe('the follow-up-overdue reminder job', () => {
  it('notifies the assignee once per visit per day after its day has passed', async () => {
    const c = await f.case({ jurisdictionId: s.east.id, officerUserId: s.officerId, stage: 'closed' });
    const id = await f.followup(c.id, { kind: 'field', dueOn: '2027-02-10', assignedUserId: s.officerId });
    const done = await f.followup(c.id, { kind: 'phone', dueOn: '2027-02-01', assignedUserId: s.officerId, doneAt: bj('2027-02-01T10:00:00') });
    // During its own day it is due, not overdue.
    await notifyFollowupOverdue(t.db, new Date(dayStart('2027-02-11').getTime() - MS));
    expect(await notes('case_followup', id)).toHaveLength(0);
    await notifyFollowupOverdue(t.db, dayStart('2027-02-11'));
    const first = await notes('case_followup', id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ user_id: s.officerId, kind: 'followup.overdue', link: '/my-day', dedupe_key: `followup.overdue:${id}:2027-02-11` });
    expect(first[0]!.body).toContain('实地走访应于 2027-02-10 完成');
    await notifyFollowupOverdue(t.db, bj('2027-02-11T20:00:00'));
    expect(await notes('case_followup', id)).toHaveLength(1);
    await notifyFollowupOverdue(t.db, dayStart('2027-02-12'));
    expect(await notes('case_followup', id)).toHaveLength(2);
    expect(await notes('case_followup', done)).toHaveLength(0);
    // A reopened case's leftover visit is not reminded.
    await t.db.updateTable('dispute_cases').set({ stage: 'assessing' }).where('id', '=', c.id).execute();
    await notifyFollowupOverdue(t.db, dayStart('2027-02-13'));
    expect(await notes('case_followup', id)).toHaveLength(2);
  });
});

describe('notifications', () => {
  let officer: Session;
  let chief: Session;

  beforeAll(async () => {
    officer = await t.login(s.officerUsername);
    chief = await t.login(s.chiefUsername);
    await t.db
      .insertInto('notifications')
      .values([
        { user_id: s.chiefId, kind: 'transfer.escalated', title: '移交督办：所长的提醒', link: '/cases/1' },
        { user_id: s.chiefId, kind: 'transfer.escalated', title: '移交督办：所长的第二条提醒', link: '/cases/2' },
      ])
      .execute();
  });

  interface List {
    items: { id: number; title: string; readAt: string | null }[];
    unread: number;
  }

  it('lists only the signed-in user’s own notifications with the unread count', async () => {
    const mine = (await t.get('/api/notifications', officer)).json<List>();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((n) => !n.title.includes('所长'))).toBe(true);
    const own = await t.db.selectFrom('notifications').select('id').where('user_id', '=', s.officerId).execute();
    expect(mine.items.map((n) => n.id).sort()).toEqual(own.map((n) => n.id).sort());
    expect(mine.unread).toBe(own.length);
    const chiefs = (await t.get('/api/notifications', chief)).json<List>();
    expect(chiefs.items.map((n) => n.title).sort()).toEqual(['移交督办：所长的提醒', '移交督办：所长的第二条提醒'].sort());
    expect(chiefs.unread).toBe(2);
  });

  it('marks one as read, refuses someone else’s (404), and marks all as read', async () => {
    const chiefs = (await t.get('/api/notifications', chief)).json<List>();
    const theirs = chiefs.items[0]!;
    const steal = await t.send('POST', `/api/notifications/${theirs.id}/read`, officer);
    expect(steal.statusCode).toBe(404);
    expect((await t.db.selectFrom('notifications').select('read_at').where('id', '=', theirs.id).executeTakeFirstOrThrow()).read_at).toBeNull();
    const read = await t.send('POST', `/api/notifications/${theirs.id}/read`, chief);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json<{ unread: number }>().unread).toBe(1);
    const unreadOnly = (await t.get('/api/notifications?unreadOnly=true', chief)).json<List>();
    expect(unreadOnly.items).toHaveLength(1);
    const before = (await t.get('/api/notifications', officer)).json<List>().unread;
    expect(before).toBeGreaterThan(0);
    const all = await t.send('POST', '/api/notifications/read-all', chief);
    expect(all.json<{ updated: number }>().updated).toBe(1);
    // The officer's stay unread.
    expect((await t.get('/api/notifications', officer)).json<List>().unread).toBe(before);
    expect((await t.get('/api/notifications')).statusCode).toBe(401);
  });
});
