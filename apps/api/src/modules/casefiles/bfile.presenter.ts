import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { inScope } from '../../app/policy.js';
import { presentPhone } from '../people/people.usecases.js';
import type { BFileDto, BFilePersonDto, EducationDto, RelationDto } from './casefiles.schemas.js';

type RelationRow = { id: number; name: string; relation: RelationDto['relation']; same_household: boolean; related_person_id: number | null; phone: string | null; note: string | null };

export function presentRelation(r: RelationRow): RelationDto {
  return { id: r.id, name: r.name, relation: r.relation, sameHousehold: r.same_household, relatedPersonId: r.related_person_id, phone: r.phone, note: r.note };
}

export function presentEducation(e: { id: number; topic: EducationDto['topic']; delivered_on: string; delivered_by_name: string; case_id: number | null; note: string | null }): EducationDto {
  return { id: e.id, topic: e.topic, deliveredOn: e.delivered_on, deliveredByName: e.delivered_by_name, caseId: e.case_id, note: e.note };
}

/**
 * The B file (B卷) read model: each party of a case with, when linked, the person record, its
 * 一标三实 registration, household, relations and prevention education. Only the B-file use-case
 * calls this, after authorize('cases.bfile') and caseInScope; identity numbers leave masked.
 */
export function createBFilePresenter(db: Queryable) {
  async function person(actor: Actor, personId: number): Promise<BFilePersonDto | null> {
    const p = await db
      .selectFrom('persons as p')
      .innerJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id')
      .leftJoin('addresses as a', 'a.id', 'p.current_address_id')
      .leftJoin('code_tables as ct', (join) => join.on('ct.table_name', '=', 'ethnicity').onRef('ct.code', '=', 'p.ethnicity_code'))
      .select(['p.id', 'p.name', 'p.gender', 'p.birth_date', 'ct.name as ethnicity_name', 'p.phone', 'p.household_place', 'p.category', 'p.id_number_masked', 'p.current_address_id', 'a.full_name as address_name', 'j.name as jurisdiction_name', 'j.path as jurisdiction_path'])
      .where('p.id', '=', personId)
      .executeTakeFirst();
    if (!p) return null;
    const addressId = p.current_address_id;
    const [house, tenancy, workUnits, relations, coResidents, education] = await Promise.all([
      addressId
        ? db.selectFrom('houses as h').leftJoin('persons as o', 'o.id', 'h.owner_person_id').select(['h.id', 'h.use', 'o.name as owner_name']).where('h.address_id', '=', addressId).executeTakeFirst()
        : Promise.resolve(undefined),
      db
        .selectFrom('tenancies as t')
        .innerJoin('rental_houses as rh', 'rh.id', 't.rental_house_id')
        .innerJoin('houses as h', 'h.id', 'rh.house_id')
        .innerJoin('addresses as a', 'a.id', 'h.address_id')
        .innerJoin('persons as lp', 'lp.id', 'rh.landlord_person_id')
        .select(['t.id', 'a.full_name as address_name', 'lp.name as landlord_name', 't.check_in', 't.verified_at'])
        .where('t.person_id', '=', personId)
        .where('t.check_out', 'is', null)
        .orderBy('t.check_in', 'desc')
        .executeTakeFirst(),
      db
        .selectFrom('person_addresses as pa')
        .innerJoin('units as u', 'u.address_id', 'pa.address_id')
        .innerJoin('addresses as a', 'a.id', 'pa.address_id')
        .select(['u.id', 'u.name', 'a.full_name as address_name'])
        .where('pa.person_id', '=', personId)
        .where('pa.kind', '=', 'work')
        .where('pa.to_date', 'is', null)
        .where('u.archived_at', 'is', null)
        .orderBy('u.name')
        .limit(20)
        .execute(),
      db
        .selectFrom('person_relations')
        .select(['id', 'name', 'relation', 'same_household', 'related_person_id', 'phone', 'note'])
        .where('person_id', '=', personId)
        .orderBy('same_household', 'desc')
        .orderBy('id')
        .execute(),
      addressId
        ? db
            .selectFrom('persons')
            .select(['id', 'name', 'gender', 'birth_date', 'id_number_masked'])
            .where('current_address_id', '=', addressId)
            .where('id', '<>', personId)
            .where('archived_at', 'is', null)
            .orderBy('birth_date')
            .limit(50)
            .execute()
        : Promise.resolve([]),
      db
        .selectFrom('prevention_education')
        .select(['id', 'topic', 'delivered_on', 'delivered_by_name', 'case_id', 'note'])
        .where('person_id', '=', personId)
        .orderBy('delivered_on', 'desc')
        .orderBy('id', 'desc')
        .execute(),
    ]);
    const rels = relations.map(presentRelation);
    return {
      id: p.id,
      name: p.name,
      gender: p.gender,
      birthDate: p.birth_date,
      ethnicityName: p.ethnicity_name,
      phone: presentPhone(actor, p.phone),
      householdPlace: p.household_place,
      category: p.category,
      idNumberMasked: p.id_number_masked,
      jurisdictionName: p.jurisdiction_name,
      inScope: inScope(actor, p.jurisdiction_path),
      registration: {
        address: addressId && p.address_name ? { id: addressId, name: p.address_name } : null,
        house: house ? { id: house.id, use: house.use, ownerName: house.owner_name } : null,
        tenancy: tenancy ? { id: tenancy.id, addressName: tenancy.address_name, landlordName: tenancy.landlord_name, checkIn: tenancy.check_in, verified: tenancy.verified_at !== null } : null,
        workUnits: workUnits.map((u) => ({ id: u.id, name: u.name, addressName: u.address_name })),
      },
      household: {
        members: rels.filter((r) => r.sameHousehold),
        coResidents: coResidents.map((c) => ({ personId: c.id, name: c.name, gender: c.gender, birthDate: c.birth_date, idNumberMasked: c.id_number_masked })),
      },
      relations: rels,
      education: education.map(presentEducation),
    };
  }

  return {
    async bfile(actor: Actor, found: { id: number; case_no: string }): Promise<Omit<BFileDto, 'abilities'>> {
      const parties = await db
        .selectFrom('case_parties')
        .select(['id', 'side', 'name', 'phone', 'id_number_masked', 'person_id'])
        .where('case_id', '=', found.id)
        .orderBy('id')
        .execute();
      return {
        caseId: found.id,
        caseNo: found.case_no,
        parties: await Promise.all(
          parties.map(async (party) => ({
            id: party.id,
            side: party.side,
            name: party.name,
            phone: presentPhone(actor, party.phone),
            idNumberMasked: party.id_number_masked,
            person: party.person_id ? await person(actor, party.person_id) : null,
          })),
        ),
      };
    },
  };
}
