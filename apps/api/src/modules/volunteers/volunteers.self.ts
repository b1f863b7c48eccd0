import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';

/** The volunteer record of a signed-in volunteer (403 when the account has none or it is not active). */
export async function volunteerOf(db: Queryable, actor: Actor): Promise<{ id: number; name: string; team_id: number | null; jurisdiction_id: number }> {
  if (actor.kind !== 'user') throw errors.forbidden();
  const row = await db.selectFrom('volunteers').select(['id', 'name', 'team_id', 'jurisdiction_id']).where('user_id', '=', actor.userId).where('status', '=', 'active').executeTakeFirst();
  if (!row) throw errors.forbidden();
  return row;
}
