import type { RequestContext } from '../../app/actor.js';
import { audited, diff } from '../../app/audit.js';
import type { Database, Queryable } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { readSetting, writeSetting } from '../../app/settings.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import { scoreIncident } from './incidents.risk.js';
import { readRiskSettings, type RiskTerm } from './incidents.risk.rules.js';
import type { RiskConfigDto, RiskConfigInput } from './incidents.risk.schemas.js';

const SETTINGS_KEY = 'incidents.risk';

async function readConfig(db: Queryable): Promise<RiskConfigDto> {
  const [row, terms] = await Promise.all([
    readSetting(db, SETTINGS_KEY),
    db.selectFrom('risk_terms').select(['term', 'kind', 'points']).orderBy('kind').orderBy('points', 'desc').orderBy('term').execute(),
  ]);
  return { settings: readRiskSettings(row.value), terms, updatedAt: row.updatedAt?.toISOString() ?? null };
}

/** Rules zod cannot say: grades in order, each word once. */
function check(input: RiskConfigInput): void {
  const s = input.settings;
  if (s.levels.orange < s.threshold) throw errors.field('settings.levels.orange', 'min_threshold', { zh: '橙色分值不能低于阈值', en: 'must not be below the threshold' });
  if (s.levels.red < s.levels.orange) throw errors.field('settings.levels.red', 'min_orange', { zh: '红色分值不能低于橙色分值', en: 'must not be below the orange score' });
  const seen = new Set<string>();
  for (const [index, t] of input.terms.entries()) {
    if (seen.has(t.term)) throw errors.field(`terms.${index}.term`, 'unique', { zh: `词语“${t.term}”重复`, en: `the word "${t.term}" appears twice` });
    seen.add(t.term);
  }
}

function termChanges(before: RiskTerm[], after: RiskTerm[]) {
  const key = (t: RiskTerm) => `${t.kind}:${t.points}`;
  const old = new Map(before.map((t) => [t.term, t]));
  const next = new Map(after.map((t) => [t.term, t]));
  return {
    added: after.filter((t) => !old.has(t.term)),
    removed: before.filter((t) => !next.has(t.term)).map((t) => t.term),
    changed: after.filter((t) => old.has(t.term) && key(old.get(t.term)!) !== key(t)),
  };
}

/** The bureau's weights and words of the escalation score, and a police rescore of one incident. */
export function createRiskUseCases(deps: { db: Database }) {
  const { db } = deps;
  return {
    async config(ctx: RequestContext): Promise<RiskConfigDto> {
      authorize(ctx.actor, 'categories.manage');
      return readConfig(db);
    },

    async updateConfig(ctx: RequestContext, input: RiskConfigInput): Promise<RiskConfigDto> {
      authorize(ctx.actor, 'categories.manage');
      check(input);
      await audited(db, ctx, async (trx, audit) => {
        const before = await readConfig(trx);
        await writeSetting(trx, SETTINGS_KEY, input.settings);
        await trx.deleteFrom('risk_terms').execute();
        if (input.terms.length > 0) await trx.insertInto('risk_terms').values(input.terms).execute();
        audit({
          action: 'risk.settings_updated',
          entityType: 'risk_settings',
          entityId: SETTINGS_KEY,
          change: { settings: diff(before.settings, input.settings), terms: termChanges(before.terms, input.terms) },
        });
      });
      return readConfig(db);
    },

    async rescore(ctx: RequestContext, incidentId: number) {
      authorize(ctx.actor, 'warnings.manage');
      const result = await audited(db, ctx, async (trx, audit) => {
        const row = await trx
          .selectFrom('incidents as i')
          .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
          .select(['i.id', 'i.kind', 'i.risk_score', 'i.jurisdiction_id'])
          .where('i.id', '=', incidentId)
          .where('j.path', 'like', scopePrefix(ctx.actor))
          .executeTakeFirst();
        if (!row) throw errors.notFound();
        if (row.kind !== 'dispute') throw errors.conflict('incidents.risk_not_applicable', { zh: '只有纠纷类警情计算民转刑风险', en: 'Only dispute incidents get an escalation score' });
        const r = await scoreIncident(trx, incidentId, audit);
        if (!r) throw errors.notFound();
        audit({ action: 'incident.rescored', entityType: 'incident', entityId: incidentId, jurisdictionId: row.jurisdiction_id, change: { riskScore: { from: row.risk_score, to: r.score } } });
        return r;
      });
      return { riskScore: result.score, riskFactors: result.factors, level: result.level, warningId: result.warningId };
    },
  };
}
