import { JURISDICTION_KIND_LABELS, ROLE_JURISDICTION_KINDS, ROLE_LABELS, type Role } from '@fengqiao/shared';
import type { z } from 'zod';
import type { RequestContext } from '../../app/actor.js';
import { audited, diff, recordAudit } from '../../app/audit.js';
import { hashPassword } from '../../app/auth/passwords.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { beijing, workbook } from '../../app/excel.js';
import { authorize } from '../../app/policy.js';
import { createUsersRepository } from './users.repository.js';
import type { createUserBody, ListUsersQuery, updateUserBody, UserDto } from './users.schemas.js';

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof createUsersRepository>['find']>>>;

function present(row: Row): UserDto {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    phone: row.phone,
    active: row.active,
    lockedUntil: row.locked_until && row.locked_until.getTime() > Date.now() ? row.locked_until.toISOString() : null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export function createUsersUseCases(deps: { db: Database }) {
  const { db } = deps;
  const repo = createUsersRepository(db);

  async function requireUser(ctx: RequestContext, id: number) {
    const row = await repo.find(ctx.actor, id);
    if (!row) throw errors.notFound();
    return row;
  }

  /** The role decides where in the tree a user may sit; a partner belongs to a department. */
  async function checkPlacement(ctx: RequestContext, role: Role, jurisdictionId: number, departmentId: number | null | undefined) {
    const place = await repo.findJurisdictionInScope(ctx.actor, jurisdictionId);
    if (!place) throw errors.field('jurisdictionId', 'not_found', { zh: '所属单位不存在或无权访问', en: 'jurisdiction not found' });
    const allowed = ROLE_JURISDICTION_KINDS[role];
    if (!allowed.includes(place.kind)) {
      throw errors.field('jurisdictionId', 'role_jurisdiction_kind', {
        zh: `${ROLE_LABELS[role].zh}只能属于：${allowed.map((k) => JURISDICTION_KIND_LABELS[k].zh).join('、')}`,
        en: `a ${role} must belong to one of: ${allowed.join(', ')}`,
      });
    }
    if (role === 'partner' && !departmentId) {
      throw errors.field('departmentId', 'required', { zh: '责任单位账号必须选择所属责任单位', en: 'is required for a partner-department user' });
    }
    if (departmentId && !(await repo.findDepartmentVisible(ctx.actor, departmentId))) {
      throw errors.field('departmentId', 'not_found', { zh: '责任单位不存在或无权访问', en: 'department not found' });
    }
  }

  async function subtreeFilter(ctx: RequestContext, jurisdictionId: number | undefined): Promise<string | null> {
    if (!jurisdictionId) return null;
    const place = await repo.findJurisdictionInScope(ctx.actor, jurisdictionId);
    // An out-of-scope filter matches nothing rather than telling whether the unit exists.
    return place ? place.path : '/none/';
  }

  return {
    async list(ctx: RequestContext, query: ListUsersQuery) {
      authorize(ctx.actor, 'users.view');
      const { items, total } = await repo.list(ctx.actor, query, await subtreeFilter(ctx, query.jurisdictionId));
      return { items: items.map(present), total };
    },

    async get(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'users.view');
      return present(await requireUser(ctx, id));
    },

    async exportXlsx(ctx: RequestContext, query: Omit<ListUsersQuery, 'page' | 'pageSize'>) {
      authorize(ctx.actor, 'users.view');
      const rows = await repo.listAll(ctx.actor, query, await subtreeFilter(ctx, query.jurisdictionId));
      const buffer = await workbook(
        '用户名册',
        [
          { header: '用户名', value: (r) => r.username },
          { header: '姓名', value: (r) => r.display_name },
          { header: '角色', width: 18, value: (r) => ROLE_LABELS[r.role].zh },
          { header: '所属单位', width: 20, value: (r) => r.jurisdiction_name },
          { header: '责任单位', width: 20, value: (r) => r.department_name },
          { header: '电话', value: (r) => r.phone },
          { header: '状态', value: (r) => (r.active ? '在用' : '停用') },
          { header: '最近登录', width: 20, value: (r) => beijing(r.last_login_at) },
        ],
        rows,
      );
      await recordAudit(db, ctx, [{ action: 'users.exported', entityType: 'user', jurisdictionId: ctx.actor.jurisdictionId, change: { rows: rows.length, filter: query } }]);
      return buffer;
    },

    async create(ctx: RequestContext, input: z.infer<typeof createUserBody>) {
      authorize(ctx.actor, 'users.manage');
      await checkPlacement(ctx, input.role, input.jurisdictionId, input.departmentId);
      if (await repo.usernameTaken(input.username)) {
        throw errors.conflict('users.username_taken', { zh: '用户名已被使用', en: 'That username is taken' });
      }
      const passwordHash = await hashPassword(input.password);
      const id = await audited(db, ctx, async (trx, audit) => {
        const newId = await createUsersRepository(trx).insert({
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          jurisdictionId: input.jurisdictionId,
          departmentId: input.departmentId ?? null,
          phone: input.phone ?? null,
          passwordHash,
          mustChangePassword: true,
        });
        audit({ action: 'user.created', entityType: 'user', entityId: newId, jurisdictionId: input.jurisdictionId, change: { username: input.username, role: input.role } });
        return newId;
      });
      return present(await requireUser(ctx, id));
    },

    async update(ctx: RequestContext, id: number, input: z.infer<typeof updateUserBody>) {
      authorize(ctx.actor, 'users.manage');
      const before = await requireUser(ctx, id);
      const role = input.role ?? before.role;
      const jurisdictionId = input.jurisdictionId ?? before.jurisdiction_id;
      const departmentId = input.departmentId !== undefined ? input.departmentId : before.department_id;
      if (input.role !== undefined || input.jurisdictionId !== undefined || input.departmentId !== undefined) await checkPlacement(ctx, role, jurisdictionId, departmentId);
      if (ctx.actor.kind === 'user' && ctx.actor.userId === id && (input.active === false || (input.role && input.role !== before.role))) {
        throw errors.conflict('users.cannot_demote_self', { zh: '不能停用自己或更改自己的角色', en: 'You cannot deactivate yourself or change your own role' });
      }
      await audited(db, ctx, async (trx, audit) => {
        const r = createUsersRepository(trx);
        await r.update(id, input);
        // A deactivated user or one moved elsewhere signs in again under the new rules.
        if (input.active === false || input.role !== undefined || input.jurisdictionId !== undefined) await r.endSessions(id);
        audit({
          action: 'user.updated',
          entityType: 'user',
          entityId: id,
          jurisdictionId,
          change: diff({ displayName: before.display_name, role: before.role, jurisdictionId: before.jurisdiction_id, departmentId: before.department_id, phone: before.phone, active: before.active }, input),
        });
      });
      return present(await requireUser(ctx, id));
    },

    async resetPassword(ctx: RequestContext, id: number, password: string) {
      authorize(ctx.actor, 'users.manage');
      const user = await requireUser(ctx, id);
      const hash = await hashPassword(password);
      await audited(db, ctx, async (trx, audit) => {
        const r = createUsersRepository(trx);
        await r.setPassword(id, hash, true);
        await r.endSessions(id);
        audit({ action: 'user.password_reset', entityType: 'user', entityId: id, jurisdictionId: user.jurisdiction_id });
      });
    },

    async unlock(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'users.manage');
      const user = await requireUser(ctx, id);
      await audited(db, ctx, async (trx, audit) => {
        await createUsersRepository(trx).unlock(id);
        audit({ action: 'user.unlocked', entityType: 'user', entityId: id, jurisdictionId: user.jurisdiction_id });
      });
    },
  };
}
