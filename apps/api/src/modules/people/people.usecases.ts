import { maskPhone, validateIdNumber } from '@fengqiao/shared';
import type { Actor, RequestContext } from '../../app/actor.js';
import { audited, diff, recordAudit } from '../../app/audit.js';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { workbook } from '../../app/excel.js';
import { authorize, can } from '../../app/policy.js';
import { sealIdNumber, upsertPerson } from './people.core.js';
import { DuplicateIdentityError, peopleErrors } from './people.errors.js';
import { createPeopleRepository, type PeopleQuery, type PersonListRow } from './people.repository.js';
import type { CreatePersonInput, ListPeopleQuery, MovePersonInput, PeopleFilter, PersonDetail, PersonListItem, UpdatePersonInput } from './people.schemas.js';
import { createScopeQueries, requireAddress, requireJurisdiction, subtreeFilter } from './scope.js';
import { incidentsOfPerson } from '../incidents/incidents.parties.js';

export const CATEGORY_LABELS = { registered: '户籍人口', floating: '流动人口', tenant: '租住人员' } as const;
const GENDER_LABELS = { male: '男', female: '女', unknown: '未知' } as const;

/** Phones are contact data of the same weight as identity: whole only for roles that see identity. */
export function presentPhone(actor: Actor, phone: string | null): string | null {
  if (!phone) return null;
  return can(actor, 'people.viewIdentity') ? phone : maskPhone(phone);
}

function presentListItem(actor: Actor, row: PersonListRow): PersonListItem {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    gender: row.gender,
    birthDate: row.birth_date,
    idNumberMasked: row.id_number_masked,
    phone: presentPhone(actor, row.phone),
    currentAddressId: row.current_address_id,
    currentAddressName: row.address_name,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function createPeopleUseCases(deps: { db: Database; identity: IdentityCipher }) {
  const { db, identity } = deps;
  const repo = createPeopleRepository(db);

  async function query(ctx: RequestContext, filter: PeopleFilter): Promise<PeopleQuery> {
    // An exact identity number in the search box is found through its keyed hash, never by decrypting.
    const id = filter.q ? validateIdNumber(filter.q) : null;
    const address = filter.addressId ? await createScopeQueries(db).findAddress(ctx.actor, filter.addressId) : null;
    return {
      ...filter,
      idHash: id?.valid && id.normalized ? identity.lookupHash(id.normalized) : null,
      subtreePath: await subtreeFilter(db, ctx.actor, filter.jurisdictionId),
      addressPath: address?.path ?? null,
      ...(filter.addressId && !address ? { addressId: -1 } : {}),
    };
  }

  async function requirePerson(ctx: RequestContext, id: number) {
    const row = await repo.find(ctx.actor, id);
    if (!row) throw errors.notFound();
    return row;
  }

  /** 409 when the number belongs to someone else; names them only if the actor may open the record. */
  async function refuseDuplicate(ctx: RequestContext, hash: string, selfId: number | null) {
    const existing = await repo.findByIdHash(hash);
    if (!existing || existing.id === selfId) return;
    const visible = await repo.findInScopeById(ctx.actor, existing.id);
    throw new DuplicateIdentityError(visible ? existing.id : null);
  }

  async function detail(ctx: RequestContext, id: number): Promise<PersonDetail> {
    const row = await requirePerson(ctx, id);
    const hash = await db.selectFrom('persons').select('id_number_hash').where('id', '=', id).executeTakeFirstOrThrow();
    const [addresses, tenancies, owned, currentHouseId, incidents] = await Promise.all([
      repo.addresses(id),
      repo.tenancies(id),
      repo.ownedHouses(id),
      row.current_address_id ? repo.houseAt(row.current_address_id) : Promise.resolve(null),
      can(ctx.actor, 'incidents.view') ? incidentsOfPerson(db, ctx.actor, { id, id_number_hash: hash.id_number_hash }) : Promise.resolve([]),
    ]);
    return {
      ...presentListItem(ctx.actor, row),
      ethnicityCode: row.ethnicity_code,
      ethnicityName: row.ethnicity_name,
      householdPlace: row.household_place,
      notes: row.notes,
      createdAt: row.created_at.toISOString(),
      currentHouseId,
      addresses: addresses.map((a) => ({ id: a.id, addressId: a.address_id, addressName: a.address_name, kind: a.kind, fromDate: a.from_date, toDate: a.to_date, source: a.source })),
      tenancies: tenancies.map((t) => ({
        id: t.id,
        rentalHouseId: t.rental_house_id,
        houseId: t.house_id,
        addressName: t.address_name,
        landlordName: t.landlord_name,
        checkIn: t.check_in,
        checkOut: t.check_out,
        verified: t.verified_at !== null,
      })),
      ownedHouses: owned.map((h) => ({ id: h.id, addressName: h.address_name, use: h.use })),
      incidents: incidents.map((i) => ({ id: i.id, receivedAt: i.received_at.toISOString(), summary: i.summary, status: i.status, kind: i.kind, categoryName: i.category_name, role: i.role, jurisdictionName: i.jurisdiction_name })),
      counts: { addresses: addresses.length, tenancies: tenancies.length, activeTenancies: tenancies.filter((t) => t.check_out === null).length, housesOwned: owned.length, incidents: incidents.length },
      abilities: { viewIdentity: can(ctx.actor, 'people.viewIdentity'), edit: can(ctx.actor, 'people.manage') },
    };
  }

  return {
    async list(ctx: RequestContext, q: ListPeopleQuery) {
      authorize(ctx.actor, 'people.view');
      const { items, total } = await repo.list(ctx.actor, await query(ctx, q), q);
      return { items: items.map((r) => presentListItem(ctx.actor, r)), total };
    },

    async get(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'people.view');
      return detail(ctx, id);
    },

    /** The whole identity number: police roles of the person's jurisdiction only, audited every time. */
    async viewIdentity(ctx: RequestContext, id: number): Promise<{ idNumber: string | null }> {
      authorize(ctx.actor, 'people.viewIdentity');
      const row = await repo.findSealed(ctx.actor, id);
      if (!row) throw errors.notFound();
      const idNumber = row.id_number_enc ? identity.decrypt(row.id_number_enc) : null;
      await recordAudit(db, ctx, [{ action: 'person.identity_viewed', entityType: 'person', entityId: id, jurisdictionId: row.jurisdiction_id, change: { idNumberMasked: row.id_number_masked } }]);
      return { idNumber };
    },

    async create(ctx: RequestContext, input: CreatePersonInput) {
      authorize(ctx.actor, 'people.manage');
      let jurisdictionId: number;
      const address = input.addressId ? await requireAddress(db, ctx.actor, input.addressId) : null;
      if (address) jurisdictionId = address.jurisdiction_id;
      else if (input.jurisdictionId) jurisdictionId = (await requireJurisdiction(db, ctx.actor, input.jurisdictionId)).id;
      else throw peopleErrors.placeRequired();
      const sealed = input.idNumber ? sealIdNumber(identity, input.idNumber) : null;
      const fromDate = input.fromDate ?? (await repo.today());
      const id = await audited(db, ctx, async (trx, audit) => {
        if (sealed) await refuseDuplicate(ctx, sealed.id_number_hash, null);
        const created = await upsertPerson(
          trx,
          identity,
          {
            name: input.name,
            category: input.category,
            idNumber: input.idNumber ?? null,
            phone: input.phone ?? null,
            ethnicityCode: input.ethnicityCode ?? null,
            householdPlace: input.householdPlace ?? null,
            currentAddressId: address?.id ?? null,
            jurisdictionId,
            notes: input.notes ?? null,
          },
          ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        );
        if (address) await createPeopleRepository(trx).insertAddress({ personId: created.id, addressId: address.id, kind: 'residence', fromDate, source: 'manual' });
        audit({ action: 'person.created', entityType: 'person', entityId: created.id, jurisdictionId, change: { name: input.name, category: input.category, idNumberMasked: sealed?.id_number_masked ?? null, addressId: address?.id ?? null } });
        return created.id;
      });
      return detail(ctx, id);
    },

    async update(ctx: RequestContext, id: number, input: UpdatePersonInput) {
      authorize(ctx.actor, 'people.manage');
      const before = await requirePerson(ctx, id);
      const sealed = input.idNumber ? sealIdNumber(identity, input.idNumber) : undefined;
      await audited(db, ctx, async (trx, audit) => {
        if (sealed) await refuseDuplicate(ctx, sealed.id_number_hash, id);
        const { idNumber: _whole, ...plain } = input;
        await createPeopleRepository(trx).update(id, { ...plain, ...(sealed ? { sealed } : {}) });
        const change: Record<string, unknown> = diff(
          { name: before.name, category: before.category, phone: before.phone, ethnicityCode: before.ethnicity_code, householdPlace: before.household_place, notes: before.notes },
          plain,
        );
        // The audit trail records which number changed, never the number itself.
        if (sealed && sealed.id_number_masked !== before.id_number_masked) change.idNumber = { from: before.id_number_masked, to: sealed.id_number_masked };
        audit({ action: 'person.updated', entityType: 'person', entityId: id, jurisdictionId: before.jurisdiction_id, change });
      });
      return detail(ctx, id);
    },

    /** Moves a person: the open row of that kind ends, a new one starts; a residence also moves the record's jurisdiction. */
    async move(ctx: RequestContext, id: number, input: MovePersonInput) {
      authorize(ctx.actor, 'people.manage');
      const person = await requirePerson(ctx, id);
      const address = await requireAddress(db, ctx.actor, input.addressId);
      const fromDate = input.fromDate ?? (await repo.today());
      await audited(db, ctx, async (trx, audit) => {
        const r = createPeopleRepository(trx);
        const open = await r.openAddress(id, input.kind);
        if (open.some((o) => o.address_id === address.id)) throw peopleErrors.sameAddress();
        const latest = open[0];
        if (latest && latest.from_date > fromDate) throw peopleErrors.moveBeforeCurrent(latest.from_date);
        await r.closeAddresses(open.map((o) => o.id), fromDate);
        await r.insertAddress({ personId: id, addressId: address.id, kind: input.kind, fromDate, source: 'manual' });
        if (input.kind === 'residence') await r.setCurrentAddress(id, address.id, address.jurisdiction_id);
        audit({
          action: 'person.address_changed',
          entityType: 'person',
          entityId: id,
          jurisdictionId: input.kind === 'residence' ? address.jurisdiction_id : person.jurisdiction_id,
          change: { kind: input.kind, fromDate, from: latest?.address_id ?? null, to: address.id, jurisdiction: { from: person.jurisdiction_id, to: address.jurisdiction_id } },
        });
      });
      // The new address is inside the actor's scope, so the person stays visible to them.
      return detail(ctx, id);
    },

    async exportXlsx(ctx: RequestContext, filter: PeopleFilter) {
      authorize(ctx.actor, 'people.view');
      const rows = await repo.listAll(ctx.actor, await query(ctx, filter));
      const buffer = await workbook(
        '实有人口',
        [
          { header: '姓名', width: 12, value: (r) => r.name },
          { header: '性别', width: 6, value: (r) => (r.gender ? GENDER_LABELS[r.gender] : null) },
          { header: '出生日期', width: 12, value: (r) => r.birth_date },
          { header: '公民身份号码', width: 22, value: (r) => r.id_number_masked },
          { header: '人员类别', width: 10, value: (r) => CATEGORY_LABELS[r.category] },
          { header: '联系电话', width: 14, value: (r) => presentPhone(ctx.actor, r.phone) },
          { header: '现住址', width: 40, value: (r) => r.address_name },
          { header: '所属辖区', width: 20, value: (r) => r.jurisdiction_name },
          { header: '户籍地', width: 24, value: (r) => r.household_place },
        ],
        rows,
      );
      await recordAudit(db, ctx, [{ action: 'people.exported', entityType: 'person', jurisdictionId: ctx.actor.jurisdictionId, change: { rows: rows.length, filter: { ...filter, q: filter.q && validateIdNumber(filter.q).valid ? '(identity number)' : filter.q } } }]);
      return buffer;
    },
  };
}
