import type { Role } from '@fengqiao/shared';
import type { RequestContext, UserActor } from '../../app/actor.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { can, scopePrefix } from '../../app/policy.js';
import { addDays, dayStart, shanghaiDay } from './followups.days.js';
import type { MyDayDto, MyDayGroup, MyDayItem } from './followups.schemas.js';

/** Most rows one section query returns; a station's day is far below it. */
const SECTION_CAP = 1000;
const STAFF: readonly Role[] = ['admin', 'bureau', 'chief', 'officer', 'auxiliary'];
/** Roles that see everyone's list in their jurisdiction, grouped by officer; the others see their own. */
const STATION_VIEW: readonly Role[] = ['admin', 'bureau', 'chief'];

type Section = 'dueToday' | 'overdue' | 'new' | 'upcoming';
const SECTIONS: readonly Section[] = ['dueToday', 'overdue', 'new', 'upcoming'];
interface Placed {
  section: Section;
  officerId: number | null;
  officerName: string | null;
  item: MyDayItem;
}

const blank = { followupId: null, followupKind: null, transferId: null, departmentName: null, late: null } as const;

/**
 * 日清: what is due on a day (Beijing), what is overdue, and what is new — for the signed-in officer,
 * or for every officer of a chief's station grouped by officer. Day-granular rules:
 * - follow-up visits (of closed cases, not yet done): due on the day → due today; before → overdue;
 * - open cases: stage deadline within the day → due today; before the day → overdue;
 * - transfers of the cases: still 'sent' past the acknowledgement deadline → unacknowledged;
 *   accepted and past the finish deadline → overdue; measured at the end of the day, or now when
 *   that comes first;
 * - new: cases assigned created on the day or the day before;
 * - upcoming: visits scheduled after the day (a closure's three visits show at once).
 */
export function createMyDayPresenter(deps: { db: Database }) {
  const { db } = deps;

  async function collect(actor: UserActor, date: string, own: boolean): Promise<Placed[]> {
    const start = dayStart(date);
    const end = dayStart(addDays(date, 1));
    const now = new Date();
    const reference = now < end ? now : end;
    const scope = scopePrefix(actor);
    const me = actor.userId;

    const cases = () => db.selectFrom('dispute_cases as c').innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id').where('j.path', 'like', scope);
    const caseColumns = ['c.id as case_id', 'c.case_no', 'c.title', 'c.stage', 'c.dispute_type'] as const;

    const [followups, deadlines, transfers, fresh] = await Promise.all([
      cases()
        .innerJoin('case_followups as f', 'f.case_id', 'c.id')
        .leftJoin('users as u', 'u.id', 'f.assigned_user_id')
        .select([...caseColumns, 'f.id', 'f.kind', 'f.due_on', 'f.assigned_user_id as officer_id', 'u.display_name as officer_name'])
        .where('c.stage', '=', 'closed')
        .where('f.done_at', 'is', null)
        .$if(own, (q) => q.where('f.assigned_user_id', '=', me))
        .orderBy('f.due_on')
        .orderBy('f.id')
        .limit(SECTION_CAP)
        .execute(),
      cases()
        .leftJoin('users as u', 'u.id', 'c.officer_user_id')
        .select([...caseColumns, 'c.stage_due_at', 'c.officer_user_id as officer_id', 'u.display_name as officer_name'])
        .where('c.stage', '<>', 'closed')
        .where('c.stage_due_at', '<', end)
        .$if(own, (q) => q.where('c.officer_user_id', '=', me))
        .orderBy('c.stage_due_at')
        .orderBy('c.id')
        .limit(SECTION_CAP)
        .execute(),
      cases()
        .innerJoin('case_transfers as t', 't.case_id', 'c.id')
        .innerJoin('departments as d', 'd.id', 't.department_id')
        .leftJoin('users as u', 'u.id', 'c.officer_user_id')
        .select([...caseColumns, 't.id', 't.status', 't.ack_due_at', 't.due_at', 'd.name as department_name', 'c.officer_user_id as officer_id', 'u.display_name as officer_name'])
        .where('t.status', 'in', ['sent', 'accepted'])
        .where((eb) => eb.or([eb('t.due_at', '<', reference), eb.and([eb('t.status', '=', 'sent'), eb('t.ack_due_at', '<', reference)])]))
        .$if(own, (q) => q.where('c.officer_user_id', '=', me))
        .orderBy('t.due_at')
        .orderBy('t.id')
        .limit(SECTION_CAP)
        .execute(),
      cases()
        .leftJoin('users as u', 'u.id', 'c.officer_user_id')
        .select([...caseColumns, 'c.created_at', 'c.officer_user_id as officer_id', 'u.display_name as officer_name'])
        .where('c.created_at', '>=', dayStart(addDays(date, -1)))
        .where('c.created_at', '<', end)
        .$if(own, (q) => q.where('c.officer_user_id', '=', me))
        .$if(!own, (q) => q.where('c.officer_user_id', 'is not', null))
        .orderBy('c.created_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(SECTION_CAP)
        .execute(),
    ]);

    const base = (r: { case_id: number; case_no: string; title: string; stage: string; dispute_type: string }) => ({
      caseId: r.case_id,
      caseNo: r.case_no,
      title: r.title,
      stage: r.stage,
      disputeType: r.dispute_type,
    });
    const placed: Placed[] = [];
    for (const r of followups) {
      placed.push({
        section: r.due_on === date ? 'dueToday' : r.due_on < date ? 'overdue' : 'upcoming',
        officerId: r.officer_id,
        officerName: r.officer_name,
        item: { ...blank, ...base(r), type: 'followup', due: r.due_on, followupId: r.id, followupKind: r.kind },
      });
    }
    for (const r of deadlines) {
      if (!r.stage_due_at) continue;
      placed.push({
        section: r.stage_due_at >= start ? 'dueToday' : 'overdue',
        officerId: r.officer_id,
        officerName: r.officer_name,
        item: { ...blank, ...base(r), type: 'stage', due: r.stage_due_at.toISOString() },
      });
    }
    for (const r of transfers) {
      // As the escalation job (跟踪督办) names them: not yet acknowledged first, then overdue.
      const late = r.status === 'sent' ? 'unacknowledged' : 'overdue';
      placed.push({
        section: 'overdue',
        officerId: r.officer_id,
        officerName: r.officer_name,
        item: { ...blank, ...base(r), type: 'transfer', due: (late === 'overdue' ? r.due_at : r.ack_due_at).toISOString(), transferId: r.id, departmentName: r.department_name, late },
      });
    }
    for (const r of fresh) {
      placed.push({ section: 'new', officerId: r.officer_id, officerName: r.officer_name, item: { ...blank, ...base(r), type: 'new', due: r.created_at.toISOString() } });
    }
    return placed;
  }

  function group(placed: Placed[], seed: { officerId: number; officerName: string } | null): MyDayGroup[] {
    const groups = new Map<string, MyDayGroup>();
    const ensure = (officerId: number | null, officerName: string | null) => {
      const key = String(officerId);
      let g = groups.get(key);
      if (!g) {
        g = { officerId, officerName, counts: { dueToday: 0, overdue: 0, new: 0, upcoming: 0 }, dueToday: [], overdue: [], new: [], upcoming: [] };
        groups.set(key, g);
      }
      return g;
    };
    if (seed) ensure(seed.officerId, seed.officerName);
    for (const p of placed) {
      const g = ensure(p.officerId, p.officerName);
      g[p.section].push(p.item);
      g.counts[p.section] += 1;
    }
    // Most to do first; the unassigned last.
    return [...groups.values()].sort((a, b) => {
      if ((a.officerId === null) !== (b.officerId === null)) return a.officerId === null ? 1 : -1;
      const load = (g: MyDayGroup) => g.counts.overdue * 1000 + g.counts.dueToday;
      return load(b) - load(a) || (a.officerName ?? '').localeCompare(b.officerName ?? '', 'zh');
    });
  }

  return {
    async myDay(ctx: RequestContext, q: { date?: string | undefined }): Promise<MyDayDto> {
      const actor = ctx.actor;
      if (actor.kind !== 'user') throw errors.forbidden();
      if (!can(actor, 'cases.followup') && !(can(actor, 'cases.view') && STAFF.includes(actor.role))) throw errors.forbidden();
      const date = q.date ?? shanghaiDay(new Date());
      const own = !STATION_VIEW.includes(actor.role);
      const placed = await collect(actor, date, own);
      const groups = group(placed, own ? { officerId: actor.userId, officerName: actor.displayName } : null);
      const counts = { dueToday: 0, overdue: 0, new: 0, upcoming: 0 };
      for (const g of groups) for (const k of SECTIONS) counts[k] += g.counts[k];
      return { date, mode: own ? 'own' : 'station', counts, groups, canRecord: can(actor, 'cases.followup') };
    },
  };
}
