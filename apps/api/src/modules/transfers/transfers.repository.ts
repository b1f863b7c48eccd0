import { sql } from 'kysely';
import type { Queryable } from '../../app/db/database.js';
import type { CasePartySide, TransferKind, TransferStatus } from '../../app/db/schema.js';
import { pathIds } from '../../app/policy.js';

export interface Unit {
  id: number;
  name: string;
  path: string;
}

/** The station (派出所) a jurisdiction lies in, and the bureau above it: the sender of a letter. */
export async function stationOf(db: Queryable, jurisdictionPath: string): Promise<{ station: Unit | null; bureau: Unit | null }> {
  const rows = await db
    .selectFrom('jurisdictions')
    .select(['id', 'name', 'path', 'kind'])
    .where('id', 'in', pathIds(jurisdictionPath))
    .where('kind', 'in', ['station', 'bureau'])
    .execute();
  const pick = (kind: string) => {
    const r = rows.filter((x) => x.kind === kind).sort((a, b) => b.path.length - a.path.length)[0];
    return r ? { id: r.id, name: r.name, path: r.path } : null;
  };
  return { station: pick('station'), bureau: pick('bureau') };
}

/**
 * Partner departments a case of this station may be transferred to: those of the station itself,
 * of a unit above it (the county) or of a unit inside its subtree.
 */
export function eligibleDepartments(db: Queryable, stationPath: string) {
  return db
    .selectFrom('departments as d')
    .innerJoin('jurisdictions as j', 'j.id', 'd.jurisdiction_id')
    .select(['d.id', 'd.name', 'd.kind', 'j.name as jurisdiction_name'])
    .where('d.archived_at', 'is', null)
    .where((eb) => eb.or([eb('j.id', 'in', pathIds(stationPath)), eb('j.path', 'like', `${stationPath}%`)]))
    .orderBy('j.path')
    .orderBy('d.id');
}

export interface TransferRow {
  id: number;
  case_id: number;
  kind: TransferKind;
  doc_no: string;
  department_id: number;
  department_name: string;
  note: string;
  status: TransferStatus;
  sent_by_name: string | null;
  sent_at: Date;
  ack_due_at: Date;
  due_at: Date;
  responded_at: Date | null;
  reject_reason: string | null;
  result: string | null;
  finished_at: Date | null;
}

function transferQuery(db: Queryable) {
  return db
    .selectFrom('case_transfers as t')
    .innerJoin('departments as d', 'd.id', 't.department_id')
    .leftJoin('users as u', 'u.id', 't.sent_by')
    .select([
      't.id',
      't.case_id',
      't.kind',
      't.doc_no',
      't.department_id',
      'd.name as department_name',
      't.note',
      't.status',
      'u.display_name as sent_by_name',
      't.sent_at',
      't.ack_due_at',
      't.due_at',
      't.responded_at',
      't.reject_reason',
      't.result',
      't.finished_at',
    ]);
}

export function transfersOfCase(db: Queryable, caseId: number): Promise<TransferRow[]> {
  return transferQuery(db).where('t.case_id', '=', caseId).orderBy('t.sent_at', 'desc').orderBy('t.id', 'desc').execute();
}

export function transferById(db: Queryable, id: number): Promise<TransferRow | undefined> {
  return transferQuery(db).where('t.id', '=', id).executeTakeFirst();
}

export function updatesOf(db: Queryable, transferIds: number[]) {
  if (transferIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('case_transfer_updates')
    .select(['id', 'transfer_id', 'kind', 'note', 'actor_name', 'at'])
    .where('transfer_id', '=', sql<number>`any(${transferIds}::bigint[])`)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export interface PartySheet {
  side: CasePartySide;
  name: string;
  claims: string;
  gender: 'male' | 'female' | 'unknown' | null;
  birth_date: string | null;
  address: string | null;
}

/**
 * What a printed document or the partner portal may show of a case: the A file only. Parties
 * carry their name and claims; gender, birth date and current address are read for the
 * agreement's 当事人基本情况 (art. 29) and never identity numbers, phones, household or relations.
 */
export async function caseSheet(db: Queryable, caseId: number) {
  const head = await db
    .selectFrom('dispute_cases as c')
    .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
    .innerJoin('mediation_dispute_types as dt', 'dt.code', 'c.dispute_type')
    .leftJoin('users as o', 'o.id', 'c.officer_user_id')
    .select(['c.id', 'c.case_no', 'c.title', 'c.summary', 'c.dispute_type', 'dt.name_zh as dispute_type_name', 'j.path as jurisdiction_path', 'o.display_name as officer_name'])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const parties: PartySheet[] = await db
    .selectFrom('case_parties as p')
    .leftJoin('persons as pe', 'pe.id', 'p.person_id')
    .leftJoin('addresses as a', 'a.id', 'pe.current_address_id')
    .select(['p.side', 'p.name', 'p.claims', 'pe.gender', 'pe.birth_date', 'a.full_name as address'])
    .where('p.case_id', '=', caseId)
    .orderBy(sql`case p.side when 'applicant' then 1 when 'respondent' then 2 else 3 end`)
    .orderBy('p.id')
    .execute();
  const { station, bureau } = await stationOf(db, head.jurisdiction_path);
  return { ...head, parties, station, bureau };
}
export type CaseSheet = Awaited<ReturnType<typeof caseSheet>>;

/** The next number of a document series (doc_no / agreement_no) in a year, serialised per series. */
export async function nextSerial(db: Queryable, table: 'case_transfers' | 'case_agreements', prefix: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext(${`${table}:${prefix}`}))`.execute(db);
  const column = table === 'case_transfers' ? 'doc_no' : 'agreement_no';
  const r = await sql<{ n: number | null }>`
    select max((substring(${sql.ref(column)} from '〕([0-9]+)号$'))::int) as n
    from ${sql.table(table)} where ${sql.ref(column)} like ${`${prefix}%`}`.execute(db);
  return (r.rows[0]?.n ?? 0) + 1;
}

/** A setting object from app_settings with defaults for missing or malformed keys. */
export async function numberSettings<T extends Record<string, number>>(db: Queryable, key: string, defaults: T): Promise<T> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirst();
  const value = (row?.value ?? {}) as Record<string, unknown>;
  const out: Record<string, number> = { ...defaults };
  for (const k of Object.keys(defaults)) {
    const v = value[k];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) out[k] = v;
  }
  return out as T;
}
