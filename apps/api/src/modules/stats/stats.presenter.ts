import { change, share } from '@fengqiao/shared';
import { sql, type RawBuilder } from 'kysely';
import type { RequestContext } from '../../app/actor.js';
import { CUSTOM_PLAN, type Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize, inScope, pathIds } from '../../app/policy.js';
import { beijingDay, resolvePeriod, segments, trendBucket, type DayRange } from './stats.period.js';
import { contributions, unfoldedWhere } from './stats.rollup.js';
import { METRICS, RATES, type Categories, type Figures, type Metric, type Overview, type StatsQuery, type Trend } from './stats.schemas.js';

/** Named ranges counted in one pass: c = current, y = 同比 base, m = 环比 base. */
type Tag = 'c' | 'y' | 'm';
interface Tagged {
  tag: Tag;
  range: DayRange;
}

export interface Counts {
  received: number;
  valid: number;
  criminal: number;
  publicOrder: number;
  help: number;
  filed: number;
  solved: number;
  arrived: number;
  compliant: number;
  disputesScreened: number;
  disputesResolved: number;
}
export const zeroCounts = (): Counts => ({ received: 0, valid: 0, criminal: 0, publicOrder: 0, help: 0, filed: 0, solved: 0, arrived: 0, compliant: 0, disputesScreened: 0, disputesResolved: 0 });

const KIND_LABELS: Record<string, { zh: string; en: string }> = {
  criminal: { zh: '刑事警情', en: 'Criminal' },
  public_order: { zh: '治安警情', en: 'Public order' },
  traffic: { zh: '交通警情', en: 'Traffic' },
  fire: { zh: '火灾警情', en: 'Fire' },
  help: { zh: '求助警情', en: 'Help' },
  dispute: { zh: '纠纷警情', en: 'Dispute' },
  report: { zh: '举报', en: 'Report' },
  complaint: { zh: '投诉', en: 'Complaint' },
  other: { zh: '其他', en: 'Other' },
};

const values = (ranges: Tagged[]) => sql.join(ranges.map((r) => sql`(${r.tag}, ${r.range.from}::date, ${r.range.to}::date)`));

/**
 * Rows (tag, d, jurisdiction_id, kind, category_code, counts…) for the tagged ranges: whole
 * months from the monthly rollup, loose days from the daily rollup, and the incidents the job has
 * not folded yet counted live. `by` picks the kind rollups or the category rollups. Each rollup
 * branch is summed per jurisdiction and kind (and day only when `byDay`) before anything joins it:
 * a county year reads ~140,000 rollup rows, and joining and sorting them whole took most of a
 * second.
 */
function source(ranges: Tagged[], by: 'kind' | 'category', unfolded: RawBuilder<unknown>, byDay: boolean, scope?: string): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  // With `scope` (a path prefix) the branches keep only that subtree and drop the jurisdiction
  // (a per-day trend needs no per-jurisdiction rows): fewer rows out of every branch.
  const inScope = scope ? sql`and jurisdiction_id in (select id from jurisdictions where path like ${scope})` : sql``;
  const jid = scope ? sql`0` : sql`jurisdiction_id`;
  const sums = sql`sum(received)::int as received, sum(valid)::int as valid, sum(filed)::int as filed, sum(solved)::int as solved, sum(arrived)::int as arrived, sum(compliant)::int as compliant`;
  const branch = (tag: Tag, period: 'day' | 'month', from: string, to: string) => {
    const d = byDay ? sql.ref(period) : sql`null::date`;
    const table = sql.table(`stats_${by}_${period}s`);
    return sql`select ${tag}::text as tag, ${d} as d, ${jid} as jurisdiction_id, kind, category_code, ${sums} from ${table}
      where ${sql.ref(period)} >= ${from}::date and ${sql.ref(period)} < ${to}::date ${inScope} group by 2, 3, 4, 5`;
  };
  for (const { tag, range } of ranges) {
    const seg = segments(range);
    if (seg.months) parts.push(branch(tag, 'month', seg.months.from, seg.months.to));
    for (const d of seg.days) parts.push(branch(tag, 'day', d.from, d.to));
  }
  const category = by === 'category' ? sql`l.category_code` : sql`''`;
  parts.push(sql`
    select r.tag, l.day as d, l.jurisdiction_id, l.kind, ${category}, l.received, l.valid, l.filed, l.solved, l.arrived, l.compliant
    from (${contributions(unfolded)}) l
    join (values ${values(ranges)}) as r(tag, f, t) on l.day >= r.f and l.day < r.t
    where true ${scope ? sql`and l.jurisdiction_id in (select id from jurisdictions where path like ${scope})` : sql``}`);
  return sql.join(parts, sql` union all `);
}

interface SumRow {
  tag: Tag;
  g: string;
  kind: string;
  received: number;
  valid: number;
  filed: number;
  solved: number;
  arrived: number;
  compliant: number;
}

/** Sums the rollups under `prefix` for the ranges, grouped by `group` (an expression over j and s). */
async function sumIncidents(db: Database, prefix: string, ranges: Tagged[], by: 'kind' | 'category', group: RawBuilder<string>): Promise<SumRow[]> {
  const { rows } = await sql<SumRow>`${sql.raw(CUSTOM_PLAN)}
    select s.tag, ${group} as g, s.kind,
      sum(s.received)::int as received, sum(s.valid)::int as valid, sum(s.filed)::int as filed,
      sum(s.solved)::int as solved, sum(s.arrived)::int as arrived, sum(s.compliant)::int as compliant
    from (${source(ranges, by, await unfoldedWhere(db), false)}) s
    join jurisdictions j on j.id = s.jurisdiction_id
    where j.path like ${prefix}
    group by 1, 2, 3`.execute(db);
  return rows;
}

/** Sums under `prefix` for the ranges per day, grouped by `group` (an expression over s.d): the trend. */
async function sumByDay(db: Database, prefix: string, ranges: Tagged[], group: RawBuilder<string>): Promise<SumRow[]> {
  const { rows } = await sql<SumRow>`${sql.raw(CUSTOM_PLAN)}
    select s.tag, ${group} as g, s.kind,
      sum(s.received)::int as received, sum(s.valid)::int as valid, sum(s.filed)::int as filed,
      sum(s.solved)::int as solved, sum(s.arrived)::int as arrived, sum(s.compliant)::int as compliant
    from (${source(ranges, 'kind', await unfoldedWhere(db), true, prefix)}) s
    group by 1, 2, 3`.execute(db);
  return rows;
}

/** Dispute cases opened (摸排) in the ranges, and those of them closed as resolved (化解). */
async function sumDisputes(db: Database, prefix: string, ranges: Tagged[], group: RawBuilder<string>) {
  const { rows } = await sql<{ tag: Tag; g: string; screened: number; resolved: number }>`${sql.raw(CUSTOM_PLAN)}
    select r.tag, ${group} as g, count(*)::int as screened,
      (count(*) filter (where dc.stage = 'closed' and dc.resolution = 'resolved'))::int as resolved
    from dispute_cases dc
    join (values ${values(ranges)}) as r(tag, f, t)
      on dc.created_at >= (r.f::timestamp at time zone 'Asia/Shanghai') and dc.created_at < (r.t::timestamp at time zone 'Asia/Shanghai')
    join jurisdictions j on j.id = dc.jurisdiction_id
    where j.path like ${prefix}
    group by 1, 2`.execute(db);
  return rows;
}

function addRow(c: Counts, r: SumRow): void {
  c.received += r.received;
  c.valid += r.valid;
  c.filed += r.filed;
  c.solved += r.solved;
  c.arrived += r.arrived;
  c.compliant += r.compliant;
  if (r.kind === 'criminal') c.criminal += r.valid;
  if (r.kind === 'public_order') c.publicOrder += r.valid;
  if (r.kind === 'help') c.help += r.valid;
}

const rateOf = (c: Counts): Record<(typeof RATES)[number], number | null> => ({
  criminalShare: share(c.criminal, c.valid),
  publicOrderShare: share(c.publicOrder, c.valid),
  helpShare: share(c.help, c.valid),
  resolutionRate: share(c.disputesResolved, c.disputesScreened),
  complianceRate: share(c.compliant, c.arrived),
});

export function figuresOf(cur: Counts, yearEarlier: Counts, previous: Counts): Figures {
  const metrics = Object.fromEntries(METRICS.map((m: Metric) => [m, { value: cur[m], yoy: change(cur[m], yearEarlier[m]), mom: change(cur[m], previous[m]) }])) as Figures['metrics'];
  const [rc, ry, rm] = [rateOf(cur), rateOf(yearEarlier), rateOf(previous)];
  const rates = Object.fromEntries(RATES.map((r) => [r, { value: rc[r], yearEarlier: ry[r], previous: rm[r] }])) as Figures['rates'];
  return { metrics, rates };
}

/** Per group key: counts per tag. */
class Table {
  readonly groups = new Map<string, Record<Tag, Counts>>();
  at(g: string): Record<Tag, Counts> {
    let e = this.groups.get(g);
    if (!e) this.groups.set(g, (e = { c: zeroCounts(), y: zeroCounts(), m: zeroCounts() }));
    return e;
  }
  total(): Record<Tag, Counts> {
    const t = { c: zeroCounts(), y: zeroCounts(), m: zeroCounts() };
    for (const e of this.groups.values())
      for (const tag of ['c', 'y', 'm'] as const) for (const k of Object.keys(t.c) as (keyof Counts)[]) t[tag][k] += e[tag][k];
    return t;
  }
}

/** The statistics pages' figures: read-only, scoped to the viewer's jurisdiction. */
export function createStatsPresenter(deps: { db: Database }) {
  const { db } = deps;

  async function nodeOf(ctx: RequestContext, nodeId: number | undefined) {
    const { actor } = ctx;
    const id = nodeId ?? (actor.kind === 'user' ? actor.jurisdictionId : undefined);
    if (id === undefined) throw errors.forbidden();
    const node = await db.selectFrom('jurisdictions').select(['id', 'name', 'kind', 'path']).where('id', '=', id).executeTakeFirst();
    // Another station's figures are not there for this viewer: same answer as a missing node.
    if (!node || !inScope(actor, node.path)) throw errors.notFound();
    const chain = await db.selectFrom('jurisdictions').select(['id', 'name', 'kind', 'path']).where('id', 'in', pathIds(node.path)).execute();
    const breadcrumbs = chain
      .filter((j) => inScope(actor, j.path))
      .sort((a, b) => a.path.length - b.path.length)
      .map(({ id: i, name, kind }) => ({ id: i, name, kind }));
    return { node, breadcrumbs, depth: pathIds(node.path).length };
  }

  function ranges(q: StatsQuery) {
    const p = resolvePeriod(q, beijingDay(new Date()));
    const tagged: Tagged[] = [
      { tag: 'c', range: p.current },
      { tag: 'y', range: p.yearEarlier },
      { tag: 'm', range: p.previous },
    ];
    return { p, tagged };
  }

  return {
    async overview(ctx: RequestContext, q: StatsQuery): Promise<Overview> {
      authorize(ctx.actor, 'stats.view');
      const { node, breadcrumbs, depth } = await nodeOf(ctx, q.node);
      const { p, tagged } = ranges(q);
      const prefix = `${node.path}%`;
      const child = sql<string>`split_part(j.path, '/', ${depth + 2})`;
      const [incidents, disputes, children] = await Promise.all([
        sumIncidents(db, prefix, tagged, 'kind', child),
        sumDisputes(db, prefix, tagged, child),
        db
          .selectFrom('jurisdictions as j')
          .select(['j.id', 'j.name', 'j.kind'])
          .select((eb) => eb.exists(eb.selectFrom('jurisdictions as c').select('c.id').whereRef('c.parent_id', '=', 'j.id')).as('drillable'))
          .where('j.parent_id', '=', node.id)
          .where('j.archived_at', 'is', null)
          .orderBy('j.sort')
          .orderBy('j.id')
          .execute(),
      ]);
      const table = new Table();
      const kinds = new Table();
      for (const r of incidents) {
        addRow(table.at(r.g)[r.tag], r);
        addRow(kinds.at(r.kind)[r.tag], r);
      }
      for (const r of disputes) {
        const e = table.at(r.g)[r.tag];
        e.disputesScreened += r.screened;
        e.disputesResolved += r.resolved;
      }
      const t = table.total();
      const rows: Overview['rows'] = children.map((c) => {
        const e = table.at(String(c.id));
        return { id: c.id, name: c.name, kind: c.kind, direct: false, drillable: Boolean(c.drillable), figures: figuresOf(e.c, e.y, e.m) };
      });
      const direct = table.groups.get('');
      if (direct) rows.push({ id: node.id, name: node.name, kind: node.kind, direct: true, drillable: false, figures: figuresOf(direct.c, direct.y, direct.m) });

      const byKind = [...kinds.groups.entries()]
        .map(([kind, e]) => ({ kind, label: KIND_LABELS[kind]?.[ctx.lang] ?? kind, yoy: change(e.c.valid, e.y.valid), mom: change(e.c.valid, e.m.valid) }))
        .sort((a, b) => b.yoy.current - a.yoy.current);
      return {
        node: { id: node.id, name: node.name, kind: node.kind },
        breadcrumbs,
        period: { kind: p.kind, current: p.current, yearEarlier: p.yearEarlier, previous: p.previous, toDate: p.toDate },
        total: figuresOf(t.c, t.y, t.m),
        rows,
        byKind,
      };
    },

    /** Valid calls by category (the 15 largest) against the same period a year earlier. */
    async categories(ctx: RequestContext, q: StatsQuery): Promise<Categories> {
      authorize(ctx.actor, 'stats.view');
      const { node } = await nodeOf(ctx, q.node);
      const { tagged } = ranges(q);
      const categories = await sumIncidents(db, `${node.path}%`, tagged.slice(0, 2), 'category', sql<string>`s.category_code`);
      const byCat = new Map<string, { kind: string; c: number; y: number }>();
      for (const r of categories) {
        const e = byCat.get(r.g) ?? { kind: r.kind, c: 0, y: 0 };
        e[r.tag === 'c' ? 'c' : 'y'] += r.valid;
        byCat.set(r.g, e);
      }
      const top = [...byCat.entries()].sort((a, b) => b[1].c - a[1].c || b[1].y - a[1].y).slice(0, 15);
      const names = top.length ? await db.selectFrom('incident_categories').select(['code', 'name_zh', 'name_en']).where('code', 'in', top.map(([code]) => code)).execute() : [];
      const nameOf = new Map(names.map((n) => [n.code, ctx.lang === 'en' ? n.name_en : n.name_zh]));
      return top.map(([code, e]) => ({ code, label: nameOf.get(code) ?? code, kind: e.kind, yoy: change(e.c, e.y) }));
    },

    /** Valid calls per day, week or month of the period, beside the same bucket a year earlier. */
    async trend(ctx: RequestContext, q: StatsQuery): Promise<Trend> {
      authorize(ctx.actor, 'stats.view');
      const { node } = await nodeOf(ctx, q.node);
      const { p } = ranges(q);
      const bucket = trendBucket(p.current);
      // The year-earlier rows land in the bucket of the same date one year on.
      const base = sql`(case when s.tag = 'y' then (s.d + interval '1 year')::date else s.d end)`;
      const key =
        bucket === 'month' ? sql<string>`to_char(${base}, 'YYYY-MM')` : bucket === 'week' ? sql<string>`to_char(date_trunc('week', ${base}), 'YYYY-MM-DD')` : sql<string>`to_char(${base}, 'YYYY-MM-DD')`;
      // A month bucket reads whole months from the monthly rollup; the day rollup only for loose days.
      const rows = await sumByDay(
        db,
        `${node.path}%`,
        [
          { tag: 'c', range: p.current },
          { tag: 'y', range: p.yearEarlier },
        ],
        key,
      );
      const points = new Map<string, Trend['points'][number]>();
      const point = (k: string) => {
        let e = points.get(k);
        if (!e) points.set(k, (e = { key: k, valid: 0, validYearEarlier: 0, criminal: 0, publicOrder: 0, help: 0, filed: 0, solved: 0 }));
        return e;
      };
      for (const r of rows) {
        if (r.tag === 'y') {
          point(r.g).validYearEarlier += r.valid;
          continue;
        }
        const e = point(r.g);
        e.valid += r.valid;
        e.filed += r.filed;
        e.solved += r.solved;
        if (r.kind === 'criminal') e.criminal += r.valid;
        if (r.kind === 'public_order') e.publicOrder += r.valid;
        if (r.kind === 'help') e.help += r.valid;
      }
      return { bucket, points: [...points.values()].sort((a, b) => a.key.localeCompare(b.key)) };
    },
  };
}
export type StatsPresenter = ReturnType<typeof createStatsPresenter>;
