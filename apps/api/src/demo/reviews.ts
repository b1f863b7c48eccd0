import { addDays, dayStart } from '../modules/followups/followups.days.js';
import { buildReview, reviewedUnits, saveReview } from '../modules/reviews/reviews.generator.js';
import { REVIEW_HOUR } from '../modules/reviews/reviews.jobs.js';
import { mondayOf } from '../modules/reviews/reviews.weeks.js';
import type { DemoContext } from './context.js';

/** How many past weeks of Monday reviews the demo county has. */
const WEEKS = 4;

/**
 * 每周研判 for the last four weeks, for the county and each station, made by the same generator
 * the Monday job uses, as of each Monday 06:00 (so the figures are what the job would have shown).
 * It draws no random numbers: the reviews follow from the incidents, cases and warnings before it.
 */
export async function seedReviews(ctx: DemoContext): Promise<void> {
  const units = await reviewedUnits(ctx.trx);
  const thisMonday = mondayOf(ctx.today);
  for (let k = WEEKS - 1; k >= 0; k--) {
    const at = new Date(dayStart(addDays(thisMonday, -7 * k)).getTime() + REVIEW_HOUR * 3600_000);
    for (const unit of units) {
      // Earlier weeks forecast with the naive count (milliseconds) to keep the first start short;
      // the latest week's review uses the engine's default method, as the Monday job does.
      const content = await buildReview(ctx.trx, unit, at, undefined, k === 0 ? {} : { forecastMethod: 'naive' });
      await saveReview(ctx.trx, { jurisdictionId: unit.id, content, generatedBy: null, now: at, replace: true });
    }
  }
}
