import type { RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize } from '../../app/policy.js';
import { TRANSITIONS, type WarningStep } from './warnings.core.js';
import { publishWarningEvent } from '../board/board.events.js';
import { createWarningsRepository, type WarningRow } from './warnings.repository.js';
import type { ListWarningsQuery, WarningDetailDto, WarningDto } from './warnings.schemas.js';

function present(row: WarningRow): WarningDto {
  return {
    id: row.id,
    source: row.source,
    clusterId: row.cluster_id,
    incidentId: row.incident_id,
    linkBy: row.link_by,
    linkValue: row.link_value,
    incidentCount: row.incident_count ?? 1,
    level: row.level,
    reason: row.reason,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    deadline: row.deadline,
    status: row.status,
    plan: row.plan,
    closedReason: row.closed_reason,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const transitionNotAllowed = () =>
  errors.conflict('warnings.transition_not_allowed', { zh: '预警当前状态不允许此操作', en: 'The warning is not in a state that allows this step' });

export function createWarningsUseCases(deps: { db: Database }) {
  const { db } = deps;
  const repo = createWarningsRepository(db);

  async function detail(ctx: RequestContext, id: number): Promise<WarningDetailDto> {
    const row = await repo.find(ctx.actor, id);
    if (!row) throw errors.notFound();
    const [incidents, events] = await Promise.all([repo.clusterIncidents(row), repo.events(row.id)]);
    return {
      ...present(row),
      incidents: incidents.map((i) => ({ id: i.id, receivedAt: i.received_at.toISOString(), categoryCode: i.category_code, summary: i.summary, addressText: i.address_text, callerPhone: i.caller_phone, status: i.status })),
      events: events.map((e) => ({ actorName: e.actor_name, at: e.at.toISOString(), fromStatus: e.from_status, toStatus: e.to_status, note: e.note })),
    };
  }

  async function step(ctx: RequestContext, id: number, name: WarningStep, input: { plan?: string; closedReason?: string }): Promise<WarningDetailDto> {
    authorize(ctx.actor, 'warnings.manage');
    const { actor } = ctx;
    const t = TRANSITIONS[name];
    await audited(db, ctx, async (trx, audit) => {
      const tx = createWarningsRepository(trx);
      const row = await tx.lock(actor, id);
      if (!row) throw errors.notFound();
      if (row.status !== t.from) throw transitionNotAllowed();
      await tx.transition({
        id,
        from: t.from,
        to: t.to,
        ...input,
        actorUserId: actor.kind === 'user' ? actor.userId : null,
        actorName: actor.kind === 'user' ? actor.displayName : actor.name,
        note: input.plan ?? input.closedReason ?? null,
      });
      audit({ action: t.action, entityType: 'warning', entityId: id, jurisdictionId: row.jurisdiction_id, change: { status: { from: t.from, to: t.to }, ...input } });
      await publishWarningEvent(trx, 'warning.changed', id);
    });
    return detail(ctx, id);
  }

  return {
    async list(ctx: RequestContext, q: ListWarningsQuery) {
      authorize(ctx.actor, 'incidents.view');
      const { items, total } = await repo.list(ctx.actor, q);
      return { items: items.map(present), total };
    },
    async get(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'incidents.view');
      return detail(ctx, id);
    },
    acknowledge: (ctx: RequestContext, id: number) => step(ctx, id, 'acknowledge', {}),
    plan: (ctx: RequestContext, id: number, plan: string) => step(ctx, id, 'plan', { plan }),
    close: (ctx: RequestContext, id: number, reason: string) => step(ctx, id, 'close', { closedReason: reason }),
  };
}
