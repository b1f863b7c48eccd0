import { sql } from 'kysely';
import { hashPassword } from '../app/auth/passwords.js';
import type { IdentityCipher } from '../app/crypto.js';
import type { Database } from '../app/db/database.js';
import type { DemoContext, DemoStep } from './context.js';
import { seedOrganisation } from './organisation.js';
import { seedDepartments, seedUsers } from './people.js';
import { seedPlaces } from './places.js';
import { seedPopulation } from './population.js';
import { seedRentals } from './rentals.js';
import { seedIncidents } from './incidents.js';
import { seedCases } from './cases.js';
import { seedVolunteers } from './volunteers.js';
import { seedTasks } from './tasks.js';
import { seedHotspots } from './hotspots.js';
import { seedTips } from './tips.js';
import { seedBroadcasts } from './broadcasts.js';
import { seedStats } from './stats.js';
import { seedReviews } from './reviews.js';
import { createRandom } from './random.js';

export const DEMO_SEED = 20_261_124;

/**
 * The demo county, built step by step. Each capability appends its step here and reads what
 * earlier steps left in `ctx.county`; every step draws from its own forked random stream.
 */
export const DEMO_STEPS: { name: string; run: DemoStep }[] = [
  { name: 'organisation', run: seedOrganisation },
  { name: 'departments', run: seedDepartments },
  { name: 'users', run: seedUsers },
  { name: 'places', run: seedPlaces },
  { name: 'population', run: seedPopulation },
  { name: 'rentals', run: seedRentals },
  { name: 'incidents', run: seedIncidents },
  { name: 'cases', run: seedCases },
  { name: 'volunteers', run: seedVolunteers },
  { name: 'tasks', run: seedTasks },
  { name: 'hotspots', run: seedHotspots },
  { name: 'broadcasts', run: seedBroadcasts },
  { name: 'tips', run: seedTips },
  { name: 'stats', run: seedStats },
  { name: 'reviews', run: seedReviews },
];

export const DEMO_USERNAMES = ['demo-admin', 'demo-bureau', 'demo-chief', 'demo-officer', 'demo-auxiliary', 'demo-grid', 'demo-mediator', 'demo-partner', 'demo-volunteer', 'demo-landlord'] as const;

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const row = await db.selectFrom('jurisdictions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n === 0;
}

export interface SeedOptions {
  password: string;
  identity: IdentityCipher;
  scale?: number;
  seed?: number;
  today?: Date;
  /** Steps to leave out (a benchmark loads its own incidents). */
  without?: string[];
}

/** Builds the whole demo county in one transaction: all of it or nothing. */
export async function seedDemoCounty(db: Database, options: SeedOptions): Promise<{ seconds: number; counts: Record<string, number> }> {
  const started = Date.now();
  const passwordHash = await hashPassword(options.password);
  const scale = Math.max(1, Math.floor(options.scale ?? 1));
  await db.transaction().execute(async (trx) => {
    const ctx: DemoContext = {
      trx,
      rng: createRandom(options.seed ?? DEMO_SEED),
      scale,
      passwordHash,
      today: options.today ?? new Date(),
      identity: options.identity,
      county: { bureau: undefined as never, stations: [], departments: [], users: [], dwellings: [] },
    };
    for (const step of DEMO_STEPS) if (!options.without?.includes(step.name)) await step.run(ctx);
    await trx
      .insertInto('app_settings')
      .values({ key: 'demo', value: JSON.stringify({ seed: options.seed ?? DEMO_SEED, scale, builtAt: new Date().toISOString() }) })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: new Date() })))
      .execute();
  });
  const { rows } = await sql<{ table_name: string; n: number }>`
    select 'jurisdictions' as table_name, count(*) as n from jurisdictions
    union all select 'departments', count(*) from departments
    union all select 'users', count(*) from users
    union all select 'addresses', count(*) from addresses
    union all select 'persons', count(*) from persons
    union all select 'houses', count(*) from houses
    union all select 'units', count(*) from units
    union all select 'rental_houses', count(*) from rental_houses
    union all select 'tenancies', count(*) from tenancies
    union all select 'incidents', count(*) from incidents
    union all select 'warnings', count(*) from warnings
    union all select 'dispute_cases', count(*) from dispute_cases
    union all select 'volunteers', count(*) from volunteers`.execute(db);
  return { seconds: (Date.now() - started) / 1000, counts: Object.fromEntries(rows.map((r) => [r.table_name, r.n])) };
}
