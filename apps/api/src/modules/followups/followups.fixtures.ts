import crypto from 'node:crypto';
import type { Database } from '../../app/db/database.js';
import type { CaseResolution, CaseStage } from '../../app/db/schema.js';

/** Test records for follow-ups, the daily list and the ledger, built straight in the database. */
export function followupFixtures(t: { db: Database }) {
  const { db } = t;
  let serial = 0;
  const tag = crypto.randomBytes(3).toString('hex');

  async function jurisdiction(parentId: number, kind: 'station' | 'community' | 'village', name: string) {
    const parent = await db.selectFrom('jurisdictions').select('path').where('id', '=', parentId).executeTakeFirstOrThrow();
    const row = await db.insertInto('jurisdictions').values({ parent_id: parentId, kind, name, path: `/tmp-${tag}-${++serial}/` }).returning('id').executeTakeFirstOrThrow();
    const path = `${parent.path}${row.id}/`;
    await db.updateTable('jurisdictions').set({ path }).where('id', '=', row.id).execute();
    return { id: row.id, path, name };
  }

  async function user(username: string, role: 'chief' | 'officer' | 'auxiliary', jurisdictionId: number, displayName = username) {
    // Same password as the demo accounts, so tests sign in with the default.
    const demo = await db.selectFrom('users').select('password_hash').where('username', '=', 'demo-chief').executeTakeFirstOrThrow();
    const row = await db
      .insertInto('users')
      .values({ username, display_name: displayName, role, jurisdiction_id: jurisdictionId, password_hash: demo.password_hash, is_demo: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  return {
    jurisdiction,
    user,

    /** A station of its own under the county bureau: nothing else ever lands in it. */
    async station(name: string) {
      const bureau = await db.selectFrom('jurisdictions').select('id').where('kind', '=', 'bureau').orderBy('id').executeTakeFirstOrThrow();
      const station = await jurisdiction(bureau.id, 'station', name);
      const east = await jurisdiction(station.id, 'community', `${name}东社区`);
      const west = await jurisdiction(station.id, 'village', `${name}西村`);
      const chiefUsername = `t${tag}-chief-${serial}`;
      const officerUsername = `t${tag}-officer-${serial}`;
      const chiefId = await user(chiefUsername, 'chief', station.id, `${name}所长`);
      const officerId = await user(officerUsername, 'officer', east.id, `${name}民警`);
      return { station, east, west, chiefId, officerId, chiefUsername, officerUsername };
    },

    async case(v: {
      jurisdictionId: number;
      officerUserId?: number | null;
      leaderUserId?: number | null;
      stage?: CaseStage;
      resolution?: CaseResolution | null;
      createdAt?: Date;
      stageDueAt?: Date | null;
      closedAt?: Date | null;
      disputeType?: string;
      title?: string;
      summary?: string;
    }) {
      const n = ++serial;
      const row = await db
        .insertInto('dispute_cases')
        .values({
          case_no: `T${tag}-${String(n).padStart(4, '0')}`,
          title: v.title ?? `测试纠纷${n}`,
          summary: v.summary ?? `测试纠纷${n}的简要情况`,
          source: 'direct',
          dispute_type: v.disputeType ?? 'neighbour',
          stage: v.stage ?? 'registered',
          resolution: v.resolution ?? null,
          stage_due_at: v.stageDueAt ?? null,
          officer_user_id: v.officerUserId ?? null,
          leader_user_id: v.leaderUserId ?? null,
          jurisdiction_id: v.jurisdictionId,
          closed_at: v.closedAt ?? null,
          created_at: v.createdAt ?? new Date(),
        })
        .returning(['id', 'case_no'])
        .executeTakeFirstOrThrow();
      return row;
    },

    /** A stage change as the lifecycle records it (case_events), and the case row to match. */
    async move(caseId: number, to: CaseStage, at: Date, resolution: CaseResolution | null = null) {
      const c = await db.selectFrom('dispute_cases').select('stage').where('id', '=', caseId).executeTakeFirstOrThrow();
      await db
        .insertInto('case_events')
        .values({ case_id: caseId, action: to === 'closed' ? 'close' : 'move', from_stage: c.stage, to_stage: to, resolution, actor_name: 'test', at })
        .execute();
      await db
        .updateTable('dispute_cases')
        .set({ stage: to, stage_entered_at: at, resolution: to === 'closed' ? resolution : null, closed_at: to === 'closed' ? at : null })
        .where('id', '=', caseId)
        .execute();
    },

    async party(caseId: number, name: string, side: 'applicant' | 'respondent' = 'applicant') {
      await db.insertInto('case_parties').values({ case_id: caseId, side, name }).execute();
    },

    async transfer(caseId: number, v: { sentAt: Date; ackDueAt?: Date; dueAt?: Date; status?: 'sent' | 'accepted' | 'resolved' }) {
      const dept = await db.selectFrom('departments').select('id').orderBy('id').executeTakeFirstOrThrow();
      const row = await db
        .insertInto('case_transfers')
        .values({
          case_id: caseId,
          kind: 'gongdiao',
          doc_no: `TT${tag}-${++serial}`,
          department_id: dept.id,
          status: v.status ?? 'sent',
          sent_at: v.sentAt,
          ack_due_at: v.ackDueAt ?? new Date(v.sentAt.getTime() + 86_400_000),
          due_at: v.dueAt ?? new Date(v.sentAt.getTime() + 15 * 86_400_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async followup(caseId: number, v: { kind?: 'phone' | 'field' | 'community'; dueOn: string; assignedUserId: number | null; doneAt?: Date | null; relapse?: boolean }) {
      const row = await db
        .insertInto('case_followups')
        .values({ case_id: caseId, kind: v.kind ?? 'phone', due_on: v.dueOn, assigned_user_id: v.assignedUserId, done_at: v.doneAt ?? null, relapse: v.relapse ?? false, finding: v.doneAt ? '测试回访' : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  };
}
