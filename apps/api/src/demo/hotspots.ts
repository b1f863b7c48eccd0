import { forecastSurface } from '../modules/hotspots/hotspots.forecast.js';
import { plansFor, planPatrols } from '../modules/hotspots/hotspots.proposals.js';
import { insertRun } from '../modules/hotspots/hotspots.usecases.js';
import type { DemoContext } from './context.js';

// Hotspot prediction and patrol proposals of the demo county (after the patrol plans): per station
// one saved forecast for the coming week (all incidents, 250 m cells, the naive count: the model
// methods take seconds per forecast and the demo is built at first start; the page recomputes with
// the recommended method on one click) and one
// patrol proposal drawn from it for an evening foot shift and a night vehicle shift (错时). The
// first station's proposal is adopted (its patrol plans exist); the others wait for a decision.

const SHIFTS = [
  { band: '19:00-23:00', units: 2, mode: 'foot' as const },
  { band: '22:00-02:00', units: 1, mode: 'vehicle' as const },
];

export async function seedHotspots(ctx: DemoContext): Promise<void> {
  const { trx, today } = ctx;
  const method = 'naive';
  let first = true;
  for (const station of ctx.county.stations) {
    const chief = ctx.county.users.find((u) => u.role === 'chief' && u.jurisdictionId === station.unit.id);
    const userId = chief?.id ?? null;
    const base = { at: today, horizonDays: 7, kind: null, method, cellM: 250 };
    const { forecast } = await forecastSurface(trx, station.unit.path, { ...base, top: 2500 });
    if (forecast.eventCount === 0) continue;
    const run = await insertRun(trx, station.unit.id, forecast, null, userId);
    const plan = await planPatrols(trx, station.unit.path, { ...base, params: forecast.params }, SHIFTS);
    const proposal = await trx
      .insertInto('patrol_proposals')
      .values({ jurisdiction_id: station.unit.id, run_id: run.id, units: 2, shifts: JSON.stringify(plan.shifts), areas: JSON.stringify(plan.areas), expected_coverage: plan.expectedCoverage, created_by: userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!first || plan.areas.length === 0) continue;
    first = false;
    const ids: number[] = [];
    for (const p of plansFor(station.unit.id, plan.areas)) {
      const row = await trx
        .insertInto('patrol_plans')
        .values({ name: p.name, jurisdiction_id: p.jurisdictionId, mode: p.mode, band_start: p.bandStart, band_end: p.bandEnd, weekdays: p.weekdays, staggered: p.staggered, team_id: null, checkpoints: JSON.stringify(p.checkpoints), created_by: userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    await trx.updateTable('patrol_proposals').set({ status: 'adopted', adopted_plan_ids: ids, decided_by: userId, decided_at: today }).where('id', '=', proposal.id).execute();
  }
}
