import { CHILD_KINDS, JURISDICTION_KIND_LABELS } from '@fengqiao/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../app/actor.js';
import { audited, diff } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize } from '../../app/policy.js';
import { createOrgRepository, type JurisdictionRow } from './org.repository.js';
import type { createDepartmentBody, createJurisdictionBody, DepartmentDto, JurisdictionDto, updateDepartmentBody, updateJurisdictionBody } from './org.schemas.js';

function present(row: JurisdictionRow, withBoundary: boolean): JurisdictionDto {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind,
    name: row.name,
    code: row.code,
    centerLat: row.center_lat,
    centerLon: row.center_lon,
    ...(withBoundary ? { boundary: row.boundary } : {}),
    sort: row.sort,
    childCount: row.child_count,
    userCount: row.user_count,
  };
}

type DepartmentRow = Awaited<ReturnType<ReturnType<typeof createOrgRepository>['listDepartments']>>[number];
function presentDepartment(row: DepartmentRow): DepartmentDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    contactName: row.contact_name,
    phone: row.phone,
    address: row.address,
  };
}

export function createOrgUseCases(deps: { db: Database }) {
  const { db } = deps;
  const repo = createOrgRepository(db);

  async function requireJurisdiction(ctx: RequestContext, id: number) {
    const row = await repo.findJurisdiction(ctx.actor, id);
    if (!row) throw errors.notFound();
    return row;
  }

  async function requireDepartment(ctx: RequestContext, id: number) {
    const [row] = await repo.listDepartments(ctx.actor, id);
    // A department the actor merely sees (an ancestor's) is not one it may change: only its own subtree.
    if (!row || !row.path.startsWith(ctx.actor.jurisdictionPath)) throw errors.notFound();
    return row;
  }

  return {
    async listJurisdictions(ctx: RequestContext, includeBoundary: boolean) {
      authorize(ctx.actor, 'org.view');
      return (await repo.listJurisdictions(ctx.actor)).map((r) => present(r, includeBoundary));
    },

    async getJurisdiction(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'org.view');
      return present(await requireJurisdiction(ctx, id), true);
    },

    async createJurisdiction(ctx: RequestContext, input: z.infer<typeof createJurisdictionBody>) {
      authorize(ctx.actor, 'org.manage');
      const parent = await repo.findJurisdiction(ctx.actor, input.parentId);
      if (!parent) throw errors.field('parentId', 'not_found', { zh: '上级单位不存在或无权访问', en: 'parent not found' });
      if (!CHILD_KINDS[parent.kind].includes(input.kind)) {
        const allowed = CHILD_KINDS[parent.kind];
        throw errors.field('kind', 'child_kind', {
          zh: `${JURISDICTION_KIND_LABELS[parent.kind].zh}下只能建立：${allowed.map((k) => JURISDICTION_KIND_LABELS[k].zh).join('、') || '（无）'}`,
          en: `under a ${parent.kind} only these kinds are allowed: ${allowed.join(', ') || '(none)'}`,
        });
      }
      const id = await audited(db, ctx, async (trx, audit) => {
        const newId = await createOrgRepository(trx).insertJurisdiction({
          parentId: parent.id,
          parentPath: parent.path,
          kind: input.kind,
          name: input.name,
          code: input.code ?? null,
          centerLat: input.centerLat ?? null,
          centerLon: input.centerLon ?? null,
          boundary: input.boundary ?? null,
          sort: input.sort ?? 0,
        });
        audit({ action: 'jurisdiction.created', entityType: 'jurisdiction', entityId: newId, jurisdictionId: newId, change: { parentId: parent.id, kind: input.kind, name: input.name } });
        return newId;
      });
      return present((await repo.findJurisdiction(ctx.actor, id))!, true);
    },

    async updateJurisdiction(ctx: RequestContext, id: number, input: z.infer<typeof updateJurisdictionBody>) {
      authorize(ctx.actor, 'org.manage');
      const before = await requireJurisdiction(ctx, id);
      await audited(db, ctx, async (trx, audit) => {
        await createOrgRepository(trx).updateJurisdiction(id, input);
        const { boundary: _b, ...rest } = input;
        audit({
          action: 'jurisdiction.updated',
          entityType: 'jurisdiction',
          entityId: id,
          jurisdictionId: id,
          change: { ...diff({ name: before.name, code: before.code, centerLat: before.center_lat, centerLon: before.center_lon, sort: before.sort }, rest), ...(input.boundary !== undefined ? { boundary: 'changed' } : {}) },
        });
      });
      return present((await repo.findJurisdiction(ctx.actor, id))!, true);
    },

    async archiveJurisdiction(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'org.manage');
      const row = await requireJurisdiction(ctx, id);
      if (row.parent_id === null) throw errors.conflict('org.cannot_archive_root', { zh: '不能撤销公安局本身', en: 'The bureau itself cannot be archived' });
      if (row.child_count > 0 || row.user_count > 0 || (await repo.countDepartmentsAt(id)) > 0) {
        throw errors.conflict('org.jurisdiction_in_use', {
          zh: `该单位下仍有 ${row.child_count} 个下级、${row.user_count} 名用户或责任单位，请先移走`,
          en: `It still has ${row.child_count} sub-units, ${row.user_count} users or departments; move them first`,
        });
      }
      await audited(db, ctx, async (trx, audit) => {
        await createOrgRepository(trx).archiveJurisdiction(id);
        audit({ action: 'jurisdiction.archived', entityType: 'jurisdiction', entityId: id, jurisdictionId: id, change: { name: row.name } });
      });
    },

    async listDepartments(ctx: RequestContext) {
      authorize(ctx.actor, 'departments.view');
      const rows = await repo.listDepartments(ctx.actor);
      // A partner user sees its own department only.
      const visible = ctx.actor.kind === 'user' && ctx.actor.role === 'partner' ? rows.filter((r) => r.id === (ctx.actor.kind === 'user' ? ctx.actor.departmentId : null)) : rows;
      return visible.map(presentDepartment);
    },

    async createDepartment(ctx: RequestContext, input: z.infer<typeof createDepartmentBody>) {
      authorize(ctx.actor, 'departments.manage');
      const place = await repo.findJurisdiction(ctx.actor, input.jurisdictionId);
      if (!place) throw errors.field('jurisdictionId', 'not_found', { zh: '所属单位不存在或无权访问', en: 'jurisdiction not found' });
      const id = await audited(db, ctx, async (trx, audit) => {
        const newId = await createOrgRepository(trx).insertDepartment({
          name: input.name,
          kind: input.kind,
          jurisdictionId: input.jurisdictionId,
          contactName: input.contactName ?? null,
          phone: input.phone ?? null,
          address: input.address ?? null,
        });
        audit({ action: 'department.created', entityType: 'department', entityId: newId, jurisdictionId: input.jurisdictionId, change: { name: input.name, kind: input.kind } });
        return newId;
      });
      return presentDepartment((await requireDepartment(ctx, id)));
    },

    async updateDepartment(ctx: RequestContext, id: number, input: z.infer<typeof updateDepartmentBody>) {
      authorize(ctx.actor, 'departments.manage');
      const before = await requireDepartment(ctx, id);
      if (input.jurisdictionId !== undefined && !(await repo.findJurisdiction(ctx.actor, input.jurisdictionId))) {
        throw errors.field('jurisdictionId', 'not_found', { zh: '所属单位不存在或无权访问', en: 'jurisdiction not found' });
      }
      await audited(db, ctx, async (trx, audit) => {
        await createOrgRepository(trx).updateDepartment(id, input);
        audit({
          action: 'department.updated',
          entityType: 'department',
          entityId: id,
          jurisdictionId: input.jurisdictionId ?? before.jurisdiction_id,
          change: diff({ name: before.name, kind: before.kind, jurisdictionId: before.jurisdiction_id, contactName: before.contact_name, phone: before.phone, address: before.address }, input),
        });
      });
      return presentDepartment(await requireDepartment(ctx, id));
    },

    async archiveDepartment(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'departments.manage');
      const row = await requireDepartment(ctx, id);
      if ((await repo.countUsersOfDepartment(id)) > 0) {
        throw errors.conflict('org.department_in_use', { zh: '该责任单位仍有用户账号，请先停用', en: 'The department still has active users; deactivate them first' });
      }
      await audited(db, ctx, async (trx, audit) => {
        await createOrgRepository(trx).archiveDepartment(id);
        audit({ action: 'department.archived', entityType: 'department', entityId: id, jurisdictionId: row.jurisdiction_id, change: { name: row.name } });
      });
    },
  };
}
