import type { Actor, RequestContext } from '../../app/actor.js';
import { audited } from '../../app/audit.js';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Database, Queryable, Tx } from '../../app/db/database.js';
import type { PartyRole } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { sealIdNumber } from '../people/people.core.js';
import { requireAddress } from '../people/scope.js';
import { linkRepeats, unlinkFromCluster } from '../warnings/repeats.js';
import { checkPhone } from './incidents.core.js';
import { createIncidentsRepository } from './incidents.repository.js';
import { publishIncidentEvent } from '../board/board.events.js';
import { scoreIncident } from './incidents.risk.js';
import type { PartyDto, PartyInput } from './incidents.schemas.js';

/** A party checked and sealed, ready to insert. */
export interface PartyValues {
  role: PartyRole;
  name: string;
  phone: string | null;
  personId: number | null;
  injured: boolean;
  note: string | null;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
  linkKey: string | null;
}

/**
 * The key that links one human across incidents: the keyed hash of the identity number whenever
 * it is known (given here or on the linked person record), else the person record.
 */
export function partyLinkKey(hash: string | null, personId: number | null): string | null {
  if (hash) return `h:${hash}`;
  if (personId) return `p:${personId}`;
  return null;
}

/**
 * Validates parties (phone format, GB 11643 identity number, a person record in the actor's
 * scope) and seals identity numbers. A party whose identity number belongs to a registered
 * person is linked to that record.
 */
export async function prepareParties(db: Queryable, identity: IdentityCipher, actor: Actor, parties: PartyInput[], field = 'parties'): Promise<PartyValues[]> {
  const out: PartyValues[] = [];
  for (const [i, p] of parties.entries()) {
    const at = `${field}.${i}`;
    const phone = checkPhone(p.phone, `${at}.phone`);
    const sealed = p.idNumber ? sealIdNumber(identity, p.idNumber, `${at}.idNumber`) : null;
    let person: { id: number; id_number_hash: string | null } | undefined;
    if (p.personId) {
      person = await db
        .selectFrom('persons as p')
        .innerJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id')
        .select(['p.id', 'p.id_number_hash'])
        .where('p.id', '=', p.personId)
        .where('j.path', 'like', scopePrefix(actor))
        .executeTakeFirst();
      if (!person) throw errors.field(`${at}.personId`, 'not_found', { zh: '人员不存在或不在您的辖区内', en: 'person not found in your jurisdiction' });
      if (sealed && person.id_number_hash && person.id_number_hash !== sealed.id_number_hash) {
        throw errors.field(`${at}.idNumber`, 'person_mismatch', { zh: '身份证号与所选人员不一致', en: 'does not match the chosen person' });
      }
    } else if (sealed) {
      person = await db.selectFrom('persons').select(['id', 'id_number_hash']).where('id_number_hash', '=', sealed.id_number_hash).executeTakeFirst();
    }
    const hash = sealed?.id_number_hash ?? person?.id_number_hash ?? null;
    out.push({
      role: p.role,
      name: p.name,
      phone,
      personId: person?.id ?? null,
      injured: p.injured ?? false,
      note: p.note ?? null,
      idNumberEnc: sealed?.id_number_enc ?? null,
      idNumberHash: hash,
      idNumberMasked: sealed?.id_number_masked ?? null,
      linkKey: partyLinkKey(hash, person?.id ?? null),
    });
  }
  return out;
}

export async function insertParties(trx: Tx, incidentId: number, parties: PartyValues[]): Promise<number[]> {
  if (parties.length === 0) return [];
  const rows = await trx
    .insertInto('incident_parties')
    .values(
      parties.map((p) => ({
        incident_id: incidentId,
        role: p.role,
        name: p.name,
        phone: p.phone,
        person_id: p.personId,
        injured: p.injured,
        note: p.note,
        id_number_enc: p.idNumberEnc,
        id_number_hash: p.idNumberHash,
        id_number_masked: p.idNumberMasked,
        link_key: p.linkKey,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Distinct link keys of a set of parties. */
export const linkKeysOf = (parties: { linkKey: string | null }[]): string[] => [...new Set(parties.map((p) => p.linkKey).filter((k): k is string => k !== null))];

/** The parties of some incidents as the API shows them (identity numbers masked), by incident. */
export async function partiesOf(db: Queryable, incidentIds: number[]): Promise<Map<number, PartyDto[]>> {
  const byIncident = new Map<number, PartyDto[]>(incidentIds.map((id) => [id, []]));
  if (incidentIds.length === 0) return byIncident;
  const rows = await db
    .selectFrom('incident_parties as ip')
    .leftJoin('persons as p', 'p.id', 'ip.person_id')
    .select(['ip.id', 'ip.incident_id', 'ip.role', 'ip.name', 'ip.phone', 'ip.person_id', 'p.name as person_name', 'ip.id_number_masked', 'p.id_number_masked as person_masked', 'ip.injured', 'ip.note'])
    .where('ip.incident_id', 'in', incidentIds)
    .orderBy('ip.id')
    .execute();
  for (const r of rows) {
    byIncident.get(r.incident_id)?.push({
      id: r.id,
      role: r.role,
      name: r.name,
      phone: r.phone,
      personId: r.person_id,
      personName: r.person_name,
      idNumberMasked: r.id_number_masked ?? r.person_masked ?? null,
      injured: r.injured,
      note: r.note,
    });
  }
  return byIncident;
}

/** The incident locked for a change, inside the actor's scope. */
async function lockIncident(trx: Tx, actor: Actor, id: number) {
  const row = await createIncidentsRepository(trx).lockInScope(actor, id);
  if (!row) throw errors.notFound();
  return row;
}

/** Officers' changes to an incident's parties and to the standard address the matcher chose. */
export function createIncidentPartiesUseCases(deps: { db: Database; identity: IdentityCipher }) {
  const { db, identity } = deps;

  return {
    /** Adds a party; a named party links the incident to that person's other incidents. */
    async addParty(ctx: RequestContext, incidentId: number, input: PartyInput): Promise<void> {
      authorize(ctx.actor, 'incidents.handle');
      const [party] = await prepareParties(db, identity, ctx.actor, [input], 'party');
      await audited(db, ctx, async (trx, audit) => {
        const incident = await lockIncident(trx, ctx.actor, incidentId);
        const [partyId] = await insertParties(trx, incidentId, [party!]);
        audit({ action: 'incident.party_added', entityType: 'incident', entityId: incidentId, jurisdictionId: incident.jurisdiction_id, change: { partyId, role: party!.role, name: party!.name, personId: party!.personId, idNumber: party!.idNumberMasked } });
        if (party!.linkKey) {
          await linkRepeats(trx, { id: incidentId, receivedAt: incident.received_at, addressId: null, callerPhone: null, partyKeys: [party!.linkKey], jurisdictionId: incident.jurisdiction_id }, audit);
        }
        // Parties weigh in the escalation score (injuries, their earlier incidents).
        if (incident.kind === 'dispute') await scoreIncident(trx, incidentId, audit);
      });
    },

    async removeParty(ctx: RequestContext, incidentId: number, partyId: number): Promise<void> {
      authorize(ctx.actor, 'incidents.handle');
      await audited(db, ctx, async (trx, audit) => {
        const incident = await lockIncident(trx, ctx.actor, incidentId);
        const party = await trx.selectFrom('incident_parties').select(['id', 'name', 'role', 'link_key']).where('id', '=', partyId).where('incident_id', '=', incidentId).executeTakeFirst();
        if (!party) throw errors.notFound();
        await trx.deleteFrom('incident_parties').where('id', '=', partyId).execute();
        // The incident leaves that person's cluster unless another of its parties is the same person.
        if (party.link_key) {
          const still = await trx.selectFrom('incident_parties').select('id').where('incident_id', '=', incidentId).where('link_key', '=', party.link_key).executeTakeFirst();
          if (!still) await unlinkFromCluster(trx, incidentId, 'party', party.link_key);
        }
        audit({ action: 'incident.party_removed', entityType: 'incident', entityId: incidentId, jurisdictionId: incident.jurisdiction_id, change: { partyId, role: party.role, name: party.name } });
        if (incident.kind === 'dispute') await scoreIncident(trx, incidentId, audit);
      });
    },

    /**
     * An officer's correction of the standard address: the incident takes the address's
     * coordinates and jurisdiction, leaves the old address's repeat cluster and joins the new one.
     */
    async correctAddress(ctx: RequestContext, incidentId: number, addressId: number): Promise<void> {
      authorize(ctx.actor, 'incidents.handle');
      const address = await requireAddress(db, ctx.actor, addressId);
      const point = await db.selectFrom('addresses').select(['lat', 'lon']).where('id', '=', addressId).executeTakeFirstOrThrow();
      await audited(db, ctx, async (trx, audit) => {
        const incident = await lockIncident(trx, ctx.actor, incidentId);
        if (incident.address_id === addressId) return;
        await trx
          .updateTable('incidents')
          .set({
            address_id: addressId,
            address_confidence: 1,
            lat: point.lat,
            lon: point.lon,
            jurisdiction_id: address.jurisdiction_id,
            address_corrected_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
            address_corrected_at: new Date(),
          })
          .where('id', '=', incidentId)
          .execute();
        if (incident.address_id !== null) await unlinkFromCluster(trx, incidentId, 'address', String(incident.address_id));
        await publishIncidentEvent(trx, 'incident.updated', incidentId);
        audit({ action: 'incident.address_corrected', entityType: 'incident', entityId: incidentId, jurisdictionId: address.jurisdiction_id, change: { addressId: { from: incident.address_id, to: addressId }, jurisdictionId: { from: incident.jurisdiction_id, to: address.jurisdiction_id } } });
        await linkRepeats(trx, { id: incidentId, receivedAt: incident.received_at, addressId, callerPhone: null, partyKeys: [], jurisdictionId: address.jurisdiction_id }, audit);
        // Repetition at the new address counts in the escalation score.
        if (incident.kind === 'dispute') await scoreIncident(trx, incidentId, audit);
      });
    },
  };
}

/**
 * The incidents a person was party to, newest first, within the viewer's incident scope: by the
 * person record or by the identity number given at intake.
 */
export async function incidentsOfPerson(db: Queryable, actor: Actor, person: { id: number; id_number_hash: string | null }, limit = 100) {
  return db
    .selectFrom('incident_parties as ip')
    .innerJoin('incidents as i', 'i.id', 'ip.incident_id')
    .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
    .innerJoin('incident_categories as c', 'c.code', 'i.category_code')
    .select(['i.id', 'i.received_at', 'i.summary', 'i.status', 'i.kind', 'c.name_zh as category_name', 'ip.role', 'j.name as jurisdiction_name'])
    .where((eb) => (person.id_number_hash ? eb.or([eb('ip.person_id', '=', person.id), eb('ip.id_number_hash', '=', person.id_number_hash)]) : eb('ip.person_id', '=', person.id)))
    .where('j.path', 'like', scopePrefix(actor))
    .orderBy('i.received_at', 'desc')
    .limit(limit)
    .execute();
}
