import { sql, type Kysely } from 'kysely';

// Named parties of an incident: an identity number given at intake is sealed on the party row
// itself (the party need not be a registered person), and each party carries the key that
// repeat linking by named party uses: the person record when linked, else the keyed hash of the
// identity number. Repeat rules for named parties are data like the others.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table incident_parties
      add column id_number_enc text,
      add column id_number_hash text,
      add column id_number_masked text,
      add column link_key text;
    create index incident_parties_link_key_idx on incident_parties (link_key) where link_key is not null;
    create index incident_parties_hash_idx on incident_parties (id_number_hash) where id_number_hash is not null;

    insert into repeat_rules (name, link_by, window_days, threshold, level) values
      ('同一当事人90天内涉警2次', 'party', 90, 2, 'blue'),
      ('同一当事人90天内涉警3次', 'party', 90, 3, 'yellow'),
      ('同一当事人90天内涉警5次', 'party', 90, 5, 'orange');
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
