import crypto from 'node:crypto';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Database } from '../../app/db/database.js';
import { sealIdNumber } from '../people/people.core.js';

// What the fixtures need of the test app, declared here so that the production build (which
// leaves out src/test) can compile this file.
interface TestApp {
  db: Database;
  identity: IdentityCipher;
}

/** The demo grid of demo-officer, demo-grid, demo-chief and demo-mediator (城关派出所 / 东湖新村社区). */
export const CASE_GRID = '东湖新村社区第1网格';

/** Dispute cases and their parties built straight in the database, for the case-files tests. */
export function caseFileFixtures(t: TestApp) {
  const jurisdiction = (name: string) => t.db.selectFrom('jurisdictions').select(['id', 'path']).where('name', '=', name).executeTakeFirstOrThrow();
  const userId = async (username: string) => (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  return {
    jurisdiction,
    userId,

    async case(options: { jurisdiction?: string; title?: string } = {}) {
      const j = await jurisdiction(options.jurisdiction ?? CASE_GRID);
      const row = await t.db
        .insertInto('dispute_cases')
        .values({ case_no: `TEST-${crypto.randomBytes(5).toString('hex')}`, title: options.title ?? '车位纠纷', source: 'direct', dispute_type: 'neighbour', jurisdiction_id: j.id, stage: 'mediating' })
        .returning(['id', 'case_no'])
        .executeTakeFirstOrThrow();
      return { id: row.id, caseNo: row.case_no, jurisdictionId: j.id };
    },

    /** A party with, optionally, an identity number (sealed as the cases module stores it) and a linked person. */
    async party(caseId: number, options: { name?: string; idNumber?: string; personId?: number; side?: 'applicant' | 'respondent' | 'other'; phone?: string } = {}) {
      const sealed = options.idNumber ? sealIdNumber(t.identity, options.idNumber) : null;
      const row = await t.db
        .insertInto('case_parties')
        .values({
          case_id: caseId,
          side: options.side ?? 'applicant',
          name: options.name ?? '赵某',
          phone: options.phone ?? '13800001234',
          person_id: options.personId ?? null,
          id_number_enc: sealed?.id_number_enc ?? null,
          id_number_hash: sealed?.id_number_hash ?? null,
          id_number_masked: sealed?.id_number_masked ?? null,
          claims: '要求开发商开具车位交接单',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id };
    },

    async auditCount(action: string, entityId?: number | string) {
      let q = t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action);
      if (entityId !== undefined) q = q.where('entity_id', '=', String(entityId));
      return (await q.executeTakeFirstOrThrow()).n;
    },
  };
}

/** File heads as cameras, phones and scanners write them, and two executables dressed up as photos. */
export const SAMPLES = {
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), crypto.randomBytes(512)]),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]),
  mp4: Buffer.concat([Buffer.from([0x00, 0x00, 0x00, 0x18]), Buffer.from('ftypmp42', 'latin1'), Buffer.alloc(256, 2)]),
  pdf: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
  elf: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(200, 0x90)]),
  mz: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]),
};
