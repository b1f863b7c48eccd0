import { sql } from 'kysely';
import type { Queryable } from '../../app/db/database.js';

/**
 * Awards the points of an active rule to a volunteer for one record (a tip, a task, a reply…),
 * once: a second call for the same rule and record adds nothing. Returns the points awarded.
 */
export async function awardPoints(db: Queryable, volunteerId: number, ruleCode: string, entityType: string, entityId: number | string): Promise<number> {
  const row = await sql<{ points: number }>`
    insert into point_entries (volunteer_id, rule_code, points, entity_type, entity_id)
    select ${volunteerId}, code, points, ${entityType}, ${String(entityId)} from point_rules where code = ${ruleCode} and active
    on conflict (volunteer_id, rule_code, entity_type, entity_id) do nothing
    returning points
  `.execute(db);
  return row.rows[0]?.points ?? 0;
}
