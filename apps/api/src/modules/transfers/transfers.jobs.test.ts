import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.js';
import { plusDays } from './agreements.usecases.js';
import { buildCase } from './transfers.fixtures.js';
import { escalateTransfers, remindJudicialConfirmation } from './transfers.jobs.js';

let t: TestApp;
let officer: Session;
let mediator: Session;
let deptId: number;
let chiefs: number[];
let otherStationChief: number;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 7 January 2030, 09:00 in Beijing: far from anything the demo county holds. */
const DEADLINE = new Date('2030-01-07T01:00:00Z');

async function transferWith(values: { status?: 'sent' | 'accepted' | 'resolved'; ack: Date; due: Date }): Promise<{ id: number; caseId: number }> {
  const c = await buildCase(t);
  const res = await t.send('POST', `/api/cases/${c.id}/transfers`, officer, { kind: 'gongdiao', departmentId: deptId });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<{ id: number }>().id;
  await t.db
    .updateTable('case_transfers')
    .set({ status: values.status ?? 'sent', ack_due_at: values.ack, due_at: values.due })
    .where('id', '=', id)
    .execute();
  return { id, caseId: c.id };
}

function notificationsOf(entityType: string, id: number) {
  return t.db.selectFrom('notifications').select(['user_id', 'kind', 'link', 'dedupe_key']).where('entity_type', '=', entityType).where('entity_id', '=', String(id)).orderBy('id').execute();
}

beforeAll(async () => {
  t = await createTestApp();
  [officer, mediator] = await Promise.all([t.login('demo-officer'), t.login('demo-mediator')]);
  deptId = (await t.db.selectFrom('users').select('department_id').where('username', '=', 'demo-partner').executeTakeFirstOrThrow()).department_id!;
  const station = await t.db.selectFrom('jurisdictions').select(['id']).where('name', '=', '城关派出所').executeTakeFirstOrThrow();
  const hash = (await t.db.selectFrom('users').select('password_hash').where('username', '=', 'demo-chief').executeTakeFirstOrThrow()).password_hash;
  // A deputy chief who is active and a retired one who is not.
  await t.db
    .insertInto('users')
    .values([
      { username: 'cg-deputy', display_name: '副所长', role: 'chief', jurisdiction_id: station.id, password_hash: hash },
      { username: 'cg-retired', display_name: '原所长', role: 'chief', jurisdiction_id: station.id, password_hash: hash, active: false },
    ])
    .execute();
  chiefs = (
    await t.db.selectFrom('users').select('id').where('role', '=', 'chief').where('active', '=', true).where('jurisdiction_id', '=', station.id).orderBy('id').execute()
  ).map((u) => u.id);
  expect(chiefs.length).toBeGreaterThanOrEqual(2);
  otherStationChief = (await t.db.selectFrom('users').select('id').where('username', '=', 'dh-chief').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t.close();
});

describe('跟踪督办: escalating transfers to the station chiefs', () => {
  it('escalates an unacknowledged transfer once a day to every active chief of the station, from just after the deadline', async () => {
    const tr = await transferWith({ ack: DEADLINE, due: new Date(DEADLINE.getTime() + 20 * DAY) });
    await escalateTransfers(t.db, new Date(DEADLINE.getTime() - 1000));
    expect(await notificationsOf('case_transfer', tr.id)).toHaveLength(0);
    await escalateTransfers(t.db, DEADLINE);
    expect(await notificationsOf('case_transfer', tr.id)).toHaveLength(0);

    const created = await escalateTransfers(t.db, new Date(DEADLINE.getTime() + 1000));
    const first = await notificationsOf('case_transfer', tr.id);
    expect(created).toBeGreaterThanOrEqual(chiefs.length);
    expect(first.map((n) => n.user_id).sort((a, b) => a - b)).toEqual(chiefs);
    expect(first.map((n) => n.user_id)).not.toContain(otherStationChief);
    for (const n of first) {
      expect(n).toMatchObject({ kind: 'transfer_unacknowledged', link: `/cases/${tr.caseId}`, dedupe_key: `transfer:${tr.id}:unacknowledged:2030-01-07:${n.user_id}` });
    }
    // Later the same Beijing day: nothing new anywhere.
    expect(await escalateTransfers(t.db, new Date(DEADLINE.getTime() + 14 * HOUR))).toBe(0);
    expect(await notificationsOf('case_transfer', tr.id)).toHaveLength(chiefs.length);
    // 16:00 UTC is already the next day in Beijing.
    await escalateTransfers(t.db, new Date(DEADLINE.getTime() + 15 * HOUR));
    const second = await notificationsOf('case_transfer', tr.id);
    expect(second).toHaveLength(chiefs.length * 2);
    expect(second.slice(chiefs.length).every((n) => n.dedupe_key!.includes(':2030-01-08:'))).toBe(true);
  });

  it('escalates an accepted transfer only after its finishing deadline, and never a finished or unacknowledged-in-time one', async () => {
    const accepted = await transferWith({ status: 'accepted', ack: new Date(DEADLINE.getTime() - 10 * DAY), due: DEADLINE });
    const finished = await transferWith({ status: 'resolved', ack: new Date(DEADLINE.getTime() - 10 * DAY), due: new Date(DEADLINE.getTime() - 5 * DAY) });
    const inTime = await transferWith({ ack: new Date(DEADLINE.getTime() + DAY), due: new Date(DEADLINE.getTime() + 10 * DAY) });

    await escalateTransfers(t.db, new Date(DEADLINE.getTime() - 1000));
    expect(await notificationsOf('case_transfer', accepted.id)).toHaveLength(0);
    await escalateTransfers(t.db, new Date(DEADLINE.getTime() + 1000));
    const overdue = await notificationsOf('case_transfer', accepted.id);
    expect(overdue).toHaveLength(chiefs.length);
    expect(overdue.every((n) => n.kind === 'transfer_overdue' && n.dedupe_key!.startsWith(`transfer:${accepted.id}:overdue:2030-01-07:`))).toBe(true);
    expect(await notificationsOf('case_transfer', finished.id)).toHaveLength(0);
    expect(await notificationsOf('case_transfer', inTime.id)).toHaveLength(0);

    // The partner reports the result: no more escalation the next day.
    await t.db.updateTable('case_transfers').set({ status: 'resolved', finished_at: new Date() }).where('id', '=', accepted.id).execute();
    await escalateTransfers(t.db, new Date(DEADLINE.getTime() + DAY));
    expect(await notificationsOf('case_transfer', accepted.id)).toHaveLength(chiefs.length);
  });
});

describe('the judicial-confirmation reminder', () => {
  async function signedAgreement(officerName: string | null) {
    const c = await buildCase(t, { officer: officerName });
    const res = await t.send('PUT', `/api/cases/${c.id}/agreement`, mediator, { facts: '事实', issues: '争议', terms: '协议', performance: '当场履行', mediatorNames: '王调解' });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json<{ agreement: { id: number } }>().agreement.id;
    // Signed on 2030-01-01: the 30-day limit is 2030-01-31.
    await t.db.updateTable('case_agreements').set({ signature_status: 'signed', signed_on: '2030-01-01', judicial_confirmation: true, judicial_deadline: '2030-01-31' }).where('id', '=', id).execute();
    return { id, caseId: c.id };
  }
  const at = (day: string, hour = 9) => new Date(`${day}T${String(hour - 8).padStart(2, '0')}:00:00Z`);

  it('reminds the case officer daily from seven days before the limit until the limit, and stops once the application is recorded', async () => {
    const a = await signedAgreement('demo-officer');
    expect(plusDays('2030-01-31', -7)).toBe('2030-01-24');
    await remindJudicialConfirmation(t.db, at('2030-01-23', 23));
    expect(await notificationsOf('case_agreement', a.id)).toHaveLength(0);

    await remindJudicialConfirmation(t.db, at('2030-01-24'));
    let notes = await notificationsOf('case_agreement', a.id);
    expect(notes).toEqual([{ user_id: officer.userId, kind: 'agreement_judicial', link: `/cases/${a.caseId}`, dedupe_key: `agreement:${a.id}:judicial:2030-01-24` }]);
    expect(await remindJudicialConfirmation(t.db, at('2030-01-24', 20))).toBe(0);

    await remindJudicialConfirmation(t.db, at('2030-01-31', 23));
    notes = await notificationsOf('case_agreement', a.id);
    expect(notes.map((n) => n.dedupe_key)).toEqual([`agreement:${a.id}:judicial:2030-01-24`, `agreement:${a.id}:judicial:2030-01-31`]);
    await remindJudicialConfirmation(t.db, at('2030-02-01'));
    expect(await notificationsOf('case_agreement', a.id)).toHaveLength(2);

    const applied = await signedAgreement('demo-officer');
    await t.db.updateTable('case_agreements').set({ judicial_applied_on: '2030-01-20' }).where('id', '=', applied.id).execute();
    await remindJudicialConfirmation(t.db, at('2030-01-25'));
    expect(await notificationsOf('case_agreement', applied.id)).toHaveLength(0);
  });

  it('reminds whoever drafted the agreement when the case has no officer', async () => {
    const a = await signedAgreement(null);
    await remindJudicialConfirmation(t.db, at('2030-01-26'));
    expect((await notificationsOf('case_agreement', a.id)).map((n) => n.user_id)).toEqual([mediator.userId]);
  });
});
