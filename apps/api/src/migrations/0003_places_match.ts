import { sql, type Kysely } from 'kysely';

// Address matching looks for named places (county … compound) first: a small GIN index of their
// grams only, so the planner uses it instead of scanning every room of the county.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index addresses_place_grams_idx on addresses using gin (grams)
      where level in ('county', 'town', 'community', 'compound') and archived_at is null
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
