import { sql, type Kysely } from 'kysely';

// The read-back projection of migration 0017 (the view incident_answer_rows and its one-row
// function incident_intake_row) has had no caller since the API builds a created incident's answer
// itself (migration 0021, incidents.answer.ts): a second copy of the repository's columns in SQL
// that could only drift. The incident as answered is the repository's read
// (incidents.repository.ts), held equal to the built answer by incidents.intake.test.ts.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop function incident_intake_row(bigint, text);
    drop view incident_answer_rows;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
