import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import type { CaseStage, DB, DisputeCasesTable } from '../../app/db/schema.js';
import { scopePrefix } from '../../app/policy.js';
import { containsPattern, subtreeFilter } from '../people/scope.js';
import type { CaseFilterQuery, CaseSummaryDto, ListCasesQuery } from './cases.schemas.js';

/** A case is overdue when its stage deadline has passed and it is not closed. */
export const overdueSql = sql<boolean>`(c.stage_due_at is not null and c.stage_due_at < now() and c.stage <> 'closed')`;

const SUMMARY_COLUMNS = [
  'c.id',
  'c.case_no',
  'c.title',
  'c.source',
  'c.dispute_type',
  'dt.name_zh as dispute_type_name',
  'c.risk_domain',
  'rd.name_zh as risk_domain_name',
  'c.stage',
  'c.resolution',
  'c.stage_entered_at',
  'c.stage_due_at',
  overdueSql.as('overdue'),
  'c.officer_user_id',
  'ou.display_name as officer_name',
  'c.leader_user_id',
  'lu.display_name as leader_name',
  'c.jurisdiction_id',
  'j.name as jurisdiction_name',
  'c.reopened_count',
  'c.created_at',
  'c.updated_at',
  'c.closed_at',
] as const;

/** The filters resolved against the actor's scope (a jurisdiction outside it matches nothing). */
export interface ResolvedCaseFilter {
  f: CaseFilterQuery;
  subtree: string | null;
}

export async function resolveCaseFilter(db: Queryable, actor: Actor, f: CaseFilterQuery): Promise<ResolvedCaseFilter> {
  return { f, subtree: await subtreeFilter(db, actor, f.jurisdictionId) };
}

type CaseEb = ExpressionBuilder<DB & { c: DisputeCasesTable }, 'c'>;

export function caseFilter(r: ResolvedCaseFilter) {
  return (eb: CaseEb): Expression<SqlBool> => {
    const { f } = r;
    const all: Expression<SqlBool>[] = [];
    if (f.stage) all.push(eb('c.stage', '=', f.stage));
    if (f.overdue !== undefined) all.push(f.overdue ? overdueSql : eb.not(overdueSql));
    if (f.disputeType) all.push(eb('c.dispute_type', '=', f.disputeType));
    if (f.riskDomain) all.push(eb('c.risk_domain', '=', f.riskDomain));
    if (f.officerId) all.push(eb('c.officer_user_id', '=', f.officerId));
    if (r.subtree) all.push(eb('c.jurisdiction_id', 'in', eb.selectFrom('jurisdictions').select('id').where('path', 'like', `${r.subtree}%`)));
    if (f.from) all.push(eb('c.created_at', '>=', new Date(f.from)));
    if (f.to) all.push(eb('c.created_at', '<', new Date(f.to)));
    if (f.q) {
      const pattern = containsPattern(f.q);
      all.push(eb.or([eb('c.title', 'ilike', pattern), eb('c.summary', 'ilike', pattern), eb('c.case_no', 'ilike', pattern)]));
    }
    return eb.and(all);
  };
}

export function createCasesRepository(db: Queryable) {
  function base(actor: Actor) {
    return db
      .selectFrom('dispute_cases as c')
      .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
      .innerJoin('mediation_dispute_types as dt', 'dt.code', 'c.dispute_type')
      .leftJoin('risk_domains as rd', 'rd.code', 'c.risk_domain')
      .leftJoin('users as ou', 'ou.id', 'c.officer_user_id')
      .leftJoin('users as lu', 'lu.id', 'c.leader_user_id')
      .where('j.path', 'like', scopePrefix(actor));
  }

  return {
    base,

    async list(actor: Actor, q: ListCasesQuery) {
      const filtered = base(actor).where(caseFilter(await resolveCaseFilter(db, actor, q)));
      let page = filtered.select(SUMMARY_COLUMNS);
      switch (q.sort) {
        case 'created_asc':
          page = page.orderBy('c.created_at', 'asc').orderBy('c.id', 'asc');
          break;
        case 'due_asc':
          page = page.orderBy(sql`c.stage_due_at asc nulls last`).orderBy('c.id', 'asc');
          break;
        case 'updated_desc':
          page = page.orderBy('c.updated_at', 'desc').orderBy('c.id', 'desc');
          break;
        case 'case_no_asc':
          page = page.orderBy('c.case_no', 'asc');
          break;
        case 'created_desc':
          page = page.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc');
          break;
      }
      const [items, total] = await Promise.all([
        page.limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    find(actor: Actor, id: number) {
      return base(actor)
        .leftJoin('addresses as a', 'a.id', 'c.address_id')
        .leftJoin('users as cu', 'cu.id', 'c.created_by')
        .select([
          ...SUMMARY_COLUMNS,
          'c.summary',
          'c.source_incident_id',
          'c.source_cluster_id',
          'c.source_note',
          'c.address_id',
          'a.full_name as address_name',
          'c.address_text',
          'c.lat',
          'c.lon',
          'c.result',
          'cu.display_name as created_by_name',
        ])
        .where('c.id', '=', id)
        .executeTakeFirst();
    },

    parties(caseId: number) {
      return db
        .selectFrom('case_parties as p')
        .leftJoin('persons as pe', 'pe.id', 'p.person_id')
        .select(['p.id', 'p.side', 'p.name', 'p.phone', 'p.id_number_masked', 'pe.id_number_masked as person_masked', 'p.person_id', 'p.claims'])
        .where('p.case_id', '=', caseId)
        .orderBy('p.id')
        .execute();
    },

    incidents(caseId: number) {
      return db
        .selectFrom('case_incidents as ci')
        .innerJoin('incidents as i', 'i.id', 'ci.incident_id')
        .select(['i.id', 'i.received_at', 'i.summary', 'i.status', 'ci.reason', 'ci.linked_at'])
        .where('ci.case_id', '=', caseId)
        .orderBy('i.received_at')
        .execute();
    },

    events(caseId: number) {
      return db
        .selectFrom('case_events')
        .select(['id', 'action', 'from_stage', 'to_stage', 'resolution', 'reason', 'actor_name', 'at'])
        .where('case_id', '=', caseId)
        .orderBy('at')
        .orderBy('id')
        .execute();
    },

    transitionsFrom(stage: CaseStage) {
      return db.selectFrom('case_transitions').select(['action', 'to_stage', 'reason_required']).where('from_stage', '=', stage).orderBy('id').execute();
    },
  };
}

export type CaseSummaryRow = Awaited<ReturnType<ReturnType<typeof createCasesRepository>['list']>>['items'][number];

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentSummary(r: CaseSummaryRow): CaseSummaryDto {
  return {
    id: r.id,
    caseNo: r.case_no,
    title: r.title,
    source: r.source,
    disputeType: r.dispute_type,
    disputeTypeName: r.dispute_type_name,
    riskDomain: r.risk_domain,
    riskDomainName: r.risk_domain_name,
    stage: r.stage,
    resolution: r.resolution,
    stageEnteredAt: r.stage_entered_at.toISOString(),
    stageDueAt: iso(r.stage_due_at),
    overdue: r.overdue,
    officerUserId: r.officer_user_id,
    officerName: r.officer_name,
    leaderUserId: r.leader_user_id,
    leaderName: r.leader_name,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionName: r.jurisdiction_name,
    reopenedCount: r.reopened_count,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    closedAt: iso(r.closed_at),
  };
}
