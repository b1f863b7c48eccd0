import type { Selectable } from 'kysely';
import type { RequestContext } from '../../app/actor.js';
import { audited, diff, recordAudit } from '../../app/audit.js';
import type { Database, Queryable } from '../../app/db/database.js';
import type { CaseAgreementsTable } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { authorize, can } from '../../app/policy.js';
import type { Actor } from '../../app/actor.js';
import { caseInScope } from '../cases/cases.scope.js';
import { agreementDocument, agreementNoPrefix, shanghaiDay } from './transfers.letters.js';
import { caseSheet, nextSerial, numberSettings } from './transfers.repository.js';
import type { AgreementAnswer, AgreementBody, AgreementDto, SignatureBody } from './transfers.schemas.js';
import { render, type DocumentFormat } from './transfers.usecases.js';

export const AGREEMENT_SETTINGS = { judicialDays: 30, remindDaysBefore: 7 };

type AgreementRow = Selectable<CaseAgreementsTable>;

function present(a: AgreementRow): AgreementDto {
  return {
    id: a.id,
    caseId: a.case_id,
    agreementNo: a.agreement_no,
    facts: a.facts,
    issues: a.issues,
    responsibilities: a.responsibilities,
    terms: a.terms,
    performance: a.performance,
    mediatorNames: a.mediator_names,
    signatureStatus: a.signature_status,
    signedOn: a.signed_on,
    judicialConfirmation: a.judicial_confirmation,
    judicialDeadline: a.judicial_deadline,
    judicialAppliedOn: a.judicial_applied_on,
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
  };
}

/** 'YYYY-MM-DD' + n calendar days. */
export function plusDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function agreementOf(db: Queryable, caseId: number, lock = false) {
  let q = db.selectFrom('case_agreements').selectAll().where('case_id', '=', caseId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

function answer(actor: Actor, a: AgreementRow | undefined): AgreementAnswer {
  const mediate = can(actor, 'cases.mediate');
  return { agreement: a ? present(a) : null, abilities: { edit: mediate && a?.signature_status !== 'signed', sign: mediate && a !== undefined } };
}

const noAgreement = () => errors.conflict('agreement.missing', { zh: '请先填写并保存调解协议书', en: 'Save the agreement first' });

export function createAgreementsUseCases(deps: { db: Database }) {
  const { db } = deps;

  return {
    async get(ctx: RequestContext, caseId: number): Promise<AgreementAnswer> {
      authorize(ctx.actor, 'cases.view');
      const c = await caseInScope(db, ctx.actor, caseId);
      const a = await agreementOf(db, c.id);
      return answer(ctx.actor, a);
    },

    /** Drafts or revises the agreement; a fully signed agreement is a closed document (409). */
    async save(ctx: RequestContext, caseId: number, body: AgreementBody): Promise<AgreementAnswer> {
      authorize(ctx.actor, 'cases.mediate');
      const { actor } = ctx;
      const row = await audited(db, ctx, async (trx, audit) => {
        const c = await caseInScope(trx, actor, caseId, { lock: true });
        const existing = await agreementOf(trx, c.id, true);
        const values = {
          facts: body.facts,
          issues: body.issues,
          responsibilities: body.responsibilities,
          terms: body.terms,
          performance: body.performance,
          mediator_names: body.mediatorNames,
        };
        if (existing) {
          if (existing.signature_status === 'signed') throw errors.conflict('agreement.signed', { zh: '协议书已签署，不能再修改', en: 'A signed agreement cannot be changed' });
          const updated = await trx.updateTable('case_agreements').set({ ...values, updated_at: new Date() }).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow();
          audit({ action: 'case.agreement_saved', entityType: 'dispute_case', entityId: c.id, jurisdictionId: c.jurisdiction_id, change: { agreementNo: existing.agreement_no, ...diff(existing, values) } });
          return updated;
        }
        const prefix = agreementNoPrefix(shanghaiDay(new Date()).slice(0, 4));
        const agreementNo = `${prefix}${await nextSerial(trx, 'case_agreements', prefix)}号`;
        const created = await trx
          .insertInto('case_agreements')
          .values({ case_id: c.id, agreement_no: agreementNo, ...values, created_by: actor.kind === 'user' ? actor.userId : null })
          .returningAll()
          .executeTakeFirstOrThrow();
        audit({ action: 'case.agreement_saved', entityType: 'dispute_case', entityId: c.id, jurisdictionId: c.jurisdiction_id, change: { agreementNo, created: true } });
        return created;
      });
      return answer(ctx.actor, row);
    },

    /** Signature status; with judicial confirmation the 30-day limit (judicialDays) runs from the signing day. */
    async sign(ctx: RequestContext, caseId: number, body: SignatureBody): Promise<AgreementAnswer> {
      authorize(ctx.actor, 'cases.mediate');
      const signedOn = body.signedOn ?? null;
      if (body.status !== 'unsigned' && !signedOn) throw errors.field('signedOn', 'required', { zh: '请填写签署日期', en: 'is required once anyone has signed' });
      if (signedOn && signedOn > shanghaiDay(new Date())) throw errors.field('signedOn', 'not_future', { zh: '签署日期不能晚于今天', en: 'cannot be in the future' });
      if (body.judicialConfirmation && body.status !== 'signed') {
        throw errors.field('judicialConfirmation', 'requires_signed', { zh: '协议各方签署后才能申请司法确认', en: 'requires an agreement signed by all' });
      }
      const row = await audited(db, ctx, async (trx, audit) => {
        const c = await caseInScope(trx, ctx.actor, caseId, { lock: true });
        const a = await agreementOf(trx, c.id, true);
        if (!a) throw noAgreement();
        const settings = await numberSettings(trx, 'cases.agreements', AGREEMENT_SETTINGS);
        const judicialDeadline = body.judicialConfirmation && signedOn ? plusDays(signedOn, settings.judicialDays) : null;
        const next = {
          signature_status: body.status,
          signed_on: body.status === 'unsigned' ? null : signedOn,
          judicial_confirmation: body.judicialConfirmation,
          judicial_deadline: judicialDeadline,
          ...(body.judicialConfirmation ? {} : { judicial_applied_on: null }),
        };
        const updated = await trx.updateTable('case_agreements').set({ ...next, updated_at: new Date() }).where('id', '=', a.id).returningAll().executeTakeFirstOrThrow();
        audit({ action: 'case.agreement_signed', entityType: 'dispute_case', entityId: c.id, jurisdictionId: c.jurisdiction_id, change: { agreementNo: a.agreement_no, ...diff(a, next) } });
        return updated;
      });
      return answer(ctx.actor, row);
    },

    /** The day the parties applied to the court for judicial confirmation (stops the reminder). */
    async judicialApplied(ctx: RequestContext, caseId: number, appliedOn: string): Promise<AgreementAnswer> {
      authorize(ctx.actor, 'cases.mediate');
      if (appliedOn > shanghaiDay(new Date())) throw errors.field('appliedOn', 'not_future', { zh: '申请日期不能晚于今天', en: 'cannot be in the future' });
      const row = await audited(db, ctx, async (trx, audit) => {
        const c = await caseInScope(trx, ctx.actor, caseId, { lock: true });
        const a = await agreementOf(trx, c.id, true);
        if (!a) throw noAgreement();
        if (a.signature_status !== 'signed' || !a.judicial_confirmation || !a.signed_on) {
          throw errors.conflict('agreement.no_judicial_confirmation', { zh: '该协议未选择司法确认或尚未签署', en: 'The agreement is not signed with judicial confirmation' });
        }
        if (appliedOn < a.signed_on) throw errors.field('appliedOn', 'before_signing', { zh: '申请日期不能早于签署日期', en: 'cannot be before the signing day' });
        const updated = await trx.updateTable('case_agreements').set({ judicial_applied_on: appliedOn, updated_at: new Date() }).where('id', '=', a.id).returningAll().executeTakeFirstOrThrow();
        audit({ action: 'case.agreement_judicial_applied', entityType: 'dispute_case', entityId: c.id, jurisdictionId: c.jurisdiction_id, change: { agreementNo: a.agreement_no, appliedOn, deadline: a.judicial_deadline } });
        return updated;
      });
      return answer(ctx.actor, row);
    },

    async print(ctx: RequestContext, caseId: number, format: DocumentFormat): Promise<{ data: Buffer; filename: string }> {
      authorize(ctx.actor, 'cases.view');
      const c = await caseInScope(db, ctx.actor, caseId);
      const a = await agreementOf(db, c.id);
      if (!a) throw errors.notFound();
      const doc = agreementDocument(await caseSheet(db, c.id), a, shanghaiDay(new Date()));
      const data = await (render(doc, format));
      await recordAudit(db, ctx, [{ action: 'case.agreement_printed', entityType: 'dispute_case', entityId: c.id, jurisdictionId: c.jurisdiction_id, change: { agreementNo: a.agreement_no, format } }]);
      return { data, filename: `${doc.title}.${format}` };
    },
  };
}
