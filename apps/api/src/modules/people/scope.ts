import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { scopePrefix } from '../../app/policy.js';

/**
 * Look-ups the people, houses and units use-cases share: a jurisdiction or a standard address
 * the actor may place records in. Out of scope and missing answer the same way.
 */
export function createScopeQueries(db: Queryable) {
  return {
    findJurisdiction(actor: Actor, id: number) {
      return db.selectFrom('jurisdictions').select(['id', 'path', 'name', 'kind']).where('id', '=', id).where('archived_at', 'is', null).where('path', 'like', scopePrefix(actor)).executeTakeFirst();
    },

    findAddress(actor: Actor, id: number) {
      return db
        .selectFrom('addresses as a')
        .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
        .select(['a.id', 'a.full_name', 'a.path', 'a.level', 'a.jurisdiction_id'])
        .where('a.id', '=', id)
        .where('a.archived_at', 'is', null)
        .where('j.path', 'like', scopePrefix(actor))
        .executeTakeFirst();
    },
  };
}

/** LIKE pattern for the addresses below one address, whether its path ends in a slash or not. */
export function addressDescendantsPattern(path: string): string {
  return `${path.replace(/\/$/, '').replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
}

/** `%text%` for ILIKE with the user's wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The jurisdiction filter of a list: the path of that subtree, or a path nothing has when the
 * filter names a place outside the actor's scope (it must not tell whether the place exists).
 */
export async function subtreeFilter(db: Queryable, actor: Actor, jurisdictionId: number | undefined): Promise<string | null> {
  if (!jurisdictionId) return null;
  const place = await createScopeQueries(db).findJurisdiction(actor, jurisdictionId);
  return place ? place.path : '/none/';
}

/** An address the actor may use, or a 400 naming the field. */
export async function requireAddress(db: Queryable, actor: Actor, id: number, field = 'addressId') {
  const address = await createScopeQueries(db).findAddress(actor, id);
  if (!address) throw errors.field(field, 'not_found', { zh: '地址不存在或不在您的辖区内', en: 'address not found in your jurisdiction' });
  return address;
}

/** A jurisdiction the actor may use, or a 400 naming the field. */
export async function requireJurisdiction(db: Queryable, actor: Actor, id: number, field = 'jurisdictionId') {
  const place = await createScopeQueries(db).findJurisdiction(actor, id);
  if (!place) throw errors.field(field, 'not_found', { zh: '所属辖区不存在或无权访问', en: 'jurisdiction not found' });
  return place;
}
