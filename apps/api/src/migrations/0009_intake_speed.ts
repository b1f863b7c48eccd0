import { sql, type Kysely } from 'kysely';

// Intake speed. The address matcher keeps its answers in memory for texts it has seen; this
// counter tells it when they may have gone stale: any statement that writes standard addresses or
// jurisdictions (names, paths, archiving, scope) bumps it, and a cached answer is used only while
// the counter still has the value it was computed under.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table address_match_version (
      id boolean primary key default true check (id),
      version bigint not null default 0
    );
    insert into address_match_version default values;

    create function bump_address_match_version() returns trigger language plpgsql as $$
    begin
      update address_match_version set version = version + 1;
      return null;
    end
    $$;
    create trigger addresses_match_version after insert or update or delete or truncate on addresses
      for each statement execute function bump_address_match_version();
    create trigger jurisdictions_match_version after insert or update or delete or truncate on jurisdictions
      for each statement execute function bump_address_match_version();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
