import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { scopePrefix } from '../../app/policy.js';

export function createApiKeysRepository(db: Queryable) {
  function base(actor: Actor) {
    return db
      .selectFrom('api_keys as k')
      .innerJoin('jurisdictions as j', 'j.id', 'k.jurisdiction_id')
      .select(['k.id', 'k.name', 'k.channel', 'k.jurisdiction_id', 'j.name as jurisdiction_name', 'k.prefix', 'k.created_at', 'k.last_used_at', 'k.revoked_at'])
      .where('j.path', 'like', scopePrefix(actor));
  }
  return {
    list: (actor: Actor) => base(actor).orderBy('k.id', 'desc').execute(),
    find: (actor: Actor, id: number) => base(actor).where('k.id', '=', id).executeTakeFirst(),
    channels: () => db.selectFrom('channels').selectAll().orderBy('sort').execute(),
    findChannel: (code: string) => db.selectFrom('channels').select('code').where('code', '=', code).executeTakeFirst(),
    findJurisdiction: (actor: Actor, id: number) =>
      db.selectFrom('jurisdictions').select(['id']).where('id', '=', id).where('archived_at', 'is', null).where('path', 'like', scopePrefix(actor)).executeTakeFirst(),
    async insert(values: { name: string; channel: string; jurisdictionId: number; prefix: string; keyHash: string; createdBy: number | null }) {
      const row = await db
        .insertInto('api_keys')
        .values({ name: values.name, channel: values.channel, jurisdiction_id: values.jurisdictionId, prefix: values.prefix, key_hash: values.keyHash, created_by: values.createdBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    revoke: (id: number) => db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).execute(),
  };
}
