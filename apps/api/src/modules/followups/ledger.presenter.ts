import { sql } from 'kysely';
import type { RequestContext } from '../../app/actor.js';
import type { Database } from '../../app/db/database.js';
import type { CaseResolution, CaseStage } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { monthRange, shanghaiDay } from './followups.days.js';
import type { LedgerDto, LedgerFigures, LedgerQuery } from './followups.schemas.js';

interface CaseRow {
  id: number;
  case_no: string;
  title: string;
  summary: string;
  dispute_type: string;
  created_at: Date;
  path: string;
  jurisdiction_id: number;
  jurisdiction_name: string;
  officer_name: string | null;
  leader_name: string | null;
  parties: string[] | null;
  registered: boolean;
  closed: boolean;
  resolved: boolean;
  transferred: boolean;
  relapsed: boolean;
  stage_end: CaseStage;
  resolution_end: CaseResolution | null;
  closed_at_end: Date | null;
}

/**
 * 月结: one month (Beijing calendar) of a jurisdiction's cases. The stage history (case_events) is
 * the record, so a month's figures do not change when a case moves on later:
 * - registered: opened in the month;
 * - closed: entered 'closed' in the month (a case counts once, by its last closure of the month);
 * - resolved: of those, the last closure of the month had resolution 'resolved' (化解);
 * - transferred: a transfer (两书一函) was sent in the month;
 * - relapsed: a follow-up visit in the month recorded a relapse;
 * - openAtMonthEnd: opened before the month's end and not closed at that instant;
 * - resolutionRate (化解率) = resolved / closed, null when nothing closed.
 */
const CASES_SQL = (target: string, start: Date, end: Date) => sql<CaseRow>`
  with scoped as (
    select c.id, c.case_no, c.title, c.summary, c.dispute_type, c.created_at, c.jurisdiction_id, c.officer_user_id, c.leader_user_id, j.path, j.name as jurisdiction_name
    from dispute_cases c join jurisdictions j on j.id = c.jurisdiction_id
    where j.path like ${target} and c.created_at < ${end}::timestamptz
  ),
  closures as (
    select distinct on (e.case_id) e.case_id, e.resolution
    from case_events e
    where e.case_id in (select id from scoped) and e.to_stage = 'closed' and e.at >= ${start}::timestamptz and e.at < ${end}::timestamptz
    order by e.case_id, e.at desc, e.id desc
  ),
  at_end as (
    select distinct on (e.case_id) e.case_id, e.to_stage, e.resolution, e.at
    from case_events e
    where e.case_id in (select id from scoped) and e.at < ${end}::timestamptz
    order by e.case_id, e.at desc, e.id desc
  )
  select s.id, s.case_no, s.title, s.summary, s.dispute_type, s.created_at, s.path, s.jurisdiction_id, s.jurisdiction_name,
    o.display_name as officer_name, l.display_name as leader_name,
    (select array_agg(p.name order by p.side, p.id) from case_parties p where p.case_id = s.id) as parties,
    s.created_at >= ${start}::timestamptz as registered,
    cl.case_id is not null as closed,
    coalesce(cl.resolution = 'resolved', false) as resolved,
    exists (select 1 from case_transfers t where t.case_id = s.id and t.sent_at >= ${start}::timestamptz and t.sent_at < ${end}::timestamptz) as transferred,
    exists (select 1 from case_followups f where f.case_id = s.id and f.relapse and f.done_at >= ${start}::timestamptz and f.done_at < ${end}::timestamptz) as relapsed,
    coalesce(ae.to_stage, 'registered') as stage_end,
    ae.resolution as resolution_end,
    case when ae.to_stage = 'closed' then ae.at end as closed_at_end
  from scoped s
  left join closures cl on cl.case_id = s.id
  left join at_end ae on ae.case_id = s.id
  left join users o on o.id = s.officer_user_id
  left join users l on l.id = s.leader_user_id
  order by s.created_at, s.id
`;

function emptyFigures(): LedgerFigures {
  return { registered: 0, closed: 0, resolved: 0, transferred: 0, relapsed: 0, openAtMonthEnd: 0, resolutionRate: null };
}

function add(f: LedgerFigures, r: CaseRow): void {
  if (r.registered) f.registered += 1;
  if (r.closed) f.closed += 1;
  if (r.resolved) f.resolved += 1;
  if (r.transferred) f.transferred += 1;
  if (r.relapsed) f.relapsed += 1;
  if (r.stage_end !== 'closed') f.openAtMonthEnd += 1;
}

function finish<T extends LedgerFigures>(f: T): T {
  f.resolutionRate = f.closed > 0 ? f.resolved / f.closed : null;
  return f;
}

const UNIT_KIND: Record<string, string> = { bureau: 'station', station: 'community', community: 'self', village: 'self', grid: 'self', police_room: 'self' };

export function createLedgerPresenter(deps: { db: Database }) {
  const { db } = deps;

  return {
    async ledger(ctx: RequestContext, q: LedgerQuery): Promise<LedgerDto> {
      authorize(ctx.actor, 'cases.ledger');
      const targetId = q.jurisdictionId ?? ctx.actor.jurisdictionId;
      const target = await db
        .selectFrom('jurisdictions')
        .select(['id', 'name', 'kind', 'path'])
        .where('id', '=', targetId)
        .where('path', 'like', scopePrefix(ctx.actor))
        .executeTakeFirst();
      if (!target) throw errors.notFound();
      const { start, end } = monthRange(q.month);
      const [{ rows }, units, types, stages, resolutions] = await Promise.all([
        CASES_SQL(`${target.path}%`, start, end).execute(db),
        db.selectFrom('jurisdictions').select(['id', 'name', 'sort']).where('parent_id', '=', target.id).where('archived_at', 'is', null).orderBy('sort').orderBy('id').execute(),
        db.selectFrom('mediation_dispute_types').select(['code', 'name_zh']).orderBy('sort').orderBy('code').execute(),
        db.selectFrom('case_stages').select(['code', 'name_zh']).execute(),
        db.selectFrom('case_resolutions').select(['code', 'name_zh']).execute(),
      ]);
      const unitKind = UNIT_KIND[target.kind] ?? 'self';
      const selfOnly = unitKind === 'self';

      // Rows per child unit (a case filed on the target itself gets the target's own row).
      const byUnit = new Map<number, LedgerFigures & { jurisdictionId: number; name: string }>();
      if (!selfOnly) for (const u of units) byUnit.set(u.id, { ...emptyFigures(), jurisdictionId: u.id, name: u.name });
      const unitOf = (path: string) => {
        const first = path.slice(target.path.length).split('/')[0];
        return selfOnly || !first ? target.id : Number(first);
      };
      const byType = new Map(types.map((t) => [t.code, { ...emptyFigures(), code: t.code, name: t.name_zh }]));
      const total = emptyFigures();
      const active = rows.filter((r) => r.registered || r.closed || r.transferred || r.relapsed);
      for (const r of rows) {
        if (!(r.registered || r.closed || r.transferred || r.relapsed || r.stage_end !== 'closed')) continue;
        add(total, r);
        const unitId = unitOf(r.path);
        let unit = byUnit.get(unitId);
        if (!unit) {
          unit = { ...emptyFigures(), jurisdictionId: unitId, name: unitId === target.id ? target.name : r.jurisdiction_name };
          byUnit.set(unitId, unit);
        }
        add(unit, r);
        const type = byType.get(r.dispute_type);
        if (type) add(type, r);
      }
      const stageName = new Map(stages.map((s) => [s.code as string, s.name_zh]));
      const resolutionName = new Map(resolutions.map((s) => [s.code as string, s.name_zh]));
      const typeName = new Map(types.map((t) => [t.code, t.name_zh]));
      return {
        month: q.month,
        jurisdiction: { id: target.id, name: target.name, kind: target.kind },
        unitKind,
        total: finish(total),
        byUnit: [...byUnit.values()].map(finish),
        byType: [...byType.values()].map(finish),
        cases: active.map((r) => {
          const status = r.stage_end === 'closed' && r.resolution_end ? r.resolution_end : r.stage_end;
          return {
            id: r.id,
            caseNo: r.case_no,
            registeredOn: shanghaiDay(r.created_at),
            disputeType: r.dispute_type,
            disputeTypeName: typeName.get(r.dispute_type) ?? r.dispute_type,
            title: r.title,
            summary: r.summary,
            parties: r.parties ?? [],
            leaderName: r.leader_name,
            officerName: r.officer_name,
            jurisdictionName: r.jurisdiction_name,
            statusAtMonthEnd: status,
            statusName: (r.stage_end === 'closed' && r.resolution_end ? resolutionName.get(r.resolution_end) : stageName.get(r.stage_end)) ?? status,
            closedOn: r.closed_at_end ? shanghaiDay(r.closed_at_end) : null,
            registered: r.registered,
            closed: r.closed,
            resolved: r.resolved,
            transferred: r.transferred,
            relapsed: r.relapsed,
          };
        }),
      };
    },
  };
}
