import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { matchAddress } from '../places/places.matcher.js';
import { normaliseAddress, type Resolved, type RowError } from './imports.validate.js';

/** A messy address is taken when the matcher is this sure; below it the row shows the nearest candidate. */
export const ACCEPT_CONFIDENCE = 0.9;
/** Free-text matching costs ~10 ms a row: a sheet with more unmatched rows than this shows them as errors. */
const MAX_LOOKUPS = 2000;

interface Checked {
  data: Record<string, string>;
  errors: RowError[];
  resolved: Resolved;
}

/**
 * Second pass over the rows whose address matched no standard address exactly: the free-text
 * matcher accepts confident matches ("东湖新村3栋2单元502") and names its best guess otherwise.
 */
export async function resolveMessyAddresses(db: Queryable, actor: Actor, rows: Checked[], revalidate: (data: Record<string, string>) => { errors: RowError[]; resolved: Resolved }): Promise<void> {
  const cache = new Map<string, Awaited<ReturnType<typeof matchAddress>>>();
  let lookups = 0;
  for (const row of rows) {
    const i = row.errors.findIndex((e) => e.rule === 'address_unmatched');
    if (i < 0) continue;
    const text = (row.data.address ?? '').trim();
    const key = normaliseAddress(text);
    let match = cache.get(key);
    if (!match) {
      if (lookups >= MAX_LOOKUPS) continue;
      lookups++;
      match = await matchAddress(db, actor, text, { exactFirst: true });
      cache.set(key, match);
    }
    const best = match.best;
    if (best && best.confidence >= ACCEPT_CONFIDENCE) {
      // The row now carries the standard address, and is checked again with it (a known rental
      // house, for one, needs no landlord columns).
      row.data.address = best.address.fullName;
      const again = revalidate(row.data);
      row.errors.splice(0, row.errors.length, ...again.errors);
      for (const k of Object.keys(row.resolved)) delete row.resolved[k];
      Object.assign(row.resolved, again.resolved);
    } else if (best) {
      const pct = Math.round(best.confidence * 100);
      row.errors[i] = {
        column: 'address',
        rule: 'address_unmatched',
        message: { zh: `未找到确切的标准地址；最接近：${best.address.fullName}（可信度 ${pct}%）`, en: `no exact standard address; nearest: ${best.address.fullName} (${pct}% sure)` },
      };
    }
  }
}
