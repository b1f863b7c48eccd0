import { sql } from 'kysely';
import type { RequestContext, UserActor } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { AuditAction } from '@fengqiao/shared';
import type { Database, Queryable } from '../../app/db/database.js';
import type { TransferStatus } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { authorize } from '../../app/policy.js';
import { caseSheet, updatesOf } from './transfers.repository.js';
import type { PartnerTransferDetailDto, PartnerTransferDto } from './transfers.schemas.js';
import { overdueFlags, presentUpdate } from './transfers.usecases.js';

/** A partner user of a department; anyone else may not use the portal (403), a partner without a department sees nothing. */
function partnerOf(ctx: RequestContext): UserActor & { departmentId: number | null } {
  authorize(ctx.actor, 'transfers.respond');
  if (ctx.actor.kind !== 'user') throw errors.forbidden();
  return ctx.actor;
}

function partnerQuery(db: Queryable, departmentId: number) {
  return db
    .selectFrom('case_transfers as t')
    .innerJoin('dispute_cases as c', 'c.id', 't.case_id')
    .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
    .select([
      't.id',
      't.case_id',
      't.kind',
      't.doc_no',
      't.status',
      't.note',
      't.sent_at',
      't.ack_due_at',
      't.due_at',
      't.reject_reason',
      't.result',
      'c.case_no',
      'c.title',
      'c.jurisdiction_id',
      sql<string>`coalesce((select s.name from jurisdictions s where s.kind = 'station' and j.path like s.path || '%' order by length(s.path) desc limit 1), j.name)`.as('station_name'),
    ])
    .where('t.department_id', '=', departmentId);
}
type PartnerRow = Awaited<ReturnType<ReturnType<typeof partnerQuery>['executeTakeFirstOrThrow']>>;

function present(r: PartnerRow, now: Date): PartnerTransferDto {
  return {
    id: r.id,
    kind: r.kind,
    docNo: r.doc_no,
    caseNo: r.case_no,
    caseTitle: r.title,
    stationName: r.station_name,
    status: r.status,
    sentAt: r.sent_at.toISOString(),
    ackDueAt: r.ack_due_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    ...overdueFlags(r, now),
  };
}

const notPending = () => errors.conflict('transfer.not_pending', { zh: '该移交已签收或已退回，不能重复操作', en: 'The transfer was already accepted or rejected' });
const notAccepted = () => errors.conflict('transfer.not_accepted', { zh: '请先接收该移交，再反馈进展或结果', en: 'Accept the transfer before reporting progress or a result' });

type Step =
  | { kind: 'accepted'; note: string }
  | { kind: 'rejected'; note: string }
  | { kind: 'progress'; note: string }
  | { kind: 'resolved'; note: string }
  | { kind: 'failed'; note: string };

const STEP_RULES: Record<Step['kind'], { from: TransferStatus; to: TransferStatus; action: AuditAction; title: string }> = {
  accepted: { from: 'sent', to: 'accepted', action: 'case.transfer_accepted', title: '已接收' },
  rejected: { from: 'sent', to: 'rejected', action: 'case.transfer_rejected', title: '已退回' },
  progress: { from: 'accepted', to: 'accepted', action: 'case.transfer_progress', title: '反馈进展' },
  resolved: { from: 'accepted', to: 'resolved', action: 'case.transfer_finished', title: '办结（化解）' },
  failed: { from: 'accepted', to: 'failed', action: 'case.transfer_finished', title: '办结（未化解）' },
};

export function createPartnerUseCases(deps: { db: Database }) {
  const { db } = deps;

  async function detail(departmentId: number, id: number): Promise<PartnerTransferDetailDto> {
    const r = await partnerQuery(db, departmentId).where('t.id', '=', id).executeTakeFirst();
    if (!r) throw errors.notFound();
    const [sheet, incidents, sessions, updates] = await Promise.all([
      caseSheet(db, r.case_id),
      db
        .selectFrom('case_incidents as ci')
        .innerJoin('incidents as i', 'i.id', 'ci.incident_id')
        .select(['i.received_at', 'i.summary'])
        .where('ci.case_id', '=', r.case_id)
        .orderBy('i.received_at')
        .execute(),
      db.selectFrom('mediation_sessions').select(['held_at', 'outcome']).where('case_id', '=', r.case_id).orderBy('held_at').execute(),
      updatesOf(db, [r.id]),
    ]);
    return {
      ...present(r, new Date()),
      summary: sheet.summary,
      disputeType: sheet.dispute_type,
      disputeTypeName: sheet.dispute_type_name,
      note: r.note,
      rejectReason: r.reject_reason,
      result: r.result,
      parties: sheet.parties.map((p) => ({ side: p.side, name: p.name, claims: p.claims })),
      incidents: incidents.map((i) => ({ receivedAt: i.received_at.toISOString(), summary: i.summary })),
      sessions: sessions.map((s) => ({ heldAt: s.held_at.toISOString(), outcome: s.outcome })),
      updates: updates.map(presentUpdate),
    };
  }

  async function step(ctx: RequestContext, id: number, s: Step): Promise<PartnerTransferDetailDto> {
    const actor = partnerOf(ctx);
    const departmentId = actor.departmentId;
    if (departmentId === null) throw errors.notFound();
    const rule = STEP_RULES[s.kind];
    await audited(db, ctx, async (trx, audit) => {
      const t = await trx
        .selectFrom('case_transfers as t')
        .innerJoin('dispute_cases as c', 'c.id', 't.case_id')
        .select(['t.id', 't.status', 't.case_id', 't.doc_no', 't.sent_by', 'c.jurisdiction_id'])
        .where('t.id', '=', id)
        .where('t.department_id', '=', departmentId)
        .forUpdate('t')
        .executeTakeFirst();
      if (!t) throw errors.notFound();
      if (t.status !== rule.from) throw rule.from === 'sent' ? notPending() : notAccepted();
      const now = new Date();
      const finishing = s.kind === 'resolved' || s.kind === 'failed';
      await trx
        .updateTable('case_transfers')
        .set({
          status: rule.to,
          ...(s.kind === 'accepted' || s.kind === 'rejected' ? { responded_at: now, responded_by: actor.userId } : {}),
          ...(s.kind === 'rejected' ? { reject_reason: s.note } : {}),
          ...(finishing ? { result: s.note, finished_at: now } : {}),
        })
        .where('id', '=', t.id)
        .execute();
      await trx.insertInto('case_transfer_updates').values({ transfer_id: t.id, kind: s.kind, note: s.note, actor_user_id: actor.userId, actor_name: actor.displayName, at: now }).execute();
      audit({ action: rule.action, entityType: 'case_transfer', entityId: t.id, jurisdictionId: t.jurisdiction_id, change: { status: { from: t.status, to: rule.to }, note: s.note } });
      // The sender hears of every answer at once; the case page shows the timeline.
      if (t.sent_by !== null) {
        await trx
          .insertInto('notifications')
          .values({
            user_id: t.sent_by,
            kind: 'transfer_update',
            title: `${t.doc_no} ${rule.title}`,
            body: s.note.slice(0, 500),
            link: `/cases/${t.case_id}`,
            entity_type: 'case_transfer',
            entity_id: String(t.id),
          })
          .execute();
      }
    });
    return detail(departmentId, id);
  }

  return {
    async list(ctx: RequestContext, q: { status?: TransferStatus | undefined }): Promise<{ items: PartnerTransferDto[] }> {
      const actor = partnerOf(ctx);
      if (actor.departmentId === null) return { items: [] };
      let query = partnerQuery(db, actor.departmentId);
      if (q.status) query = query.where('t.status', '=', q.status);
      const rows = await query.orderBy('t.sent_at', 'desc').orderBy('t.id', 'desc').limit(500).execute();
      const now = new Date();
      return { items: rows.map((r) => present(r, now)) };
    },
    async get(ctx: RequestContext, id: number) {
      const actor = partnerOf(ctx);
      if (actor.departmentId === null) throw errors.notFound();
      return detail(actor.departmentId, id);
    },
    accept: (ctx: RequestContext, id: number, note: string | undefined) => step(ctx, id, { kind: 'accepted', note: note?.trim() || '已接收，安排办理' }),
    reject: (ctx: RequestContext, id: number, reason: string) => step(ctx, id, { kind: 'rejected', note: reason }),
    progress: (ctx: RequestContext, id: number, note: string) => step(ctx, id, { kind: 'progress', note }),
    result: (ctx: RequestContext, id: number, outcome: 'resolved' | 'failed', note: string) => step(ctx, id, { kind: outcome, note }),
  };
}
