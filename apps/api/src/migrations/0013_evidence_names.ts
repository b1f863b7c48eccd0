import { sql, type Kysely } from 'kysely';

// Files are stored once per checksum; the name an evidence item was uploaded under belongs to
// the evidence row, so the same bytes uploaded twice keep both names.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table case_evidence add column file_name text check (length(file_name) between 1 and 200)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
