import type { RequestContext } from '../../app/actor.js';
import { recordAudit } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { beijing, workbook } from '../../app/excel.js';
import { authorize } from '../../app/policy.js';
import { createAuditRepository } from './audit.repository.js';
import type { AuditEventDto, AuditFilter } from './audit.schemas.js';

type Row = Awaited<ReturnType<ReturnType<typeof createAuditRepository>['listAll']>>[number];
const present = (r: Row): AuditEventDto => ({
  id: r.id,
  at: r.at.toISOString(),
  actorName: r.actor_name,
  actorRole: r.actor_role,
  actorUserId: r.actor_user_id,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  jurisdictionId: r.jurisdiction_id,
  ip: r.ip,
  requestId: r.request_id,
  change: r.change,
});

export function createAuditUseCases(deps: { db: Database }) {
  const { db } = deps;
  const repo = createAuditRepository(db);
  return {
    async list(ctx: RequestContext, f: AuditFilter, page: number, pageSize: number) {
      authorize(ctx.actor, 'audit.view');
      const { items, total } = await repo.list(ctx.actor, f, page, pageSize);
      return { items: items.map(present), total };
    },
    async exportXlsx(ctx: RequestContext, f: AuditFilter) {
      authorize(ctx.actor, 'audit.view');
      const rows = await repo.listAll(ctx.actor, f);
      const buffer = await workbook(
        '审计日志',
        [
          { header: '时间', width: 20, value: (r) => beijing(r.at) },
          { header: '操作人', value: (r) => r.actor_name },
          { header: '角色', value: (r) => r.actor_role },
          { header: '操作', width: 22, value: (r) => r.action },
          { header: '对象类型', value: (r) => r.entity_type },
          { header: '对象编号', value: (r) => r.entity_id },
          { header: 'IP', value: (r) => r.ip },
          { header: '变更', width: 60, value: (r) => (r.change ? JSON.stringify(r.change) : null) },
        ],
        rows,
      );
      await recordAudit(db, ctx, [{ action: 'audit.exported', entityType: 'audit_event', jurisdictionId: ctx.actor.jurisdictionId, change: { rows: rows.length, filter: f } }]);
      return buffer;
    },
  };
}
