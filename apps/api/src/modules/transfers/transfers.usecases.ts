import type { RequestContext } from '../../app/actor.js';
import { audited, recordAudit } from '../../app/audit.js';
import type { Database, Queryable } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize, can } from '../../app/policy.js';
import { addWorkingDays } from '../cases/cases.deadlines.js';
import { moveCase } from '../cases/cases.lifecycle.js';
import { caseInScope } from '../cases/cases.scope.js';
import { renderDocx, renderPdf, type PrintableDocument } from './documents.js';
import { docNoPrefix, shanghaiDay, transferLetter } from './transfers.letters.js';
import { caseSheet, eligibleDepartments, nextSerial, numberSettings, stationOf, transferById, transfersOfCase, updatesOf, type TransferRow } from './transfers.repository.js';
import type { SendTransferBody, TransferDto } from './transfers.schemas.js';

export const TRANSFER_SETTINGS = { ackWorkingDays: 1, finishWorkingDays: 15 };

type UpdateRow = Awaited<ReturnType<typeof updatesOf>>[number];

export function presentUpdate(u: UpdateRow) {
  return { id: u.id, kind: u.kind, note: u.note, actorName: u.actor_name, at: u.at.toISOString() };
}

/** Unacknowledged past the acknowledgement deadline; unfinished past the deadline. */
export function overdueFlags(t: { status: string; ack_due_at: Date; due_at: Date }, now: Date) {
  return {
    ackOverdue: t.status === 'sent' && now.getTime() > t.ack_due_at.getTime(),
    overdue: (t.status === 'sent' || t.status === 'accepted') && now.getTime() > t.due_at.getTime(),
  };
}

export function presentTransfer(t: TransferRow, updates: UpdateRow[], now: Date): TransferDto {
  return {
    id: t.id,
    caseId: t.case_id,
    kind: t.kind,
    docNo: t.doc_no,
    departmentId: t.department_id,
    departmentName: t.department_name,
    note: t.note,
    status: t.status,
    sentByName: t.sent_by_name,
    sentAt: t.sent_at.toISOString(),
    ackDueAt: t.ack_due_at.toISOString(),
    dueAt: t.due_at.toISOString(),
    respondedAt: t.responded_at?.toISOString() ?? null,
    rejectReason: t.reject_reason,
    result: t.result,
    finishedAt: t.finished_at?.toISOString() ?? null,
    ...overdueFlags(t, now),
    updates: updates.filter((u) => u.transfer_id === t.id).map(presentUpdate),
  };
}

export type DocumentFormat = 'pdf' | 'docx';

export function render(doc: PrintableDocument, format: DocumentFormat): Promise<Buffer> {
  return format === 'pdf' ? renderPdf(doc) : renderDocx(doc);
}

async function transferDto(db: Queryable, id: number): Promise<TransferDto> {
  const row = await transferById(db, id);
  if (!row) throw errors.notFound();
  return presentTransfer(row, await updatesOf(db, [id]), new Date());
}

export function createTransfersUseCases(deps: { db: Database }) {
  const { db } = deps;

  return {
    async list(ctx: RequestContext, caseId: number): Promise<{ items: TransferDto[]; abilities: { send: boolean } }> {
      authorize(ctx.actor, 'cases.view');
      const c = await caseInScope(db, ctx.actor, caseId);
      const rows = await transfersOfCase(db, c.id);
      const updates = await updatesOf(
        db,
        rows.map((r) => r.id),
      );
      const now = new Date();
      return { items: rows.map((r) => presentTransfer(r, updates, now)), abilities: { send: can(ctx.actor, 'cases.transfer') && c.stage !== 'closed' } };
    },

    /** The departments the send dialog offers for this case. */
    async departments(ctx: RequestContext, caseId: number) {
      authorize(ctx.actor, 'cases.transfer');
      const c = await caseInScope(db, ctx.actor, caseId);
      const { station } = await stationOf(db, c.jurisdiction_path);
      if (!station) return { items: [] };
      const rows = await eligibleDepartments(db, station.path).execute();
      return { items: rows.map((d) => ({ id: d.id, name: d.name, kind: d.kind, jurisdictionName: d.jurisdiction_name })) };
    },

    async send(ctx: RequestContext, caseId: number, body: SendTransferBody): Promise<TransferDto> {
      authorize(ctx.actor, 'cases.transfer');
      const { actor } = ctx;
      if (actor.kind !== 'user') throw errors.forbidden();
      const id = await audited(db, ctx, async (trx, audit) => {
        const c = await caseInScope(trx, actor, caseId, { lock: true });
        if (c.stage === 'closed') throw errors.conflict('transfer.case_closed', { zh: '已办结的纠纷不能再移交', en: 'A closed case cannot be transferred' });
        const { station } = await stationOf(trx, c.jurisdiction_path);
        const dept = station ? await eligibleDepartments(trx, station.path).where('d.id', '=', body.departmentId).executeTakeFirst() : undefined;
        if (!dept) {
          throw errors.field('departmentId', 'not_eligible', {
            zh: '只能移交给本派出所、上级或辖区内的责任单位',
            en: "must be a partner department of the case's station, of a unit above it or inside it",
          });
        }
        const settings = await numberSettings(trx, 'cases.transfers', TRANSFER_SETTINGS);
        const now = new Date();
        const ackDueAt = await addWorkingDays(trx, now, settings.ackWorkingDays);
        const dueAt = await addWorkingDays(trx, now, settings.finishWorkingDays);
        const prefix = docNoPrefix(body.kind, shanghaiDay(now).slice(0, 4));
        const docNo = `${prefix}${await nextSerial(trx, 'case_transfers', prefix)}号`;
        const row = await trx
          .insertInto('case_transfers')
          .values({ case_id: c.id, kind: body.kind, doc_no: docNo, department_id: dept.id, note: body.note, sent_by: actor.userId, sent_at: now, ack_due_at: ackDueAt, due_at: dueAt })
          .returning('id')
          .executeTakeFirstOrThrow();
        audit({
          action: 'case.transfer_sent',
          entityType: 'case_transfer',
          entityId: row.id,
          jurisdictionId: c.jurisdiction_id,
          change: { caseId: c.id, kind: body.kind, docNo, departmentId: dept.id, ackDueAt: ackDueAt.toISOString(), dueAt: dueAt.toISOString() },
        });
        // The case moves to 'transferred' when its stage allows it; otherwise it keeps its stage.
        if (c.stage !== 'transferred') {
          const allowed = await trx.selectFrom('case_transitions').select('id').where('from_stage', '=', c.stage).where('to_stage', '=', 'transferred').executeTakeFirst();
          if (allowed) await moveCase(trx, actor, c.id, { to: 'transferred', reason: `${docNo} ${dept.name}` }, { ip: ctx.ip, requestId: ctx.requestId });
        }
        return row.id;
      });
      return transferDto(db, id);
    },

    /**
     * The printable letter: for the sender side (cases.view with the case in scope) and for a
     * partner user of the addressed department; anyone else gets 404.
     */
    async document(ctx: RequestContext, transferId: number, format: DocumentFormat): Promise<{ data: Buffer; filename: string }> {
      const { actor } = ctx;
      if (actor.kind === 'user' && actor.role === 'partner') authorize(actor, 'transfers.respond');
      else authorize(actor, 'cases.view');
      const t = await transferById(db, transferId);
      if (!t) throw errors.notFound();
      let jurisdictionId: number;
      if (actor.kind === 'user' && actor.role === 'partner') {
        if (actor.departmentId === null || t.department_id !== actor.departmentId) throw errors.notFound();
        const c = await db.selectFrom('dispute_cases').select('jurisdiction_id').where('id', '=', t.case_id).executeTakeFirstOrThrow();
        jurisdictionId = c.jurisdiction_id;
      } else {
        jurisdictionId = (await caseInScope(db, actor, t.case_id)).jurisdiction_id;
      }
      const sheet = await caseSheet(db, t.case_id);
      const letter = transferLetter(sheet, { kind: t.kind, docNo: t.doc_no, departmentName: t.department_name, note: t.note, sentAt: t.sent_at, ackDueAt: t.ack_due_at, dueAt: t.due_at });
      const data = await render(letter, format);
      await recordAudit(db, ctx, [{ action: 'case.transfer_document_downloaded', entityType: 'case_transfer', entityId: t.id, jurisdictionId, change: { format, docNo: t.doc_no } }]);
      return { data, filename: `${letter.title}.${format}` };
    },
  };
}
