import type { Actor, RequestContext } from '../../app/actor.js';
import { audited, recordAudit } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { errors, type FieldError } from '../../app/errors.js';
import type { FileKind, FileStore } from '../../app/files.js';
import { authorize, can } from '../../app/policy.js';
import { caseInScope } from '../cases/cases.scope.js';
import { createCaseFilesRepository } from './casefiles.repository.js';
import { evidenceFields, type EvidenceDto, type EvidenceKind } from './casefiles.schemas.js';

const MB = 1024 * 1024;
const IMAGES: readonly FileKind[] = ['image/jpeg', 'image/png', 'image/webp'];

/** What each kind of evidence may be, decided by content (app/files.ts sniff), and how large. */
export const EVIDENCE_RULES: Record<EvidenceKind, { allowed: readonly FileKind[]; maxBytes: number }> = {
  photo: { allowed: IMAGES, maxBytes: 10 * MB },
  video: { allowed: ['video/mp4'], maxBytes: 100 * MB },
  document: { allowed: ['application/pdf', ...IMAGES], maxBytes: 20 * MB },
  followup: { allowed: ['application/pdf', ...IMAGES], maxBytes: 20 * MB },
};
/** The largest upload any kind allows: the route reads no more than this. */
export const EVIDENCE_MAX_BYTES = 100 * MB;

export interface EvidenceUpload {
  fields: Record<string, string>;
  file: { data: Buffer; filename: string } | null;
}

type EvidenceRow = Awaited<ReturnType<ReturnType<typeof createCaseFilesRepository>['listEvidence']>>[number];

function present(row: EvidenceRow): EvidenceDto {
  return {
    id: row.id,
    kind: row.kind,
    description: row.description,
    fileName: row.original_name,
    mime: row.mime,
    size: row.size_bytes,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by !== null ? { id: row.uploaded_by, name: row.uploader_name ?? '' } : null,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

/** Police of the jurisdiction add any evidence; a mediator (one of the four forces) adds documents only. */
function uploadKinds(actor: Actor): EvidenceKind[] {
  if (can(actor, 'cases.manage')) return ['photo', 'video', 'document', 'followup'];
  if (can(actor, 'cases.mediate')) return ['document'];
  return [];
}

function checkFields(upload: EvidenceUpload): { kind: EvidenceKind; description: string; file: { data: Buffer; filename: string } } {
  const parsed = evidenceFields.safeParse(upload.fields);
  const problems: FieldError[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      problems.push(
        upload.fields[path] === undefined
          ? { path, rule: 'required', message: { zh: '必填', en: 'is required' } }
          : path === 'kind'
            ? { path, rule: 'invalid_value', message: { zh: '取值无效，可选：photo, video, document, followup', en: 'must be one of: photo, video, document, followup' } }
            : { path, rule: 'too_big', message: { zh: '最多 1000 个字符', en: 'must have at most 1000 characters' } },
      );
    }
  }
  if (!upload.file) problems.push({ path: 'file', rule: 'required', message: { zh: '请选择要上传的文件', en: 'attach a file' } });
  if (!parsed.success || !upload.file) throw errors.validation(problems);
  return { ...parsed.data, file: upload.file };
}

export function createEvidenceUseCases(deps: { db: Database; files: FileStore }) {
  const { db, files } = deps;
  const repo = createCaseFilesRepository(db);

  return {
    async list(ctx: RequestContext, caseId: number): Promise<{ items: EvidenceDto[]; abilities: { uploadKinds: EvidenceKind[] } }> {
      authorize(ctx.actor, 'cases.view');
      const found = await caseInScope(db, ctx.actor, caseId);
      const rows = await repo.listEvidence(found.id);
      return { items: rows.map(present), abilities: { uploadKinds: uploadKinds(ctx.actor) } };
    },

    async add(ctx: RequestContext, caseId: number, upload: EvidenceUpload): Promise<EvidenceDto> {
      if (uploadKinds(ctx.actor).length === 0) throw errors.forbidden();
      const found = await caseInScope(db, ctx.actor, caseId);
      const input = checkFields(upload);
      if (!uploadKinds(ctx.actor).includes(input.kind)) throw errors.forbidden();
      const rule = EVIDENCE_RULES[input.kind];
      const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
      const id = await audited(db, ctx, async (trx, audit) => {
        // The content decides the type: an executable named .jpg is refused whatever its name says.
        const stored = await files.put(trx, { data: input.file.data, originalName: input.file.filename, allowed: rule.allowed, maxBytes: rule.maxBytes, createdBy: userId });
        const evidenceId = await createCaseFilesRepository(trx).insertEvidence({ caseId: found.id, fileId: stored.id, fileName: input.file.filename, kind: input.kind, description: input.description, uploadedBy: userId });
        audit({
          action: 'case.evidence_added',
          entityType: 'dispute_case',
          entityId: found.id,
          jurisdictionId: found.jurisdiction_id,
          change: { evidenceId, kind: input.kind, file: input.file.filename, mime: stored.mime, size: stored.size, sha256: stored.sha256 },
        });
        return evidenceId;
      });
      const row = await repo.findEvidence(found.id, id);
      if (!row) throw errors.notFound();
      return present(row);
    },

    /** The stored bytes, checked against their checksum; every download is an audit event. */
    async download(ctx: RequestContext, caseId: number, evidenceId: number): Promise<{ data: Buffer; mime: string; filename: string }> {
      authorize(ctx.actor, 'cases.view');
      const found = await caseInScope(db, ctx.actor, caseId);
      const row = await repo.findEvidence(found.id, evidenceId);
      if (!row) throw errors.notFound();
      const data = await files.read(row.sha256);
      await recordAudit(db, ctx, [
        {
          action: 'case.evidence_downloaded',
          entityType: 'dispute_case',
          entityId: found.id,
          jurisdictionId: found.jurisdiction_id,
          change: { evidenceId, kind: row.kind, file: row.original_name, sha256: row.sha256 },
        },
      ]);
      return { data, mime: row.mime, filename: row.original_name };
    },
  };
}
