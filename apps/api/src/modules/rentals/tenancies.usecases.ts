import type { RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { sealIdNumber, upsertPerson } from '../people/people.core.js';
import { rentalErrors } from './rentals.errors.js';
import { rentalAccess } from './rentals.policies.js';
import { presentTenancy } from './rentals.present.js';
import { createRentalsRepository } from './rentals.repository.js';
import { flagClock, loadRentalRules, sameName } from './rentals.rules.js';
import type { CheckInInput, TenancyDto } from './rentals.schemas.js';

/** 人来登记，人去注销: a tenant arrives, leaves, and the community officer verifies each. */
export function createTenanciesUseCases(deps: { db: Database; identity: IdentityCipher }) {
  const { db, identity } = deps;
  const repo = createRentalsRepository(db);

  async function present(rentalHouseId: number, tenancyId: number): Promise<TenancyDto> {
    const c = flagClock(await loadRentalRules(db));
    const row = (await repo.tenancies([rentalHouseId])).find((t) => t.id === tenancyId);
    if (!row) throw errors.notFound();
    return presentTenancy(row, c);
  }

  async function requireTenancy(ctx: RequestContext, purpose: 'operate' | 'verify', id: number) {
    const tenancy = await repo.findTenancy(rentalAccess(ctx.actor, purpose), id);
    if (!tenancy) throw errors.notFound();
    return tenancy;
  }

  const reporter = (ctx: RequestContext) => ({
    reported_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    reported_via: ctx.actor.kind === 'user' && ctx.actor.role === 'landlord' ? ('landlord' as const) : ('officer' as const),
  });

  return {
    async checkIn(ctx: RequestContext, rentalHouseId: number, input: CheckInInput): Promise<TenancyDto> {
      const access = rentalAccess(ctx.actor, 'operate');
      const c = flagClock(await loadRentalRules(db));
      const house = await repo.find(access, c, rentalHouseId);
      if (!house) throw errors.notFound();
      if (input.checkIn > c.today) throw rentalErrors.notInFuture('checkIn');
      const sealed = sealIdNumber(identity, input.tenant.idNumber, 'tenant.idNumber');
      const id = await audited(db, ctx, async (trx, audit) => {
        const r = createRentalsRepository(trx);
        // Two taps on a phone must not register the same stay twice: check-ins to a house queue here.
        const locked = await r.lockHouse(rentalHouseId);
        if (locked.status !== 'active') throw rentalErrors.withdrawn();
        const existing = await r.findPersonByHash(sealed.id_number_hash);
        let personId: number;
        if (existing) {
          // The registry is not rewritten from a check-in: the name given must be the one on record.
          if (!sameName(existing.name, input.tenant.name)) throw rentalErrors.idNameMismatch('tenant.name');
          if (await r.openTenancyOf(rentalHouseId, existing.id)) throw rentalErrors.alreadyCheckedIn();
          personId = existing.id;
        } else {
          const created = await upsertPerson(
            trx,
            identity,
            { name: input.tenant.name, category: 'tenant', idNumber: input.tenant.idNumber, phone: input.tenant.phone ?? null, currentAddressId: house.address_id, jurisdictionId: house.jurisdiction_id },
            ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          );
          personId = created.id;
          audit({ action: 'person.created', entityType: 'person', entityId: personId, jurisdictionId: house.jurisdiction_id, change: { via: 'tenancy.checked_in', category: 'tenant' } });
        }
        const row = await trx
          .insertInto('tenancies')
          .values({ rental_house_id: rentalHouseId, person_id: personId, check_in: input.checkIn, ...reporter(ctx) })
          .returning('id')
          .executeTakeFirstOrThrow();
        audit({ action: 'tenancy.checked_in', entityType: 'tenancy', entityId: row.id, jurisdictionId: house.jurisdiction_id, change: { rentalHouseId, personId, checkIn: input.checkIn } });
        return row.id;
      });
      return present(rentalHouseId, id);
    },

    async checkOut(ctx: RequestContext, id: number, checkOut: string): Promise<TenancyDto> {
      const tenancy = await requireTenancy(ctx, 'operate', id);
      const c = flagClock(await loadRentalRules(db));
      if (checkOut > c.today) throw rentalErrors.notInFuture('checkOut');
      if (checkOut < tenancy.check_in) throw errors.field('checkOut', 'before_check_in', { zh: `退租日期不能早于入住日期（${tenancy.check_in}）`, en: `must not be before the check-in (${tenancy.check_in})` });
      await audited(db, ctx, async (trx, audit) => {
        const updated = await trx
          .updateTable('tenancies')
          .set({ check_out: checkOut, ...reporter(ctx), updated_at: new Date() })
          .where('id', '=', id)
          .where('check_out', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw rentalErrors.alreadyCheckedOut();
        audit({ action: 'tenancy.checked_out', entityType: 'tenancy', entityId: id, jurisdictionId: tenancy.jurisdiction_id, change: { rentalHouseId: tenancy.rental_house_id, checkOut } });
      });
      return present(tenancy.rental_house_id, id);
    },

    /** Verifies the check-in, or after the tenant left the check-out (and the check-in with it). */
    async verify(ctx: RequestContext, id: number): Promise<TenancyDto> {
      const tenancy = await requireTenancy(ctx, 'verify', id);
      const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
      const now = new Date();
      await audited(db, ctx, async (trx, audit) => {
        const current = await trx.selectFrom('tenancies').select(['check_out', 'verified_at', 'checkout_verified_at']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        const stage = current.check_out === null ? 'check_in' : 'check_out';
        if (stage === 'check_in' ? current.verified_at : current.checkout_verified_at) throw rentalErrors.alreadyVerified();
        await trx
          .updateTable('tenancies')
          .set({
            ...(current.verified_at ? {} : { verified_at: now, verified_by: userId }),
            ...(stage === 'check_out' ? { checkout_verified_at: now, checkout_verified_by: userId } : {}),
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
        audit({ action: 'tenancy.verified', entityType: 'tenancy', entityId: id, jurisdictionId: tenancy.jurisdiction_id, change: { stage, rentalHouseId: tenancy.rental_house_id } });
      });
      return present(tenancy.rental_house_id, id);
    },
  };
}
