import type { Actor, RequestContext } from '../../app/actor.js';
import { audited, recordAudit } from '../../app/audit.js';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Database, Queryable } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize, can, scopePrefix } from '../../app/policy.js';
import { caseInScope } from '../cases/cases.scope.js';
import { sealIdNumber } from '../people/people.core.js';
import { createPeopleRepository } from '../people/people.repository.js';
import { requireAddress } from '../people/scope.js';
import { createBFilePresenter, presentEducation, presentRelation } from './bfile.presenter.js';
import { createCaseFilesRepository } from './casefiles.repository.js';
import type { AddEducationInput, AddRelationInput, BFileDto, EducationDto, RegisterPartyPersonInput, RelationDto } from './casefiles.schemas.js';

const BEIJING_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The B file: police roles of the case's jurisdiction only ('cases.bfile'); writes also need
 * 'people.manage' (the bureau reads, the station's police keep it up to date).
 */
function authorizeRead(actor: Actor): void {
  authorize(actor, 'cases.bfile');
}
function authorizeWrite(actor: Actor): void {
  authorize(actor, 'cases.bfile');
  authorize(actor, 'people.manage');
}
const mayWrite = (actor: Actor) => can(actor, 'cases.bfile') && can(actor, 'people.manage');

const alreadyLinked = () => errors.conflict('case.party_already_linked', { zh: '该当事人已关联人员档案', en: 'This party is already linked to a person record' });

/** The person must be one of this case's parties: the B file reaches no one else through a case. */
async function requirePartyPerson(db: Queryable, caseId: number, personId: number): Promise<void> {
  const row = await db.selectFrom('case_parties').select('id').where('case_id', '=', caseId).where('person_id', '=', personId).executeTakeFirst();
  if (!row) throw errors.field('personId', 'not_party', { zh: '该人员不是本案当事人', en: 'this person is not a party to the case' });
}

export function createBFileUseCases(deps: { db: Database; identity: IdentityCipher }) {
  const { db, identity } = deps;

  return {
    /** The whole B file of a case; every read is an audit event. */
    async get(ctx: RequestContext, caseId: number): Promise<BFileDto> {
      authorizeRead(ctx.actor);
      const found = await caseInScope(db, ctx.actor, caseId);
      const file = await createBFilePresenter(db).bfile(ctx.actor, found);
      await recordAudit(db, ctx, [
        {
          action: 'case.bfile_viewed',
          entityType: 'dispute_case',
          entityId: found.id,
          jurisdictionId: found.jurisdiction_id,
          change: { parties: file.parties.length, persons: file.parties.flatMap((p) => (p.person ? [p.person.id] : [])) },
        },
      ]);
      return {
        ...file,
        abilities: { edit: mayWrite(ctx.actor), registerPerson: mayWrite(ctx.actor), viewIdentity: can(ctx.actor, 'people.viewIdentity') },
      };
    },

    /**
     * Registers a party as a person record (实有人口) and links it: the identity number comes from
     * the party or the body; a person already holding that number is reused, never duplicated.
     */
    async registerPartyPerson(ctx: RequestContext, caseId: number, partyId: number, input: RegisterPartyPersonInput): Promise<{ partyId: number; personId: number; created: boolean }> {
      authorizeWrite(ctx.actor);
      const found = await caseInScope(db, ctx.actor, caseId);
      const address = input.currentAddressId ? await requireAddress(db, ctx.actor, input.currentAddressId, 'currentAddressId') : null;
      if (input.ethnicityCode) {
        const known = await db.selectFrom('code_tables').select('code').where('table_name', '=', 'ethnicity').where('code', '=', input.ethnicityCode).executeTakeFirst();
        if (!known) throw errors.field('ethnicityCode', 'not_found', { zh: '民族代码不存在', en: 'unknown ethnicity code' });
      }
      return audited(db, ctx, async (trx, audit) => {
        const party = await trx.selectFrom('case_parties').selectAll().where('id', '=', partyId).where('case_id', '=', found.id).forUpdate().executeTakeFirst();
        if (!party) throw errors.notFound();
        if (party.person_id) throw alreadyLinked();
        const whole = input.idNumber ?? (party.id_number_enc ? identity.decrypt(party.id_number_enc) : null);
        if (!whole) throw errors.field('idNumber', 'required', { zh: '登记人员档案需要身份证号', en: 'an identity number is needed to register the person' });
        const sealed = sealIdNumber(identity, whole);
        const existing = await trx.selectFrom('persons').select(['id']).where('id_number_hash', '=', sealed.id_number_hash).executeTakeFirst();
        const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
        let personId: number;
        if (existing) personId = existing.id;
        else {
          const jurisdictionId = address?.jurisdiction_id ?? found.jurisdiction_id;
          const row = await trx
            .insertInto('persons')
            .values({
              name: party.name,
              category: input.category,
              ...sealed,
              phone: party.phone,
              ethnicity_code: input.ethnicityCode ?? null,
              household_place: input.householdPlace ?? null,
              current_address_id: address?.id ?? null,
              jurisdiction_id: jurisdictionId,
              created_by: userId,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          personId = row.id;
          if (address) await createPeopleRepository(trx).insertAddress({ personId, addressId: address.id, kind: 'residence', fromDate: BEIJING_DATE.format(new Date()), source: 'case' });
          audit({ action: 'person.created', entityType: 'person', entityId: personId, jurisdictionId, change: { name: party.name, category: input.category, idNumberMasked: sealed.id_number_masked, fromCase: found.id } });
        }
        await trx
          .updateTable('case_parties')
          .set({ person_id: personId, id_number_enc: sealed.id_number_enc, id_number_hash: sealed.id_number_hash, id_number_masked: sealed.id_number_masked })
          .where('id', '=', party.id)
          .execute();
        audit({ action: 'case.party_updated', entityType: 'dispute_case', entityId: found.id, jurisdictionId: found.jurisdiction_id, change: { partyId, personId: { from: null, to: personId }, reused: !!existing } });
        return { partyId, personId, created: !existing };
      });
    },

    async addRelation(ctx: RequestContext, caseId: number, input: AddRelationInput): Promise<RelationDto> {
      authorizeWrite(ctx.actor);
      const found = await caseInScope(db, ctx.actor, caseId);
      await requirePartyPerson(db, found.id, input.personId);
      let name = input.name ?? null;
      if (input.relatedPersonId) {
        if (input.relatedPersonId === input.personId) throw errors.field('relatedPersonId', 'self', { zh: '不能与本人建立关系', en: 'a person cannot be related to themselves' });
        const related = await db
          .selectFrom('persons as p')
          .innerJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id')
          .select(['p.id', 'p.name'])
          .where('p.id', '=', input.relatedPersonId)
          .where('p.archived_at', 'is', null)
          .where('j.path', 'like', scopePrefix(ctx.actor))
          .executeTakeFirst();
        if (!related) throw errors.field('relatedPersonId', 'not_found', { zh: '人员不存在或不在您的辖区内', en: 'person not found in your jurisdiction' });
        name ??= related.name;
      }
      if (!name) throw errors.field('name', 'required', { zh: '请填写关系人姓名', en: 'name the related person' });
      return audited(db, ctx, async (trx, audit) => {
        const row = await trx
          .insertInto('person_relations')
          .values({
            person_id: input.personId,
            related_person_id: input.relatedPersonId ?? null,
            name,
            relation: input.relation,
            same_household: input.sameHousehold,
            phone: input.phone ?? null,
            note: input.note ?? null,
            created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
          })
          .returning(['id', 'name', 'relation', 'same_household', 'related_person_id', 'phone', 'note'])
          .executeTakeFirstOrThrow();
        audit({
          action: 'case.relation_added',
          entityType: 'dispute_case',
          entityId: found.id,
          jurisdictionId: found.jurisdiction_id,
          change: { relationId: row.id, personId: input.personId, relation: input.relation, name, sameHousehold: input.sameHousehold, relatedPersonId: input.relatedPersonId ?? null },
        });
        return presentRelation(row);
      });
    },

    async removeRelation(ctx: RequestContext, caseId: number, relationId: number): Promise<void> {
      authorizeWrite(ctx.actor);
      const found = await caseInScope(db, ctx.actor, caseId);
      await audited(db, ctx, async (trx, audit) => {
        // Only a relation of one of this case's parties can be removed through the case.
        const row = await trx
          .deleteFrom('person_relations')
          .where('id', '=', relationId)
          .where('person_id', 'in', (eb) => eb.selectFrom('case_parties').select('person_id').where('case_id', '=', found.id).where('person_id', 'is not', null).$narrowType<{ person_id: number }>())
          .returning(['id', 'person_id', 'name', 'relation'])
          .executeTakeFirst();
        if (!row) throw errors.notFound();
        audit({ action: 'case.relation_removed', entityType: 'dispute_case', entityId: found.id, jurisdictionId: found.jurisdiction_id, change: { relationId, personId: row.person_id, name: row.name, relation: row.relation } });
      });
    },

    /** Prevention education (反诈, 禁毒, 三轮车电动车非法载人, 一盔一带) delivered to a party. */
    async addEducation(ctx: RequestContext, caseId: number, input: AddEducationInput): Promise<EducationDto> {
      authorizeWrite(ctx.actor);
      const found = await caseInScope(db, ctx.actor, caseId);
      await requirePartyPerson(db, found.id, input.personId);
      if (input.deliveredOn > BEIJING_DATE.format(new Date())) throw errors.field('deliveredOn', 'not_in_future', { zh: '宣传日期不能晚于今天', en: 'must not be later than today' });
      const actor = ctx.actor;
      let by: { id: number | null; name: string } = { id: actor.kind === 'user' ? actor.userId : null, name: actor.kind === 'user' ? actor.displayName : actor.name };
      if (input.deliveredByUserId && input.deliveredByUserId !== by.id) {
        const [user] = await createCaseFilesRepository(db).usersForCase([input.deliveredByUserId], found.jurisdiction_path, scopePrefix(actor));
        if (!user) throw errors.field('deliveredByUserId', 'not_found', { zh: '该用户不存在或不在本案辖区', en: 'no such user for this case’s jurisdiction' });
        by = { id: user.id, name: user.display_name };
      }
      return audited(db, ctx, async (trx, audit) => {
        const row = await trx
          .insertInto('prevention_education')
          .values({ person_id: input.personId, case_id: found.id, topic: input.topic, delivered_on: input.deliveredOn, delivered_by_user_id: by.id, delivered_by_name: by.name, note: input.note ?? null })
          .returning(['id', 'topic', 'delivered_on', 'delivered_by_name', 'case_id', 'note'])
          .executeTakeFirstOrThrow();
        audit({
          action: 'case.education_recorded',
          entityType: 'dispute_case',
          entityId: found.id,
          jurisdictionId: found.jurisdiction_id,
          change: { educationId: row.id, personId: input.personId, topic: input.topic, deliveredOn: input.deliveredOn, deliveredBy: by.name },
        });
        return presentEducation(row);
      });
    },
  };
}
