import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../app/db/database.js';
import type { RentalAccess } from './rentals.policies.js';
import type { FlagClock, RentalFlag } from './rentals.rules.js';

/**
 * The rental houses an actor may see, each with the figures its flags are computed from, and the
 * flags themselves as SQL. The list, the ledger export and the dashboard all read this one
 * relation, so a count on the dashboard is by construction the length of the list behind it.
 */
export function rentalHousesWithStats(db: Queryable, access: RentalAccess, clock: FlagClock) {
  const base = db
    .selectFrom('rental_houses as rh')
    .innerJoin('houses as h', 'h.id', 'rh.house_id')
    .innerJoin('addresses as a', 'a.id', 'h.address_id')
    .innerJoin('persons as lp', 'lp.id', 'rh.landlord_person_id')
    .innerJoin('jurisdictions as j', 'j.id', 'rh.jurisdiction_id')
    // The community or village the house lies in (a grid's parent, or the unit itself).
    .leftJoin('jurisdictions as c', (join) => join.on('c.kind', 'in', ['community', 'village']).on(sql<boolean>`j.path like c.path || '%'`));
  const scoped = access.mode === 'scope' ? base.where('j.path', 'like', access.prefix) : base.where('rh.landlord_user_id', '=', access.userId);
  const pending = sql<boolean>`((t.check_out is null and t.verified_at is null) or (t.check_out is not null and t.checkout_verified_at is null))`;
  return scoped.select((eb) => [
    'rh.id',
    'rh.house_id',
    'rh.landlord_person_id',
    'rh.landlord_user_id',
    'rh.jurisdiction_id',
    'rh.occupant_limit',
    'rh.registered_on',
    'rh.status',
    'h.address_id',
    'a.full_name as address',
    'j.name as jurisdiction_name',
    'j.path as jurisdiction_path',
    'c.id as community_id',
    'c.name as community_name',
    'c.kind as community_kind',
    'lp.name as landlord_name',
    'lp.phone as landlord_phone',
    'lp.id_number_masked as landlord_id_masked',
    eb.selectFrom('tenancies as t').select((e) => e.fn.countAll<number>().as('n')).whereRef('t.rental_house_id', '=', 'rh.id').where('t.check_out', 'is', null).as('open_tenancies'),
    eb.selectFrom('tenancies as t').select((e) => e.fn.countAll<number>().as('n')).whereRef('t.rental_house_id', '=', 'rh.id').where(pending).as('pending'),
    eb
      .selectFrom('tenancies as t')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('t.rental_house_id', '=', 'rh.id')
      .where(sql<boolean>`${pending} and coalesce(t.check_out, t.check_in) < ${clock.unverifiedBefore}::date`)
      .as('overdue'),
    eb.selectFrom('responsibility_agreements as ra').select((e) => e.fn.max('ra.expires_on').as('m')).whereRef('ra.rental_house_id', '=', 'rh.id').as('agreement_expires_on'),
    sql<string[]>`array(select p.name from tenancies t join persons p on p.id = t.person_id where t.rental_house_id = rh.id and t.check_out is null order by t.check_in, t.id)`.as('tenant_names'),
  ]);
}

/** Each flag as a condition on the relation above (aliased `b`). */
export function flagConditions(clock: FlagClock): Record<RentalFlag, RawBuilder<boolean>> {
  return {
    // A stay waiting too long for the officer matters even after the house is withdrawn.
    unverified: sql<boolean>`(b.overdue > 0)`,
    agreement_missing: sql<boolean>`(b.status = 'active' and b.agreement_expires_on is null)`,
    agreement_expired: sql<boolean>`(b.status = 'active' and b.agreement_expires_on < ${clock.today}::date)`,
    agreement_expiring: sql<boolean>`(b.status = 'active' and b.agreement_expires_on between ${clock.today}::date and ${clock.warnUntil}::date)`,
    over_limit: sql<boolean>`(b.status = 'active' and b.open_tenancies > b.occupant_limit)`,
  };
}

export function anyFlag(clock: FlagClock): RawBuilder<boolean> {
  const f = flagConditions(clock);
  return sql<boolean>`(${f.unverified} or ${f.agreement_missing} or ${f.agreement_expired} or ${f.agreement_expiring} or ${f.over_limit})`;
}

/** The relation with one boolean column per flag (`flag_unverified` …), aliased `b` inside. */
export function flaggedRentalHouses(db: Queryable, access: RentalAccess, clock: FlagClock) {
  const f = flagConditions(clock);
  return db
    .selectFrom(rentalHousesWithStats(db, access, clock).as('b'))
    .selectAll('b')
    .select([
      f.unverified.as('flag_unverified'),
      f.agreement_missing.as('flag_agreement_missing'),
      f.agreement_expired.as('flag_agreement_expired'),
      f.agreement_expiring.as('flag_agreement_expiring'),
      f.over_limit.as('flag_over_limit'),
    ]);
}

export type FlaggedRow = {
  flag_unverified: boolean;
  flag_agreement_missing: boolean;
  flag_agreement_expired: boolean;
  flag_agreement_expiring: boolean;
  flag_over_limit: boolean;
};

export function flagsOf(row: FlaggedRow): RentalFlag[] {
  const out: RentalFlag[] = [];
  if (row.flag_unverified) out.push('unverified');
  if (row.flag_agreement_missing) out.push('agreement_missing');
  if (row.flag_agreement_expired) out.push('agreement_expired');
  if (row.flag_agreement_expiring) out.push('agreement_expiring');
  if (row.flag_over_limit) out.push('over_limit');
  return out;
}
