import { scoreIncident } from '../modules/incidents/incidents.risk.js';
import { sql } from 'kysely';
import type { AuditEventInput } from '../app/audit.js';
import type { WarningLevel, WarningStatus } from '../app/db/schema.js';
import { linkRepeats, type LinkedIncident } from '../modules/warnings/repeats.js';
import { DEADLINE_DAYS } from '../modules/warnings/warnings.core.js';
import type { DemoContext, DemoUser } from './context.js';
import { CLOSE_REASONS, PLAN_TEXTS } from './incident-stories.js';
import type { Random } from './random.js';

// Repeat clusters and warnings of the demo's last weeks, built by the intake's own linking
// (warnings/repeats.ts linkRepeats) called for each incident in received order. Each new warning
// gets a course through open → acknowledged → planned (一事一策) → closed, stepped at its own
// times between the intakes, with warning_events written as warnings.usecases.ts writes them.
// The raise times, deadlines and event times are then set to the incidents' times.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Step {
  at: number;
  warningId: number;
  from: WarningStatus;
  to: WarningStatus;
  actor: DemoUser | null;
  note: string | null;
  plan?: string;
  closedReason?: string;
}

interface Raised {
  times: number[];
  level: WarningLevel;
  lastChange: number;
}

const beijingDate = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);

/**
 * Intake's linking for recent incidents in received order, as intake does it: repeat links, and
 * for disputes (`disputes`) the escalation score; the warnings raised then move through their
 * lifecycle at plausible times.
 */
export async function linkRecentIncidents(ctx: DemoContext, incidents: LinkedIncident[], rng: Random, disputes: ReadonlySet<number> = new Set()): Promise<void> {
  const { trx } = ctx;
  const now = ctx.today.getTime();
  const users = new Map(ctx.county.users.map((u) => [u.id, u]));
  const stationOf = new Map<number, number>();
  for (const s of ctx.county.stations) for (const a of s.areas) for (const u of [a.unit, ...a.grids, ...a.policeRooms]) stationOf.set(u.id, s.unit.id);
  const chiefOf = (jurisdictionId: number) => ctx.county.users.find((u) => u.role === 'chief' && u.jurisdictionId === stationOf.get(jurisdictionId)) ?? null;

  const raised = new Map<number, Raised>();
  let pending: Step[] = [];
  const forced = { closed: false, overdue: false, planned: false, open: false };

  /** Decides at its raising how far a warning will get, and when. */
  const plan = async (warningId: number, t: number) => {
    const w = await trx.selectFrom('warnings').select(['owner_user_id', 'jurisdiction_id']).where('id', '=', warningId).executeTakeFirstOrThrow();
    const owner = (w.owner_user_id !== null ? users.get(w.owner_user_id) : null) ?? chiefOf(w.jurisdiction_id);
    const chief = chiefOf(w.jurisdiction_id) ?? owner;
    const age = now - t;
    // The first warnings of the right ages take the scripted courses, so that every state exists.
    let stop: WarningStatus;
    if (!forced.closed && age > 25 * DAY) [stop, forced.closed] = ['closed', true];
    else if (!forced.overdue && age > 18 * DAY) [stop, forced.overdue] = ['acknowledged', true];
    else if (!forced.planned && age > 4 * DAY && age < 18 * DAY) [stop, forced.planned] = ['planned', true];
    else if (!forced.open && age < 1.5 * DAY) [stop, forced.open] = ['open', true];
    else stop = rng.next() < 0.1 ? 'open' : rng.next() < 0.15 ? 'acknowledged' : rng.next() < 0.3 ? 'planned' : 'closed';
    const ack = t + (stop === 'closed' && age > 25 * DAY ? 4 * HOUR : rng.float(1, 30) * HOUR);
    const planned = ack + rng.float(0.5, 4) * DAY;
    const closed = planned + rng.float(3, 18) * DAY;
    const steps: Step[] = [];
    if (stop !== 'open') steps.push({ at: ack, warningId, from: 'open', to: 'acknowledged', actor: owner, note: null });
    if (stop === 'planned' || stop === 'closed') {
      const text = rng.pick(PLAN_TEXTS);
      steps.push({ at: planned, warningId, from: 'acknowledged', to: 'planned', actor: owner, note: text, plan: text });
    }
    if (stop === 'closed') {
      const reason = rng.pick(CLOSE_REASONS);
      steps.push({ at: closed, warningId, from: 'planned', to: 'closed', actor: chief, note: reason, closedReason: reason });
    }
    pending.push(...steps.filter((s) => s.at <= now));
  };

  /** Steps due by `t`, in time order, as warnings.usecases.ts records them (status, plan or reason, one event). */
  const applyUntil = async (t: number) => {
    const due = pending.filter((s) => s.at <= t).sort((a, b) => a.at - b.at);
    if (due.length === 0) return;
    pending = pending.filter((s) => s.at > t);
    for (const s of due) {
      const at = new Date(s.at);
      await trx
        .updateTable('warnings')
        .set({ status: s.to, updated_at: at, ...(s.plan !== undefined ? { plan: s.plan } : {}), ...(s.closedReason !== undefined ? { closed_reason: s.closedReason } : {}) })
        .where('id', '=', s.warningId)
        .where('status', '=', s.from)
        .execute();
      await trx.insertInto('warning_events').values({ warning_id: s.warningId, actor_user_id: s.actor?.id ?? null, actor_name: s.actor?.displayName ?? '系统', at, from_status: s.from, to_status: s.to, note: s.note }).execute();
      const r = raised.get(s.warningId);
      if (r) r.lastChange = Math.max(r.lastChange, s.at);
    }
  };

  for (const incident of incidents) {
    const t = incident.receivedAt.getTime();
    await applyUntil(t);
    const events: AuditEventInput[] = [];
    await linkRepeats(trx, incident, (e) => events.push(e));
    if (disputes.has(incident.id)) await scoreIncident(trx, incident.id, (e) => events.push(e));
    for (const e of events) {
      if (e.action !== 'warning.raised' || e.entityType !== 'warning') continue;
      const id = Number(e.entityId);
      const level = e.change?.level as WarningLevel | { from: WarningLevel; to: WarningLevel };
      const to = typeof level === 'string' ? level : level.to;
      const known = raised.get(id);
      if (known) {
        known.times.push(t);
        known.level = to;
        known.lastChange = t;
      } else {
        raised.set(id, { times: [t], level: to, lastChange: t });
        await plan(id, t);
      }
    }
  }
  await applyUntil(now);
  await settleTimes(ctx, raised);
}

/** Raise time, last change and deadline of each warning, and the times of the system's events, from the incidents that caused them. */
async function settleTimes(ctx: DemoContext, raised: Map<number, Raised>): Promise<void> {
  if (raised.size === 0) return;
  const ids = [...raised.keys()];
  const created = ids.map((id) => new Date(raised.get(id)!.times[0]!));
  const updated = ids.map((id) => new Date(raised.get(id)!.lastChange));
  const deadlines = ids.map((id) => {
    const r = raised.get(id)!;
    const last = r.times[r.times.length - 1]!;
    const d = new Date(`${beijingDate(last)}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + DEADLINE_DAYS[r.level]);
    return d.toISOString().slice(0, 10);
  });
  await sql`
    update warnings w set created_at = t.created, updated_at = t.updated, deadline = t.deadline
    from unnest(${ids}::bigint[], ${created}::timestamptz[], ${updated}::timestamptz[], ${deadlines}::date[]) as t(id, created, updated, deadline)
    where w.id = t.id`.execute(ctx.trx);
  // The system's events (raised, upgraded) of each warning in id order are its raise times in order.
  const events = await ctx.trx.selectFrom('warning_events').select(['id', 'warning_id']).where('warning_id', 'in', ids).where((eb) => eb.or([eb('from_status', 'is', null), eb('from_status', '=', eb.ref('to_status'))])).orderBy('id').execute();
  const seen = new Map<number, number>();
  const eventIds: number[] = [];
  const eventTimes: Date[] = [];
  for (const e of events) {
    const k = seen.get(e.warning_id) ?? 0;
    seen.set(e.warning_id, k + 1);
    const t = raised.get(e.warning_id)!.times[k];
    if (t === undefined) continue;
    eventIds.push(e.id);
    eventTimes.push(new Date(t));
  }
  await sql`update warning_events e set at = t.at from unnest(${eventIds}::bigint[], ${eventTimes}::timestamptz[]) as t(id, at) where e.id = t.id`.execute(ctx.trx);
}
