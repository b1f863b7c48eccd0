import { sql } from 'kysely';
import type { EducationTopic, FollowupKind, MediationOutcome, MediatorForce, RelationKind, TransferKind, TransferStatus } from '../app/db/schema.js';
import { addDays, bjDay, bjYear, DAY, dayStart, daysBetween, HOUR, officeHours } from './cases-calendar.js';
import { EDUCATION_NOTES, FOLLOWUP_FINDINGS, LAWS, PROGRESS_NOTES, REJECT_REASONS, RELAPSE_FINDINGS, SESSION_RECORDS, SOCIAL_NOTES, TRANSFER_FAILURES, TRANSFER_NOTES, TRANSFER_RESULTS } from './cases-text.js';
import type { CaseCalendar, CaseRules } from './cases-calendar.js';
import type { CaseDraft, CaseWorld, TransferFate } from './cases-world.js';
import type { DemoContext, DemoDepartment } from './context.js';
import { weightedPick } from './incident-world.js';
import { mobile, personName } from './names.js';
import type { Random } from './random.js';

// The records around each demo case, from its stage history: mediation sessions with mediators of
// the four forces (四支力量), transfers (两书一函) with the partner's answers, the mediation
// agreement (调解协议书, art. 29 content), the 三访 visits after each closing, the B file of every
// party who is a person of the county (household, relations, prevention education), and the
// reminders and escalations (跟踪督办) waiting in the officers' and chiefs' inboxes today.

const MIN = 60_000;
/** Series letter of each of the two letters and one notice in its document number: 枫公调〔2026〕12号 (as the transfers module numbers them). */
const KIND_SERIES: Record<TransferKind, string> = { gongdiao: '公调', liandiao: '联调', weituo: '委调' };
const FOLLOWUP_NAMES: Record<FollowupKind, string> = { phone: '电话回访', field: '实地走访', community: '社区回访' };
const chinese = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
const STAGE_NAMES: Record<string, string> = { registered: '登记', assessing: '研判评估', mediating: '调解中', transferred: '已移交', agreement: '达成协议', no_agreement: '未达成协议', follow_up: '回访跟踪', closed: '已办结' };

interface SessionDraft {
  caseId: number;
  heldAt: number;
  place: string;
  attendees: string;
  record: string;
  outcome: MediationOutcome;
  createdBy: number;
  mediators: { force: MediatorForce; name: string; userId: number | null }[];
}

interface TransferDraft {
  id: number;
  docNo: string;
  draft: CaseDraft;
  kind: TransferKind;
  department: DemoDepartment;
  note: string;
  status: TransferStatus;
  sentAt: number;
  ackDueAt: number;
  dueAt: number;
  respondedAt: number | null;
  rejectReason: string | null;
  result: string | null;
  finishedAt: number | null;
  updates: { kind: 'accepted' | 'rejected' | 'progress' | 'resolved' | 'failed'; note: string; at: number }[];
}

interface FollowupRow {
  id: number;
  case_id: number;
  kind: FollowupKind;
  due_on: string;
  assigned_user_id: number;
  done_at: Date | null;
  done_by: number | null;
  finding: string | null;
  relapse: boolean;
  relapse_incident_id: number | null;
  created_at: Date;
}

interface AgreementRow {
  id: number;
  case_id: number;
  agreement_no: string;
  facts: string;
  issues: string;
  responsibilities: string;
  terms: string;
  performance: string;
  mediator_names: string;
  signature_status: 'unsigned' | 'partly_signed' | 'signed';
  signed_on: string | null;
  judicial_confirmation: boolean;
  judicial_deadline: string | null;
  judicial_applied_on: string | null;
  created_by: number;
  created_at: Date;
  updated_at: Date;
}

export interface CaseRecords {
  sessions: SessionDraft[];
  transfers: TransferDraft[];
  agreements: AgreementRow[];
  followups: FollowupRow[];
  relations: object[];
  education: object[];
  /** The inbox rows, once the records have their ids. */
  notifications: () => object[];
}

export function buildRecords(ctx: DemoContext, rng: Random, rules: CaseRules, cal: CaseCalendar, world: CaseWorld, drafts: CaseDraft[], now: number): CaseRecords {
  const today = bjDay(now);
  const out: CaseRecords = { sessions: [], transfers: [], agreements: [], followups: [], relations: [], education: [], notifications: () => [] };
  const fill = (t: string, d: CaseDraft, extra: Record<string, string> = {}) => t.replace(/\{(\w+)\}/g, (m, k: string) => extra[k] ?? (d.slots as Record<string, string>)[k] ?? m);

  for (const d of drafts) {
    const town = world.town(d.station);
    const issue = fill(d.theme.issue, d);
    const claimA = d.parties[0]?.claims ?? '';
    const claimB = d.parties[1]?.claims ?? '';
    const names = d.parties.map((p) => p.name).join('、');
    const steps = d.steps;
    const current = steps[steps.length - 1]!;
    d.dueAt = current.to === 'closed' ? null : cal.dueAt(current.to, current.from, current.at);
    const mediatorsOf = (kinds: MediatorForce[]) => {
      const m: SessionDraft['mediators'] = [{ force: 'police_room', name: d.officer.displayName, userId: d.officer.id }];
      const staff = world.areaOf(d.area.unit.id);
      if (kinds.includes('grid') && staff?.grid.length) {
        const g = rng.pick(staff.grid);
        m.push({ force: 'grid', name: g.displayName, userId: g.id });
      }
      const mediator = world.mediatorOf(d.station.unit.id);
      if (kinds.includes('town')) m.push(mediator ? { force: 'town', name: mediator.displayName, userId: mediator.id } : { force: 'town', name: personName(rng), userId: null });
      const lawyer = world.lawyerOf(d.station.unit.id);
      if (kinds.includes('judicial')) m.push(lawyer ? { force: 'judicial', name: lawyer.displayName, userId: lawyer.id } : { force: 'judicial', name: personName(rng), userId: null });
      return m;
    };
    const placeFor = (m: SessionDraft['mediators']) => {
      if (m.some((x) => x.force === 'judicial') && rng.chance(0.5)) return `${town}司法所调解室`;
      if (m.some((x) => x.force === 'town') && rng.chance(0.5)) return `${town}人民调解委员会调解室`;
      const room = d.area.policeRooms[0];
      const r = rng.next();
      if (room && r < 0.4) return `${room.name}调解室`;
      if (r < 0.7) return `${d.station.unit.name}调解室`;
      return d.area.unit.kind === 'village' ? `${d.area.unit.name}委会议室` : `${d.area.unit.name}党群服务中心`;
    };
    const session = (at: number, outcome: MediationOutcome, m: SessionDraft['mediators'], place?: string) => {
      const record = fill(rng.pick(SESSION_RECORDS[outcome]), d, { claimA: claimA.replace(/。$/, ''), claimB: claimB.replace(/。$/, ''), issue: issue.replace(/。$/, ''), law: LAWS[d.disputeType] ?? '《人民调解法》' });
      out.sessions.push({ caseId: d.id, heldAt: at, place: place ?? placeFor(m), attendees: `${names}${rng.pick(['', '及双方亲属', '、村（居）委会干部', '、网格员'])}`, record, outcome, createdBy: d.officer.id, mediators: m });
    };
    const forces = (): MediatorForce[] => (['grid', 'town', 'judicial'] as const).filter((f) => rng.chance(f === 'grid' ? 0.55 : f === 'town' ? 0.45 : 0.3));
    let lastMediators: SessionDraft['mediators'] = [];

    for (const [i, s] of steps.entries()) {
      const next = steps[i + 1];
      const end = next?.at ?? now;
      if (s.to === 'mediating') {
        const span = end - s.at;
        const n = next ? weightedPick(rng, [[1, 70], [2, 22], [3, 8]] as const) : span < DAY ? 0 : rng.int(1, 2);
        for (let k = 0; k < n; k++) {
          const at = Math.min(end - 20 * MIN, officeHours(rng, s.at + ((k + 1) / (n + 1)) * span), now - 10 * MIN);
          if (at <= s.at) continue;
          const lastOne = k === n - 1;
          const outcome: MediationOutcome = !lastOne || !next ? rng.pick(['adjourned', 'partial'] as const) : next.to === 'agreement' ? 'agreed' : next.to === 'no_agreement' ? 'failed' : rng.pick(['failed', 'partial'] as const);
          lastMediators = mediatorsOf(forces());
          session(at, outcome, lastMediators);
        }
      }
      if (s.to === 'transferred') {
        const t = transfer(d, s.at, next ?? null, end);
        if (t.length && next?.to === 'agreement') {
          const dept = t[t.length - 1]!.department;
          const force: MediatorForce = dept.kind === '司法所' || dept.kind === '司法行政' || dept.kind === '法院' ? 'judicial' : dept.kind === '人民调解' ? 'town' : 'town';
          const partner = world.partnerOf(dept.id);
          lastMediators = [{ force, name: partner?.displayName ?? personName(rng), userId: partner?.id ?? null }, { force: 'police_room', name: d.officer.displayName, userId: d.officer.id }];
          session(Math.max(s.at + HOUR, next.at - rng.float(2, 20) * HOUR), 'agreed', lastMediators, `${dept.name}调解室`);
        }
      }
    }

    // The agreement of the last time the case reached one.
    const ai = steps.map((s) => s.to).lastIndexOf('agreement');
    if (ai >= 0) {
      const a = steps[ai]!;
      const next = steps[ai + 1];
      let status: 'unsigned' | 'partly_signed' | 'signed' = next ? 'signed' : (d.featured?.signature ?? (now - a.at < 6 * HOUR ? 'unsigned' : weightedPick(rng, [['unsigned', 1], ['partly_signed', 2], ['signed', 3]] as const)));
      if (d.featured?.judicialSoon) status = 'signed';
      const signedAt = status === 'signed' ? Math.min(a.at + rng.float(0.5, 20) * HOUR, next?.at ?? now, now) : null;
      const signedOn = signedAt !== null ? bjDay(d.featured?.judicialSoon ? a.at : signedAt) : null;
      const judicial = signedOn !== null && (d.featured?.judicialSoon || rng.chance(0.18));
      const deadline = judicial ? addDays(signedOn, rules.judicialDays) : null;
      const appliedOn = judicial && !d.featured?.judicialSoon && rng.chance(0.85) ? addDays(signedOn, rng.int(2, 20)) : null;
      const mediatorNames = (lastMediators.length ? lastMediators.map((m) => m.name) : [d.officer.displayName]).join('、');
      const [pa, pb] = d.parties;
      out.agreements.push({
        id: 0,
        case_id: d.id,
        agreement_no: '',
        facts: `申请人${pa?.name ?? ''}${pa?.phone ? `（联系电话${pa.phone}）` : ''}；被申请人${pb?.name ?? ''}。${d.summary}`.slice(0, 10000),
        issues: issue,
        responsibilities: fill(d.theme.responsibility, d),
        terms: `经${d.station.unit.name}主持调解，双方自愿达成如下协议：${fill(d.theme.terms, d)}`,
        performance: fill(rng.pick(['{b}于协议签订之日起{days}日内以银行转账方式一次性履行完毕，由承办民警回访确认。', '协议自双方签字之日起生效，约定事项于{days}日内履行完毕；一方不履行的，另一方可申请司法确认后强制执行。', '当场履行；其余事项于{days}日内履行完毕，村（居）委会监督履行。']), d),
        mediator_names: mediatorNames.slice(0, 200),
        signature_status: status,
        signed_on: signedOn,
        judicial_confirmation: judicial,
        judicial_deadline: deadline,
        judicial_applied_on: appliedOn !== null && appliedOn <= today ? appliedOn : null,
        created_by: d.officer.id,
        created_at: new Date(a.at),
        updated_at: new Date(signedAt ?? a.at),
      });
    }

    // 三访 after each closing; the visit that finds a relapse reopens the case.
    for (const [i, s] of steps.entries()) {
      if (s.to !== 'closed') continue;
      const reopen = steps[i + 1];
      const closeDay = bjDay(s.at);
      const plan = rules.plan.map((p) => ({ kind: p.kind, due: addDays(closeDay, p.offset) }));
      const relapseVisit = reopen ? plan.filter((p) => p.due <= bjDay(reopen.at)).pop() : undefined;
      for (const p of plan) {
        let done: number | null = null;
        let relapse = false;
        if (reopen) {
          if (p.due > bjDay(reopen.at)) continue;
          if (p === relapseVisit) {
            relapse = true;
            done = Math.max(s.at + HOUR, Math.min(reopen.at - rng.float(0.3, 2) * HOUR, Math.max(dayStart(p.due) + 8 * HOUR, reopen.at - 10 * MIN)));
          }
        }
        if (!relapse && p.due < today) {
          const age = daysBetween(p.due, today);
          const forced = d.featured?.undone?.includes(p.kind) ?? false;
          if (!forced && !(age <= 7 && rng.chance(0.25))) {
            done = dayStart(p.due) + rng.float(8.5, 18) * HOUR + (rng.chance(0.25) ? DAY : 0);
            if (done >= now - 10 * MIN || (reopen && done >= reopen.at)) done = dayStart(p.due) + 9 * HOUR;
          }
        }
        out.followups.push({
          id: 0,
          case_id: d.id,
          kind: p.kind,
          due_on: p.due,
          assigned_user_id: d.officer.id,
          done_at: done === null ? null : new Date(done),
          done_by: done === null ? null : d.officer.id,
          finding: done === null ? null : relapse ? rng.pick(RELAPSE_FINDINGS) : fill(rng.pick(FOLLOWUP_FINDINGS[p.kind]), d),
          relapse,
          relapse_incident_id: relapse ? d.relapseIncidentId : null,
          created_at: new Date(s.at),
        });
      }
    }
  }

  /** The transfers of one stay in 'transferred' (a refused one may come first), answered as the case went on. */
  function transfer(d: CaseDraft, enteredAt: number, next: CaseDraft['steps'][number] | null, end: number): TransferDraft[] {
    const made: TransferDraft[] = [];
    const fate: TransferFate = d.featured?.transfer ?? (next ? (next.to === 'no_agreement' ? 'failed' : 'resolved') : openFate(enteredAt));
    const featuredPartner = d.featured?.transfer ? d.featured.partner : undefined;
    let sentAt = Math.min(enteredAt + rng.float(5, 50) * MIN, now - MIN);
    if (next && !d.featured && rng.chance(0.08)) {
      const [kind, dept] = target(d, null);
      const t = newTransfer(d, kind, dept, sentAt);
      const at = Math.min(sentAt + rng.float(0.15, 0.9) * (t.ackDueAt - sentAt), end - 2 * HOUR);
      if (at > sentAt) {
        reject(t, at);
        made.push(t);
        sentAt = officeHours(rng, at + rng.float(1, 6) * HOUR);
        if (sentAt >= end - HOUR) sentAt = at + 10 * MIN;
      }
    }
    const [kind, dept] = featuredPartner ? [rng.pick(['weituo', 'gongdiao'] as const), featuredPartner] : target(d, made[0]?.department ?? null);
    const t = newTransfer(d, kind, dept, sentAt);
    made.push(t);
    const finish = next ? Math.max(sentAt + 2 * HOUR, next.at - rng.float(1, 6) * HOUR) : now;
    const acceptAt = fate === 'accepted_overdue' || fate === 'accepted' ? sentAt + rng.float(2, 6) * HOUR : Math.min(sentAt + rng.float(0.1, 0.8) * (t.ackDueAt - sentAt), sentAt + (finish - sentAt) * 0.3);
    switch (fate) {
      case 'sent':
      case 'sent_overdue':
        break;
      case 'rejected':
        reject(t, Math.min(Math.max(sentAt + 5 * MIN, Math.min(acceptAt, now - 30 * MIN)), now - MIN));
        break;
      case 'accepted':
      case 'accepted_overdue':
      case 'resolved':
      case 'failed': {
        accept(t, Math.min(Math.max(sentAt + 5 * MIN, Math.min(acceptAt, now - 20 * MIN)), now - MIN));
        const stop = fate === 'resolved' || fate === 'failed' ? finish : now;
        const progress = fate === 'accepted_overdue' ? 2 : rng.int(0, 2);
        for (let k = 1; k <= progress; k++) {
          const at = officeHours(rng, t.respondedAt! + (k / (progress + 1)) * (stop - t.respondedAt!));
          if (at < stop && at < now) t.updates.push({ kind: 'progress', note: rng.pick(PROGRESS_NOTES), at });
        }
        if (fate === 'resolved' || fate === 'failed') {
          t.status = fate;
          t.finishedAt = Math.max(finish, t.respondedAt! + 30 * MIN);
          t.result = rng.pick(fate === 'resolved' ? TRANSFER_RESULTS : TRANSFER_FAILURES);
          t.updates.push({ kind: fate, note: t.result, at: t.finishedAt });
        }
      }
    }
    out.transfers.push(...made);
    return made;
  }

  function openFate(sentAt: number): TransferFate {
    const ackDue = cal.addWorking(sentAt, rules.ackWorkingDays);
    const answered = sentAt + rng.float(0.1, 0.9) * (ackDue - sentAt);
    if (answered > now) return 'sent';
    const r = rng.next();
    return r < 0.12 ? 'sent' : r < 0.22 ? 'rejected' : 'accepted';
  }

  function newTransfer(d: CaseDraft, kind: TransferKind, department: DemoDepartment, sentAt: number): TransferDraft {
    return {
      id: 0,
      docNo: '',
      draft: d,
      kind,
      department,
      note: `${d.title}。${rng.pick(TRANSFER_NOTES[kind])}`.slice(0, 5000),
      status: 'sent',
      sentAt,
      ackDueAt: cal.addWorking(sentAt, rules.ackWorkingDays),
      dueAt: cal.addWorking(sentAt, rules.finishWorkingDays),
      respondedAt: null,
      rejectReason: null,
      result: null,
      finishedAt: null,
      updates: [],
    };
  }
  function accept(t: TransferDraft, at: number) {
    t.status = 'accepted';
    t.respondedAt = at;
    t.updates.push({ kind: 'accepted', note: rng.pick(['已签收，安排专人办理。', '已签收，将会同村（居）委会开展调解。']), at });
  }
  function reject(t: TransferDraft, at: number) {
    t.status = 'rejected';
    t.respondedAt = at;
    t.rejectReason = rng.pick(REJECT_REASONS);
    t.updates.push({ kind: 'rejected', note: t.rejectReason, at });
  }

  /** Which of the two letters and one notice, to whom: the department whose work the dispute is. */
  function target(d: CaseDraft, not: DemoDepartment | null): [TransferKind, DemoDepartment] {
    const local = world.departmentsOf(d.station.unit.id).filter((x) => x !== not);
    const county = world.county.filter((x) => x !== not);
    const of = (list: DemoDepartment[], kind: string) => list.find((x) => x.kind === kind);
    const choose = (): [TransferKind, DemoDepartment | undefined] => {
      switch (d.disputeType) {
        case 'labour':
          return ['liandiao', of(county, '劳动监察')];
        case 'property_management':
          return rng.chance(0.5) ? ['liandiao', of(county, '物业主管')] : ['gongdiao', of(local, '人民调解')];
        case 'consumer':
          return ['liandiao', of(county, '市场监管')];
        case 'housing_homestead':
        case 'forest_land':
        case 'land_acquisition':
          return rng.chance(0.5) ? ['liandiao', of(local, '综治中心')] : ['weituo', of(local, '司法所')];
        case 'contract':
        case 'damages':
        case 'traffic_accident':
        case 'medical':
        case 'business':
          return rng.chance(0.6) ? ['weituo', of(local, '司法所')] : ['gongdiao', of(local, '人民调解')];
        default:
          return rng.chance(0.6) ? ['gongdiao', of(local, '人民调解')] : ['weituo', of(local, '司法所')];
      }
    };
    const [kind, dept] = choose();
    return [kind, dept ?? of(local, '综治中心') ?? local[0] ?? county[0]!];
  }

  // B file: household, relations and prevention education of every party who is a person of the county.
  const related = new Set<number>();
  for (const d of drafts) {
    const last = d.steps[d.steps.length - 1]!.at;
    for (const p of d.parties) {
      if (p.personId === null) continue;
      const person = world.people.get(p.personId);
      if (!person) continue;
      const when = (days: number) => new Date(Math.min(now - 5 * MIN, officeHours(rng, d.openedAt + days * DAY)));
      if (!related.has(person.id)) {
        related.add(person.id);
        const household = (world.personsByAddress.get(person.addressId) ?? []).filter((id) => id !== person.id).slice(0, 5);
        for (const id of household) {
          const other = world.people.get(id);
          if (!other) continue;
          out.relations.push({ person_id: person.id, related_person_id: other.id, name: other.name, relation: relationOf(person, other), same_household: true, phone: other.phone, note: null, created_by: d.officer.id, created_at: when(rng.float(0.2, 2)) });
        }
        for (let k = rng.int(0, 2); k > 0; k--) {
          const relation = weightedPick(rng, [['friend', 3], ['colleague', 2], ['neighbour', 3], ['sibling', 2], ['other_family', 1], ['landlord', 1]] as const);
          out.relations.push({ person_id: person.id, related_person_id: null, name: personName(rng), relation, same_household: false, phone: rng.chance(0.7) ? mobile(rng) : null, note: rng.pick(SOCIAL_NOTES), created_by: d.officer.id, created_at: when(rng.float(0.2, 3)) });
        }
      }
      const village = d.area.unit.kind === 'village';
      const topics = new Set<EducationTopic>();
      for (let k = rng.int(1, 3); k > 0; k--) topics.add(weightedPick(rng, [['anti_fraud', 5], ['helmet_belt', 3], ['illegal_passenger', village ? 3 : 0.5], ['anti_drug', 2]] as const));
      for (const topic of topics) {
        const at = Math.min(now - 5 * MIN, officeHours(rng, d.openedAt + rng.float(0.1, Math.max(0.2, Math.min(10, (last - d.openedAt) / DAY))) * DAY));
        out.education.push({ person_id: person.id, case_id: d.id, topic, delivered_on: bjDay(at), delivered_by_user_id: d.officer.id, delivered_by_name: d.officer.displayName, note: rng.pick(EDUCATION_NOTES[topic]), created_at: new Date(at) });
      }
    }
  }

  // Inboxes: made once the rows have their ids (insertRecords), as the daily jobs word them.
  out.notifications = () => {
    const rows: Record<string, unknown>[] = [];
    const byId = new Map(drafts.map((d) => [d.id, d]));
    const at = new Date(Math.min(dayStart(today) + 7.5 * HOUR, now - MIN));
    const add = (userId: number | null | undefined, kind: string, title: string, body: string, link: string, entity: [string, unknown], key: string, when = at, read = false) => {
      if (!userId) return;
      rows.push({ user_id: userId, kind, title, body, link, entity_type: entity[0], entity_id: String(entity[1]), dedupe_key: key, created_at: when, read_at: read ? new Date(when.getTime() + 2 * HOUR) : null });
    };
    // 跟踪督办: each chief, each day a transfer stays unacknowledged or unfinished after its deadline (the last three days; earlier ones read).
    for (const t of out.transfers) {
      const kind = t.status === 'sent' && t.ackDueAt < now ? 'unacknowledged' : t.status === 'accepted' && t.dueAt < now ? 'overdue' : null;
      if (!kind) continue;
      const chief = world.chiefOf(t.draft.station.unit.id);
      const deadline = kind === 'unacknowledged' ? t.ackDueAt : t.dueAt;
      const first = addDays(bjDay(deadline), 1) > today ? today : addDays(bjDay(deadline), 1);
      for (let day = first < addDays(today, -2) ? addDays(today, -2) : first; day <= today; day = addDays(day, 1)) {
        const when = day === today ? at : new Date(dayStart(day) + 7.5 * HOUR);
        add(chief?.id, `transfer_${kind}`, `督办：${t.docNo} ${t.department.name}${kind === 'unacknowledged' ? '逾期未签收' : '逾期未办结'}`, `${t.draft.caseNo} ${t.draft.title}：${kind === 'unacknowledged' ? '签收' : '办结'}期限为${chinese(bjDay(deadline))}，请跟踪督办。`, `/cases/${t.draft.id}`, ['case_transfer', t.id], `transfer:${t.id}:${kind}:${day}:${chief?.id}`, when, day < today);
      }
    }
    // 超期: an open case past its stage deadline → its officer.
    for (const d of drafts) {
      const last = d.steps[d.steps.length - 1]!;
      if (last.to === 'closed' || d.dueAt === null || d.dueAt >= now) continue;
      const due = new Date(d.dueAt + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
      add(d.officer.id, 'case.stage_overdue', `矛盾纠纷超期：${d.caseNo} ${d.title}`, `当前阶段“${STAGE_NAMES[last.to]}”应于 ${due} 前完成，已超期。`, `/cases/${d.id}`, ['dispute_case', d.id], `case.stage_overdue:${d.id}:${today}`);
    }
    // 三访: visits due today and overdue → their officer.
    for (const f of out.followups) {
      const d = byId.get(f.case_id)!;
      if (f.done_at !== null || f.due_on > today || d.steps[d.steps.length - 1]!.to !== 'closed') continue;
      const name = FOLLOWUP_NAMES[f.kind];
      if (f.due_on === today) add(f.assigned_user_id, 'followup.due', `今日回访：${d.caseNo} ${d.title}`, `${name}今日到期，请完成后记录。`, '/my-day', ['case_followup', f.id], `followup.due:${f.id}:${today}`);
      else add(f.assigned_user_id, 'followup.overdue', `回访逾期：${d.caseNo} ${d.title}`, `${name}应于 ${f.due_on} 完成，尚未记录。`, '/my-day', ['case_followup', f.id], `followup.overdue:${f.id}:${today}`);
    }
    // 司法确认: a signed agreement within the last week of its 30 days, not yet applied for.
    for (const a of out.agreements) {
      if (!a.judicial_deadline || a.judicial_applied_on || a.signature_status !== 'signed' || a.judicial_deadline < today || daysBetween(today, a.judicial_deadline) > 7) continue;
      const d = byId.get(a.case_id)!;
      add(d.officer.id, 'agreement_judicial', `司法确认提醒：${a.agreement_no}`, `${d.caseNo} ${d.title}：调解协议申请司法确认的期限为${chinese(a.judicial_deadline)}，请提醒当事人及时向人民法院申请。`, `/cases/${d.id}`, ['case_agreement', a.id], `agreement:${a.id}:judicial:${today}`);
    }
    return rows;
  };
  return out;
}

function relationOf(a: { birthDate: string; gender: string }, b: { birthDate: string; gender: string }): RelationKind {
  const years = (Date.parse(b.birthDate) - Date.parse(a.birthDate)) / (365.25 * DAY);
  if (years <= -40) return 'grandparent';
  if (years <= -17) return 'parent';
  if (years >= 40) return 'grandchild';
  if (years >= 17) return 'child';
  if (a.gender !== b.gender && Math.abs(years) < 12) return 'spouse';
  return Math.abs(years) < 15 ? 'sibling' : 'other_family';
}

/** Rows in one statement per 5,000 through unnest (columns with their PostgreSQL types): far quicker than a VALUES list. */
async function bulk(ctx: DemoContext, table: string, columns: Record<string, string>, rows: readonly object[]): Promise<void> {
  const names = Object.keys(columns);
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const arrays = names.map((c) => sql`${chunk.map((r) => (r as Record<string, unknown>)[c] ?? null)}::${sql.raw(columns[c]!)}[]`);
    await sql`insert into ${sql.table(table)} (${sql.join(names.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(ctx.trx);
  }
}

async function nextIds(ctx: DemoContext, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await sql<{ id: string }>`select nextval(pg_get_serial_sequence(${table}, 'id')) as id from generate_series(1, ${n})`.execute(ctx.trx);
  return rows.map((r) => Number(r.id));
}

export async function insertRecords(ctx: DemoContext, drafts: CaseDraft[], r: CaseRecords): Promise<void> {
  const caseRows = drafts.map((d) => {
    const last = d.steps[d.steps.length - 1]!;
    const closing = last.to === 'closed' ? last : null;
    return {
      id: d.id,
      case_no: d.caseNo,
      title: d.title.slice(0, 200),
      summary: d.summary.slice(0, 5000),
      source: d.source,
      source_incident_id: d.sourceIncidentId,
      source_cluster_id: d.sourceClusterId,
      source_note: d.sourceNote?.slice(0, 2000) ?? null,
      dispute_type: d.disputeType,
      risk_domain: d.riskDomain,
      stage: last.to,
      resolution: closing?.resolution ?? null,
      stage_entered_at: new Date(last.at),
      stage_due_at: d.dueAt === null ? null : new Date(d.dueAt),
      officer_user_id: d.officer.id,
      leader_user_id: d.leader?.id ?? null,
      address_id: d.addressId,
      address_text: d.addressText,
      lat: d.lat,
      lon: d.lon,
      jurisdiction_id: d.jurisdictionId,
      result: closing?.reason ?? null,
      reopened_count: d.steps.filter((s) => s.action === 'reopen').length,
      closed_at: closing ? new Date(closing.at) : null,
      created_by: d.officer.id,
      created_at: new Date(d.openedAt),
      updated_at: new Date(last.at),
    };
  });
  await bulk(ctx, 'dispute_cases', {
    id: 'bigint', case_no: 'text', title: 'text', summary: 'text', source: 'text', source_incident_id: 'bigint', source_cluster_id: 'bigint', source_note: 'text', dispute_type: 'text', risk_domain: 'text',
    stage: 'text', resolution: 'text', stage_entered_at: 'timestamptz', stage_due_at: 'timestamptz', officer_user_id: 'int', leader_user_id: 'int', address_id: 'bigint', address_text: 'text', lat: 'float8', lon: 'float8',
    jurisdiction_id: 'int', result: 'text', reopened_count: 'int', closed_at: 'timestamptz', created_by: 'int', created_at: 'timestamptz', updated_at: 'timestamptz',
  }, caseRows);
  const links = drafts.flatMap((d) => d.incidents.map((i) => ({ case_id: d.id, incident_id: i.id, reason: i.reason, linked_by: d.officer.id, linked_at: new Date(i.at) })));
  await bulk(ctx, 'case_incidents', { case_id: 'bigint', incident_id: 'bigint', reason: 'text', linked_by: 'int', linked_at: 'timestamptz' }, links);
  const events = drafts.flatMap((d) => d.steps.map((s) => ({ case_id: d.id, action: s.action, from_stage: s.from, to_stage: s.to, resolution: s.resolution, reason: s.reason?.slice(0, 2000) ?? null, actor_user_id: s.actor.id, actor_name: s.actor.displayName, at: new Date(s.at) })));
  await bulk(ctx, 'case_events', { case_id: 'bigint', action: 'text', from_stage: 'text', to_stage: 'text', resolution: 'text', reason: 'text', actor_user_id: 'int', actor_name: 'text', at: 'timestamptz' }, events);
  const parties = drafts.flatMap((d) => d.parties.map((p) => ({ case_id: d.id, side: p.side, name: p.name.slice(0, 50), phone: p.phone, person_id: p.personId, claims: p.claims.slice(0, 5000), created_at: new Date(d.openedAt) })));
  await bulk(ctx, 'case_parties', { case_id: 'bigint', side: 'text', name: 'text', phone: 'text', person_id: 'bigint', claims: 'text', created_at: 'timestamptz' }, parties);
  // A party who is a person of the county carries the person's sealed identity number, as intake seals it.
  await sql`update case_parties cp set id_number_enc = p.id_number_enc, id_number_hash = p.id_number_hash, id_number_masked = p.id_number_masked from persons p where p.id = cp.person_id and cp.id_number_hash is null`.execute(ctx.trx);

  const sessionIds = await nextIds(ctx, 'mediation_sessions', r.sessions.length);
  const sessions = r.sessions.map((s, i) => ({ id: sessionIds[i]!, case_id: s.caseId, held_at: new Date(s.heldAt), place: s.place.slice(0, 200), attendees: s.attendees.slice(0, 2000), record: s.record, outcome: s.outcome, created_by: s.createdBy, created_at: new Date(s.heldAt + 90 * MIN) }));
  await bulk(ctx, 'mediation_sessions', { id: 'bigint', case_id: 'bigint', held_at: 'timestamptz', place: 'text', attendees: 'text', record: 'text', outcome: 'text', created_by: 'int', created_at: 'timestamptz' }, sessions);
  const mediators = r.sessions.flatMap((s, i) => {
    const seen = new Set<string>();
    return s.mediators.filter((m) => !seen.has(`${m.force}:${m.name}`) && seen.add(`${m.force}:${m.name}`)).map((m) => ({ session_id: sessionIds[i]!, force: m.force, name: m.name, user_id: m.userId }));
  });
  await bulk(ctx, 'mediation_session_mediators', { session_id: 'bigint', force: 'text', name: 'text', user_id: 'int' }, mediators);

  // Numbered per series and year in the order sent, as the transfers module numbers them.
  const transfers = [...r.transfers].sort((a, b) => a.sentAt - b.sentAt);
  const transferIds = await nextIds(ctx, 'case_transfers', transfers.length);
  const serial = new Map<string, number>();
  const next = (series: string) => {
    serial.set(series, (serial.get(series) ?? 0) + 1);
    return serial.get(series)!;
  };
  transfers.forEach((t, i) => {
    t.id = transferIds[i]!;
    const prefix = `枫${KIND_SERIES[t.kind]}〔${bjYear(t.sentAt)}〕`;
    t.docNo = `${prefix}${next(prefix)}号`;
  });
  const transferRows = transfers.map((t) => {
    const partner = ctx.county.users.find((u) => u.role === 'partner' && u.departmentId === t.department.id) ?? null;
    return {
      id: t.id,
      case_id: t.draft.id,
      kind: t.kind,
      doc_no: t.docNo,
      department_id: t.department.id,
      note: t.note,
      status: t.status,
      sent_by: t.draft.officer.id,
      sent_at: new Date(t.sentAt),
      ack_due_at: new Date(t.ackDueAt),
      due_at: new Date(t.dueAt),
      responded_at: t.respondedAt === null ? null : new Date(t.respondedAt),
      responded_by: t.respondedAt === null ? null : (partner?.id ?? null),
      reject_reason: t.rejectReason,
      result: t.result,
      finished_at: t.finishedAt === null ? null : new Date(t.finishedAt),
    };
  });
  await bulk(ctx, 'case_transfers', {
    id: 'bigint', case_id: 'bigint', kind: 'text', doc_no: 'text', department_id: 'int', note: 'text', status: 'text', sent_by: 'int', sent_at: 'timestamptz', ack_due_at: 'timestamptz', due_at: 'timestamptz',
    responded_at: 'timestamptz', responded_by: 'int', reject_reason: 'text', result: 'text', finished_at: 'timestamptz',
  }, transferRows);
  const updates = transfers.flatMap((t) => {
    const partner = ctx.county.users.find((u) => u.role === 'partner' && u.departmentId === t.department.id) ?? null;
    return t.updates.map((u) => ({ transfer_id: t.id, kind: u.kind, note: u.note, actor_user_id: partner?.id ?? null, actor_name: partner?.displayName ?? t.department.name, at: new Date(u.at) }));
  });
  await bulk(ctx, 'case_transfer_updates', { transfer_id: 'bigint', kind: 'text', note: 'text', actor_user_id: 'int', actor_name: 'text', at: 'timestamptz' }, updates);
  const agreements = [...r.agreements].sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  const agreementIds = await nextIds(ctx, 'case_agreements', agreements.length);
  agreements.forEach((a, i) => {
    a.id = agreementIds[i]!;
    const prefix = `枫调协〔${bjYear(a.created_at.getTime())}〕`;
    a.agreement_no = `${prefix}${next(prefix)}号`;
  });
  await bulk(ctx, 'case_agreements', {
    id: 'bigint', case_id: 'bigint', agreement_no: 'text', facts: 'text', issues: 'text', responsibilities: 'text', terms: 'text', performance: 'text', mediator_names: 'text', signature_status: 'text', signed_on: 'date',
    judicial_confirmation: 'boolean', judicial_deadline: 'date', judicial_applied_on: 'date', created_by: 'int', created_at: 'timestamptz', updated_at: 'timestamptz',
  }, agreements);
  const followupIds = await nextIds(ctx, 'case_followups', r.followups.length);
  r.followups.forEach((f, i) => (f.id = followupIds[i]!));
  await bulk(ctx, 'case_followups', { id: 'bigint', case_id: 'bigint', kind: 'text', due_on: 'date', assigned_user_id: 'int', done_at: 'timestamptz', done_by: 'int', finding: 'text', relapse: 'boolean', relapse_incident_id: 'bigint', created_at: 'timestamptz' }, r.followups);
  await bulk(ctx, 'person_relations', { person_id: 'bigint', related_person_id: 'bigint', name: 'text', relation: 'text', same_household: 'boolean', phone: 'text', note: 'text', created_by: 'int', created_at: 'timestamptz' }, r.relations);
  await bulk(ctx, 'prevention_education', { person_id: 'bigint', case_id: 'bigint', topic: 'text', delivered_on: 'date', delivered_by_user_id: 'int', delivered_by_name: 'text', note: 'text', created_at: 'timestamptz' }, r.education);
  await bulk(ctx, 'notifications', { user_id: 'int', kind: 'text', title: 'text', body: 'text', link: 'text', entity_type: 'text', entity_id: 'text', dedupe_key: 'text', created_at: 'timestamptz', read_at: 'timestamptz' }, r.notifications());
}
