import type { RequestContext, UserActor } from '../../app/actor.js';
import { audited, diff } from '../../app/audit.js';
import type { IdentityCipher } from '../../app/crypto.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { authorize, can, scopePrefix } from '../../app/policy.js';
import { requireAddress, requireJurisdiction } from '../people/scope.js';
import { moveCase } from './cases.lifecycle.js';
import {
  addOpeningParties,
  attachSourceIncident,
  caseUsers,
  checkCodes,
  incidentHasCase,
  insertCase,
  LEADER_ROLES,
  lockIncidentForCase,
  OFFICER_ROLES,
  requireCaseUser,
  stationPath,
  type NewCase,
} from './cases.open.js';
import { prepareCaseParties, presentParty } from './cases.parties.js';
import { createCasesRepository, presentSummary } from './cases.repository.js';
import type { CaseDetailDto, CaseMetaDto, ListCasesQuery, OpenCaseInput, PersonCasesDto, TransitionInput, UpdateCaseInput } from './cases.schemas.js';
import { caseInScope } from './cases.scope.js';

/** Case endpoints are for signed-in staff: API keys and partners never reach them. */
function userOf(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw errors.forbidden();
  return ctx.actor;
}

const codeName = (r: { code: string; name_zh: string; name_en: string }) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en });

export function createCasesUseCases(deps: { db: Database; identity: IdentityCipher }) {
  const { db, identity } = deps;
  const repo = createCasesRepository(db);

  /** Where the case lies and what it starts from, checked against the actor's scope and the code tables. */
  async function prepareOpening(actor: UserActor, input: OpenCaseInput) {
    if (input.source === 'incident' && !input.sourceIncidentId) throw errors.field('sourceIncidentId', 'required', { zh: '请选择来源警情', en: 'is required for a case opened from an incident' });
    if (input.source === 'cluster' && !input.sourceClusterId) throw errors.field('sourceClusterId', 'required', { zh: '请选择重复警情串', en: 'is required for a case opened from a repeat cluster' });
    if (input.source !== 'incident' && input.sourceIncidentId) throw errors.field('sourceIncidentId', 'not_applicable', { zh: '只有来源为警情时才填写', en: 'applies to source incident only' });
    if (input.source !== 'cluster' && input.sourceClusterId) throw errors.field('sourceClusterId', 'not_applicable', { zh: '只有来源为重复警情时才填写', en: 'applies to source cluster only' });
    await checkCodes(db, input.disputeType, input.riskDomain);
    const address = input.addressId ? await requireAddress(db, actor, input.addressId) : null;
    const parties = await prepareCaseParties(db, identity, actor, input.parties ?? []);
    return { address, parties };
  }

  async function jurisdictionOf(actor: UserActor, input: OpenCaseInput, addressJurisdiction: number | null): Promise<{ id: number; path: string }> {
    if (input.jurisdictionId) return requireJurisdiction(db, actor, input.jurisdictionId);
    const id = addressJurisdiction ?? actor.jurisdictionId;
    const row = await db.selectFrom('jurisdictions').select(['id', 'path']).where('id', '=', id).executeTakeFirstOrThrow();
    return row;
  }

  return {
    /** Opens a case from an incident, a repeat cluster, a tip, a visit or directly. */
    async open(ctx: RequestContext, input: OpenCaseInput): Promise<number> {
      authorize(ctx.actor, 'cases.manage');
      const actor = userOf(ctx);
      const { address, parties } = await prepareOpening(actor, input);
      return audited(db, ctx, async (trx, audit) => {
        let base: Omit<NewCase, 'officerUserId' | 'leaderUserId'>;
        let jurisdictionPath: string;
        let incident: Awaited<ReturnType<typeof lockIncidentForCase>> | null = null;
        let clusterIncidents: number[] = [];
        const manual = {
          title: input.title,
          summary: input.summary,
          sourceNote: input.sourceNote ?? null,
          addressId: address?.id ?? null,
          addressText: input.addressText ?? null,
          lat: input.lat ?? null,
          lon: input.lon ?? null,
        };
        if (input.source === 'incident') {
          incident = await lockIncidentForCase(trx, actor, input.sourceIncidentId!, 'sourceIncidentId');
          const taken = await trx.selectFrom('dispute_cases').select('id').where('source_incident_id', '=', incident.id).executeTakeFirst();
          if (incident.dispute_case_id !== null || taken) throw incidentHasCase();
          const disputeType = input.disputeType ?? incident.dispute_type;
          if (!disputeType) throw errors.field('disputeType', 'required', { zh: '请选择纠纷类型', en: 'is required (the incident has none)' });
          jurisdictionPath = incident.path;
          base = {
            ...manual,
            title: manual.title ?? incident.summary,
            summary: manual.summary ?? incident.narrative,
            source: 'incident',
            sourceIncidentId: incident.id,
            sourceClusterId: null,
            disputeType,
            riskDomain: input.riskDomain !== undefined ? input.riskDomain : incident.risk_domain,
            addressId: manual.addressId ?? incident.address_id,
            addressText: manual.addressText ?? incident.address_text,
            lat: manual.lat ?? incident.lat,
            lon: manual.lon ?? incident.lon,
            jurisdictionId: incident.jurisdiction_id,
          };
        } else if (input.source === 'cluster') {
          const cluster = await trx
            .selectFrom('repeat_clusters as rc')
            .innerJoin('jurisdictions as j', 'j.id', 'rc.jurisdiction_id')
            .select(['rc.id', 'rc.jurisdiction_id', 'j.path'])
            .where('rc.id', '=', input.sourceClusterId!)
            .where('j.path', 'like', scopePrefix(actor))
            .executeTakeFirst();
          if (!cluster) throw errors.field('sourceClusterId', 'not_found', { zh: '重复警情串不存在或不在您的辖区内', en: 'repeat cluster not found in your jurisdiction' });
          const incidents = await trx
            .selectFrom('repeat_cluster_incidents as rci')
            .innerJoin('incidents as i', 'i.id', 'rci.incident_id')
            .select(['i.id', 'i.summary', 'i.dispute_type', 'i.risk_domain', 'i.address_id', 'i.address_text', 'i.lat', 'i.lon'])
            .where('rci.cluster_id', '=', cluster.id)
            .orderBy('i.received_at', 'desc')
            .execute();
          clusterIncidents = incidents.map((i) => i.id);
          const latest = incidents[0];
          const disputeType = input.disputeType ?? incidents.find((i) => i.dispute_type)?.dispute_type;
          if (!disputeType) throw errors.field('disputeType', 'required', { zh: '请选择纠纷类型', en: 'is required' });
          jurisdictionPath = cluster.path;
          base = {
            ...manual,
            title: manual.title ?? (latest ? `重复警情：${latest.summary}`.slice(0, 200) : ''),
            summary: manual.summary ?? '',
            source: 'cluster',
            sourceIncidentId: null,
            sourceClusterId: cluster.id,
            disputeType,
            riskDomain: input.riskDomain !== undefined ? input.riskDomain : (incidents.find((i) => i.risk_domain)?.risk_domain ?? null),
            addressId: manual.addressId ?? latest?.address_id ?? null,
            addressText: manual.addressText ?? latest?.address_text ?? null,
            lat: manual.lat ?? latest?.lat ?? null,
            lon: manual.lon ?? latest?.lon ?? null,
            jurisdictionId: cluster.jurisdiction_id,
          };
        } else {
          if (!input.disputeType) throw errors.field('disputeType', 'required', { zh: '请选择纠纷类型', en: 'is required' });
          const place = await jurisdictionOf(actor, input, address?.jurisdiction_id ?? null);
          jurisdictionPath = place.path;
          base = { ...manual, title: manual.title ?? '', summary: manual.summary ?? '', source: input.source, sourceIncidentId: null, sourceClusterId: null, disputeType: input.disputeType, riskDomain: input.riskDomain ?? null, jurisdictionId: place.id };
          if ((input.source === 'tip' || input.source === 'visit') && !base.sourceNote) {
            throw errors.field('sourceNote', 'required', { zh: '请说明线索来源或走访情况', en: 'is required for a tip or a visit' });
          }
        }
        if (!base.title) throw errors.field('title', 'required', { zh: '请填写纠纷名称', en: 'is required' });
        const station = await stationPath(trx, jurisdictionPath);
        const defaultOfficer = input.officerUserId === undefined ? await requireCaseUser(trx, station, actor.userId, 'officerUserId', OFFICER_ROLES).catch(() => null) : null;
        const officerUserId = input.officerUserId === undefined ? defaultOfficer : await requireCaseUser(trx, station, input.officerUserId, 'officerUserId', OFFICER_ROLES);
        const leaderUserId = await requireCaseUser(trx, station, input.leaderUserId, 'leaderUserId', LEADER_ROLES);

        const created = await insertCase(trx, actor, { ...base, officerUserId, leaderUserId });
        if (incident) await attachSourceIncident(trx, actor, created.id, incident);
        if (clusterIncidents.length > 0) {
          await trx
            .insertInto('case_incidents')
            .values(clusterIncidents.map((incidentId) => ({ case_id: created.id, incident_id: incidentId, reason: 'source' as const, linked_by: actor.userId })))
            .execute();
        }
        await addOpeningParties(trx, created.id, incident?.id ?? null, parties);
        audit({
          action: 'case.opened',
          entityType: 'dispute_case',
          entityId: created.id,
          jurisdictionId: base.jurisdictionId,
          change: { caseNo: created.caseNo, source: base.source, sourceIncidentId: base.sourceIncidentId, sourceClusterId: base.sourceClusterId, linkedIncidents: clusterIncidents.length, disputeType: base.disputeType, officerUserId, leaderUserId },
        });
        return created.id;
      });
    },

    async list(ctx: RequestContext, q: ListCasesQuery) {
      authorize(ctx.actor, 'cases.view');
      userOf(ctx);
      const { items, total } = await repo.list(ctx.actor, q);
      return { items: items.map(presentSummary), total };
    },

    /** The A-file core of one case, with the moves this actor may make now. */
    async get(ctx: RequestContext, id: number): Promise<CaseDetailDto> {
      authorize(ctx.actor, 'cases.view');
      const scoped = await caseInScope(db, ctx.actor, id);
      const row = await repo.find(ctx.actor, id);
      if (!row) throw errors.notFound();
      const manage = can(ctx.actor, 'cases.manage');
      const [parties, incidents, events, moves] = await Promise.all([repo.parties(id), repo.incidents(id), repo.events(id), manage ? repo.transitionsFrom(scoped.stage) : Promise.resolve([])]);
      return {
        ...presentSummary(row),
        summary: row.summary,
        sourceIncidentId: row.source_incident_id,
        sourceClusterId: row.source_cluster_id,
        sourceNote: row.source_note,
        addressId: row.address_id,
        addressName: row.address_name,
        addressText: row.address_text,
        lat: row.lat,
        lon: row.lon,
        result: row.result,
        createdByName: row.created_by_name,
        // Identity numbers, even masked, are B-file data: only police roles of the jurisdiction get them.
        parties: parties.map(presentParty).map((p) => (can(ctx.actor, 'cases.bfile') ? p : { ...p, idNumberMasked: null })),
        incidents: incidents.map((i) => ({ id: i.id, receivedAt: i.received_at.toISOString(), summary: i.summary, status: i.status, reason: i.reason, linkedAt: i.linked_at.toISOString() })),
        events: events.map((e) => ({ id: e.id, action: e.action, fromStage: e.from_stage, toStage: e.to_stage, resolution: e.resolution, reason: e.reason, actorName: e.actor_name, at: e.at.toISOString() })),
        actions: moves.map((m) => ({ action: m.action, to: m.to_stage, reasonRequired: m.reason_required, resolutionRequired: m.to_stage === 'closed' })),
        abilities: {
          manage,
          mediate: can(ctx.actor, 'cases.mediate'),
          bfile: can(ctx.actor, 'cases.bfile'),
          transfer: can(ctx.actor, 'cases.transfer'),
          followup: can(ctx.actor, 'cases.followup'),
        },
      };
    },

    async update(ctx: RequestContext, id: number, input: UpdateCaseInput): Promise<void> {
      authorize(ctx.actor, 'cases.manage');
      const actor = userOf(ctx);
      const scoped = await caseInScope(db, actor, id);
      await checkCodes(db, input.disputeType, input.riskDomain);
      if (input.addressId) await requireAddress(db, actor, input.addressId);
      const station = await stationPath(db, scoped.jurisdiction_path);
      if (input.officerUserId) await requireCaseUser(db, station, input.officerUserId, 'officerUserId', OFFICER_ROLES);
      if (input.leaderUserId) await requireCaseUser(db, station, input.leaderUserId, 'leaderUserId', LEADER_ROLES);
      await audited(db, ctx, async (trx, audit) => {
        await caseInScope(trx, actor, id, { lock: true });
        const before = await trx.selectFrom('dispute_cases').select(['title', 'summary', 'dispute_type', 'risk_domain', 'officer_user_id', 'leader_user_id', 'address_id', 'address_text']).where('id', '=', id).executeTakeFirstOrThrow();
        const after = {
          title: input.title,
          summary: input.summary,
          dispute_type: input.disputeType,
          risk_domain: input.riskDomain,
          officer_user_id: input.officerUserId,
          leader_user_id: input.leaderUserId,
          address_id: input.addressId,
          address_text: input.addressText,
        };
        const changes = diff(before, after);
        if (Object.keys(changes).length === 0) return;
        await trx.updateTable('dispute_cases').set({ ...after, updated_at: new Date() }).where('id', '=', id).execute();
        audit({ action: 'case.updated', entityType: 'dispute_case', entityId: id, jurisdictionId: scoped.jurisdiction_id, change: changes });
      });
    },

    /** Links another incident of the actor's scope to the case. */
    async linkIncident(ctx: RequestContext, id: number, incidentId: number): Promise<void> {
      authorize(ctx.actor, 'cases.manage');
      const actor = userOf(ctx);
      await audited(db, ctx, async (trx, audit) => {
        const scoped = await caseInScope(trx, actor, id, { lock: true });
        const incident = await lockIncidentForCase(trx, actor, incidentId, 'incidentId');
        const inserted = await trx.insertInto('case_incidents').values({ case_id: id, incident_id: incident.id, reason: 'linked', linked_by: actor.userId }).onConflict((oc) => oc.doNothing()).returning('incident_id').executeTakeFirst();
        if (!inserted) throw errors.conflict('case.incident_already_linked', { zh: '该警情已关联本纠纷', en: 'This incident is already linked to the case' });
        await trx.updateTable('dispute_cases').set({ updated_at: new Date() }).where('id', '=', id).execute();
        audit({ action: 'case.incident_linked', entityType: 'dispute_case', entityId: id, jurisdictionId: scoped.jurisdiction_id, change: { incidentId: incident.id } });
      });
    },

    /** Moves the stage (case_transitions decides). Mediators may record sessions but not move stages. */
    async transition(ctx: RequestContext, id: number, input: TransitionInput): Promise<void> {
      authorize(ctx.actor, 'cases.manage');
      const actor = userOf(ctx);
      await db.transaction().execute(async (trx) => {
        await caseInScope(trx, actor, id, { lock: true });
        await moveCase(trx, actor, id, input, { ip: ctx.ip, requestId: ctx.requestId });
      });
    },

    /** Code tables and the people a case form may choose, for the web forms. */
    async meta(ctx: RequestContext, jurisdictionId: number | undefined): Promise<CaseMetaDto> {
      authorize(ctx.actor, 'cases.view');
      const actor = userOf(ctx);
      const place = jurisdictionId ? await requireJurisdiction(db, actor, jurisdictionId) : { path: actor.jurisdictionPath };
      const station = await stationPath(db, place.path);
      const [stages, transitions, resolutions, disputeTypes, riskDomains, officers, leaders] = await Promise.all([
        db.selectFrom('case_stages').selectAll().orderBy('sort').execute(),
        db.selectFrom('case_transitions').selectAll().orderBy('id').execute(),
        db.selectFrom('case_resolutions').selectAll().orderBy('sort').execute(),
        db.selectFrom('mediation_dispute_types').selectAll().orderBy('sort').execute(),
        db.selectFrom('risk_domains').selectAll().orderBy('sort').execute(),
        caseUsers(db, station, OFFICER_ROLES),
        caseUsers(db, station, LEADER_ROLES),
      ]);
      const person = (u: { id: number; name: string; role: string; jurisdiction_name: string }) => ({ id: u.id, name: u.name, role: u.role, jurisdictionName: u.jurisdiction_name });
      return {
        stages: stages.map((s) => ({ ...codeName(s), terminal: s.terminal })),
        transitions: transitions.map((t) => ({ action: t.action, from: t.from_stage, to: t.to_stage, reasonRequired: t.reason_required })),
        resolutions: resolutions.map(codeName),
        disputeTypes: disputeTypes.map(codeName),
        riskDomains: riskDomains.map(codeName),
        officers: officers.map(person),
        leaders: leaders.map(person),
      };
    },

    /** The cases a person is party to (by person record or identity number), within the viewer's case scope. */
    async ofPerson(ctx: RequestContext, personId: number): Promise<PersonCasesDto> {
      authorize(ctx.actor, 'people.view');
      authorize(ctx.actor, 'cases.view');
      const person = await db
        .selectFrom('persons as p')
        .innerJoin('jurisdictions as j', 'j.id', 'p.jurisdiction_id')
        .select(['p.id', 'p.id_number_hash'])
        .where('p.id', '=', personId)
        .where('j.path', 'like', scopePrefix(ctx.actor))
        .executeTakeFirst();
      if (!person) throw errors.notFound();
      const rows = await db
        .selectFrom('case_parties as cp')
        .innerJoin('dispute_cases as c', 'c.id', 'cp.case_id')
        .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
        .select(['c.id', 'c.case_no', 'c.title', 'c.stage', 'cp.side', 'j.name as jurisdiction_name', 'c.created_at'])
        .where((eb) => (person.id_number_hash ? eb.or([eb('cp.person_id', '=', person.id), eb('cp.id_number_hash', '=', person.id_number_hash)]) : eb('cp.person_id', '=', person.id)))
        .where('j.path', 'like', scopePrefix(ctx.actor))
        .orderBy('c.created_at', 'desc')
        .limit(200)
        .execute();
      const seen = new Set<number>();
      const items = rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
      return { items: items.map((r) => ({ id: r.id, caseNo: r.case_no, title: r.title, stage: r.stage, side: r.side, jurisdictionName: r.jurisdiction_name, createdAt: r.created_at.toISOString() })) };
    },
  };
}
