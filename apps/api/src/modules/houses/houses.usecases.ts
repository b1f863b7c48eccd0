import type { RequestContext } from '../../app/actor.js';
import { audited, diff, recordAudit } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { workbook } from '../../app/excel.js';
import { authorize, can } from '../../app/policy.js';
import { createPeopleRepository } from '../people/people.repository.js';
import { presentPhone } from '../people/people.usecases.js';
import { createScopeQueries, requireAddress, subtreeFilter } from '../people/scope.js';
import { createHousesRepository, type HouseRow, type HousesQuery } from './houses.repository.js';
import type { CreateHouseInput, HouseDetail, HouseListItem, HousesFilter, ListHousesQuery, UpdateHouseInput } from './houses.schemas.js';

export const HOUSE_USE_LABELS = { own: '自住', rental: '出租', vacant: '空置', business: '经营', other: '其他' } as const;

function presentListItem(row: HouseRow): HouseListItem {
  return {
    id: row.id,
    addressId: row.address_id,
    addressName: row.address_name,
    use: row.use,
    areaM2: row.area_m2 === null ? null : Number(row.area_m2),
    occupantLimit: row.occupant_limit,
    occupantCount: row.occupant_count ?? 0,
    isRental: row.rental_status === 'active',
    rentalHouseId: row.rental_house_id,
    ownerPersonId: row.owner_person_id,
    ownerName: row.owner_name,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function createHousesUseCases(deps: { db: Database }) {
  const { db } = deps;
  const repo = createHousesRepository(db);

  async function query(ctx: RequestContext, filter: HousesFilter): Promise<HousesQuery> {
    const address = filter.addressId ? await createScopeQueries(db).findAddress(ctx.actor, filter.addressId) : null;
    return {
      ...filter,
      subtreePath: await subtreeFilter(db, ctx.actor, filter.jurisdictionId),
      addressPath: address?.path ?? null,
      ...(filter.addressId && !address ? { addressId: -1 } : {}),
    };
  }

  async function requireHouse(ctx: RequestContext, id: number) {
    const row = await repo.find(ctx.actor, id);
    if (!row) throw errors.notFound();
    return row;
  }

  /** An owner is a person the actor can open; anyone else is "not found" for this field. */
  async function checkOwner(ctx: RequestContext, ownerPersonId: number | null | undefined) {
    if (!ownerPersonId) return;
    if (!(await createPeopleRepository(db).findInScopeById(ctx.actor, ownerPersonId))) {
      throw errors.field('ownerPersonId', 'not_found', { zh: '产权人不存在或不在您的辖区内', en: 'owner not found in your jurisdiction' });
    }
  }

  async function detail(ctx: RequestContext, id: number): Promise<HouseDetail> {
    const row = await requireHouse(ctx, id);
    const [chain, occupants, owners, rental] = await Promise.all([
      repo.addressChain(row.address_id),
      repo.occupants(row.address_id),
      repo.personsByIds(row.owner_person_id ? [row.owner_person_id] : []),
      repo.rental(row.id),
    ]);
    const [agreement, tenancies] = rental ? await Promise.all([repo.latestAgreement(rental.id), repo.tenancies(rental.id)]) : [undefined, []];
    const brief = (p: (typeof occupants)[number]) => ({ id: p.id, name: p.name, category: p.category, gender: p.gender, birthDate: p.birth_date, idNumberMasked: p.id_number_masked, phone: presentPhone(ctx.actor, p.phone) });
    return {
      ...presentListItem(row),
      notes: row.notes,
      createdAt: row.created_at.toISOString(),
      addressChain: chain,
      owner: owners[0] ? brief(owners[0]) : null,
      occupants: occupants.map(brief),
      rental: rental
        ? {
            id: rental.id,
            landlordPersonId: rental.landlord_person_id,
            landlordName: rental.landlord_name,
            occupantLimit: rental.occupant_limit,
            registeredOn: rental.registered_on,
            status: rental.status,
            agreement: agreement ? { signedOn: agreement.signed_on, expiresOn: agreement.expires_on } : null,
          }
        : null,
      tenancies: tenancies.map((t) => ({ id: t.id, personId: t.person_id, personName: t.person_name, idNumberMasked: t.id_number_masked, checkIn: t.check_in, checkOut: t.check_out, verified: t.verified_at !== null })),
      abilities: { edit: can(ctx.actor, 'houses.manage') },
    };
  }

  return {
    async list(ctx: RequestContext, q: ListHousesQuery) {
      authorize(ctx.actor, 'houses.view');
      const { items, total } = await repo.list(ctx.actor, await query(ctx, q), q);
      return { items: items.map(presentListItem), total };
    },

    async get(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'houses.view');
      return detail(ctx, id);
    },

    async create(ctx: RequestContext, input: CreateHouseInput) {
      authorize(ctx.actor, 'houses.manage');
      const address = await requireAddress(db, ctx.actor, input.addressId);
      await checkOwner(ctx, input.ownerPersonId);
      const id = await audited(db, ctx, async (trx, audit) => {
        const newId = await createHousesRepository(trx).insert({
          addressId: address.id,
          jurisdictionId: address.jurisdiction_id,
          use: input.use,
          ownerPersonId: input.ownerPersonId ?? null,
          areaM2: input.areaM2 ?? null,
          occupantLimit: input.occupantLimit ?? null,
          notes: input.notes ?? null,
        });
        if (newId === null) throw errors.conflict('houses.address_taken', { zh: '该地址已登记房屋', en: 'This address already has a house' });
        audit({ action: 'house.created', entityType: 'house', entityId: newId, jurisdictionId: address.jurisdiction_id, change: { addressId: address.id, use: input.use, ownerPersonId: input.ownerPersonId ?? null } });
        return newId;
      });
      return detail(ctx, id);
    },

    async update(ctx: RequestContext, id: number, input: UpdateHouseInput) {
      authorize(ctx.actor, 'houses.manage');
      const before = await requireHouse(ctx, id);
      if (input.ownerPersonId !== undefined && input.ownerPersonId !== before.owner_person_id) await checkOwner(ctx, input.ownerPersonId);
      await audited(db, ctx, async (trx, audit) => {
        await createHousesRepository(trx).update(id, input);
        audit({
          action: 'house.updated',
          entityType: 'house',
          entityId: id,
          jurisdictionId: before.jurisdiction_id,
          change: diff(
            { use: before.use, ownerPersonId: before.owner_person_id, areaM2: before.area_m2 === null ? null : Number(before.area_m2), occupantLimit: before.occupant_limit, notes: before.notes },
            input,
          ),
        });
      });
      return detail(ctx, id);
    },

    async exportXlsx(ctx: RequestContext, filter: HousesFilter) {
      authorize(ctx.actor, 'houses.view');
      const rows = await repo.listAll(ctx.actor, await query(ctx, filter));
      const buffer = await workbook(
        '实有房屋',
        [
          { header: '房屋地址', width: 40, value: (r) => r.address_name },
          { header: '房屋用途', width: 10, value: (r) => HOUSE_USE_LABELS[r.use] },
          { header: '建筑面积(㎡)', width: 12, value: (r) => (r.area_m2 === null ? null : Number(r.area_m2)) },
          { header: '产权人', width: 12, value: (r) => r.owner_name },
          { header: '居住人数', width: 10, value: (r) => r.occupant_count ?? 0 },
          { header: '限住人数', width: 10, value: (r) => r.occupant_limit },
          { header: '出租登记', width: 10, value: (r) => (r.rental_status === 'active' ? '是' : '否') },
          { header: '所属辖区', width: 20, value: (r) => r.jurisdiction_name },
        ],
        rows,
      );
      await recordAudit(db, ctx, [{ action: 'houses.exported', entityType: 'house', jurisdictionId: ctx.actor.jurisdictionId, change: { rows: rows.length, filter } }]);
      return buffer;
    },
  };
}
