import type { Actor, RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Database, Queryable } from '../../app/db/database.js';
import type { PatrolProposalAreaJson, PatrolProposalShiftJson } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { createPlanBody, type CreatePlanInput } from '../tasks/patrols.schemas.js';
import { DAY_MS } from './engine/types.js';
import { chooseAreas } from './hotspots.areas.js';
import { forecastSurface, type ForecastOptions } from './hotspots.forecast.js';
import { forecastOptions, resolveScope } from './hotspots.usecases.js';
import type { ProposalDto, ProposalInput } from './hotspots.schemas.js';

/** What a stored shift carries besides band, units and mode: the forecast it was planned on. */
export interface ProposalShift extends PatrolProposalShiftJson {
  method: string;
  eventCount: number;
  trainStart: string;
  trainEnd: string;
  coverage: number;
  areaShare: number;
}
export interface ProposalArea extends PatrolProposalAreaJson {
  index: number;
  cellM: number;
  cellCentres: { lat: number; lon: number }[];
}

const CHECKPOINTS = { foot: 3, vehicle: 5 } as const;

/**
 * Per shift: a forecast trained on the incidents of that time band, then the shift's groups
 * placed greedily (hotspots.areas.ts). Coverage = the share of the band's predicted risk inside
 * the shift's areas; the proposal's expected coverage is the mean over its shifts.
 */
export async function planPatrols(
  db: Queryable,
  path: string,
  base: Omit<ForecastOptions, 'band' | 'top'>,
  shifts: readonly PatrolProposalShiftJson[],
): Promise<{ shifts: ProposalShift[]; areas: ProposalArea[]; expectedCoverage: number }> {
  const outShifts: ProposalShift[] = [];
  const areas: ProposalArea[] = [];
  for (const shift of shifts) {
    const { forecast, risk, studyCells, centreOf } = await forecastSurface(db, path, { ...base, band: shift.band, top: 1 });
    const total = risk.reduce((s, v) => s + (v > 0 ? v : 0), 0);
    const g = forecast.grid;
    const chosen = chooseAreas(risk, g.cols, shift.units, shift.mode, g.cellM);
    let covered = 0;
    let cellCount = 0;
    chosen.forEach((area, k) => {
      covered += area.risk;
      cellCount += area.cells.length;
      const centres = area.cells.map(centreOf);
      const byRisk = [...area.cells].filter((c, i) => i === 0 || risk[c]! > 0).sort((a, b) => risk[b]! - risk[a]! || a - b).slice(0, CHECKPOINTS[shift.mode]);
      const n = centres.length;
      areas.push({
        index: k + 1,
        band: shift.band,
        mode: shift.mode,
        cells: area.cells,
        cellM: g.cellM,
        cellCentres: centres,
        centre: { lat: centres.reduce((s, c) => s + c.lat, 0) / n, lon: centres.reduce((s, c) => s + c.lon, 0) / n },
        checkpoints: byRisk.map((cell, j) => ({ name: `区域${k + 1}·${j + 1}号点`, ...centreOf(cell) })),
        expectedCoverage: total > 0 ? area.risk / total : 0,
      });
    });
    outShifts.push({
      band: shift.band,
      units: shift.units,
      mode: shift.mode,
      method: forecast.method,
      eventCount: forecast.eventCount,
      trainStart: forecast.trainStart.toISOString(),
      trainEnd: forecast.trainEnd.toISOString(),
      coverage: total > 0 ? Math.min(1, covered / total) : 0,
      areaShare: studyCells > 0 ? Math.min(1, cellCount / studyCells) : 0,
    });
  }
  const expectedCoverage = outShifts.length ? outShifts.reduce((s, x) => s + x.coverage, 0) / outShifts.length : 0;
  return { shifts: outShifts, areas, expectedCoverage };
}

function proposalQuery(db: Queryable, actor: Actor) {
  return db
    .selectFrom('patrol_proposals as p')
    .innerJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .selectAll('p')
    .select(['j.name as jurisdiction_name', 'u.display_name'])
    .where('j.path', 'like', scopePrefix(actor));
}
type ProposalRow = Awaited<ReturnType<ReturnType<typeof proposalQuery>['executeTakeFirstOrThrow']>>;

function present(r: ProposalRow): ProposalDto {
  return {
    id: r.id,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionName: r.jurisdiction_name,
    runId: r.run_id,
    units: r.units,
    shifts: r.shifts as ProposalShift[],
    areas: r.areas as ProposalArea[],
    expectedCoverage: r.expected_coverage,
    status: r.status,
    adoptedPlanIds: r.adopted_plan_ids,
    createdAt: r.created_at.toISOString(),
    createdBy: r.display_name,
    decidedAt: r.decided_at?.toISOString() ?? null,
  };
}

/** The patrol plans an adopted proposal becomes: one per area, named 热点巡逻·band·n, 错时 when the bands differ. */
export function plansFor(jurisdictionId: number, areas: readonly ProposalArea[]): CreatePlanInput[] {
  const staggered = new Set(areas.map((a) => a.band)).size > 1;
  return areas.map((a) => {
    const [bandStart, bandEnd] = a.band.split('-') as [string, string];
    return createPlanBody.parse({ name: `热点巡逻·${a.band}·${a.index}`, jurisdictionId, mode: a.mode, bandStart, bandEnd, weekdays: [1, 2, 3, 4, 5, 6, 7], staggered, checkpoints: a.checkpoints });
  });
}

export function createProposalsUseCases(deps: { db: Database }) {
  const { db } = deps;

  async function load(actor: Actor, id: number) {
    const row = await proposalQuery(db, actor).where('p.id', '=', id).executeTakeFirst();
    if (!row) throw errors.notFound();
    return row;
  }
  function undecided(row: ProposalRow) {
    if (row.status !== 'proposed') throw errors.conflict('hotspots.proposal_decided', { zh: '该巡逻建议已处理', en: 'the proposal has already been decided' });
  }

  return {
    async propose(ctx: RequestContext, input: ProposalInput): Promise<ProposalDto> {
      authorize(ctx.actor, 'hotspots.run');
      input.shifts.forEach((s, i) => {
        if (s.units > input.units) throw errors.field(`shifts.${i}.units`, 'more_than_units', { zh: '本班次的组数超过了巡逻组总数', en: 'more groups than the units available' });
        const [a, b] = s.band.split('-');
        if (a === b) throw errors.field(`shifts.${i}.band`, 'same_as_start', { zh: '时段的结束时间不能与开始时间相同', en: 'the band must end at another time than it starts' });
      });
      let base: Omit<ForecastOptions, 'band' | 'top'>;
      let jurisdictionId: number;
      let path: string;
      if (input.runId) {
        const run = await db
          .selectFrom('hotspot_runs as r')
          .innerJoin('jurisdictions as j', 'j.id', 'r.jurisdiction_id')
          .select(['r.jurisdiction_id', 'j.path', 'r.method', 'r.kind', 'r.params', 'r.cell_m', 'r.target_start', 'r.target_end'])
          .where('r.id', '=', input.runId)
          .where('j.path', 'like', scopePrefix(ctx.actor))
          .executeTakeFirst();
        if (!run) throw errors.notFound();
        const { method, params } = forecastOptions({ method: run.method, params: Object.fromEntries(Object.entries(run.params).map(([k, v]) => [k, Number(v)])) });
        jurisdictionId = run.jurisdiction_id;
        path = run.path;
        base = { at: run.target_start, horizonDays: Math.max(1, Math.round((run.target_end.getTime() - run.target_start.getTime()) / DAY_MS)), kind: run.kind, method: method.name, params, cellM: run.cell_m };
      } else {
        const { method, params } = forecastOptions(input);
        const scope = await resolveScope(db, ctx.actor, input.jurisdictionId);
        jurisdictionId = scope.id;
        path = scope.path;
        base = { at: input.at ? new Date(input.at) : new Date(), horizonDays: input.horizonDays ?? 7, kind: input.kind ?? null, method: method.name, params, cellM: input.cellM ?? 250 };
      }
      const plan = await planPatrols(db, path, base, input.shifts);
      const actor = ctx.actor;
      const id = await audited(db, ctx, async (trx, audit) => {
        const row = await trx
          .insertInto('patrol_proposals')
          .values({ jurisdiction_id: jurisdictionId, run_id: input.runId ?? null, units: input.units, shifts: JSON.stringify(plan.shifts), areas: JSON.stringify(plan.areas), expected_coverage: plan.expectedCoverage, created_by: actor.kind === 'user' ? actor.userId : null })
          .returning('id')
          .executeTakeFirstOrThrow();
        audit({ action: 'patrol.proposed', entityType: 'patrol_proposal', entityId: row.id, jurisdictionId, change: { runId: input.runId ?? null, units: input.units, shifts: input.shifts.map((s) => `${s.band} ${s.mode}×${s.units}`), areas: plan.areas.length, expectedCoverage: Math.round(plan.expectedCoverage * 1000) / 1000 } });
        return row.id;
      });
      return present(await load(ctx.actor, id));
    },

    async list(ctx: RequestContext, jurisdictionId?: number) {
      authorize(ctx.actor, 'hotspots.view');
      const scope = jurisdictionId ? await resolveScope(db, ctx.actor, jurisdictionId) : null;
      const rows = await proposalQuery(db, ctx.actor)
        .$if(scope !== null, (qb) => qb.where('j.path', 'like', `${scope!.path}%`))
        .orderBy('p.created_at', 'desc')
        .orderBy('p.id', 'desc')
        .limit(50)
        .execute();
      return { items: rows.map(present) };
    },

    async get(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'hotspots.view');
      return present(await load(ctx.actor, id));
    },

    /** 采纳: one patrol plan per area, as the patrol-plan form would make it, in one transaction with the decision. */
    async adopt(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'hotspots.run');
      authorize(ctx.actor, 'patrols.manage');
      const row = await load(ctx.actor, id);
      undecided(row);
      const plans = plansFor(row.jurisdiction_id, row.areas as ProposalArea[]);
      const actor = ctx.actor;
      const userId = actor.kind === 'user' ? actor.userId : null;
      await audited(db, ctx, async (trx, audit) => {
        const ids: number[] = [];
        for (const p of plans) {
          const plan = await trx
            .insertInto('patrol_plans')
            .values({ name: p.name, jurisdiction_id: p.jurisdictionId, mode: p.mode, band_start: p.bandStart, band_end: p.bandEnd, weekdays: [...new Set(p.weekdays)].sort(), staggered: p.staggered, team_id: null, checkpoints: JSON.stringify(p.checkpoints), created_by: userId })
            .returning('id')
            .executeTakeFirstOrThrow();
          ids.push(plan.id);
          audit({ action: 'patrol.planned', entityType: 'patrol_plan', entityId: plan.id, jurisdictionId: p.jurisdictionId, change: { name: p.name, mode: p.mode, band: `${p.bandStart}-${p.bandEnd}`, checkpoints: p.checkpoints.length, proposalId: id } });
        }
        // Decided only if still undecided: a concurrent decision makes this a conflict, not a second set of plans.
        const done = await trx.updateTable('patrol_proposals').set({ status: 'adopted', adopted_plan_ids: ids, decided_by: userId, decided_at: new Date() }).where('id', '=', id).where('status', '=', 'proposed').executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw errors.conflict('hotspots.proposal_decided', { zh: '该巡逻建议已处理', en: 'the proposal has already been decided' });
        audit({ action: 'patrol.proposal_adopted', entityType: 'patrol_proposal', entityId: id, jurisdictionId: row.jurisdiction_id, change: { planIds: ids } });
      });
      return present(await load(ctx.actor, id));
    },

    async dismiss(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'hotspots.run');
      const row = await load(ctx.actor, id);
      undecided(row);
      const actor = ctx.actor;
      await audited(db, ctx, async (trx, audit) => {
        const done = await trx
          .updateTable('patrol_proposals')
          .set({ status: 'dismissed', decided_by: actor.kind === 'user' ? actor.userId : null, decided_at: new Date() })
          .where('id', '=', id)
          .where('status', '=', 'proposed')
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw errors.conflict('hotspots.proposal_decided', { zh: '该巡逻建议已处理', en: 'the proposal has already been decided' });
        audit({ action: 'patrol.proposal_dismissed', entityType: 'patrol_proposal', entityId: id, jurisdictionId: row.jurisdiction_id });
      });
      return present(await load(ctx.actor, id));
    },
  };
}
