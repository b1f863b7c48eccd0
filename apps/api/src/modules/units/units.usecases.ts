import type { RequestContext } from '../../app/actor.js';
import { audited, diff, recordAudit } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import type { UnitKind } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { workbook } from '../../app/excel.js';
import { authorize, can } from '../../app/policy.js';
import { createScopeQueries, requireAddress, requireJurisdiction, subtreeFilter } from '../people/scope.js';
import { checkCreditCode, CREDIT_CODE_MESSAGES } from './units.core.js';
import { createUnitsRepository, type UnitRow, type UnitsQuery, type UnitValues } from './units.repository.js';
import type { CreateUnitInput, ListUnitsQuery, UnitDetail, UnitDto, UnitsFilter, UpdateUnitInput } from './units.schemas.js';

export const UNIT_KIND_LABELS: Record<UnitKind, string> = { enterprise: '企业', shop: '商铺', venue: '场所', school: '学校', key_place: '重点单位', other: '其他' };

function present(row: UnitRow): UnitDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    creditCode: row.credit_code,
    creditCodeOk: row.credit_code_ok,
    addressId: row.address_id,
    addressName: row.address_name,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    legalRepresentative: row.legal_representative,
    contactPhone: row.contact_phone,
    employees: row.employees,
    keyPlace: row.key_place,
    notes: row.notes,
    archivedAt: row.archived_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function createUnitsUseCases(deps: { db: Database }) {
  const { db } = deps;
  const repo = createUnitsRepository(db);

  async function query(ctx: RequestContext, filter: UnitsFilter): Promise<UnitsQuery> {
    const address = filter.addressId ? await createScopeQueries(db).findAddress(ctx.actor, filter.addressId) : null;
    return {
      ...filter,
      subtreePath: await subtreeFilter(db, ctx.actor, filter.jurisdictionId),
      addressPath: address?.path ?? null,
      ...(filter.addressId && !address ? { addressId: -1 } : {}),
    };
  }

  async function requireUnit(ctx: RequestContext, id: number) {
    const row = await repo.find(ctx.actor, id);
    if (!row) throw errors.notFound();
    return row;
  }

  async function detail(ctx: RequestContext, id: number): Promise<UnitDetail> {
    const row = await requireUnit(ctx, id);
    return {
      ...present(row),
      warnings: row.credit_code_ok === false ? [{ field: 'creditCode', rule: 'credit_code_checksum', message: CREDIT_CODE_MESSAGES.checksum[ctx.lang] }] : [],
      abilities: { edit: can(ctx.actor, 'units.manage') && row.archived_at === null },
    };
  }

  /** Where the unit sits: its address decides the jurisdiction; without one the named jurisdiction. */
  async function placement(ctx: RequestContext, addressId: number | null, jurisdictionId: number | undefined, current: number | null) {
    if (addressId) return { addressId, jurisdictionId: (await requireAddress(db, ctx.actor, addressId)).jurisdiction_id };
    if (jurisdictionId) return { addressId: null, jurisdictionId: (await requireJurisdiction(db, ctx.actor, jurisdictionId)).id };
    if (current) return { addressId: null, jurisdictionId: current };
    throw errors.field('addressId', 'required', { zh: '请选择地址或所属辖区', en: 'give an address or a jurisdiction' });
  }

  return {
    async list(ctx: RequestContext, q: ListUnitsQuery) {
      authorize(ctx.actor, 'units.view');
      const { items, total } = await repo.list(ctx.actor, await query(ctx, q), q);
      return { items: items.map(present), total };
    },

    async get(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'units.view');
      return detail(ctx, id);
    },

    async create(ctx: RequestContext, input: CreateUnitInput) {
      authorize(ctx.actor, 'units.manage');
      const code = checkCreditCode(input.creditCode);
      const place = await placement(ctx, input.addressId ?? null, input.jurisdictionId, null);
      const values: UnitValues = {
        name: input.name,
        kind: input.kind,
        ...code,
        ...place,
        legalRepresentative: input.legalRepresentative ?? null,
        contactPhone: input.contactPhone ?? null,
        employees: input.employees ?? null,
        keyPlace: input.keyPlace ?? (input.kind === 'key_place' || input.kind === 'school'),
        notes: input.notes ?? null,
      };
      const id = await audited(db, ctx, async (trx, audit) => {
        const newId = await createUnitsRepository(trx).insert(values);
        audit({ action: 'unit.created', entityType: 'unit', entityId: newId, jurisdictionId: values.jurisdictionId, change: { name: values.name, kind: values.kind, creditCode: values.creditCode, creditCodeOk: values.creditCodeOk } });
        return newId;
      });
      return detail(ctx, id);
    },

    async update(ctx: RequestContext, id: number, input: UpdateUnitInput) {
      authorize(ctx.actor, 'units.manage');
      const before = await requireUnit(ctx, id);
      if (before.archived_at) throw errors.conflict('units.archived', { zh: '该单位已注销，不能修改', en: 'This unit is archived and cannot be changed' });
      const code = input.creditCode !== undefined ? checkCreditCode(input.creditCode) : { creditCode: before.credit_code, creditCodeOk: before.credit_code_ok };
      const place =
        input.addressId !== undefined || input.jurisdictionId !== undefined
          ? await placement(ctx, input.addressId === undefined ? before.address_id : input.addressId, input.jurisdictionId, before.jurisdiction_id)
          : { addressId: before.address_id, jurisdictionId: before.jurisdiction_id };
      const values: UnitValues = {
        name: input.name ?? before.name,
        kind: input.kind ?? before.kind,
        ...code,
        ...place,
        legalRepresentative: input.legalRepresentative !== undefined ? input.legalRepresentative : before.legal_representative,
        contactPhone: input.contactPhone !== undefined ? input.contactPhone : before.contact_phone,
        employees: input.employees !== undefined ? input.employees : before.employees,
        keyPlace: input.keyPlace ?? before.key_place,
        notes: input.notes !== undefined ? input.notes : before.notes,
      };
      await audited(db, ctx, async (trx, audit) => {
        await createUnitsRepository(trx).update(id, values);
        const { jurisdictionId: _j, ...changed } = values;
        audit({
          action: 'unit.updated',
          entityType: 'unit',
          entityId: id,
          jurisdictionId: values.jurisdictionId,
          change: diff(
            {
              name: before.name,
              kind: before.kind,
              creditCode: before.credit_code,
              creditCodeOk: before.credit_code_ok,
              addressId: before.address_id,
              legalRepresentative: before.legal_representative,
              contactPhone: before.contact_phone,
              employees: before.employees,
              keyPlace: before.key_place,
              notes: before.notes,
            },
            changed,
          ),
        });
      });
      return detail(ctx, id);
    },

    /** Archives (注销) a unit: it leaves the lists, the record stays. */
    async archive(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'units.manage');
      const unit = await requireUnit(ctx, id);
      if (unit.archived_at) return;
      await audited(db, ctx, async (trx, audit) => {
        await createUnitsRepository(trx).archive(id);
        audit({ action: 'unit.archived', entityType: 'unit', entityId: id, jurisdictionId: unit.jurisdiction_id, change: { name: unit.name } });
      });
    },

    async exportXlsx(ctx: RequestContext, filter: UnitsFilter) {
      authorize(ctx.actor, 'units.view');
      const rows = await repo.listAll(ctx.actor, await query(ctx, filter));
      const buffer = await workbook(
        '实有单位',
        [
          { header: '单位名称', width: 28, value: (r) => r.name },
          { header: '单位类别', width: 10, value: (r) => UNIT_KIND_LABELS[r.kind] },
          { header: '统一社会信用代码', width: 22, value: (r) => r.credit_code },
          { header: '代码校验', width: 10, value: (r) => (r.credit_code_ok === null ? null : r.credit_code_ok ? '通过' : '校验位不符') },
          { header: '重点单位', width: 8, value: (r) => (r.key_place ? '是' : '否') },
          { header: '法定代表人', width: 12, value: (r) => r.legal_representative },
          { header: '联系电话', width: 14, value: (r) => r.contact_phone },
          { header: '从业人数', width: 10, value: (r) => r.employees },
          { header: '地址', width: 40, value: (r) => r.address_name },
          { header: '所属辖区', width: 20, value: (r) => r.jurisdiction_name },
        ],
        rows,
      );
      await recordAudit(db, ctx, [{ action: 'units.exported', entityType: 'unit', jurisdictionId: ctx.actor.jurisdictionId, change: { rows: rows.length, filter } }]);
      return buffer;
    },
  };
}
