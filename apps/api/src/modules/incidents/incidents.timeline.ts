import type { RequestContext } from '../../app/actor.js';
import type { Database } from '../../app/db/database.js';
import type { IncidentStatus, WarningLevel, WarningStatus } from '../../app/db/schema.js';
import { errors } from '../../app/errors.js';
import { authorize, scopePrefix } from '../../app/policy.js';
import type { TimelineDto, TimelineEntry } from './incidents.lifecycle.schemas.js';

type Words = { zh: string; en: string };

const STATUS_WORDS: Record<IncidentStatus, Words> = {
  received: { zh: '已接警', en: 'Received' },
  dispatched: { zh: '已派警', en: 'Dispatched' },
  arrived: { zh: '已到场', en: 'Arrived' },
  handled: { zh: '处置完毕', en: 'Handled' },
  closed: { zh: '已结警', en: 'Closed' },
};
const OUTCOME_WORDS: Record<string, Words> = {
  administrative_case: { zh: '立为行政案件', en: 'Administrative case' },
  criminal_case: { zh: '立为刑事案件', en: 'Criminal case' },
  dispute_case: { zh: '转为矛盾纠纷案件', en: 'Dispute case' },
  help_given: { zh: '已提供帮助', en: 'Help given' },
  no_action: { zh: '无需进一步处理', en: 'No further action' },
};
const LEVEL_WORDS: Record<WarningLevel, Words> = {
  red: { zh: '红色', en: 'Red' },
  orange: { zh: '橙色', en: 'Orange' },
  yellow: { zh: '黄色', en: 'Yellow' },
  blue: { zh: '蓝色', en: 'Blue' },
};
/** Other incident events (recorded by other parts of the incident work) by their audit action. */
const ACTION_WORDS: Record<string, Words> = {
  'incident.party_added': { zh: '添加当事人', en: 'Party added' },
  'incident.party_removed': { zh: '移除当事人', en: 'Party removed' },
  'incident.address_corrected': { zh: '更正标准地址', en: 'Standard address corrected' },
  'incident.case_solved': { zh: '登记破案', en: 'Case marked solved' },
};

const BEIJING = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const beijing = (d: Date) => BEIJING.format(d).replace(/\//g, '-');

/** A step recorded later than it happened says so: the time line shows when it happened. */
const LATE_ENTRY_MS = 60_000;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

function outcomeWords(v: Record<string, unknown> | null): Words {
  const o = OUTCOME_WORDS[str(v?.outcome) ?? ''] ?? { zh: '未录入', en: 'none' };
  const number = str(v?.caseNumber);
  return number ? { zh: `${o.zh}（案件编号 ${number}）`, en: `${o.en} (case number ${number})` } : o;
}

interface AuditRow {
  at: Date;
  action: string;
  actor_name: string;
  change: unknown;
}

function fromAudit(e: AuditRow, incident: { channelName: string; summary: string; receivedAt: Date }): TimelineEntry {
  const change = record(e.change);
  const base = { action: e.action, actorName: e.actor_name, warningId: null };
  switch (e.action) {
    case 'incident.created': {
      // Stands at the time of the call; a record entered later says when.
      const late = e.at.getTime() - incident.receivedAt.getTime() > LATE_ENTRY_MS;
      return {
        ...base,
        at: incident.receivedAt.toISOString(),
        summary: {
          zh: `接警（${incident.channelName}）：${incident.summary}${late ? `（${beijing(e.at)} 录入）` : ''}`,
          en: `Received (${incident.channelName}): ${incident.summary}${late ? ` (entered ${beijing(e.at)})` : ''}`,
        },
      };
    }
    case 'incident.status_changed': {
      const status = record(change?.status);
      const from = STATUS_WORDS[(str(status?.from) ?? 'received') as IncidentStatus] ?? STATUS_WORDS.received;
      const to = STATUS_WORDS[(str(status?.to) ?? 'received') as IncidentStatus] ?? STATUS_WORDS.received;
      const stepAt = str(change?.at);
      const at = stepAt ? new Date(stepAt) : e.at;
      const late = e.at.getTime() - at.getTime() > LATE_ENTRY_MS;
      return {
        ...base,
        at: at.toISOString(),
        summary: {
          zh: `${from.zh} → ${to.zh}${late ? `（${beijing(e.at)} 补录）` : ''}`,
          en: `${from.en} → ${to.en}${late ? ` (entered ${beijing(e.at)})` : ''}`,
        },
      };
    }
    case 'incident.outcome_recorded': {
      const to = outcomeWords(record(change?.to));
      const from = record(change?.from);
      const summaryWords = from
        ? { zh: `处置结果由「${outcomeWords(from).zh}」改为「${to.zh}」`, en: `Outcome changed from “${outcomeWords(from).en}” to “${to.en}”` }
        : { zh: `处置结果：${to.zh}`, en: `Outcome: ${to.en}` };
      return { ...base, at: e.at.toISOString(), summary: summaryWords };
    }
    default: {
      const words = ACTION_WORDS[e.action] ?? { zh: e.action, en: e.action };
      return { ...base, at: e.at.toISOString(), summary: words };
    }
  }
}

function warningAction(from: WarningStatus | null, to: WarningStatus): string {
  if (from === null) return 'warning.raised';
  if (from === to) return 'warning.upgraded';
  return `warning.${to}`;
}

const WARNING_STEP_WORDS: Record<string, Words> = {
  'warning.raised': { zh: '发出预警', en: 'Warning raised' },
  'warning.upgraded': { zh: '预警升级', en: 'Warning upgraded' },
  'warning.acknowledged': { zh: '签收预警', en: 'Warning acknowledged' },
  'warning.planned': { zh: '录入一事一策', en: 'Plan recorded' },
  'warning.closed': { zh: '关闭预警', en: 'Warning closed' },
};

/**
 * What happened to one incident, oldest first: its audit events, its status times (also those
 * written without an event, e.g. by an import), and the steps of the warnings of its repeat
 * clusters (or its own escalation warning) that the viewer may see.
 */
export function createIncidentTimeline(deps: { db: Database }) {
  const { db } = deps;

  return async function timeline(ctx: RequestContext, id: number): Promise<TimelineDto> {
    authorize(ctx.actor, 'incidents.view');
    const incident = await db
      .selectFrom('incidents as i')
      .innerJoin('jurisdictions as j', 'j.id', 'i.jurisdiction_id')
      .innerJoin('channels as ch', 'ch.code', 'i.channel')
      .select(['i.id', 'i.summary', 'i.received_at', 'i.dispatched_at', 'i.arrived_at', 'i.handled_at', 'i.closed_at', 'ch.name_zh as channel_zh', 'ch.name_en as channel_en'])
      .where('j.path', 'like', scopePrefix(ctx.actor))
      .where('i.id', '=', id)
      .executeTakeFirst();
    if (!incident) throw errors.notFound();

    const [events, warningSteps] = await Promise.all([
      db.selectFrom('audit_events').select(['at', 'action', 'actor_name', 'change']).where('entity_type', '=', 'incident').where('entity_id', '=', String(id)).orderBy('at').orderBy('id').execute(),
      db
        .selectFrom('warning_events as e')
        .innerJoin('warnings as w', 'w.id', 'e.warning_id')
        .innerJoin('jurisdictions as wj', 'wj.id', 'w.jurisdiction_id')
        .select(['e.at', 'e.actor_name', 'e.from_status', 'e.to_status', 'e.note', 'w.id as warning_id', 'w.level', 'w.reason'])
        .where('wj.path', 'like', scopePrefix(ctx.actor))
        .where((eb) => eb.or([eb('w.incident_id', '=', id), eb('w.cluster_id', 'in', eb.selectFrom('repeat_cluster_incidents').select('cluster_id').where('incident_id', '=', id))]))
        .orderBy('e.at')
        .orderBy('e.id')
        .execute(),
    ]);

    const channelName = ctx.lang === 'en' ? incident.channel_en : incident.channel_zh;
    const items: TimelineEntry[] = events.map((e) => fromAudit(e, { channelName, summary: incident.summary, receivedAt: incident.received_at }));

    // Times set without an audit event (imported or generated records) still belong on the line.
    if (!events.some((e) => e.action === 'incident.created')) {
      items.push({ at: incident.received_at.toISOString(), action: 'incident.created', actorName: null, warningId: null, summary: { zh: `接警（${incident.channel_zh}）：${incident.summary}`, en: `Received (${incident.channel_en}): ${incident.summary}` } });
    }
    const stamped = new Set(events.filter((e) => e.action === 'incident.status_changed').map((e) => str(record(record(e.change)?.status)?.to)));
    const steps = [
      ['dispatched', incident.dispatched_at],
      ['arrived', incident.arrived_at],
      ['handled', incident.handled_at],
      ['closed', incident.closed_at],
    ] as const;
    for (const [status, at] of steps) {
      if (at && !stamped.has(status)) items.push({ at: at.toISOString(), action: 'incident.status_changed', actorName: null, warningId: null, summary: { zh: `→ ${STATUS_WORDS[status].zh}`, en: `→ ${STATUS_WORDS[status].en}` } });
    }

    for (const w of warningSteps) {
      const action = warningAction(w.from_status, w.to_status);
      const step = WARNING_STEP_WORDS[action] ?? { zh: action, en: action };
      const level = LEVEL_WORDS[w.level];
      const note = w.note ?? w.reason;
      items.push({
        at: w.at.toISOString(),
        action,
        actorName: w.actor_name,
        warningId: w.warning_id,
        summary: { zh: `${step.zh}（${level.zh}）：${note}`, en: `${step.en} (${level.en}): ${note}` },
      });
    }

    // Stable: equal times keep the order they were added in (events before synthesised steps).
    items.sort((a, b) => a.at.localeCompare(b.at));
    return { items };
  };
}
