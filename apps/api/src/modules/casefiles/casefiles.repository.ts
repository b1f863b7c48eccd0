import { sql } from 'kysely';
import type { Queryable } from '../../app/db/database.js';
import type { MediationOutcome, MediatorForce } from '../../app/db/schema.js';
import type { EvidenceKind } from './casefiles.schemas.js';

/**
 * The SQL of the A file (evidence, mediation sessions). Every function takes a case id that the
 * caller has already found in the actor's scope with caseInScope, and reads nothing else.
 */
export function createCaseFilesRepository(db: Queryable) {
  const evidenceBase = () =>
    db
      .selectFrom('case_evidence as e')
      .innerJoin('stored_files as f', 'f.id', 'e.file_id')
      .leftJoin('users as u', 'u.id', 'e.uploaded_by')
      .select(['e.id', 'e.case_id', 'e.kind', 'e.description', 'e.uploaded_at', 'e.uploaded_by', 'u.display_name as uploader_name', sql<string>`coalesce(e.file_name, f.original_name)`.as('original_name'), 'f.mime', 'f.size_bytes', 'f.sha256']);

  return {
    listEvidence(caseId: number) {
      return evidenceBase().where('e.case_id', '=', caseId).orderBy('e.uploaded_at', 'desc').orderBy('e.id', 'desc').limit(1000).execute();
    },

    findEvidence(caseId: number, evidenceId: number) {
      return evidenceBase().where('e.case_id', '=', caseId).where('e.id', '=', evidenceId).executeTakeFirst();
    },

    async insertEvidence(values: { caseId: number; fileId: number; fileName: string; kind: EvidenceKind; description: string; uploadedBy: number | null }) {
      const row = await db
        .insertInto('case_evidence')
        .values({ case_id: values.caseId, file_id: values.fileId, file_name: values.fileName.slice(0, 200) || null, kind: values.kind, description: values.description, uploaded_by: values.uploadedBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async listSessions(caseId: number, sessionId?: number) {
      let q = db
        .selectFrom('mediation_sessions as s')
        .leftJoin('users as u', 'u.id', 's.created_by')
        .select(['s.id', 's.held_at', 's.place', 's.attendees', 's.record', 's.outcome', 's.created_by', 'u.display_name as creator_name', 's.created_at'])
        .where('s.case_id', '=', caseId);
      if (sessionId !== undefined) q = q.where('s.id', '=', sessionId);
      const sessions = await q.orderBy('s.held_at', 'desc').orderBy('s.id', 'desc').limit(500).execute();
      const ids = sessions.map((s) => s.id);
      const mediators = ids.length
        ? await db.selectFrom('mediation_session_mediators').select(['session_id', 'force', 'name', 'user_id']).where(sql<boolean>`session_id = any(${ids}::bigint[])`).execute()
        : [];
      return sessions.map((s) => ({ ...s, mediators: mediators.filter((m) => m.session_id === s.id) }));
    },

    async insertSession(values: {
      caseId: number;
      heldAt: Date;
      place: string;
      attendees: string;
      record: string;
      outcome: MediationOutcome;
      createdBy: number | null;
      mediators: { force: MediatorForce; name: string; userId: number | null }[];
    }) {
      const row = await db
        .insertInto('mediation_sessions')
        .values({ case_id: values.caseId, held_at: values.heldAt, place: values.place, attendees: values.attendees, record: values.record, outcome: values.outcome, created_by: values.createdBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('mediation_session_mediators')
        .values(values.mediators.map((m) => ({ session_id: row.id, force: m.force, name: m.name, user_id: m.userId })))
        .execute();
      return row.id;
    },

    /** Users whose jurisdiction contains the case (the station's mediators, the bureau) or lies in the actor's scope. */
    usersForCase(userIds: number[], casePath: string, actorPrefix: string) {
      if (userIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('users as u')
        .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
        .select(['u.id', 'u.display_name', 'j.path'])
        .where(sql<boolean>`u.id = any(${userIds}::int[])`)
        .where('u.active', '=', true)
        .where(sql<boolean>`(${casePath}::text like j.path || '%' or j.path like ${actorPrefix})`)
        .execute();
    },
  };
}
