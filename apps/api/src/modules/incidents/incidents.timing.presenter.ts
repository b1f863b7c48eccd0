import { sql } from 'kysely';
import type { RequestContext } from '../../app/actor.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { TIMING_MAX_DAYS, type TimingQuery, type TimingReport } from './incidents.lifecycle.schemas.js';
import { standardSeconds } from './incidents.timing.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_DAYS = 30;
const BEIJING_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

interface AggregateRow {
  k: string | null;
  is_total: number;
  count: number;
  dispatched: number;
  arrived: number;
  compliant: number;
  dispatch_median: number | null;
  dispatch_p90: number | null;
  arrive_median: number | null;
  arrive_p90: number | null;
}

type Figures = TimingReport['total'];

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

function figures(r: AggregateRow | undefined): Figures {
  if (!r) return { count: 0, dispatched: 0, arrived: 0, compliant: 0, complianceRate: null, dispatchMedianSeconds: null, dispatchP90Seconds: null, arriveMedianSeconds: null, arriveP90Seconds: null };
  return {
    count: r.count,
    dispatched: r.dispatched,
    arrived: r.arrived,
    compliant: r.compliant,
    complianceRate: r.arrived > 0 ? Math.round((r.compliant / r.arrived) * 10000) / 10000 : null,
    dispatchMedianSeconds: round1(r.dispatch_median),
    dispatchP90Seconds: round1(r.dispatch_p90),
    arriveMedianSeconds: round1(r.arrive_median),
    arriveP90Seconds: round1(r.arrive_p90),
  };
}

function period(q: TimingQuery, now: number): { from: Date; to: Date } {
  const to = q.to ? new Date(q.to) : new Date(now);
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) throw errors.field('from', 'after_to', { zh: '开始时间须早于结束时间', en: 'must be earlier than to' });
  if (to.getTime() - from.getTime() > TIMING_MAX_DAYS * DAY_MS) throw errors.field('from', 'range_too_long', { zh: `统计区间最长 ${TIMING_MAX_DAYS} 天`, en: `the period may cover at most ${TIMING_MAX_DAYS} days` });
  return { from, to };
}

/** Every Beijing calendar day the period touches, so quiet days show as zero in the chart. */
function daysOf(from: Date, to: Date): string[] {
  const days: string[] = [];
  const last = BEIJING_DAY.format(new Date(to.getTime() - 1));
  for (let t = from.getTime(); days.length <= TIMING_MAX_DAYS + 1; t += DAY_MS) {
    const day = BEIJING_DAY.format(new Date(t));
    if (days.at(-1) !== day) days.push(day);
    if (day === last) break;
  }
  return days;
}

/**
 * The 1-3-5 minute report of the incidents received in a period, in the viewer's jurisdiction:
 * per station or per Beijing day, and in total. Counting and percentiles happen in PostgreSQL;
 * each jurisdiction's standard and station are resolved once per jurisdiction, not per incident.
 */
export function createTimingPresenter(deps: { db: Database }) {
  const { db } = deps;

  return async function timingReport(ctx: RequestContext, q: TimingQuery): Promise<TimingReport> {
    authorize(ctx.actor, 'incidents.view');
    const { from, to } = period(q, Date.now());
    const key = q.groupBy === 'station' ? sql`a.station_id::text` : sql`to_char(i.received_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
    const { rows } = await sql<AggregateRow>`
      with area as (
        select j.id,
          ${standardSeconds('dispatch_seconds')} as dispatch_limit,
          ${standardSeconds('arrive_seconds')} as arrive_limit,
          (select s.id from jurisdictions s where s.kind = 'station' and s.id = any(string_to_array(trim(both '/' from j.path), '/')::int[]) limit 1) as station_id
        from jurisdictions j
        where j.path like ${scopePrefix(ctx.actor)}
      ), t as (
        select ${key} as k, a.dispatch_limit, a.arrive_limit,
          floor(extract(epoch from i.dispatched_at - i.received_at))::int as ds,
          floor(extract(epoch from i.arrived_at - i.received_at))::int as ar
        from incidents i join area a on a.id = i.jurisdiction_id
        where i.received_at >= ${from} and i.received_at < ${to}
      )
      select k, grouping(k) as is_total,
        count(*)::int as count,
        count(ds)::int as dispatched,
        count(ar)::int as arrived,
        (count(*) filter (where ar is not null and ds is not null and ds <= dispatch_limit and ar <= arrive_limit))::int as compliant,
        percentile_cont(0.5) within group (order by ds) as dispatch_median,
        percentile_cont(0.9) within group (order by ds) as dispatch_p90,
        percentile_cont(0.5) within group (order by ar) as arrive_median,
        percentile_cont(0.9) within group (order by ar) as arrive_p90
      from t
      group by grouping sets ((k), ())
      order by is_total, k
    `.execute(db);

    const total = rows.find((r) => r.is_total === 1);
    const groups = rows.filter((r) => r.is_total === 0);
    const standards = await db.selectFrom('response_standards').select(['area_kind', 'dispatch_seconds', 'arrive_seconds']).orderBy('arrive_seconds').orderBy('area_kind').execute();
    const base = { groupBy: q.groupBy, from: from.toISOString(), to: to.toISOString(), total: figures(total), standards: standards.map((s) => ({ areaKind: s.area_kind, dispatchSeconds: s.dispatch_seconds, arriveSeconds: s.arrive_seconds })) };

    if (q.groupBy === 'day') {
      const byDay = new Map(groups.map((r) => [r.k, r]));
      return { ...base, rows: daysOf(from, to).map((day) => ({ key: day, label: day, ...figures(byDay.get(day)) })) };
    }
    const ids = groups.map((r) => Number(r.k)).filter((n) => Number.isInteger(n) && n > 0);
    const names = ids.length ? await db.selectFrom('jurisdictions').select(['id', 'name']).where('id', 'in', ids).execute() : [];
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const countyLevel = ctx.lang === 'en' ? 'County level' : '县局直属';
    return {
      ...base,
      rows: groups.map((r) => {
        const id = r.k === null ? null : Number(r.k);
        return { key: id, label: id === null ? countyLevel : (nameOf.get(id) ?? String(id)), ...figures(r) };
      }),
    };
  };
}
