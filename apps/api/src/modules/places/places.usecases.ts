import type { RequestContext } from '../../app/actor.js';
import { audited, diff } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize, inScope, pathIds } from '../../app/policy.js';
import { matchAddress } from './places.matcher.js';
import { createPlacesRepository } from './places.repository.js';
import { CHILD_LEVELS, LEVEL_LABELS } from './places.rules.js';
import type { AddressDetailDto, AddressDto, AddressSummary, CreateAddressInput, UpdateAddressInput } from './places.schemas.js';
import { bigrams, normaliseAddress } from './places.text.js';

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof createPlacesRepository>['find']>>>;
type SummaryRow = Pick<Row, 'id' | 'parent_id' | 'level' | 'name' | 'full_name' | 'division_code' | 'jurisdiction_id' | 'lat' | 'lon'>;

function summary(row: SummaryRow): AddressSummary {
  return { id: row.id, parentId: row.parent_id, level: row.level, name: row.name, fullName: row.full_name, divisionCode: row.division_code, jurisdictionId: row.jurisdiction_id, lat: row.lat, lon: row.lon };
}

function present(row: Row): AddressDto {
  return { ...summary(row), divisionName: row.division_name, jurisdictionName: row.jurisdiction_name, sort: row.sort, childCount: row.child_count ?? 0 };
}

export function createPlacesUseCases(deps: { db: Database }) {
  const { db } = deps;
  const repo = createPlacesRepository(db);

  async function requireAddress(ctx: RequestContext, id: number): Promise<Row> {
    const row = await repo.find(ctx.actor, id);
    if (!row) throw errors.notFound();
    return row;
  }

  async function detail(ctx: RequestContext, row: Row): Promise<AddressDetailDto> {
    const ids = pathIds(row.path).filter((id) => id !== row.id);
    const names = new Map((await repo.namesOf(ids)).map((n) => [n.id, n]));
    const ancestors = ids.flatMap((id) => {
      const n = names.get(id);
      return n ? [{ id: n.id, level: n.level, name: n.name, visible: inScope(ctx.actor, n.jurisdiction_path) }] : [];
    });
    return { ...present(row), ancestors, counts: await repo.counts(ctx.actor, row.path) };
  }

  async function checkJurisdiction(ctx: RequestContext, id: number) {
    if (!(await repo.findJurisdictionInScope(ctx.actor, id))) throw errors.field('jurisdictionId', 'not_found', { zh: '所属辖区不存在或无权访问', en: 'jurisdiction not found' });
  }

  async function checkDivision(code: string | null | undefined) {
    if (code && !(await repo.findDivision(code))) throw errors.field('divisionCode', 'not_found', { zh: '行政区划代码不存在（GB/T 2260）', en: 'is not a known division code (GB/T 2260)' });
  }

  async function checkUniqueName(parentId: number | null, name: string, exceptId: number | null) {
    if (await repo.siblingNamed(parentId, name, exceptId)) {
      throw errors.conflict('places.address_exists', { zh: `同一上级地址下已有“${name}”`, en: `"${name}" already exists under the same parent` });
    }
  }

  return {
    async listDivisions(ctx: RequestContext, parentCode: string | undefined) {
      authorize(ctx.actor, 'places.view');
      const rows = await repo.listDivisions(parentCode ?? null);
      return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, childCount: r.child_count ?? 0 }));
    },

    async list(ctx: RequestContext, parentId: number | undefined): Promise<AddressDto[]> {
      authorize(ctx.actor, 'places.view');
      if (parentId === undefined) return (await repo.listRoots(ctx.actor)).map(present);
      await requireAddress(ctx, parentId);
      return (await repo.listChildren(ctx.actor, parentId)).map(present);
    },

    async get(ctx: RequestContext, id: number): Promise<AddressDetailDto> {
      authorize(ctx.actor, 'places.view');
      return detail(ctx, await requireAddress(ctx, id));
    },

    /** For pickers: addresses containing every bigram of the text; topped up with the matcher's guesses. */
    async search(ctx: RequestContext, q: string, limit: number): Promise<AddressSummary[]> {
      authorize(ctx.actor, 'places.view');
      const normalised = normaliseAddress(q);
      const chars = Array.from(normalised);
      if (chars.length === 0) return [];
      const rows = await repo.search(ctx.actor, bigrams(normalised), chars.length === 1 ? normalised : null, limit);
      const items = rows.map(summary);
      if (items.length < limit && chars.length > 1) {
        const match = await matchAddress(db, ctx.actor, q);
        for (const m of [match.best, ...match.alternatives]) {
          if (m && items.length < limit && !items.some((i) => i.id === m.address.id)) items.push(m.address);
        }
      }
      return items;
    },

    async match(ctx: RequestContext, q: string) {
      authorize(ctx.actor, 'places.view');
      return matchAddress(db, ctx.actor, q);
    },

    async create(ctx: RequestContext, input: CreateAddressInput): Promise<AddressDetailDto> {
      authorize(ctx.actor, 'places.manage');
      const parent = input.parentId ? await repo.find(ctx.actor, input.parentId) : null;
      if (input.parentId && !parent) throw errors.field('parentId', 'not_found', { zh: '上级地址不存在或无权访问', en: 'parent address not found' });
      if (!parent && input.level !== 'county') throw errors.field('parentId', 'required', { zh: '县级以下地址必须选择上级地址', en: 'is required below the county level' });
      if (parent && !CHILD_LEVELS[parent.level].includes(input.level)) {
        const allowed = CHILD_LEVELS[parent.level];
        throw errors.field('level', 'address_level', {
          zh: allowed.length ? `${LEVEL_LABELS[parent.level].zh}下只能添加：${allowed.map((l) => LEVEL_LABELS[l].zh).join('、')}` : `${LEVEL_LABELS[parent.level].zh}下不能再添加地址`,
          en: allowed.length ? `under a ${LEVEL_LABELS[parent.level].en} only: ${allowed.map((l) => LEVEL_LABELS[l].en).join(', ')}` : `nothing can be added under a ${LEVEL_LABELS[parent.level].en}`,
        });
      }
      const jurisdictionId = input.jurisdictionId ?? parent?.jurisdiction_id;
      if (!jurisdictionId) throw errors.field('jurisdictionId', 'required', { zh: '县级地址必须指定所属辖区', en: 'is required for a county' });
      await checkJurisdiction(ctx, jurisdictionId);
      await checkDivision(input.divisionCode);
      await checkUniqueName(parent?.id ?? null, input.name, null);
      const id = await audited(db, ctx, async (trx, audit) => {
        const newId = await createPlacesRepository(trx).insert({
          parentId: parent?.id ?? null,
          parentPath: parent?.path ?? '/',
          parentFullName: parent?.full_name ?? '',
          level: input.level,
          name: input.name,
          divisionCode: input.divisionCode ?? null,
          jurisdictionId,
          // Coordinates default to the parent's: a new room is where its building is.
          lat: input.lat !== undefined ? input.lat : (parent?.lat ?? null),
          lon: input.lon !== undefined ? input.lon : (parent?.lon ?? null),
          sort: input.sort ?? 0,
        });
        audit({ action: 'address.created', entityType: 'address', entityId: newId, jurisdictionId, change: { fullName: `${parent?.full_name ?? ''}${input.name}`, level: input.level, parentId: parent?.id ?? null } });
        return newId;
      });
      return detail(ctx, await requireAddress(ctx, id));
    },

    async update(ctx: RequestContext, id: number, input: UpdateAddressInput): Promise<AddressDetailDto> {
      authorize(ctx.actor, 'places.manage');
      const before = await requireAddress(ctx, id);
      if (input.jurisdictionId !== undefined) await checkJurisdiction(ctx, input.jurisdictionId);
      await checkDivision(input.divisionCode);
      const renamed = input.name !== undefined && input.name !== before.name;
      if (renamed) await checkUniqueName(before.parent_id, input.name!, id);
      await audited(db, ctx, async (trx, audit) => {
        const r = createPlacesRepository(trx);
        await r.update(id, input);
        let descendants = 0;
        if (renamed) {
          const parentFullName = before.full_name.slice(0, before.full_name.length - before.name.length);
          // Full names and grams of the whole subtree follow the new name.
          descendants = (await r.renameSubtree(before.path, before.full_name, parentFullName + input.name!)) - 1;
        }
        audit({
          action: 'address.updated',
          entityType: 'address',
          entityId: id,
          jurisdictionId: input.jurisdictionId ?? before.jurisdiction_id,
          change: { ...diff({ name: before.name, divisionCode: before.division_code, jurisdictionId: before.jurisdiction_id, lat: before.lat, lon: before.lon, sort: before.sort }, input), ...(renamed ? { renamedDescendants: descendants } : {}) },
        });
      });
      return detail(ctx, await requireAddress(ctx, id));
    },

    async archive(ctx: RequestContext, id: number): Promise<void> {
      authorize(ctx.actor, 'places.manage');
      const before = await requireAddress(ctx, id);
      const usage = await repo.usage(id);
      if (usage.children + usage.persons + usage.houses + usage.units > 0) {
        const zh = [usage.children && `${usage.children} 个下级地址`, usage.persons && `${usage.persons} 条人员记录`, usage.houses && `${usage.houses} 处房屋`, usage.units && `${usage.units} 个单位`].filter(Boolean).join('、');
        const en = [usage.children && `${usage.children} child addresses`, usage.persons && `${usage.persons} person records`, usage.houses && `${usage.houses} houses`, usage.units && `${usage.units} units`].filter(Boolean).join(', ');
        throw errors.conflict('places.address_in_use', { zh: `该地址仍有${zh}，不能注销`, en: `The address still has ${en}; it cannot be archived` });
      }
      await audited(db, ctx, async (trx, audit) => {
        await createPlacesRepository(trx).archive(id);
        audit({ action: 'address.archived', entityType: 'address', entityId: id, jurisdictionId: before.jurisdiction_id, change: { fullName: before.full_name } });
      });
    },
  };
}
