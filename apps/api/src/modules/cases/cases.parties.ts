import type { Actor, RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Database, Queryable, Tx } from '../../app/db/database.js';
import type { CasePartySide } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { checkPhone } from '../incidents/incidents.core.js';
import { sealIdNumber } from '../people/people.core.js';
import { caseInScope } from './cases.scope.js';
import type { CasePartyDto, CasePartyInput, CasePartyPatch } from './cases.schemas.js';

/** A party checked and sealed, ready to insert. */
export interface CasePartyValues {
  side: CasePartySide;
  name: string;
  phone: string | null;
  personId: number | null;
  claims: string;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
}

/**
 * Checks one party (phone format, GB 11643 identity number, a person record in the actor's scope)
 * and seals the identity number; a party whose number belongs to a registered person is linked to
 * that person (the B file hangs off the link). Errors name `<field>.<property>`.
 */
export async function prepareCaseParty(db: Queryable, identity: IdentityCipher, actor: Actor, p: CasePartyInput, at: string): Promise<CasePartyValues> {
  const field = (name: string) => (at ? `${at}.${name}` : name);
  const phone = checkPhone(p.phone, field('phone'));
  const sealed = p.idNumber ? sealIdNumber(identity, p.idNumber, field('idNumber')) : null;
  let person: { id: number; id_number_hash: string | null } | undefined;
  if (p.personId) {
    person = await db
      .selectFrom('persons as pe')
      .innerJoin('jurisdictions as j', 'j.id', 'pe.jurisdiction_id')
      .select(['pe.id', 'pe.id_number_hash'])
      .where('pe.id', '=', p.personId)
      .where('j.path', 'like', scopePrefix(actor))
      .executeTakeFirst();
    if (!person) throw errors.field(field('personId'), 'not_found', { zh: '人员不存在或不在您的辖区内', en: 'person not found in your jurisdiction' });
    if (sealed && person.id_number_hash && person.id_number_hash !== sealed.id_number_hash) {
      throw errors.field(field('idNumber'), 'person_mismatch', { zh: '身份证号与所选人员不一致', en: 'does not match the chosen person' });
    }
  } else if (sealed) {
    person = await db.selectFrom('persons').select(['id', 'id_number_hash']).where('id_number_hash', '=', sealed.id_number_hash).executeTakeFirst();
  }
  return {
    side: p.side,
    name: p.name,
    phone,
    personId: person?.id ?? null,
    claims: p.claims ?? '',
    idNumberEnc: sealed?.id_number_enc ?? null,
    idNumberHash: sealed?.id_number_hash ?? person?.id_number_hash ?? null,
    idNumberMasked: sealed?.id_number_masked ?? null,
  };
}

export async function prepareCaseParties(db: Queryable, identity: IdentityCipher, actor: Actor, parties: CasePartyInput[], field = 'parties'): Promise<CasePartyValues[]> {
  const out: CasePartyValues[] = [];
  for (const [i, p] of parties.entries()) out.push(await prepareCaseParty(db, identity, actor, p, `${field}.${i}`));
  return out;
}

export async function insertCaseParties(trx: Tx, caseId: number, parties: CasePartyValues[]): Promise<number[]> {
  if (parties.length === 0) return [];
  const rows = await trx
    .insertInto('case_parties')
    .values(
      parties.map((p) => ({
        case_id: caseId,
        side: p.side,
        name: p.name,
        phone: p.phone,
        person_id: p.personId,
        claims: p.claims,
        id_number_enc: p.idNumberEnc,
        id_number_hash: p.idNumberHash,
        id_number_masked: p.idNumberMasked,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Incident roles as sides of a dispute: the caller and the victim ask, the suspect answers. */
const SIDE_OF_ROLE = { caller: 'applicant', victim: 'applicant', suspect: 'respondent', party: 'other', witness: 'other' } as const;

/**
 * Copies an incident's parties (sealed identity fields and person links as they are) into the
 * case; one human who appears twice (caller and party) is copied once.
 */
export async function copyIncidentParties(trx: Tx, caseId: number, incidentId: number): Promise<number> {
  const rows = await trx
    .selectFrom('incident_parties')
    .select(['role', 'name', 'phone', 'person_id', 'id_number_enc', 'id_number_hash', 'id_number_masked', 'link_key'])
    .where('incident_id', '=', incidentId)
    .orderBy('id')
    .execute();
  const seen = new Set<string>();
  const values: CasePartyValues[] = [];
  for (const r of rows) {
    if (r.role === 'witness') continue;
    const key = r.link_key ?? `n:${r.name}:${r.phone ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    values.push({ side: SIDE_OF_ROLE[r.role], name: r.name, phone: r.phone, personId: r.person_id, claims: '', idNumberEnc: r.id_number_enc, idNumberHash: r.id_number_hash, idNumberMasked: r.id_number_masked });
  }
  await insertCaseParties(trx, caseId, values);
  return values.length;
}

export function presentParty(r: { id: number; side: CasePartySide; name: string; phone: string | null; id_number_masked: string | null; person_masked: string | null; person_id: number | null; claims: string }): CasePartyDto {
  return { id: r.id, side: r.side, name: r.name, phone: r.phone, idNumberMasked: r.id_number_masked ?? r.person_masked ?? null, personId: r.person_id, claims: r.claims };
}

/** Parties and claims of a case (A file): police of the jurisdiction. */
export function createCasePartiesUseCases(deps: { db: Database; identity: IdentityCipher }) {
  const { db, identity } = deps;

  return {
    async add(ctx: RequestContext, caseId: number, input: CasePartyInput): Promise<number> {
      authorize(ctx.actor, 'cases.manage');
      await caseInScope(db, ctx.actor, caseId);
      const party = await prepareCaseParty(db, identity, ctx.actor, input, '');
      return audited(db, ctx, async (trx, audit) => {
        const c = await caseInScope(trx, ctx.actor, caseId, { lock: true });
        const [partyId] = await insertCaseParties(trx, caseId, [party]);
        await trx.updateTable('dispute_cases').set({ updated_at: new Date() }).where('id', '=', caseId).execute();
        audit({ action: 'case.party_added', entityType: 'dispute_case', entityId: caseId, jurisdictionId: c.jurisdiction_id, change: { partyId, side: party.side, name: party.name, personId: party.personId, idNumber: party.idNumberMasked } });
        return partyId!;
      });
    },

    async update(ctx: RequestContext, caseId: number, partyId: number, patch: CasePartyPatch): Promise<void> {
      authorize(ctx.actor, 'cases.manage');
      await caseInScope(db, ctx.actor, caseId);
      const before = await db.selectFrom('case_parties').selectAll().where('id', '=', partyId).where('case_id', '=', caseId).executeTakeFirst();
      if (!before) throw errors.notFound();
      // The identity number and the person link are checked again only when the patch names them.
      const identityChanged = patch.idNumber !== undefined || patch.personId !== undefined;
      const checked = await prepareCaseParty(
        db,
        identity,
        ctx.actor,
        {
          side: patch.side ?? before.side,
          name: patch.name ?? before.name,
          phone: patch.phone !== undefined ? patch.phone : before.phone,
          idNumber: patch.idNumber ?? null,
          personId: patch.personId ?? null,
          claims: patch.claims ?? before.claims,
        },
        '',
      );
      await audited(db, ctx, async (trx, audit) => {
        const c = await caseInScope(trx, ctx.actor, caseId, { lock: true });
        await trx
          .updateTable('case_parties')
          .set({
            side: checked.side,
            name: checked.name,
            phone: checked.phone,
            claims: checked.claims,
            ...(identityChanged ? { person_id: checked.personId } : {}),
            ...(patch.idNumber !== undefined ? { id_number_enc: checked.idNumberEnc, id_number_hash: checked.idNumberHash, id_number_masked: checked.idNumberMasked } : {}),
          })
          .where('id', '=', partyId)
          .execute();
        await trx.updateTable('dispute_cases').set({ updated_at: new Date() }).where('id', '=', caseId).execute();
        const changed: string[] = (['side', 'name', 'phone', 'claims'] as const).filter((k) => patch[k] !== undefined && patch[k] !== before[k]);
        if (patch.idNumber !== undefined) changed.push('idNumber');
        if (patch.personId !== undefined) changed.push('personId');
        audit({ action: 'case.party_updated', entityType: 'dispute_case', entityId: caseId, jurisdictionId: c.jurisdiction_id, change: { partyId, changed, idNumber: identityChanged ? checked.idNumberMasked : undefined } });
      });
    },

    async remove(ctx: RequestContext, caseId: number, partyId: number): Promise<void> {
      authorize(ctx.actor, 'cases.manage');
      await audited(db, ctx, async (trx, audit) => {
        const c = await caseInScope(trx, ctx.actor, caseId, { lock: true });
        const party = await trx.selectFrom('case_parties').select(['id', 'name', 'side']).where('id', '=', partyId).where('case_id', '=', caseId).executeTakeFirst();
        if (!party) throw errors.notFound();
        await trx.deleteFrom('case_parties').where('id', '=', partyId).execute();
        await trx.updateTable('dispute_cases').set({ updated_at: new Date() }).where('id', '=', caseId).execute();
        audit({ action: 'case.party_removed', entityType: 'dispute_case', entityId: caseId, jurisdictionId: c.jurisdiction_id, change: { partyId, side: party.side, name: party.name } });
      });
    },
  };
}
