// OWNED BY the transfers helper. Contract used by the job runner (keep the signatures):
import { sql } from 'kysely';
import type { Database } from '../../app/db/database.js';
import { AGREEMENT_SETTINGS, plusDays } from './agreements.usecases.js';
import { chineseDate, shanghaiDay } from './transfers.letters.js';
import { numberSettings } from './transfers.repository.js';

type EscalationKind = 'unacknowledged' | 'overdue';

/**
 * 跟踪督办: each day, one notification to the station chief(s) per unacknowledged or overdue transfer. Returns how many were created.
 *
 * A transfer still 'sent' after its acknowledgement deadline is 'unacknowledged'; one accepted
 * and unfinished after its deadline is 'overdue'. Every active chief of the case's station gets
 * one notification a day (Beijing calendar day) per transfer: the dedupe key
 * `transfer:<id>:<kind>:<YYYY-MM-DD>:<chief's user id>` makes a second run the same day a no-op.
 */
export async function escalateTransfers(db: Database, now: Date): Promise<number> {
  const day = shanghaiDay(now);
  const due = await db
    .selectFrom('case_transfers as t')
    .innerJoin('dispute_cases as c', 'c.id', 't.case_id')
    .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
    .innerJoin('departments as d', 'd.id', 't.department_id')
    .select([
      't.id',
      't.case_id',
      't.doc_no',
      't.status',
      't.ack_due_at',
      't.due_at',
      'c.case_no',
      'c.title',
      'd.name as department_name',
      sql<string | null>`(select s.path from jurisdictions s where s.kind = 'station' and j.path like s.path || '%' order by length(s.path) desc limit 1)`.as('station_path'),
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('t.status', '=', 'sent'), eb('t.ack_due_at', '<', now)]),
        eb.and([eb('t.status', '=', 'accepted'), eb('t.due_at', '<', now)]),
      ]),
    )
    .execute();
  if (due.length === 0) return 0;

  const stationPaths = [...new Set(due.map((t) => t.station_path).filter((p): p is string => p !== null))];
  const chiefs = stationPaths.length
    ? await db
        .selectFrom('users as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select(['u.id', 'j.path'])
        .where('u.role', '=', 'chief')
        .where('u.active', '=', true)
        .where('j.path', '=', sql<string>`any(${stationPaths}::text[])`)
        .execute()
    : [];

  const rows = due.flatMap((t) => {
    const kind: EscalationKind = t.status === 'sent' ? 'unacknowledged' : 'overdue';
    const deadline = kind === 'unacknowledged' ? t.ack_due_at : t.due_at;
    const title = kind === 'unacknowledged' ? `督办：${t.doc_no} ${t.department_name}逾期未签收` : `督办：${t.doc_no} ${t.department_name}逾期未办结`;
    const body = `${t.case_no} ${t.title}：${kind === 'unacknowledged' ? '签收' : '办结'}期限为${chineseDate(shanghaiDay(deadline))}，请跟踪督办。`;
    return chiefs
      .filter((u) => u.path === t.station_path)
      .map((u) => ({
        user_id: u.id,
        kind: `transfer_${kind}`,
        title,
        body,
        link: `/cases/${t.case_id}`,
        entity_type: 'case_transfer',
        entity_id: String(t.id),
        dedupe_key: `transfer:${t.id}:${kind}:${day}:${u.id}`,
        created_at: now,
      }));
  });
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/**
 * A reminder to the case officer before the 30-day judicial-confirmation limit of a signed agreement. Returns how many were created.
 *
 * From `remindDaysBefore` days before the limit up to the limit itself, once a day per agreement
 * (dedupe `agreement:<id>:judicial:<YYYY-MM-DD>`), while the application day is not recorded.
 * Without a case officer the reminder goes to whoever drafted the agreement.
 */
export async function remindJudicialConfirmation(db: Database, now: Date): Promise<number> {
  const today = shanghaiDay(now);
  const settings = await numberSettings(db, 'cases.agreements', AGREEMENT_SETTINGS);
  const rows = await db
    .selectFrom('case_agreements as a')
    .innerJoin('dispute_cases as c', 'c.id', 'a.case_id')
    .select(['a.id', 'a.case_id', 'a.agreement_no', 'a.judicial_deadline', 'a.created_by', 'c.officer_user_id', 'c.case_no', 'c.title'])
    .where('a.signature_status', '=', 'signed')
    .where('a.judicial_confirmation', '=', true)
    .where('a.judicial_applied_on', 'is', null)
    .where('a.judicial_deadline', '>=', today)
    .where('a.judicial_deadline', '<=', plusDays(today, settings.remindDaysBefore))
    .execute();
  const values = rows.flatMap((a) => {
    const userId = a.officer_user_id ?? a.created_by;
    if (userId === null || !a.judicial_deadline) return [];
    return [
      {
        user_id: userId,
        kind: 'agreement_judicial',
        title: `司法确认提醒：${a.agreement_no}`,
        body: `${a.case_no} ${a.title}：调解协议申请司法确认的期限为${chineseDate(a.judicial_deadline)}，请提醒当事人及时向人民法院申请。`,
        link: `/cases/${a.case_id}`,
        entity_type: 'case_agreement',
        entity_id: String(a.id),
        dedupe_key: `agreement:${a.id}:judicial:${today}`,
        created_at: now,
      },
    ];
  });
  if (values.length === 0) return 0;
  const inserted = await db
    .insertInto('notifications')
    .values(values)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}
