import type { Database } from '../../app/db/database.js';
import { foldIncidents } from './stats.rollup.js';

/** Job `stats.rollup`: folds newly received incidents into the statistics rollups. */
export const rollupStats = (db: Database, now: Date): Promise<number> => foldIncidents(db, now);
