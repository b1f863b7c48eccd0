import type { RequestContext } from '../../app/actor.js';
import { auditActor, audited } from '../../app/audit.js';
import type { Database } from '../../app/db/database.js';
import { AppError, errors } from '../../app/errors.js';
import { authorize } from '../../app/policy.js';
import { matchAddress } from '../places/places.matcher.js';
import { requireJurisdiction } from '../people/scope.js';
import { linkRepeats } from '../warnings/repeats.js';
import { scoreIncident } from './incidents.risk.js';
import type { IdentityCipher } from '../../app/crypto.js';
import { insertParties, linkKeysOf, partiesOf, prepareParties } from './incidents.parties.js';
import { ADDRESS_KEEP_CONFIDENCE, checkIdempotencyKey, checkPhone, checkReceivedAt, fieldsFromZod, idempotencyScope, requestHash } from './incidents.core.js';
import { createIncidentsRepository, type IncidentRow, type IncidentValues } from './incidents.repository.js';
import { batchItem, type BatchResult, type IncidentDto, type IncidentInput, type ListIncidentsQuery } from './incidents.schemas.js';
import { timingOf } from './incidents.timing.js';
import { intakeCodes, reloadIntakeCodes, type IntakeCodes } from './incidents.intake-state.js';
import { intakeGatherer, type IntakeCallResult } from './incidents.intake-batch.js';
import { createdIncidentRow } from './incidents.answer.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

function present(row: IncidentRow, parties: IncidentDto['parties']): IncidentDto {
  return {
    id: row.id,
    channel: row.channel,
    externalRef: row.external_ref,
    receivedAt: row.received_at.toISOString(),
    categoryCode: row.category_code,
    categoryName: row.category_name,
    kind: row.kind,
    riskDomain: row.risk_domain,
    disputeType: row.dispute_type,
    summary: row.summary,
    narrative: row.narrative,
    callerName: row.caller_name,
    callerPhone: row.caller_phone,
    addressText: row.address_text,
    addressId: row.address_id,
    addressName: row.address_name,
    addressConfidence: row.address_confidence,
    lat: row.lat,
    lon: row.lon,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    status: row.status,
    dispatchedAt: iso(row.dispatched_at),
    arrivedAt: iso(row.arrived_at),
    handledAt: iso(row.handled_at),
    closedAt: iso(row.closed_at),
    createdAt: row.created_at.toISOString(),
    riskScore: row.risk_score,
    riskFactors: row.risk_factors,
    parties,
    addressCorrectedAt: iso(row.address_corrected_at),
    addressCorrectedBy: row.address_corrected_by_name,
    outcome: row.outcome,
    caseNumber: row.case_number,
    caseCategoryCode: row.case_category_code,
    outcomeNote: row.outcome_note,
    outcomeAt: iso(row.outcome_at),
    caseSolvedAt: iso(row.case_solved_at),
    disputeCaseId: row.dispute_case_id,
    timing: timingOf({ receivedAt: row.received_at, dispatchedAt: row.dispatched_at, arrivedAt: row.arrived_at, dispatchLimitSeconds: row.dispatch_limit_seconds, arriveLimitSeconds: row.arrive_limit_seconds }),
  };
}

/** Intake answers in this process: built from what was sent, or read back (a replay, parties, a dispute). */
export const intakeAnswers = { built: 0, readBack: 0 };

export interface IntakeResult {
  created: boolean;
  incident: IncidentDto;
}

export function createIncidentsUseCases(deps: { db: Database; identity: IdentityCipher }) {
  const { db, identity } = deps;
  const repo = createIncidentsRepository(db);
  const gatherer = intakeGatherer(db);

  const notFoundField = (field: string, what: { zh: string; en: string }) => errors.field(field, 'not_found', what);

  /** Checks the input against the code tables and the actor's scope, and places the incident (with the kept address's name). */
  async function prepare(ctx: RequestContext, input: IncidentInput, state: IntakeCodes): Promise<{ values: IncidentValues; addressName: string | null }> {
    const { actor } = ctx;
    // The code tables from the process's copy (incidents.intake-state.ts); the checks keep their order.
    const codes = {
      channel: state.channels.has(input.channel),
      category: state.categories.get(input.categoryCode),
      riskDomain: input.riskDomain ? state.riskDomains.has(input.riskDomain) : false,
      disputeType: input.disputeType ? state.disputeTypes.has(input.disputeType) : false,
    };
    if (!codes.channel) throw notFoundField('channel', { zh: '报警渠道不存在', en: 'unknown channel' });
    // A channel's key speaks for that channel only.
    if (actor.kind === 'apiKey' && actor.channel !== input.channel) throw errors.forbidden();
    const receivedAt = checkReceivedAt(input.receivedAt);
    const category = codes.category;
    if (!category?.active) throw notFoundField('categoryCode', { zh: '警情类别不存在或已停用', en: 'unknown or inactive category' });
    if (input.riskDomain && !codes.riskDomain) throw notFoundField('riskDomain', { zh: '风险领域不存在', en: 'unknown risk domain' });
    if (input.disputeType && !codes.disputeType) throw notFoundField('disputeType', { zh: '纠纷类型不存在', en: 'unknown dispute type' });
    const callerPhone = checkPhone(input.callerPhone);

    const addressText = input.addressText?.trim() || null;
    const match = addressText ? (await matchAddress(db, actor, addressText, { exactFirst: true, version: state.versions.match })).best : null;
    const kept = match && match.confidence >= ADDRESS_KEEP_CONFIDENCE ? match.address : null;
    const jurisdictionId = input.jurisdictionId ? (await requireJurisdiction(db, actor, input.jurisdictionId)).id : (kept?.jurisdictionId ?? actor.jurisdictionId);
    const values: IncidentValues = {
      channel: input.channel,
      externalRef: input.externalRef ?? null,
      receivedAt,
      categoryCode: category.code,
      kind: category.kind,
      riskDomain: input.riskDomain ?? null,
      disputeType: input.disputeType ?? null,
      summary: input.summary,
      narrative: input.narrative ?? '',
      callerName: input.callerName ?? null,
      callerPhone,
      addressText,
      addressId: kept?.id ?? null,
      addressConfidence: match ? Math.round(match.confidence * 1000) / 1000 : null,
      lat: input.lat ?? kept?.lat ?? null,
      lon: input.lon ?? kept?.lon ?? null,
      jurisdictionId,
      createdBy: actor.kind === 'user' ? actor.userId : null,
      apiKeyId: actor.kind === 'apiKey' ? actor.apiKeyId : null,
    };
    return { values, addressName: kept?.fullName ?? null };
  }

  /** The incident an earlier request with this key created, or a 409 when the bodies differ. */
  async function replay(scope: string, key: string, hash: string): Promise<number | null> {
    const existing = await repo.findKey(scope, key);
    if (!existing) return null;
    if (existing.request_hash !== hash) {
      throw errors.conflict('incidents.idempotency_mismatch', { zh: '该幂等键已用于内容不同的请求', en: 'This Idempotency-Key was already used with a different request body' });
    }
    if (existing.incident_id === null) throw errors.conflict('incidents.idempotency_pending', { zh: '相同请求正在处理，请稍后重试', en: 'The same request is still being processed; retry later' });
    return existing.incident_id;
  }

  /** `noParties`: the caller knows the incident has none (it was just created without any), so they are not looked up. */
  async function read(ctx: RequestContext, id: number, noParties = false): Promise<IncidentDto> {
    const row = await repo.find(ctx.actor, id);
    if (!row) throw errors.notFound();
    const parties = noParties ? new Map<number, IncidentDto['parties']>() : await partiesOf(db, [row.id]);
    return present(row, parties.get(row.id) ?? []);
  }

  const idempotencyConflict = (status: 'mismatch' | 'pending') =>
    status === 'mismatch'
      ? errors.conflict('incidents.idempotency_mismatch', { zh: '该幂等键已用于内容不同的请求', en: 'This Idempotency-Key was already used with a different request body' })
      : errors.conflict('incidents.idempotency_pending', { zh: '相同请求正在处理，请稍后重试', en: 'The same request is still being processed; retry later' });

  /**
   * Intake with an idempotency key. The key row is inserted first, in the incident's transaction:
   * a concurrent twin blocks on the key's unique index until the first commits, then finds the
   * key taken and answers with the incident the first one created.
   *
   * The writes are one statement (incident_intake, migration 0012) that also checks the key
   * first: an incident without parties that is not a dispute takes that one call, gathered with
   * other requests' intakes into one round trip and one commit (incident_intake_batch, migration
   * 0017, through incidents.intake-batch.ts), which also answers with the created row. Parties
   * (inserted before linking) and the escalation score of a dispute add their steps in the same
   * transaction. Input that fails validation is still answered from the key first (a resend gets
   * its original record, a reused key with another body its 409), as when the key was checked
   * before validating.
   */
  async function intake(ctx: RequestContext, rawKey: string | undefined, input: IncidentInput, keyField?: string): Promise<{ created: boolean; id: number; row?: IncidentRow | null }> {
    authorize(ctx.actor, 'incidents.create');
    const key = checkIdempotencyKey(rawKey, keyField);
    const scope = idempotencyScope(ctx.actor);
    const hash = requestHash(input);
    let state = await intakeCodes(db);
    let fresh = false;
    for (;;) {
      let values: IncidentValues;
      let addressName: string | null;
      let parties: Awaited<ReturnType<typeof prepareParties>>;
      try {
        ({ values, addressName } = await prepare(ctx, input, state));
        parties = await prepareParties(db, identity, ctx.actor, input.parties ?? []);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        // A refusal stands only against code tables read in this request.
        if (!fresh) {
          state = await reloadIntakeCodes(db, state);
          fresh = true;
          continue;
        }
        const earlier = await replay(scope, key, hash);
        if (earlier !== null) return { created: false, id: earlier };
        throw e;
      }
      const who = auditActor(ctx);
      const call = {
        scope,
        key,
        hash,
        incident: values,
        partyKeys: linkKeysOf(parties),
        actor: { userId: who.actor_user_id, apiKeyId: who.actor_api_key_id, name: who.actor_name, role: who.actor_role, ip: ctx.ip, requestId: ctx.requestId },
        versions: state.versions,
      };
      const r: IntakeCallResult =
        parties.length === 0 && values.kind !== 'dispute'
          ? // Gathered with concurrent intakes into one call and one commit (incidents.intake-batch.ts).
            await gatherer.submit({ ...call, finish: true })
          : await audited(db, ctx, async (trx, audit) => {
              const tx = createIncidentsRepository(trx);
              const r = await tx.intake({ ...call, finish: false });
              if (r.status !== 'created') return r;
              const id = r.id!;
              await insertParties(trx, id, parties);
              audit({ action: 'incident.created', entityType: 'incident', entityId: id, jurisdictionId: values.jurisdictionId, change: { channel: values.channel, categoryCode: values.categoryCode, summary: values.summary, addressId: values.addressId } });
              await linkRepeats(trx, { id, receivedAt: values.receivedAt, addressId: values.addressId, callerPhone: values.callerPhone, partyKeys: call.partyKeys, jurisdictionId: values.jurisdictionId }, audit);
              if (values.kind === 'dispute') await scoreIncident(trx, id, audit);
              return r;
            });
      if (r.status === 'stale') {
        // The code tables or the addresses changed since they were read: validate again.
        state = await reloadIntakeCodes(db, state);
        fresh = true;
        continue;
      }
      if (r.status === 'mismatch' || r.status === 'pending') throw idempotencyConflict(r.status);
      // 'replay': an earlier request with this key (or a concurrent twin that won the race) created it.
      // A batch's created incident is answered with the row built from what was sent (incidents.answer.ts).
      const row = r.status === 'created' && r.createdAt ? createdIncidentRow(ctx.actor, state, { id: r.id!, createdAt: new Date(r.createdAt) }, values, addressName) : undefined;
      return { created: r.status === 'created', id: r.id!, row };
    }
  }

  return {
    async create(ctx: RequestContext, key: string | undefined, input: IncidentInput): Promise<IntakeResult> {
      const r = await intake(ctx, key, input);
      // A gathered intake's incident comes back with the row built from what was sent (incidents.answer.ts).
      if (r.created && r.row) {
        intakeAnswers.built++;
        return { created: true, incident: present(r.row, []) };
      }
      intakeAnswers.readBack++;
      return { created: r.created, incident: await read(ctx, r.id, r.created && !input.parties?.length) };
    },

    /** A channel's backlog: each item in its own transaction, one result per item. */
    async batch(ctx: RequestContext, items: Record<string, unknown>[]): Promise<BatchResult> {
      authorize(ctx.actor, 'incidents.create');
      const results: BatchResult['results'] = [];
      for (const [index, raw] of items.entries()) {
        const parsed = batchItem.safeParse(raw);
        if (!parsed.success) {
          const fields = fieldsFromZod(parsed.error);
          results.push({ index, status: 'error', error: { code: 'validation_failed', message: fields[0]?.message[ctx.lang] ?? '', fields: fields.map((f) => ({ ...f, message: f.message[ctx.lang] })) } });
          continue;
        }
        const { idempotencyKey, ...input } = parsed.data;
        try {
          const r = await intake(ctx, idempotencyKey, input, 'idempotencyKey');
          results.push({ index, status: r.created ? 'created' : 'duplicate', incidentId: r.id });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          results.push({ index, status: 'error', error: { code: e.code, message: e.messages[ctx.lang], fields: e.fields.map((f) => ({ path: f.path, rule: f.rule, message: f.message[ctx.lang] })) } });
        }
      }
      return { results };
    },

    async list(ctx: RequestContext, q: ListIncidentsQuery) {
      authorize(ctx.actor, 'incidents.view');
      const { items, total } = await repo.list(ctx.actor, q);
      const parties = await partiesOf(db, items.map((i) => i.id));
      return { items: items.map((i) => present(i, parties.get(i.id) ?? [])), total };
    },

    async get(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'incidents.view');
      return read(ctx, id);
    },
  };
}
