import { idCheckCharacter } from '@fengqiao/shared';
import type { Tx } from '../app/db/database.js';
import { sealIdNumber } from '../modules/people/people.core.js';
import { addDays, beijingToday, loadRentalRules, type RentalRules } from '../modules/rentals/rentals.rules.js';
import type { DemoContext } from './context.js';
import { mobile, personName } from './names.js';
import type { Random } from './random.js';

// Rental housing (出租房屋) of the demo county: every house the population step lets out gets a
// landlord, tenants in every state of "人来登记，人去注销" and a responsibility agreement that is
// valid, expiring, expired or missing. demo-landlord owns a few houses in 东湖新村社区.

type StayState = 'verified' | 'pending_recent' | 'pending_overdue' | 'closed_verified' | 'closed_pending';
type AgreementPlan = 'valid' | 'expiring' | 'expired' | 'missing';
interface HousePlan {
  agreement: AgreementPlan;
  stays: StayState[];
}

interface RentalHouseRow {
  id: number;
  address_id: number;
  jurisdiction_id: number;
  owner_person_id: number | null;
  occupant_limit: number | null;
  path: string;
}

// Where floating tenants come from: the county itself and the provinces around it.
const HOME_AREAS = ['140871', '140802', '140823', '142701', '140421', '410104', '610113', '130102', '370102', '510107', '420106', '411302'];

function weighted<T>(rng: Random, options: [T, number][]): T {
  let r = rng.next() * options.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of options) {
    r -= w;
    if (r < 0) return value;
  }
  return options[options.length - 1]![0];
}

/** Scripted houses first, so every state exists whatever the size of the county. */
const SCRIPTED: HousePlan[] = [
  { agreement: 'valid', stays: ['verified', 'verified', 'closed_verified'] },
  { agreement: 'expiring', stays: ['pending_recent', 'closed_pending'] },
  { agreement: 'missing', stays: ['pending_overdue', 'verified'] },
  { agreement: 'expired', stays: ['verified', 'closed_pending', 'closed_verified'] },
];

function randomPlan(rng: Random, limit: number): HousePlan {
  const agreement = weighted<AgreementPlan>(rng, [['valid', 70], ['expiring', 10], ['expired', 10], ['missing', 10]]);
  const open = rng.int(0, limit);
  const stays: StayState[] = [];
  for (let i = 0; i < open; i++) stays.push(weighted<StayState>(rng, [['verified', 84], ['pending_recent', 8], ['pending_overdue', 8]]));
  const closed = rng.int(0, 2);
  for (let i = 0; i < closed; i++) stays.push(weighted<StayState>(rng, [['closed_verified', 90], ['closed_pending', 10]]));
  return { agreement, stays };
}

function demoIdNumber(rng: Random): string {
  const area = rng.pick(HOME_AREAS);
  const birth = addDays('1962-01-01', rng.int(0, 42 * 365));
  const seq = String(rng.int(100, 999));
  const first17 = `${area}${birth.replace(/-/g, '')}${seq}`;
  return first17 + idCheckCharacter(first17);
}

/** At 10:00 Beijing time on that date. */
const morning = (date: string) => new Date(`${date}T10:00:00+08:00`);

export async function seedRentals(ctx: DemoContext): Promise<void> {
  const rng = ctx.rng.fork('rentals');
  const { trx } = ctx;
  const rules = await loadRentalRules(trx);
  const today = beijingToday(ctx.today);
  const houses: RentalHouseRow[] = await trx
    .selectFrom('houses as h')
    .innerJoin('jurisdictions as j', 'j.id', 'h.jurisdiction_id')
    .leftJoin('rental_houses as rh', 'rh.house_id', 'h.id')
    .select(['h.id', 'h.address_id', 'h.jurisdiction_id', 'h.owner_person_id', 'h.occupant_limit', 'j.path'])
    .where('h.use', '=', 'rental')
    .where('rh.id', 'is', null)
    .orderBy('h.id')
    .execute();
  if (houses.length === 0) return;

  const areas = ctx.county.stations.flatMap((s) => s.areas.map((a) => a.unit));
  const areaOf = (path: string) => areas.find((a) => path.startsWith(a.path)) ?? null;
  const usersIn = (role: string, areaId: number | undefined) => ctx.county.users.filter((u) => u.role === role && u.jurisdictionId === areaId);
  const demoLandlord = ctx.county.users.find((u) => u.username === 'demo-landlord');

  // Landlord accounts: demo-landlord gets three houses of its community, every other landlord account one or two of its own.
  const accountOf = new Map<number, number>();
  const taken = new Map<number, number>();
  for (const h of houses) {
    const area = areaOf(h.path);
    const candidates = usersIn('landlord', area?.id).sort((a, b) => (a.username === 'demo-landlord' ? -1 : b.username === 'demo-landlord' ? 1 : a.id - b.id));
    for (const u of candidates) {
      const quota = u.id === demoLandlord?.id ? 3 : 2;
      if ((taken.get(u.id) ?? 0) >= quota) continue;
      accountOf.set(h.id, u.id);
      taken.set(u.id, (taken.get(u.id) ?? 0) + 1);
      break;
    }
  }

  const landlordIds = await landlordsFor(ctx, houses, rng);
  const demoHouses = houses.filter((h) => demoLandlord && accountOf.get(h.id) === demoLandlord.id).map((h) => h.id);
  const plans = houses.map((h, i) => {
    const demoIndex = demoHouses.indexOf(h.id);
    if (demoIndex >= 0) return SCRIPTED[demoIndex % SCRIPTED.length]!;
    return SCRIPTED[i] ?? randomPlan(rng, h.occupant_limit ?? 4);
  });
  const rentalIds = await trx
    .insertInto('rental_houses')
    .values(
      houses.map((h, i) => ({
        house_id: h.id,
        landlord_person_id: landlordIds[i]!,
        landlord_user_id: accountOf.get(h.id) ?? null,
        jurisdiction_id: h.jurisdiction_id,
        occupant_limit: h.occupant_limit ?? 4,
        registered_on: addDays(today, -rng.int(200, 900)),
      })),
    )
    .returning('id')
    .execute();

  await seedAgreements(trx, rentalIds.map((r) => r.id), plans, today, rules, rng);
  await seedTenancies(ctx, houses, rentalIds.map((r) => r.id), plans, { today, rules, rng, accountOf, officerOf: (path) => usersIn('officer', areaOf(path)?.id)[0]?.id ?? null });
}

/** The owner lets the house; a house without a registered owner gets one now. */
async function landlordsFor(ctx: DemoContext, houses: RentalHouseRow[], rng: Random): Promise<number[]> {
  const missing = houses.filter((h) => h.owner_person_id === null);
  const created = await insertPeople(
    ctx,
    missing.map((h) => ({ category: 'registered' as const, jurisdictionId: h.jurisdiction_id, addressId: null })),
    rng,
  );
  for (const [i, h] of missing.entries()) {
    await ctx.trx.updateTable('houses').set({ owner_person_id: created[i]! }).where('id', '=', h.id).execute();
    h.owner_person_id = created[i]!;
  }
  return houses.map((h) => h.owner_person_id!);
}

/** Registers demo people with valid identity numbers that no one in the county has yet. */
async function insertPeople(ctx: DemoContext, people: { category: 'registered' | 'tenant'; jurisdictionId: number; addressId: number | null }[], rng: Random): Promise<number[]> {
  const ids: number[] = [];
  const used = new Set<string>();
  for (let i = 0; i < people.length; i += 500) {
    const chunk = people.slice(i, i + 500);
    const rows = [];
    for (const p of chunk) {
      let sealed = sealIdNumber(ctx.identity, demoIdNumber(rng));
      for (;;) {
        const clash = used.has(sealed.id_number_hash) || (await ctx.trx.selectFrom('persons').select('id').where('id_number_hash', '=', sealed.id_number_hash).executeTakeFirst());
        if (!clash) break;
        sealed = sealIdNumber(ctx.identity, demoIdNumber(rng));
      }
      used.add(sealed.id_number_hash);
      rows.push({ name: personName(rng), category: p.category, ...sealed, phone: mobile(rng), current_address_id: p.addressId, jurisdiction_id: p.jurisdictionId });
    }
    const inserted = await ctx.trx.insertInto('persons').values(rows).returning('id').execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

async function seedAgreements(trx: Tx, rentalIds: number[], plans: HousePlan[], today: string, rules: RentalRules, rng: Random) {
  const rows: { rental_house_id: number; signed_on: string; expires_on: string }[] = [];
  for (const [i, plan] of plans.entries()) {
    let expires: string;
    if (plan.agreement === 'missing') continue;
    if (plan.agreement === 'valid') expires = addDays(today, rng.int(rules.agreementWarningDays + 1, 360));
    else if (plan.agreement === 'expiring') expires = addDays(today, rng.int(1, Math.max(1, rules.agreementWarningDays - 1)));
    else expires = addDays(today, -rng.int(1, 120));
    // A house with a current agreement often kept last year's too.
    if (plan.agreement !== 'expired' && rng.chance(0.3)) rows.push({ rental_house_id: rentalIds[i]!, signed_on: addDays(expires, -730), expires_on: addDays(expires, -365) });
    rows.push({ rental_house_id: rentalIds[i]!, signed_on: addDays(expires, -365), expires_on: expires });
  }
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('responsibility_agreements').values(rows.slice(i, i + 1000)).execute();
}

interface StayOptions {
  today: string;
  rules: RentalRules;
  rng: Random;
  accountOf: Map<number, number>;
  officerOf: (path: string) => number | null;
}

async function seedTenancies(ctx: DemoContext, houses: RentalHouseRow[], rentalIds: number[], plans: HousePlan[], o: StayOptions) {
  const { today, rules, rng } = o;
  const N = rules.unverifiedDays;
  // Tenants the population step already placed at a rental address live there first.
  const placed = await ctx.trx
    .selectFrom('persons')
    .select(['id', 'current_address_id'])
    .where('category', 'in', ['tenant', 'floating'])
    .where('current_address_id', 'in', houses.length ? houses.map((h) => h.address_id) : [0])
    .orderBy('id')
    .execute();
  // When they moved in, as the population step recorded it: a verified stay starts then.
  const since = new Map<number, string>();
  if (placed.length > 0) {
    const moves = await ctx.trx
      .selectFrom('person_addresses')
      .select(['person_id', 'from_date'])
      .where('kind', '=', 'residence')
      .where('to_date', 'is', null)
      .where('person_id', 'in', placed.map((p) => p.id))
      .execute();
    for (const m of moves) since.set(m.person_id, m.from_date);
  }
  const waiting = new Map<number, number[]>();
  for (const p of placed) waiting.set(p.current_address_id!, [...(waiting.get(p.current_address_id!) ?? []), p.id]);

  const needed: { category: 'tenant'; jurisdictionId: number; addressId: number | null }[] = [];
  const slots: { house: number; state: StayState; personId: number | null }[] = [];
  const stays = plans.map((plan, i) => {
    const residents = waiting.get(houses[i]!.address_id)?.length ?? 0;
    let open = plan.stays.filter((st) => !st.startsWith('closed'));
    const closed = plan.stays.filter((st) => st.startsWith('closed'));
    // The population step decided who lives here: one open stay for each of them.
    if (residents > 0) {
      open = open.slice(0, residents);
      while (open.length < residents) open.push(weighted<StayState>(rng, [['verified', 84], ['pending_recent', 8], ['pending_overdue', 8]]));
    }
    return { open, closed };
  });
  // At least one house holds more people than it may (the population step usually leaves a few).
  if (!stays.some((st, i) => st.open.length > (houses[i]!.occupant_limit ?? 4))) {
    const i = houses.findIndex((h) => !o.accountOf.has(h.id));
    const target = stays[i >= 0 ? i : 0]!;
    const limit = houses[i >= 0 ? i : 0]!.occupant_limit ?? 4;
    while (target.open.length <= limit) target.open.push('verified');
  }
  for (const [i, st] of stays.entries()) {
    const h = houses[i]!;
    for (const state of [...st.open, ...st.closed]) {
      const open = !state.startsWith('closed');
      const personId = open ? (waiting.get(h.address_id)?.shift() ?? null) : null;
      if (personId === null) needed.push({ category: 'tenant', jurisdictionId: h.jurisdiction_id, addressId: open ? h.address_id : null });
      slots.push({ house: i, state, personId });
    }
  }
  const fresh = await insertPeople(ctx, needed, rng);
  let next = 0;

  const rows = slots.map((s) => {
    const h = houses[s.house]!;
    const personId = s.personId ?? fresh[next++]!;
    const officer = o.officerOf(h.path);
    const landlordUser = o.accountOf.get(h.id) ?? null;
    const byLandlord = landlordUser !== null && rng.chance(0.6);
    let checkIn: string;
    let checkOut: string | null = null;
    let verified: string | null = null;
    let outVerified: string | null = null;
    switch (s.state) {
      case 'verified': {
        const moved = s.personId !== null ? since.get(s.personId) : undefined;
        checkIn = moved && moved < addDays(today, -N - 1) ? moved : addDays(today, -rng.int(N + 5, 420));
        verified = addDays(checkIn, rng.int(0, Math.max(0, N - 1)));
        break;
      }
      case 'pending_recent':
        checkIn = addDays(today, -rng.int(0, N));
        break;
      case 'pending_overdue':
        checkIn = addDays(today, -rng.int(N + 1, N + 25));
        break;
      case 'closed_verified':
        checkIn = addDays(today, -rng.int(150, 700));
        checkOut = addDays(checkIn, rng.int(30, 120));
        verified = addDays(checkIn, rng.int(0, 2));
        outVerified = addDays(checkOut, rng.int(0, 2));
        break;
      case 'closed_pending':
        checkOut = addDays(today, -rng.int(0, N + 6));
        checkIn = addDays(checkOut, -rng.int(40, 300));
        verified = addDays(checkIn, rng.int(0, 2));
        break;
    }
    return {
      rental_house_id: rentalIds[s.house]!,
      person_id: personId,
      check_in: checkIn,
      check_out: checkOut,
      reported_by: byLandlord ? landlordUser : officer,
      reported_via: byLandlord ? ('landlord' as const) : ('officer' as const),
      verified_at: verified ? morning(verified) : null,
      verified_by: verified ? officer : null,
      checkout_verified_at: outVerified ? morning(outVerified) : null,
      checkout_verified_by: outVerified ? officer : null,
      created_at: morning(checkOut ?? checkIn),
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await ctx.trx.insertInto('tenancies').values(rows.slice(i, i + 1000)).execute();
}
