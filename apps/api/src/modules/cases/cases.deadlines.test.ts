import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { addWorkingDays } from './cases.deadlines.js';
import { stageDueAt } from './cases.lifecycle.js';

let t: TestDatabase;

/** An instant given as Beijing wall-clock time. */
const bj = (local: string) => new Date(`${local}+08:00`);

async function setCalendar(days: { day: string; workday: boolean; note?: string }[]) {
  await t.db.deleteFrom('calendar_days').execute();
  if (days.length > 0) await t.db.insertInto('calendar_days').values(days.map((d) => ({ day: d.day, workday: d.workday, note: d.note ?? null }))).execute();
}

beforeAll(async () => {
  t = await createTestDatabase({ template: 'empty' });
});
afterAll(async () => {
  await t.drop();
});

describe('addWorkingDays', () => {
  it('skips the weekend: Friday + 1 working day is Monday at the same time of day', async () => {
    await setCalendar([]);
    expect(await addWorkingDays(t.db, bj('2025-03-07T10:15:00'), 1)).toEqual(bj('2025-03-10T10:15:00'));
    expect(await addWorkingDays(t.db, bj('2025-03-07T10:15:00'), 3)).toEqual(bj('2025-03-12T10:15:00'));
    expect(await addWorkingDays(t.db, bj('2025-03-03T09:00:00'), 5)).toEqual(bj('2025-03-10T09:00:00'));
    // A start on the weekend counts from the next working day.
    expect(await addWorkingDays(t.db, bj('2025-03-08T12:00:00'), 1)).toEqual(bj('2025-03-10T12:00:00'));
    expect(await addWorkingDays(t.db, bj('2025-03-07T10:15:00'), 0)).toEqual(bj('2025-03-07T10:15:00'));
  });

  it('counts days in Beijing time, not UTC: late Friday evening in Beijing is still Friday', async () => {
    await setCalendar([]);
    // 23:30 Friday in Beijing is 15:30 UTC Friday; 01:00 Saturday in Beijing is 17:00 UTC Friday.
    expect(await addWorkingDays(t.db, bj('2025-03-07T23:30:00'), 1)).toEqual(bj('2025-03-10T23:30:00'));
    expect(await addWorkingDays(t.db, bj('2025-03-08T01:00:00'), 1)).toEqual(bj('2025-03-10T01:00:00'));
  });

  it('skips a public holiday listed in the calendar', async () => {
    await setCalendar([{ day: '2025-03-10', workday: false, note: '假日' }]);
    expect(await addWorkingDays(t.db, bj('2025-03-07T10:00:00'), 1)).toEqual(bj('2025-03-11T10:00:00'));
    expect(await addWorkingDays(t.db, bj('2025-03-07T10:00:00'), 3)).toEqual(bj('2025-03-13T10:00:00'));
  });

  it('counts a 调休 make-up Saturday as a working day', async () => {
    await setCalendar([{ day: '2025-03-08', workday: true, note: '调休上班' }]);
    expect(await addWorkingDays(t.db, bj('2025-03-07T10:00:00'), 1)).toEqual(bj('2025-03-08T10:00:00'));
    expect(await addWorkingDays(t.db, bj('2025-03-07T10:00:00'), 2)).toEqual(bj('2025-03-10T10:00:00'));
  });

  it('walks a National Day week: make-up Sunday before, seven days off, make-up Saturday after', async () => {
    const holidays = ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ day: `2025-10-${d}`, workday: false, note: '国庆节' }));
    await setCalendar([...holidays, { day: '2025-09-28', workday: true }, { day: '2025-10-11', workday: true }]);
    const from = bj('2025-09-26T16:00:00'); // Friday
    const expected = ['2025-09-28', '2025-09-29', '2025-09-30', '2025-10-08', '2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13'];
    for (const [i, day] of expected.entries()) {
      expect(await addWorkingDays(t.db, from, i + 1), `+${i + 1}`).toEqual(bj(`${day}T16:00:00`));
    }
  });

  it('reads the calendar beyond its first window for long deadlines and long closures', async () => {
    // 40 working days from Monday 2025-01-06 are eight weeks: Monday 2025-03-03; a holiday on the way adds a day.
    await setCalendar([]);
    expect(await addWorkingDays(t.db, bj('2025-01-06T08:00:00'), 40)).toEqual(bj('2025-03-03T08:00:00'));
    await setCalendar([{ day: '2025-02-27', workday: false }]);
    expect(await addWorkingDays(t.db, bj('2025-01-06T08:00:00'), 40)).toEqual(bj('2025-03-04T08:00:00'));
    // Every day from 7 January to 20 February off: one working day after the 6th is Friday the 21st.
    const off: { day: string; workday: boolean }[] = [];
    for (let d = new Date('2025-01-07T00:00:00Z'); d <= new Date('2025-02-20T00:00:00Z'); d = new Date(d.getTime() + 86_400_000)) off.push({ day: d.toISOString().slice(0, 10), workday: false });
    await setCalendar(off);
    expect(await addWorkingDays(t.db, bj('2025-01-06T08:00:00'), 1)).toEqual(bj('2025-02-21T08:00:00'));
  });
});

describe('stage deadlines', () => {
  it('gives police mediation entered straight from registration 3 working days, from assessment the generic 10', async () => {
    await setCalendar([]);
    const monday = bj('2025-03-03T09:00:00');
    expect(await stageDueAt(t.db, 'mediating', 'registered', monday)).toEqual(bj('2025-03-06T09:00:00'));
    expect(await stageDueAt(t.db, 'mediating', 'assessing', monday)).toEqual(bj('2025-03-17T09:00:00'));
    expect(await stageDueAt(t.db, 'mediating', null, monday)).toEqual(bj('2025-03-17T09:00:00'));
  });

  it('counts calendar days where the row says so, and gives a closed case no deadline', async () => {
    const monday = bj('2025-03-03T09:00:00');
    expect(await stageDueAt(t.db, 'follow_up', 'agreement', monday)).toEqual(bj('2025-06-01T09:00:00'));
    expect(await stageDueAt(t.db, 'closed', 'follow_up', monday)).toBeNull();
  });
});
