import type { Queryable } from './db/database.js';

/**
 * One of the bureau's settings in `app_settings` (a JSON value under a key such as
 * 'incidents.risk' or 'reviews.rules'): each module reads its value over its own defaults.
 */
export async function readSetting(db: Queryable, key: string): Promise<{ value: unknown; updatedAt: Date | null }> {
  const row = await db.selectFrom('app_settings').select(['value', 'updated_at']).where('key', '=', key).executeTakeFirst();
  return { value: row?.value, updatedAt: row?.updated_at ?? null };
}

/** Writes a setting's whole value (inserted the first time), stamping when it changed. */
export async function writeSetting(db: Queryable, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('app_settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: new Date() }))
    .execute();
}
