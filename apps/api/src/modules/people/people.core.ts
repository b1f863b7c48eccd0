import { maskIdNumber, validateIdNumber, type IdNumberProblem } from '@fengqiao/shared';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Tx } from '../../app/db/database.js';
import type { PersonCategory } from '../../app/db/schema.js';
import { errors, type Messages } from '../../app/errors.js';

/**
 * The one way identity numbers enter the database, shared by the people, rentals and import
 * use-cases: validated (GB 11643), encrypted, hashed for lookup, masked for lists.
 */
export const ID_PROBLEM_MESSAGES: Record<IdNumberProblem, Messages> = {
  format: { zh: '身份证号应为 18 位（末位可为 X）或 15 位数字', en: 'must be 18 characters (last may be X) or 15 digits' },
  area: { zh: '身份证号的地区码不存在', en: 'has an unknown area code' },
  birth_date: { zh: '身份证号中的出生日期无效', en: 'has an impossible birth date' },
  checksum: { zh: '身份证号校验位错误（GB 11643）', en: 'fails the GB 11643 check character' },
};

export interface IdentityColumns {
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  gender: 'male' | 'female';
  birth_date: string;
}

/** Validates and seals an identity number; throws a 400 naming `field` when it is invalid. */
export function sealIdNumber(identity: IdentityCipher, idNumber: string, field = 'idNumber'): IdentityColumns {
  const r = validateIdNumber(idNumber);
  if (!r.valid || !r.normalized) throw errors.field(field, `id_${r.problem ?? 'format'}`, ID_PROBLEM_MESSAGES[r.problem ?? 'format']);
  return {
    id_number_enc: identity.encrypt(r.normalized),
    id_number_hash: identity.lookupHash(r.normalized),
    id_number_masked: maskIdNumber(r.normalized),
    gender: r.gender!,
    birth_date: r.birthDate!,
  };
}

export interface PersonInput {
  name: string;
  category: PersonCategory;
  idNumber?: string | null;
  phone?: string | null;
  ethnicityCode?: string | null;
  householdPlace?: string | null;
  currentAddressId?: number | null;
  jurisdictionId: number;
  notes?: string | null;
}

/**
 * Finds the person with this identity number or registers them. An existing record keeps its
 * identity; name, phone and address are brought up to date when given.
 */
export async function upsertPerson(trx: Tx, identity: IdentityCipher, input: PersonInput, createdBy: number | null): Promise<{ id: number; created: boolean }> {
  const sealed = input.idNumber ? sealIdNumber(identity, input.idNumber) : null;
  if (sealed) {
    const existing = await trx.selectFrom('persons').select(['id']).where('id_number_hash', '=', sealed.id_number_hash).executeTakeFirst();
    if (existing) {
      await trx
        .updateTable('persons')
        .set({
          name: input.name,
          ...(input.phone ? { phone: input.phone } : {}),
          ...(input.currentAddressId ? { current_address_id: input.currentAddressId, jurisdiction_id: input.jurisdictionId } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', existing.id)
        .execute();
      return { id: existing.id, created: false };
    }
  }
  const row = await trx
    .insertInto('persons')
    .values({
      name: input.name,
      category: input.category,
      ...(sealed ?? {}),
      phone: input.phone ?? null,
      ethnicity_code: input.ethnicityCode ?? null,
      household_place: input.householdPlace ?? null,
      current_address_id: input.currentAddressId ?? null,
      jurisdiction_id: input.jurisdictionId,
      notes: input.notes ?? null,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}
