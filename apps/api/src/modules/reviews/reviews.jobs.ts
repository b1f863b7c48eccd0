import type { Database } from '../../app/db/database.js';
import { buildReview, reviewedUnits, saveReview } from './reviews.generator.js';
import { isoDow, reviewedWeek, shanghaiHour } from './reviews.weeks.js';
import { shanghaiDay } from '../followups/followups.days.js';

/** The Monday review is made from this hour (Beijing time) on Monday. */
export const REVIEW_HOUR = 6;

/**
 * 每周研判: on Monday from 06:00 Beijing time, makes the review of last week for every station and
 * the county that has none yet. The runner starts it hourly under an advisory lock; a review that
 * exists (made earlier, or on demand) is kept, so running it again the same week makes nothing.
 * Returns how many reviews it made.
 */
export async function makeMondayReviews(db: Database, now: Date): Promise<number> {
  if (isoDow(shanghaiDay(now)) !== 1 || shanghaiHour(now) < REVIEW_HOUR) return 0;
  const week = reviewedWeek(now);
  const units = await reviewedUnits(db);
  const existing = new Set(
    (await db.selectFrom('weekly_reviews').select('jurisdiction_id').where('week_start', '=', week.from).execute()).map((r) => r.jurisdiction_id),
  );
  let made = 0;
  for (const unit of units) {
    if (existing.has(unit.id)) continue;
    const content = await buildReview(db, unit, now, week);
    if ((await saveReview(db, { jurisdictionId: unit.id, content, generatedBy: null, now, replace: false })) !== null) made++;
  }
  return made;
}
