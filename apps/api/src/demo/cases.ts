import { sql } from 'kysely';
import type { CaseResolution, CaseSource, CaseStage, FollowupKind } from '../app/db/schema.js';
import { addDays, bjDay, CaseCalendar, DAY, dayStart, HOUR, loadCaseRules, officeHours, type CaseRules } from './cases-calendar.js';
import { buildRecords, insertRecords } from './cases-records.js';
import { ASSESS_REASONS, FAIL_CLOSE_REASONS, FAIL_REASONS, OTHER_SOURCE_TYPES, REOPEN_REASONS, RESULTS, SOURCE_NOTES, TRANSFER_REASONS, TYPE_TEXT } from './cases-text.js';
import { buildCaseWorld, type AreaStaff, type CaseDraft, type CaseWorld, type Step, type TransferFate } from './cases-world.js';
import type { DemoContext, DemoUser } from './context.js';
import { weightedPick } from './incident-world.js';
import { mobile, personName } from './names.js';
import type { Random } from './random.js';

// The demo county's dispute cases (矛盾纠纷, 警情调解AB卷) over its two years: about half of the
// incidents an officer marked 'dispute_case' opened a case (the rest were settled on the spot),
// later quarrels at the same address joined the open case, some repeat clusters, tips, visits
// (走访) and walk-ins opened their own. Each case walks the lifecycle the rules allow, at the
// stage deadlines the rules set, and is cut at "now": recent ones are open in every stage, some
// overdue; old ones closed, most resolved (化解率 ≈ 95 %, as the seeds report), a few reopened
// after a relapse found on a follow-up visit. demo-officer's area gets a scripted set so that
// every state shows on the first start, with transfers to demo-partner's department in each.

/** Share of the incidents marked 'dispute_case' that opened a case (the others were settled on the spot). */
const CASE_SHARE = 0.5;
/** Public-order incidents that are disputes between people (fights, domestic violence, damage, trespass), with the mediation type they become. */
const PUBLIC_ORDER_TYPES: Record<string, string> = { '200100': 'damages', '200500': 'damages', '200600': 'marriage_family', '201800': 'neighbour' };
/** Cases a year opened from tips, visits and walk-ins, per community or village. */
const OTHER_PER_AREA_YEAR = 4.5;

interface Candidate {
  id: number;
  receivedAt: number;
  outcomeAt: number;
  summary: string;
  narrative: string;
  disputeType: string | null;
  riskDomain: string | null;
  addressId: number | null;
  addressText: string | null;
  lat: number | null;
  lon: number | null;
  jurisdictionId: number;
  outcome: string | null;
  kind: string;
  category: string;
  parties: { role: string; name: string; phone: string | null; personId: number | null }[];
}

interface Path {
  stages: CaseStage[];
  resolution: CaseResolution;
}

const PATHS: [Path, number][] = [
  [{ stages: ['mediating', 'agreement', 'closed'], resolution: 'resolved' }, 33],
  [{ stages: ['assessing', 'mediating', 'agreement', 'follow_up', 'closed'], resolution: 'resolved' }, 18],
  [{ stages: ['mediating', 'agreement', 'follow_up', 'closed'], resolution: 'resolved' }, 14],
  [{ stages: ['assessing', 'transferred', 'agreement', 'follow_up', 'closed'], resolution: 'resolved' }, 9],
  [{ stages: ['mediating', 'transferred', 'follow_up', 'closed'], resolution: 'resolved' }, 3.5],
  [{ stages: ['mediating', 'transferred', 'follow_up', 'closed'], resolution: 'transferred_tracked' }, 1.5],
  [{ stages: ['mediating', 'no_agreement', 'mediating', 'agreement', 'closed'], resolution: 'resolved' }, 4],
  [{ stages: ['mediating', 'no_agreement', 'transferred', 'agreement', 'follow_up', 'closed'], resolution: 'resolved' }, 3],
  [{ stages: ['assessing', 'transferred', 'closed'], resolution: 'transferred_tracked' }, 1.5],
  [{ stages: ['transferred', 'agreement', 'closed'], resolution: 'resolved' }, 4],
  [{ stages: ['mediating', 'no_agreement', 'closed'], resolution: 'failed_escalated' }, 1],
  [{ stages: ['mediating', 'transferred', 'no_agreement', 'closed'], resolution: 'failed_escalated' }, 0.6],
  // Relapses: during the follow-up stage, and after closing (found on a 三访 visit).
  [{ stages: ['mediating', 'agreement', 'follow_up', 'assessing', 'mediating', 'agreement', 'follow_up', 'closed'], resolution: 'resolved' }, 1.2],
  [{ stages: ['mediating', 'agreement', 'closed', 'assessing', 'mediating', 'agreement', 'follow_up', 'closed'], resolution: 'resolved' }, 1],
];

export async function seedCases(ctx: DemoContext): Promise<void> {
  const rng = ctx.rng.fork('cases');
  const now = ctx.today.getTime();
  const rules = await loadCaseRules(ctx.trx);
  const cal = new CaseCalendar(rules);
  const world = buildCaseWorld(ctx);
  const candidates = await loadCandidates(ctx);
  const planner = new Planner(ctx, rng.fork('plan'), rules, cal, world, now);

  const reserved = new Set<number>();
  planner.featured(rng.fork('featured'), candidates, reserved);
  await planner.clusters(rng.fork('clusters'), candidates, reserved);
  const settled = planner.fromIncidents(rng.fork('incidents'), candidates, reserved);
  planner.others(rng.fork('others'));

  const drafts = planner.drafts.sort((a, b) => a.openedAt - b.openedAt);
  const { rows: idRows } = await sql<{ id: string }>`select nextval(pg_get_serial_sequence('dispute_cases', 'id')) as id from generate_series(1, ${drafts.length})`.execute(ctx.trx);
  drafts.forEach((d, i) => {
    d.id = Number(idRows[i]!.id);
    d.caseNo = `JF${new Date(d.openedAt + 8 * HOUR).getUTCFullYear()}${String(i + 1).padStart(6, '0')}`;
  });
  const records = buildRecords(ctx, rng.fork('records'), rules, cal, world, drafts, now);
  await insertRecords(ctx, drafts, records);
  if (drafts.length) await sql`select setval('dispute_case_no_seq', ${drafts.length})`.execute(ctx.trx);

  // Incidents point at the case they opened or joined; those not taken up were settled on the spot.
  const caseOf = new Map<number, number>();
  for (const d of drafts) for (const i of d.incidents) if (candidates.byId.get(i.id)?.outcome === 'dispute_case') caseOf.set(i.id, d.id);
  const linkedIds = [...caseOf.keys()];
  await sql`update incidents i set dispute_case_id = t.case_id from unnest(${linkedIds}::bigint[], ${linkedIds.map((id) => caseOf.get(id)!)}::bigint[]) as t(id, case_id) where i.id = t.id`.execute(ctx.trx);
  const onTheSpot = settled.filter((id) => !caseOf.has(id));
  await sql`update incidents set outcome = 'no_action', outcome_note = '现场调解，双方达成和解' where id = any(${onTheSpot}::bigint[])`.execute(ctx.trx);
}

async function loadCandidates(ctx: DemoContext) {
  const rows = await ctx.trx
    .selectFrom('incidents')
    .select(['id', 'received_at', 'category_code', 'outcome_at', 'closed_at', 'summary', 'narrative', 'dispute_type', 'risk_domain', 'address_id', 'address_text', 'lat', 'lon', 'jurisdiction_id', 'outcome', 'kind'])
    .where((eb) => eb.or([eb('outcome', '=', 'dispute_case'), eb.and([eb('kind', 'in', ['dispute', 'public_order']), eb('address_id', 'is not', null)])]))
    .orderBy('received_at')
    .execute();
  const parties = await ctx.trx
    .selectFrom('incident_parties as p')
    .innerJoin('incidents as i', 'i.id', 'p.incident_id')
    .select(['p.incident_id', 'p.role', 'p.name', 'p.phone', 'p.person_id'])
    .where('i.outcome', '=', 'dispute_case')
    .orderBy('p.id')
    .execute();
  const byId = new Map<number, Candidate>();
  for (const r of rows) {
    byId.set(r.id, {
      id: r.id,
      receivedAt: r.received_at.getTime(),
      outcomeAt: (r.outcome_at ?? r.closed_at ?? r.received_at).getTime(),
      summary: r.summary,
      narrative: r.narrative,
      disputeType: r.dispute_type,
      riskDomain: r.risk_domain,
      addressId: r.address_id,
      addressText: r.address_text,
      lat: r.lat,
      lon: r.lon,
      jurisdictionId: r.jurisdiction_id,
      outcome: r.outcome,
      kind: r.kind,
      category: r.category_code,
      parties: [],
    });
  }
  for (const p of parties) byId.get(p.incident_id)?.parties.push({ role: p.role, name: p.name, phone: p.phone, personId: p.person_id });
  const all = [...byId.values()];
  const byAddress = new Map<number, Candidate[]>();
  for (const c of all) if (c.addressId !== null) byAddress.set(c.addressId, [...(byAddress.get(c.addressId) ?? []), c]);
  return { byId, cases: all.filter((c) => c.outcome === 'dispute_case'), byAddress };
}
type Candidates = Awaited<ReturnType<typeof loadCandidates>>;

/** A featured case: the stages it entered, as [stage, days ago (0: hours ago), hour of day or hours ago]. */
interface Featured {
  stages: [CaseStage, number, number, 'wd'?][];
  resolution?: CaseResolution;
  transfer?: TransferFate;
  undone?: FollowupKind[];
  judicialSoon?: boolean;
  signature?: 'unsigned' | 'partly_signed' | 'signed';
  type?: string;
}

// demo-officer's scripted cases (ages in days, 'wd' in working days), one for each state a newcomer should see.
const FEATURED: Featured[] = [
  { stages: [['registered', 2, 10, 'wd']] },
  { stages: [['registered', 0, 2]] },
  { stages: [['registered', 6, 9, 'wd'], ['assessing', 5, 10, 'wd']], type: 'housing_homestead' },
  { stages: [['registered', 6, 9, 'wd'], ['mediating', 5, 10, 'wd']] },
  { stages: [['registered', 3, 9], ['assessing', 3, 11], ['mediating', 1, 15]] },
  { stages: [['registered', 4, 9, 'wd'], ['mediating', 4, 11, 'wd'], ['transferred', 3, 10, 'wd']], transfer: 'sent_overdue', type: 'neighbour' },
  { stages: [['registered', 1, 16], ['transferred', 0, 3]], transfer: 'sent', type: 'contract' },
  { stages: [['registered', 8, 9], ['assessing', 8, 14], ['transferred', 6, 10]], transfer: 'accepted', type: 'marriage_family' },
  { stages: [['registered', 19, 9, 'wd'], ['mediating', 18, 10, 'wd'], ['transferred', 17, 10, 'wd']], transfer: 'accepted_overdue', type: 'damages' },
  { stages: [['registered', 4, 10], ['transferred', 3, 9]], transfer: 'rejected', type: 'labour' },
  { stages: [['registered', 40, 9], ['assessing', 40, 15], ['transferred', 38, 10], ['agreement', 26, 16], ['follow_up', 24, 10], ['closed', 9, 11]], resolution: 'resolved', transfer: 'resolved', type: 'neighbour' },
  { stages: [['registered', 60, 10], ['mediating', 59, 10], ['transferred', 57, 9], ['no_agreement', 45, 15], ['closed', 43, 10]], resolution: 'failed_escalated', transfer: 'failed', type: 'contract' },
  { stages: [['registered', 2, 9], ['mediating', 2, 15], ['agreement', 0, 4]], signature: 'unsigned' },
  { stages: [['registered', 9, 9, 'wd'], ['mediating', 8, 10, 'wd'], ['agreement', 6, 16, 'wd']], signature: 'partly_signed' },
  { stages: [['registered', 5, 10], ['mediating', 5, 16], ['no_agreement', 1, 11]] },
  { stages: [['registered', 33, 9], ['mediating', 32, 10], ['agreement', 26, 10], ['follow_up', 25, 11]], judicialSoon: true, type: 'damages' },
  { stages: [['registered', 100, 9], ['mediating', 99, 10], ['agreement', 96, 15], ['follow_up', 95, 10]], type: 'marriage_family' },
  { stages: [['registered', 12, 9], ['mediating', 11, 10], ['agreement', 8, 15], ['closed', 3, 10]], resolution: 'resolved' },
  { stages: [['registered', 25, 9], ['mediating', 24, 14], ['agreement', 20, 10], ['follow_up', 19, 9], ['closed', 15, 16]], resolution: 'resolved' },
  { stages: [['registered', 14, 9], ['mediating', 13, 10], ['agreement', 9, 15], ['closed', 6, 10]], resolution: 'resolved', undone: ['phone'] },
  { stages: [['registered', 30, 9], ['mediating', 29, 10], ['agreement', 25, 15], ['closed', 20, 10]], resolution: 'resolved', undone: ['field'] },
  { stages: [['registered', 50, 9], ['mediating', 49, 10], ['agreement', 46, 15], ['closed', 44, 10], ['assessing', 29, 16], ['mediating', 27, 10], ['agreement', 20, 15], ['follow_up', 18, 10]], type: 'neighbour' },
];

class Planner {
  readonly drafts: CaseDraft[] = [];
  /** Open windows of cases by address: a new quarrel there joins the case instead of opening another. */
  private readonly windows = new Map<number, { draft: CaseDraft; until: number }[]>();
  private readonly today: string;

  constructor(
    private readonly ctx: DemoContext,
    private readonly rng: Random,
    private readonly rules: CaseRules,
    private readonly cal: CaseCalendar,
    private readonly world: CaseWorld,
    private readonly now: number,
  ) {
    this.today = bjDay(now);
  }

  // ---- lifecycles ----

  /** Stage changes for a list of [stage, time], with the action the rules name and who did it. */
  private steps(draft: CaseDraft, rng: Random, list: [CaseStage, number, CaseResolution | null][]): Step[] {
    const out: Step[] = [];
    let from: CaseStage | null = null;
    for (const [to, at, resolution] of list) {
      if (at > this.now) break;
      if (from === null) {
        out.push({ action: 'open', from: null, to, at, reason: draft.sourceNote, resolution: null, actor: draft.officer });
      } else {
        const action = this.rules.actions.get(`${from}>${to}`);
        if (!action) throw new Error(`demo cases: no transition ${from} → ${to}`);
        out.push({ action, from, to, at, reason: this.reason(rng, draft, action, from, to, resolution), resolution: to === 'closed' ? resolution : null, actor: to === 'closed' && (resolution !== 'resolved' || rng.chance(0.2)) && draft.leader ? draft.leader : draft.officer });
      }
      from = to;
    }
    return out;
  }

  private reason(rng: Random, draft: CaseDraft, action: string, from: CaseStage, to: CaseStage, resolution: CaseResolution | null): string | null {
    switch (action) {
      case 'assess':
        return rng.pick(ASSESS_REASONS);
      case 'transfer':
        return rng.pick(TRANSFER_REASONS);
      case 'fail':
        return rng.pick(FAIL_REASONS);
      case 'reopen':
        return rng.pick(REOPEN_REASONS);
      case 'agree':
        return '双方达成调解协议';
      case 'follow_up':
        return '协议履行中，转入回访跟踪';
      case 'mediate':
        return from === 'no_agreement' ? '当事人同意再次调解' : null;
      case 'close':
        if (from === 'no_agreement') return rng.pick(FAIL_CLOSE_REASONS);
        return rng.pick(RESULTS[resolution ?? 'resolved']).replace('{dept}', this.world.departmentsOf(draft.station.unit.id)[0]?.name ?? '相关部门');
      default:
        return null;
    }
  }

  /** When a stage entered at `at` is left: mostly within its deadline, now and then late. */
  private leave(rng: Random, stage: CaseStage, from: CaseStage | null, at: number, late: boolean): number {
    if (stage === 'follow_up') return officeHours(rng, at + rng.float(15, 75) * DAY);
    if (stage === 'closed') return officeHours(rng, at + rng.float(4, 28) * DAY);
    const due = this.cal.dueAt(stage, from, at) ?? at + 3 * DAY;
    const f = late ? rng.float(1.05, 1.8) : stage === 'registered' ? rng.float(0.03, 0.5) : rng.float(0.12, 0.85);
    return officeHours(rng, at + f * (due - at));
  }

  /** A lifecycle from the opening along a path, each stage a drawn while. */
  private walk(rng: Random, opened: number, path: Path, start: CaseStage = 'registered'): [CaseStage, number, CaseResolution | null][] {
    const out: [CaseStage, number, CaseResolution | null][] = [[start, opened, null]];
    let at = opened;
    let from: CaseStage | null = null;
    let stage: CaseStage = start;
    const late = rng.chance(0.18) ? rng.int(0, path.stages.length - 1) : -1;
    for (const [i, next] of path.stages.entries()) {
      at = this.leave(rng, stage, from, at, i === late);
      const last = i === path.stages.length - 1;
      out.push([next, at, next === 'closed' ? (last ? path.resolution : 'resolved') : null]);
      from = stage;
      stage = next;
    }
    return out;
  }

  private register(draft: CaseDraft): void {
    this.drafts.push(draft);
    if (draft.addressId === null) return;
    const last = draft.steps[draft.steps.length - 1]!;
    const until = last.to === 'closed' ? last.at : Infinity;
    this.windows.set(draft.addressId, [...(this.windows.get(draft.addressId) ?? []), { draft, until }]);
  }

  private openWindow(addressId: number | null, at: number): CaseDraft | null {
    if (addressId === null) return null;
    return this.windows.get(addressId)?.find((w) => w.draft.openedAt <= at && at <= w.until)?.draft ?? null;
  }

  // ---- drafts ----

  private base(rng: Random, staff: AreaStaff, opened: number, source: CaseSource, type: string, officer?: DemoUser): CaseDraft {
    const text = TYPE_TEXT[type] ?? TYPE_TEXT.other!;
    const theme = rng.pick(text.themes);
    const chief = this.world.chiefOf(staff.station.unit.id);
    const crew = [...staff.officers, ...staff.officers, ...staff.officers, ...staff.auxiliaries];
    return {
      id: 0,
      caseNo: '',
      source,
      sourceIncidentId: null,
      sourceClusterId: null,
      sourceNote: null,
      disputeType: type,
      riskDomain: text.riskDomain,
      title: '',
      summary: '',
      station: staff.station,
      area: staff.area,
      jurisdictionId: staff.area.unit.id,
      addressId: null,
      addressText: null,
      lat: null,
      lon: null,
      officer: officer ?? (crew.length ? rng.pick(crew) : chief!),
      leader: chief,
      openedAt: opened,
      steps: [],
      parties: [],
      incidents: [],
      relapseIncidentId: null,
      dueAt: null,
      theme,
      slots: { a: '', b: '', topic: theme.topic, money: String(rng.pick([800, 1500, 2000, 3000, 5000, 6800, 8000, 12000, 20000, 35000])), days: String(rng.pick([3, 5, 7, 10, 15, 30])) },
    };
  }

  private fill(template: string, draft: CaseDraft): string {
    return template.replace(/\{(\w+)\}/g, (m, k: string) => (draft.slots as Record<string, string>)[k] ?? m);
  }

  /** A case opened from an incident: its place, its words, its parties. */
  private fromIncident(rng: Random, c: Candidate, opened: number, source: CaseSource = 'incident'): CaseDraft | null {
    const staff = this.world.areaOf(c.jurisdictionId);
    if (!staff) return null;
    const type = c.disputeType ?? PUBLIC_ORDER_TYPES[c.category] ?? 'other';
    const draft = this.base(rng, staff, opened, source, type);
    Object.assign(draft, {
      sourceIncidentId: source === 'incident' ? c.id : null,
      riskDomain: c.riskDomain ?? draft.riskDomain,
      title: c.summary,
      summary: c.narrative || c.summary,
      jurisdictionId: c.jurisdictionId,
      addressId: c.addressId,
      addressText: c.addressText,
      lat: c.lat,
      lon: c.lon,
    });
    const said = (TYPE_TEXT[type] ?? TYPE_TEXT.other!).themes.find((t) => `${c.summary}${c.narrative}`.includes(t.topic));
    const themes = (TYPE_TEXT[type] ?? TYPE_TEXT.other!).themes;
    // A quarrel between spouses is not about supporting parents.
    const fitting = said ?? (type === 'marriage_family' && /配偶|夫妻|丈夫|妻子/.test(c.summary + c.narrative) ? rng.pick([themes[0]!, themes[themes.length - 1]!]) : undefined);
    if (fitting) Object.assign(draft, { theme: fitting, slots: { ...draft.slots, topic: fitting.topic } });
    const caller = c.parties.find((p) => p.role === 'caller');
    const other = c.parties.find((p) => p.role === 'party' || p.role === 'suspect');
    draft.slots.a = caller?.name ?? personName(rng);
    draft.slots.b = other?.name ?? this.respondentName(rng, type);
    draft.parties = [
      { side: 'applicant', name: draft.slots.a, phone: caller?.phone ?? null, personId: caller?.personId ?? null, claims: '' },
      { side: 'respondent', name: draft.slots.b, phone: other?.phone ?? (rng.chance(0.7) ? mobile(rng) : null), personId: other?.personId ?? null, claims: '' },
    ];
    draft.incidents.push({ id: c.id, reason: source === 'incident' ? 'source' : 'linked', at: opened });
    draft.sourceNote = source === 'incident' ? `由警情转为矛盾纠纷案件：${c.summary}`.slice(0, 2000) : null;
    return draft;
  }

  private respondentName(rng: Random, type: string): string {
    if (type === 'property_management') return `${rng.pick(['鑫源', '恒泰', '佳和', '安居', '盛世'])}物业服务有限公司`;
    if (type === 'medical') return `${rng.pick(['仁和', '康宁', '济民'])}诊所`;
    if (type === 'consumer' && rng.chance(0.5)) return `${rng.pick(['好又多', '家乐', '万家福'])}超市`;
    return personName(rng);
  }

  /** Claims of each side, a third party now and then, and the text of cases not from an incident. */
  private finish(rng: Random, draft: CaseDraft): void {
    const [a, b] = draft.parties;
    if (a) a.claims = this.fill(draft.theme.claimA, draft);
    if (b) b.claims = this.fill(draft.theme.claimB, draft);
    if (!draft.title) draft.title = this.fill(draft.theme.title, draft).slice(0, 200);
    if (!draft.summary) draft.summary = this.fill(draft.theme.fact, draft);
    const applicant = a?.personId != null ? this.world.people.get(a.personId) : undefined;
    const kin = applicant ? (this.world.personsByAddress.get(applicant.addressId) ?? []).filter((id) => id !== applicant.id && !draft.parties.some((p) => p.personId === id)) : [];
    if (rng.chance(draft.disputeType === 'marriage_family' ? 0.35 : 0.12)) {
      const person = kin.length ? this.world.people.get(kin[0]!) : undefined;
      draft.parties.push({
        side: 'other',
        name: person?.name ?? personName(rng),
        phone: person?.phone ?? null,
        personId: person?.id ?? null,
        claims: rng.pick(['作为家属参与调解，希望双方各退一步', '系共同居住人，要求对方保证不再滋扰', '作为见证人参与调解']),
      });
    }
  }

  private make(rng: Random, draft: CaseDraft, list: [CaseStage, number, CaseResolution | null][]): CaseDraft {
    this.finish(rng, draft);
    draft.steps = this.steps(draft, rng, list);
    this.register(draft);
    return draft;
  }

  /** demo-officer's scripted cases. */
  featured(rng: Random, candidates: Candidates, reserved: Set<number>): void {
    const officer = this.ctx.county.users.find((u) => u.username === 'demo-officer');
    const partnerUser = this.ctx.county.users.find((u) => u.username === 'demo-partner');
    const staff = officer ? this.world.areaOf(officer.jurisdictionId) : undefined;
    const partner = this.ctx.county.departments.find((d) => d.id === partnerUser?.departmentId);
    if (!officer || !staff) return;
    const pool = candidates.cases.filter((c) => this.world.areaOf(c.jurisdictionId)?.area === staff.area && c.kind === 'dispute');
    for (const [k, f] of FEATURED.entries()) {
      const list: [CaseStage, number, CaseResolution | null][] = f.stages.map(([stage, ago, hour, unit]) => {
        const at = ago === 0 ? this.now - hour * HOUR : dayStart(unit === 'wd' ? this.cal.workdayBefore(this.today, ago) : addDays(this.today, -ago)) + hour * HOUR + rng.int(0, 50) * 60_000;
        return [stage, at, stage === 'closed' ? (f.resolution ?? 'resolved') : null];
      });
      // An earlier closing in a reopened case was resolved; times strictly rise.
      for (let i = 1; i < list.length; i++) if (list[i]![1] <= list[i - 1]![1]) list[i]![1] = list[i - 1]![1] + 30 * 60_000;
      const opened = list[0]![1];
      const c = pool.find((x) => !reserved.has(x.id) && x.outcomeAt < opened && x.outcomeAt > opened - 6 * DAY && (!f.type || x.disputeType === f.type));
      let draft: CaseDraft | null = null;
      if (c) {
        draft = this.fromIncident(rng, c, opened);
        if (draft) {
          draft.officer = officer;
          reserved.add(c.id);
        }
      }
      draft ??= this.fromElsewhere(rng, staff, opened, (['visit', 'tip', 'direct'] as const)[k % 3]!, f.type, officer);
      if (!draft) continue;
      draft.featured = { transfer: f.transfer, partner, undone: f.undone, judicialSoon: f.judicialSoon, signature: f.signature };
      this.make(rng, draft, list);
    }
  }

  /** Cases opened from repeat clusters (重复警情) of the last weeks: the cluster's incidents join the case. */
  async clusters(rng: Random, candidates: Candidates, reserved: Set<number>): Promise<void> {
    const rows = await this.ctx.trx
      .selectFrom('repeat_clusters as c')
      .innerJoin('repeat_cluster_incidents as ci', 'ci.cluster_id', 'c.id')
      .select(['c.id', 'c.last_at', 'ci.incident_id'])
      .where('c.link_by', '=', 'address')
      .where('c.level', 'in', ['orange', 'red'])
      .orderBy('c.id')
      .orderBy('ci.incident_id')
      .execute();
    const clusters = new Map<number, { lastAt: number; incidents: number[] }>();
    for (const r of rows) {
      const c = clusters.get(r.id) ?? { lastAt: r.last_at.getTime(), incidents: [] };
      c.incidents.push(r.incident_id);
      clusters.set(r.id, c);
    }
    for (const [id, c] of clusters) {
      if (c.incidents.some((i) => reserved.has(i)) || !rng.chance(0.45)) continue;
      const members = c.incidents.map((i) => candidates.byId.get(i)).filter((x): x is Candidate => !!x);
      const lead = [...members].reverse().find((m) => m.parties.length > 0 && m.kind === 'dispute') ?? members[members.length - 1];
      if (!lead) continue;
      const opened = Math.min(officeHours(rng, c.lastAt + rng.float(0.3, 2) * DAY), this.now - rng.float(1, 5) * HOUR);
      const draft = this.fromIncident(rng, lead, opened, 'cluster');
      if (!draft) continue;
      draft.sourceClusterId = id;
      draft.sourceNote = this.fill(rng.pick(SOURCE_NOTES.cluster), draft);
      draft.incidents = members.map((m) => ({ id: m.id, reason: 'linked' as const, at: Math.max(opened, m.receivedAt) }));
      for (const m of members) reserved.add(m.id);
      this.make(rng, draft, this.walk(rng, opened, weightedPick(rng, PATHS)));
    }
  }

  /**
   * About half the incidents marked 'dispute_case' open a case; a quarrel at the address of an
   * open case joins it; a case's address quarrelling again after closing may relapse. Returns
   * the incidents settled on the spot.
   */
  fromIncidents(rng: Random, candidates: Candidates, reserved: Set<number>): number[] {
    const settled: number[] = [];
    let relapses = 4 * this.ctx.scale;
    for (const c of candidates.cases) {
      if (reserved.has(c.id)) continue;
      const mediable = c.kind === 'dispute' || PUBLIC_ORDER_TYPES[c.category] !== undefined;
      const open = mediable ? this.openWindow(c.addressId, c.outcomeAt) : null;
      if (open) {
        open.incidents.push({ id: c.id, reason: 'linked', at: Math.max(c.outcomeAt, open.openedAt) });
        reserved.add(c.id);
        continue;
      }
      if (!rng.chance(CASE_SHARE) || !mediable || c.outcomeAt > this.now - 10 * 60_000) {
        settled.push(c.id);
        continue;
      }
      const opened = Math.min(c.outcomeAt + rng.float(0.1, 3) * HOUR, this.now - 5 * 60_000);
      const draft = this.fromIncident(rng, c, opened);
      if (!draft) {
        settled.push(c.id);
        continue;
      }
      reserved.add(c.id);
      const again = relapses > 0 && c.addressId !== null ? this.relapseIncident(candidates, c, reserved) : null;
      if (again && rng.chance(0.5)) {
        const list = this.relapsePath(rng, opened, again.receivedAt);
        if (list) {
          relapses--;
          reserved.add(again.id);
          draft.relapseIncidentId = again.id;
          draft.incidents.push({ id: again.id, reason: 'relapse', at: list.find(([s]) => s === 'assessing')![1] });
          this.make(rng, draft, list);
          continue;
        }
      }
      this.make(rng, draft, this.walk(rng, opened, weightedPick(rng, PATHS)));
    }
    return settled;
  }

  /** A later quarrel at the same address, 10 to 45 days on, long enough ago for a visit to have found it. */
  private relapseIncident(candidates: Candidates, c: Candidate, reserved: Set<number>): Candidate | null {
    const later = candidates.byAddress.get(c.addressId!) ?? [];
    return later.find((x) => !reserved.has(x.id) && x.receivedAt > c.outcomeAt + 10 * DAY && x.receivedAt < c.outcomeAt + 45 * DAY && x.receivedAt < this.now - 35 * DAY) ?? null;
  }

  /** Mediated and closed before the new quarrel; the next 三访 visit finds it and reopens the case. */
  private relapsePath(rng: Random, opened: number, quarrel: number): [CaseStage, number, CaseResolution | null][] | null {
    const closeBy = Math.max(opened + 3.5 * DAY, quarrel - rng.float(2, 25) * DAY);
    if (closeBy > quarrel - DAY) return null;
    const closed = closeBy;
    const mediating = officeHours(rng, opened + (closed - opened) * rng.float(0.04, 0.15));
    const agreement = officeHours(rng, opened + (closed - opened) * rng.float(0.35, 0.7));
    const visit = this.rules.plan.map((p) => addDays(bjDay(closed), p.offset)).find((d) => d >= bjDay(quarrel));
    if (!visit) return null;
    const reopen = Math.max(dayStart(visit) + rng.float(9, 16) * HOUR, quarrel + rng.float(2, 20) * HOUR);
    if (!(mediating < agreement && agreement < closed)) return null;
    const rest = this.walk(rng, reopen, { stages: ['mediating', 'agreement', 'follow_up', 'closed'], resolution: 'resolved' }, 'assessing');
    return [['registered', opened, null], ['mediating', mediating, null], ['agreement', agreement, null], ['closed', closed, 'resolved'], ...rest];
  }

  /** A case found on a visit (走访), reported by a tip, or brought to the station in person. */
  private fromElsewhere(rng: Random, staff: AreaStaff, opened: number, source: 'tip' | 'visit' | 'direct', forcedType?: string, officer?: DemoUser): CaseDraft | null {
    const village = staff.area.unit.kind === 'village';
    const types = OTHER_SOURCE_TYPES.filter(([t]) => TYPE_TEXT[t]?.only !== (village ? 'town' : 'village'));
    const type = forcedType ?? weightedPick(rng, types);
    const dwellings = this.world.dwellingsOfArea(staff.area.unit.id);
    const home = dwellings.length ? rng.pick(dwellings) : null;
    const draft = this.base(rng, staff, opened, source, type, officer);
    const residents = home ? (this.world.personsByAddress.get(home.addressId) ?? []).map((id) => this.world.people.get(id)!).filter((p) => p && p.phone && p.birthDate < '2006-01-01') : [];
    const neighbours = this.world.residentsOfArea(staff.area.unit.id);
    const a = residents.length && rng.chance(0.8) ? rng.pick(residents) : null;
    const kin = type === 'marriage_family' ? residents.find((p) => p.id !== a?.id) : undefined;
    const bPerson = kin ?? (neighbours.length && rng.chance(0.5) ? rng.pick(neighbours) : null);
    const b = bPerson && bPerson.id !== a?.id ? bPerson : null;
    draft.slots.a = a?.name ?? personName(rng);
    draft.slots.b = b?.name ?? this.respondentName(rng, type);
    draft.parties = [
      { side: 'applicant', name: draft.slots.a, phone: a?.phone ?? mobile(rng), personId: a?.id ?? null, claims: '' },
      { side: 'respondent', name: draft.slots.b, phone: b?.phone ?? (rng.chance(0.6) ? mobile(rng) : null), personId: b?.id ?? null, claims: '' },
    ];
    if (home) Object.assign(draft, { addressId: home.addressId, addressText: home.fullName, lat: home.lat, lon: home.lon, jurisdictionId: this.ctx.county.dwellings.find((d) => d.addressId === home.addressId)?.jurisdictionId ?? staff.area.unit.id });
    draft.sourceNote = this.fill(rng.pick(SOURCE_NOTES[source]), draft);
    return draft;
  }

  /** Tips, visits and walk-ins over the two years, in every community and village. */
  others(rng: Random): void {
    const start = this.now - 2 * 365 * DAY;
    const rate = OTHER_PER_AREA_YEAR / 365;
    for (const staff of this.world.areas) {
      let t = start;
      for (;;) {
        t += (-Math.log(1 - rng.next()) / rate) * DAY;
        if (t > this.now - HOUR) break;
        const opened = officeHours(rng, t);
        if (opened > this.now - HOUR) break;
        const source = weightedPick(rng, [['visit', 45], ['tip', 30], ['direct', 25]] as const);
        const draft = this.fromElsewhere(rng, staff, opened, source);
        if (!draft || this.openWindow(draft.addressId, opened)) continue;
        this.make(rng, draft, this.walk(rng, opened, weightedPick(rng, PATHS)));
      }
    }
  }
}
