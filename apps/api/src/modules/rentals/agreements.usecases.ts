import type { RequestContext } from '../../app/actor.js';
import { audited, recordAudit } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors, type FieldError } from '../../app/errors.js';
import type { FileKind, FileStore } from '../../app/files.js';
import { rentalAccess } from './rentals.policies.js';
import { presentAgreement } from './rentals.present.js';
import { createRentalsRepository } from './rentals.repository.js';
import { flagClock, loadRentalRules } from './rentals.rules.js';
import { agreementFields, type AgreementDto } from './rentals.schemas.js';

export const AGREEMENT_MAX_BYTES = 10 * 1024 * 1024;
export const AGREEMENT_KINDS: readonly FileKind[] = ['application/pdf', 'image/jpeg', 'image/png'];

export interface AgreementUpload {
  fields: Record<string, string>;
  file: { data: Buffer; filename: string } | null;
}

/** 治安责任书: the landlord's signed security responsibility, scanned or photographed. */
export function createAgreementsUseCases(deps: { db: Database; files: FileStore }) {
  const { db, files } = deps;
  const repo = createRentalsRepository(db);

  function checkFields(upload: AgreementUpload, today: string): { signedOn: string; expiresOn: string } {
    const parsed = agreementFields.safeParse(upload.fields);
    const problems: FieldError[] = [];
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        const missing = upload.fields[path] === undefined;
        problems.push(
          missing
            ? { path, rule: 'required', message: { zh: '必填', en: 'is required' } }
            : { path, rule: 'invalid_format', message: { zh: '日期格式应为 YYYY-MM-DD', en: 'must be a date as YYYY-MM-DD' } },
        );
      }
    } else {
      if (parsed.data.signedOn > today) problems.push({ path: 'signedOn', rule: 'not_in_future', message: { zh: '签订日期不能晚于今天', en: 'must not be later than today' } });
      if (parsed.data.expiresOn <= parsed.data.signedOn) problems.push({ path: 'expiresOn', rule: 'after_signed_on', message: { zh: '到期日期必须晚于签订日期', en: 'must be after the signing date' } });
    }
    if (!upload.file) problems.push({ path: 'file', rule: 'required', message: { zh: '请上传责任书扫描件或照片', en: 'attach the scanned or photographed agreement' } });
    if (problems.length > 0 || !parsed.success) throw errors.validation(problems);
    return parsed.data;
  }

  return {
    async record(ctx: RequestContext, rentalHouseId: number, upload: AgreementUpload): Promise<AgreementDto> {
      const access = rentalAccess(ctx.actor, 'operate');
      const c = flagClock(await loadRentalRules(db));
      const house = await repo.find(access, c, rentalHouseId);
      if (!house) throw errors.notFound();
      const dates = checkFields(upload, c.today);
      const file = upload.file!;
      const id = await audited(db, ctx, async (trx, audit) => {
        // The content decides the type: a renamed executable is refused whatever its name says.
        const stored = await files.put(trx, { data: file.data, originalName: file.filename, allowed: AGREEMENT_KINDS, maxBytes: AGREEMENT_MAX_BYTES, createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null });
        const row = await trx
          .insertInto('responsibility_agreements')
          .values({ rental_house_id: rentalHouseId, signed_on: dates.signedOn, expires_on: dates.expiresOn, file_id: stored.id, created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null })
          .returning('id')
          .executeTakeFirstOrThrow();
        audit({ action: 'agreement.recorded', entityType: 'agreement', entityId: row.id, jurisdictionId: house.jurisdiction_id, change: { rentalHouseId, ...dates, fileId: stored.id, mime: stored.mime, size: stored.size } });
        return row.id;
      });
      const row = (await repo.agreements([rentalHouseId])).find((a) => a.id === id);
      if (!row) throw errors.notFound();
      return presentAgreement(row, c);
    },

    async download(ctx: RequestContext, id: number): Promise<{ data: Buffer; mime: string; filename: string }> {
      const found = await repo.findAgreementFile(rentalAccess(ctx.actor, 'view'), id);
      if (!found?.sha256) throw errors.notFound();
      const data = await files.read(found.sha256);
      await recordAudit(db, ctx, [{ action: 'file.downloaded', entityType: 'agreement', entityId: id, jurisdictionId: found.jurisdiction_id, change: { rentalHouseId: found.rental_house_id, file: found.original_name } }]);
      return { data, mime: found.mime ?? 'application/octet-stream', filename: found.original_name ?? `agreement-${id}` };
    },
  };
}
