import type { RequestContext } from '../../app/actor.js';
import { audited, diff, recordAudit } from '../../app/audit.js';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Database, Tx } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize, can } from '../../app/policy.js';
import { sealIdNumber, upsertPerson } from '../people/people.core.js';
import { createRentalsDashboardPresenter } from './rentals.dashboard.js';
import { rentalErrors } from './rentals.errors.js';
import { exportLedger } from './rentals.ledger.js';
import { rentalAccess, type RentalAccess } from './rentals.policies.js';
import { presentDetail, presentListItem } from './rentals.present.js';
import { createRentalsRepository, type RentalRow } from './rentals.repository.js';
import { addDays, daysBetween, flagClock, loadRentalRules, sameName, type FlagClock } from './rentals.rules.js';
import type { LandlordInput, ListRentalsQuery, RegisterRentalInput, RentalDetail, RentalsFilter, UpdateRentalInput } from './rentals.schemas.js';

/** Landlords' own view keeps stays that ended within this many days (and any still unverified). */
const MY_HISTORY_DAYS = 90;

export function createRentalsUseCases(deps: { db: Database; identity: IdentityCipher }) {
  const { db, identity } = deps;
  const repo = createRentalsRepository(db);
  const dashboard = createRentalsDashboardPresenter(db);

  async function clock(): Promise<FlagClock> {
    return flagClock(await loadRentalRules(db));
  }

  async function subtreeFilter(ctx: RequestContext, jurisdictionId: number | undefined): Promise<string | null> {
    if (!jurisdictionId) return null;
    const place = await repo.findJurisdictionInScope(ctx.actor, jurisdictionId);
    // An out-of-scope filter matches nothing rather than telling whether the unit exists.
    return place ? place.path : '/none/';
  }

  async function requireRental(access: RentalAccess, c: FlagClock, id: number): Promise<RentalRow> {
    const row = await repo.find(access, c, id);
    if (!row) throw errors.notFound();
    return row;
  }

  async function detail(ctx: RequestContext, row: RentalRow, c: FlagClock, closedSince?: string): Promise<RentalDetail> {
    const [tenancies, agreements, landlordUser] = await Promise.all([
      repo.tenancies([row.id], closedSince ? { closedSince } : {}),
      repo.agreements([row.id]),
      row.landlord_user_id ? repo.landlordUser(row.landlord_user_id) : Promise.resolve(undefined),
    ]);
    return presentDetail(ctx.actor, row, { tenancies, agreements, landlordUser: landlordUser ?? null }, c);
  }

  /** The landlord person: chosen by id, named with an identity number, or (when omitted) the house's owner. */
  async function resolveLandlord(ctx: RequestContext, trx: Tx, input: LandlordInput | undefined, fallback: { ownerPersonId: number | null; jurisdictionId: number }) {
    const r = createRentalsRepository(trx);
    if (input?.personId) {
      const person = await r.findPersonInScope(ctx.actor, input.personId);
      if (!person) throw errors.field('landlord.personId', 'not_found', { zh: '房东人员不存在或无权访问', en: 'person not found' });
      return { id: person.id, created: false };
    }
    if (input?.idNumber) {
      const sealed = sealIdNumber(identity, input.idNumber, 'landlord.idNumber');
      if (!input.name) throw errors.field('landlord.name', 'required', { zh: '请填写房东姓名', en: 'is required' });
      const existing = await r.findPersonByHash(sealed.id_number_hash);
      if (existing) {
        if (!sameName(existing.name, input.name)) throw rentalErrors.idNameMismatch('landlord.name');
        return { id: existing.id, created: false };
      }
      const createdBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
      return upsertPerson(trx, identity, { name: input.name, category: 'registered', idNumber: input.idNumber, phone: input.phone ?? null, jurisdictionId: fallback.jurisdictionId }, createdBy);
    }
    if (input?.name) throw errors.field('landlord.idNumber', 'required', { zh: '请填写房东身份证号', en: 'is required' });
    if (fallback.ownerPersonId) return { id: fallback.ownerPersonId, created: false };
    throw errors.field('landlord', 'required', { zh: '请选择或登记房东', en: 'name the landlord (the house has no registered owner)' });
  }

  async function checkLandlordUser(ctx: RequestContext, id: number | null | undefined) {
    if (!id) return;
    if (!(await repo.findLandlordUserInScope(ctx.actor, id))) {
      throw errors.field('landlordUserId', 'not_found', { zh: '房东账号不存在、已停用或不在本辖区', en: 'no active landlord account with this id in your jurisdiction' });
    }
  }

  return {
    async list(ctx: RequestContext, query: ListRentalsQuery) {
      authorize(ctx.actor, 'rentals.view');
      const c = await clock();
      const { page, pageSize, ...filter } = query;
      const { items, total } = await repo.list(rentalAccess(ctx.actor, 'view'), c, filter, await subtreeFilter(ctx, query.jurisdictionId), { page, pageSize });
      return { items: items.map(presentListItem), total, rules: c.rules, today: c.today };
    },

    async get(ctx: RequestContext, id: number) {
      const access = rentalAccess(ctx.actor, 'view');
      const c = await clock();
      return detail(ctx, await requireRental(access, c, id), c);
    },

    /** A landlord's own houses with their tenants: the phone app's first screen. */
    async mine(ctx: RequestContext) {
      authorize(ctx.actor, 'rentals.self');
      const access = rentalAccess(ctx.actor, 'view');
      const c = await clock();
      const { items } = await repo.list(access, c, { status: 'active' }, null, { page: 1, pageSize: 200 });
      const closedSince = addDays(c.today, -MY_HISTORY_DAYS);
      return { items: await Promise.all(items.map((row) => detail(ctx, row, c, closedSince))), rules: c.rules, today: c.today };
    },

    async register(ctx: RequestContext, input: RegisterRentalInput) {
      authorize(ctx.actor, 'rentals.manage');
      const house = await repo.findHouseInScope(ctx.actor, input.houseId);
      if (!house) throw errors.field('houseId', 'not_found', { zh: '房屋不存在或无权访问', en: 'house not found' });
      if (await repo.rentalOfHouse(house.id)) throw rentalErrors.alreadyRegistered();
      await checkLandlordUser(ctx, input.landlordUserId);
      const id = await audited(db, ctx, async (trx, audit) => {
        const landlord = await resolveLandlord(ctx, trx, input.landlord, { ownerPersonId: house.owner_person_id, jurisdictionId: house.jurisdiction_id });
        if (landlord.created) audit({ action: 'person.created', entityType: 'person', entityId: landlord.id, jurisdictionId: house.jurisdiction_id, change: { via: 'rental.registered' } });
        const row = await trx
          .insertInto('rental_houses')
          .values({
            house_id: house.id,
            landlord_person_id: landlord.id,
            landlord_user_id: input.landlordUserId ?? null,
            jurisdiction_id: house.jurisdiction_id,
            occupant_limit: input.occupantLimit ?? house.occupant_limit ?? 4,
            registered_on: (await clock()).today,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.updateTable('houses').set({ use: 'rental', updated_at: new Date() }).where('id', '=', house.id).execute();
        audit({ action: 'rental.registered', entityType: 'rental_house', entityId: row.id, jurisdictionId: house.jurisdiction_id, change: { houseId: house.id, landlordPersonId: landlord.id, landlordUserId: input.landlordUserId ?? null, useBefore: house.use } });
        return row.id;
      });
      const c = await clock();
      return detail(ctx, await requireRental(rentalAccess(ctx.actor, 'manage'), c, id), c);
    },

    async update(ctx: RequestContext, id: number, input: UpdateRentalInput) {
      const access = rentalAccess(ctx.actor, 'manage');
      const c = await clock();
      const before = await requireRental(access, c, id);
      await checkLandlordUser(ctx, input.landlordUserId);
      await audited(db, ctx, async (trx, audit) => {
        const r = createRentalsRepository(trx);
        await r.lockHouse(id);
        if (input.status === 'withdrawn' && before.status === 'active' && (await r.countOpenTenancies(id)) > 0) throw rentalErrors.hasTenants();
        const landlord = input.landlord ? await resolveLandlord(ctx, trx, input.landlord, { ownerPersonId: null, jurisdictionId: before.jurisdiction_id }) : null;
        if (landlord?.created) audit({ action: 'person.created', entityType: 'person', entityId: landlord.id, jurisdictionId: before.jurisdiction_id, change: { via: 'rental.updated' } });
        await trx
          .updateTable('rental_houses')
          .set({
            ...(landlord ? { landlord_person_id: landlord.id } : {}),
            ...(input.landlordUserId !== undefined ? { landlord_user_id: input.landlordUserId } : {}),
            ...(input.occupantLimit !== undefined ? { occupant_limit: input.occupantLimit } : {}),
            ...(input.status !== undefined ? { status: input.status } : {}),
            updated_at: new Date(),
          })
          .where('id', '=', id)
          .execute();
        if (input.status && input.status !== before.status) {
          await trx.updateTable('houses').set({ use: input.status === 'active' ? 'rental' : 'vacant', updated_at: new Date() }).where('id', '=', before.house_id).execute();
        }
        audit({
          action: 'rental.updated',
          entityType: 'rental_house',
          entityId: id,
          jurisdictionId: before.jurisdiction_id,
          change: diff(
            { landlordPersonId: before.landlord_person_id, landlordUserId: before.landlord_user_id, occupantLimit: before.occupant_limit, status: before.status },
            { landlordPersonId: landlord?.id, landlordUserId: input.landlordUserId, occupantLimit: input.occupantLimit, status: input.status },
          ),
        });
      });
      return detail(ctx, await requireRental(access, c, id), c);
    },

    /** Landlord accounts an officer may link to a house (officers cannot list users otherwise). */
    async landlordAccounts(ctx: RequestContext) {
      authorize(ctx.actor, 'rentals.manage');
      const rows = await repo.landlordAccounts(ctx.actor);
      return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username, jurisdictionName: r.jurisdiction_name })) };
    },

    async dashboard(ctx: RequestContext, jurisdictionId: number | undefined) {
      authorize(ctx.actor, 'rentals.view');
      const c = await clock();
      const board = await dashboard.byCommunity(ctx.actor, rentalAccess(ctx.actor, 'view'), c, await subtreeFilter(ctx, jurisdictionId));
      return { rules: c.rules, today: c.today, ...board };
    },

    /** The officer's queue: check-ins and check-outs waiting for verification, oldest first. */
    async pending(ctx: RequestContext, query: { jurisdictionId?: number | undefined; page: number; pageSize: number }) {
      authorize(ctx.actor, 'rentals.view');
      const c = await clock();
      const { items, total } = await repo.pending(ctx.actor, c, await subtreeFilter(ctx, query.jurisdictionId), query);
      return {
        items: items.map((t) => {
          const eventDate = t.check_out ?? t.check_in;
          return {
            tenancyId: t.id,
            rentalHouseId: t.rental_house_id,
            address: t.address,
            jurisdictionName: t.jurisdiction_name,
            landlordName: t.landlord_name,
            person: { id: t.person_id, name: t.person_name, idNumberMasked: t.id_number_masked },
            stage: t.check_out ? ('check_out' as const) : ('check_in' as const),
            eventDate,
            reportedVia: t.reported_via,
            daysWaiting: Math.max(0, daysBetween(eventDate, c.today)),
            overdue: eventDate < c.unverifiedBefore,
          };
        }),
        total,
        rules: c.rules,
        canVerify: can(ctx.actor, 'rentals.verify'),
      };
    },

    async exportXlsx(ctx: RequestContext, filter: RentalsFilter) {
      authorize(ctx.actor, 'rentals.view');
      const c = await clock();
      const rows = await repo.ledger(rentalAccess(ctx.actor, 'view'), c, filter, await subtreeFilter(ctx, filter.jurisdictionId));
      const buffer = await exportLedger(ctx.actor, rows, c);
      await recordAudit(db, ctx, [{ action: 'rentals.exported', entityType: 'rental_house', jurisdictionId: filter.jurisdictionId ?? ctx.actor.jurisdictionId, change: { rows: rows.length, filter } }]);
      return buffer;
    },
  };
}
