import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db.js';

// The demo county's dispute cases, read from the demo template as `npm start` builds it.

let t: TestDatabase;
let builtAt: Date;
/** The build day in Beijing: what "today" is for the demo's due and overdue states. */
let today: string;

beforeAll(async () => {
  t = await createTestDatabase({ template: 'demo' });
  const demo = await t.db.selectFrom('app_settings').select('value').where('key', '=', 'demo').executeTakeFirstOrThrow();
  const value = (typeof demo.value === 'string' ? JSON.parse(demo.value) : demo.value) as { builtAt: string };
  builtAt = new Date(value.builtAt);
  today = new Date(builtAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
});
afterAll(async () => {
  await t.drop();
});

async function rows<T>(query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(t.db)).rows;
}
async function one<T>(query: RawBuilder<T>): Promise<T> {
  return (await rows(query))[0]!;
}
const userId = async (username: string) => (await t.db.selectFrom('users').select(['id', 'department_id']).where('username', '=', username).executeTakeFirstOrThrow());

describe('demo dispute cases', () => {
  it('hold every stage, every resolution, every source and all 15 dispute types, some open cases overdue and some reopened', async () => {
    const stages = await rows<{ stage: string; n: number; overdue: number }>(sql`
      select s.code as stage, count(c.id)::int as n, count(c.id) filter (where c.stage_due_at < ${builtAt})::int as overdue
      from case_stages s left join dispute_cases c on c.stage = s.code group by s.code`);
    for (const s of stages) expect(s.n, s.stage).toBeGreaterThan(0);
    const overdueStages = stages.filter((s) => s.stage !== 'closed' && s.overdue > 0);
    expect(overdueStages.length).toBeGreaterThanOrEqual(5);
    const resolutions = await rows<{ code: string; n: number }>(sql`select r.code, count(c.id)::int as n from case_resolutions r left join dispute_cases c on c.resolution = r.code and c.stage = 'closed' group by r.code`);
    for (const r of resolutions) expect(r.n, r.code).toBeGreaterThan(0);
    const sources = await rows<{ source: string; n: number }>(sql`select source, count(*)::int as n from dispute_cases group by 1`);
    expect(sources.map((s) => s.source).sort()).toEqual(['cluster', 'direct', 'incident', 'tip', 'visit']);
    // Most cases come from incidents.
    const total = sources.reduce((a, s) => a + s.n, 0);
    expect(sources.find((s) => s.source === 'incident')!.n / total).toBeGreaterThan(0.6);
    const types = await rows<{ code: string; n: number }>(sql`select d.code, count(c.id)::int as n from mediation_dispute_types d left join dispute_cases c on c.dispute_type = d.code group by d.code`);
    expect(types).toHaveLength(15);
    for (const ty of types) expect(ty.n, ty.code).toBeGreaterThan(0);
    // A plausible mix: family and neighbour quarrels lead.
    const top = [...types].sort((a, b) => b.n - a.n).slice(0, 3).map((x) => x.code);
    expect(top).toEqual(expect.arrayContaining(['marriage_family', 'neighbour']));
    const reopened = await one<{ n: number }>(sql`select count(*)::int as n from dispute_cases where reopened_count >= 1`);
    expect(reopened.n).toBeGreaterThan(0);
  });

  it('are numbered JF + year + six digits from the case-number sequence, with officer, leader and place', async () => {
    const cases = await t.db.selectFrom('dispute_cases').select(['case_no', 'created_at', 'officer_user_id', 'leader_user_id', 'risk_domain', 'jurisdiction_id']).execute();
    for (const c of cases) {
      expect(c.case_no).toMatch(/^JF\d{10}$/);
      expect(Number(c.case_no.slice(2, 6))).toBe(new Date(c.created_at.getTime() + 8 * 3_600_000).getUTCFullYear());
    }
    expect(new Set(cases.map((c) => c.case_no)).size).toBe(cases.length);
    const seq = await one<{ last_value: string }>(sql`select last_value from dispute_case_no_seq`);
    expect(Number(seq.last_value)).toBe(Math.max(...cases.map((c) => Number(c.case_no.slice(6)))));
    // The officer is an officer or auxiliary of the case's station, the leader its chief.
    const [bad] = await rows<{ officers: number; leaders: number; domains: number }>(sql`
      select count(*) filter (where o.role not in ('officer', 'auxiliary')
                              or not exists (select 1 from jurisdictions s where s.kind = 'station' and jc.path like s.path || '%' and jo.path like s.path || '%'))::int as officers,
             count(*) filter (where l.role <> 'chief' or not exists (select 1 from jurisdictions s where s.id = l.jurisdiction_id and jc.path like s.path || '%'))::int as leaders,
             count(*) filter (where c.risk_domain is null)::int as domains
      from dispute_cases c join jurisdictions jc on jc.id = c.jurisdiction_id join users o on o.id = c.officer_user_id join jurisdictions jo on jo.id = o.jurisdiction_id join users l on l.id = c.leader_user_id`);
    expect(bad).toEqual({ officers: 0, leaders: 0, domains: 0 });
  });

  it('have stage histories the rules allow, in time order, ending in the case’s stage, with the deadline the rules set', async () => {
    const [bad] = await rows<{ illegal: number; first: number; last: number; order: number; reasons: number; closings: number; reopens: number; due: number }>(sql`
      with ev as (select e.*, row_number() over (partition by case_id order by at, id) as k, count(*) over (partition by case_id) as n,
                         lag(at) over (partition by case_id order by at, id) as prev_at, lag(to_stage) over (partition by case_id order by at, id) as prev_to from case_events e)
      select
        (select count(*) from ev where not (ev.k = 1 and ev.from_stage is null and ev.to_stage = 'registered' and ev.action = 'open')
           and not exists (select 1 from case_transitions tr where tr.from_stage = ev.from_stage and tr.to_stage = ev.to_stage and tr.action = ev.action))::int as illegal,
        (select count(*) from dispute_cases c where not exists (select 1 from ev where ev.case_id = c.id and ev.k = 1 and ev.action = 'open' and ev.at = c.created_at))::int as first,
        (select count(*) from dispute_cases c join ev on ev.case_id = c.id and ev.k = ev.n where ev.to_stage <> c.stage or ev.at <> c.stage_entered_at)::int as last,
        (select count(*) from ev where ev.k > 1 and (ev.at < ev.prev_at or ev.from_stage is distinct from ev.prev_to))::int as "order",
        (select count(*) from ev join case_transitions tr on tr.from_stage = ev.from_stage and tr.to_stage = ev.to_stage where tr.reason_required and coalesce(ev.reason, '') = '')::int as reasons,
        (select count(*) from dispute_cases c where (c.stage = 'closed') <> (c.closed_at is not null and c.resolution is not null and c.result is not null)
           or (c.stage = 'closed' and not exists (select 1 from ev where ev.case_id = c.id and ev.k = ev.n and ev.resolution = c.resolution and ev.at = c.closed_at)))::int as closings,
        (select count(*) from dispute_cases c where c.reopened_count <> (select count(*) from case_events e where e.case_id = c.id and e.action = 'reopen'))::int as reopens,
        (select count(*) from dispute_cases c where (c.stage = 'closed') <> (c.stage_due_at is null) or c.stage_due_at <= c.stage_entered_at)::int as due`);
    expect(bad).toEqual({ illegal: 0, first: 0, last: 0, order: 0, reasons: 0, closings: 0, reopens: 0, due: 0 });
    // Police mediation straight from registration is due in 3 working days (at most 5 calendar days), from assessment in 10 (at least 12).
    const [m] = await rows<{ fast: number; slow: number }>(sql`
      select max(extract(epoch from c.stage_due_at - c.stage_entered_at) / 86400) filter (where e.from_stage = 'registered')::float as fast,
             min(extract(epoch from c.stage_due_at - c.stage_entered_at) / 86400) filter (where e.from_stage = 'assessing')::float as slow
      from dispute_cases c join lateral (select from_stage from case_events where case_id = c.id order by at desc, id desc limit 1) e on true where c.stage = 'mediating'`);
    if (m!.fast !== null) expect(m!.fast).toBeLessThanOrEqual(5);
    if (m!.slow !== null) expect(m!.slow).toBeGreaterThanOrEqual(12);
  });

  it('come from incidents as intake leaves them: the outcome points at the case, address and point copied, later quarrels linked', async () => {
    const [bad] = await rows<{ pointers: number; sources: number; places: number; outcomes: number }>(sql`
      select
        (select count(*) from incidents i where (i.outcome = 'dispute_case') <> (i.dispute_case_id is not null)
           or (i.dispute_case_id is not null and not exists (select 1 from case_incidents ci where ci.case_id = i.dispute_case_id and ci.incident_id = i.id)))::int as pointers,
        (select count(*) from dispute_cases c where c.source = 'incident' and not exists (select 1 from case_incidents ci where ci.case_id = c.id and ci.incident_id = c.source_incident_id and ci.reason = 'source'))::int as sources,
        (select count(*) from dispute_cases c join incidents i on i.id = c.source_incident_id
           where c.address_id is distinct from i.address_id or c.lat is distinct from i.lat or c.lon is distinct from i.lon or c.jurisdiction_id <> i.jurisdiction_id)::int as places,
        (select count(*) from dispute_cases c join incidents i on i.id = c.source_incident_id where i.outcome <> 'dispute_case' or i.dispute_case_id <> c.id or c.created_at < i.received_at)::int as outcomes`);
    expect(bad).toEqual({ pointers: 0, sources: 0, places: 0, outcomes: 0 });
    const reasons = await rows<{ reason: string }>(sql`select distinct reason from case_incidents order by 1`);
    expect(reasons.map((r) => r.reason)).toEqual(['linked', 'relapse', 'source']);
    const clusters = await one<{ n: number; bad: number }>(sql`
      select count(*)::int as n, count(*) filter (where not exists (select 1 from repeat_cluster_incidents rc join case_incidents ci on ci.incident_id = rc.incident_id and ci.case_id = c.id where rc.cluster_id = c.source_cluster_id))::int as bad
      from dispute_cases c where c.source = 'cluster'`);
    expect(clusters.n).toBeGreaterThan(0);
    expect(clusters.bad).toBe(0);
  });

  it('name an applicant and a respondent with claims; parties who are people carry their sealed identity', async () => {
    const [shape] = await rows<{ bad: number; claims: number }>(sql`
      select count(*) filter (where n < 2 or n > 3 or applicants <> 1 or respondents <> 1)::int as bad, sum(no_claims)::int as claims
      from (select case_id, count(*) as n, count(*) filter (where side = 'applicant') as applicants, count(*) filter (where side = 'respondent') as respondents,
                   count(*) filter (where claims !~ '[一-龥]{4}') as no_claims from case_parties group by case_id) x`);
    expect(shape).toEqual({ bad: 0, claims: 0 });
    const [ids] = await rows<{ linked: number; sealed: number; mismatched: number }>(sql`
      select count(*)::int as linked, count(cp.id_number_masked)::int as sealed,
             count(*) filter (where cp.id_number_masked is distinct from p.id_number_masked or cp.id_number_hash is distinct from p.id_number_hash or cp.id_number_enc is distinct from p.id_number_enc)::int as mismatched
      from case_parties cp join persons p on p.id = cp.person_id`);
    expect(ids!.linked).toBeGreaterThan(100);
    expect(ids!.sealed).toBeGreaterThan(0);
    expect(ids!.mismatched).toBe(0);
    // Parties linked on the source incident stay linked on the case.
    const lost = await one<{ n: number }>(sql`
      select count(*)::int as n from dispute_cases c join incident_parties ip on ip.incident_id = c.source_incident_id and ip.role = 'caller' and ip.person_id is not null
      where c.source = 'incident' and not exists (select 1 from case_parties cp where cp.case_id = c.id and cp.person_id = ip.person_id)`);
    expect(lost.n).toBe(0);
  });

  it('record mediation sessions with mediators of the four forces, the demo mediator among them', async () => {
    const forces = await rows<{ force: string; n: number }>(sql`select force, count(*)::int as n from mediation_session_mediators group by 1 order by 1`);
    expect(forces.map((f) => f.force)).toEqual(['grid', 'judicial', 'police_room', 'town']);
    const outcomes = await rows<{ outcome: string }>(sql`select distinct outcome from mediation_sessions order by 1`);
    expect(outcomes.map((o) => o.outcome)).toEqual(['adjourned', 'agreed', 'failed', 'partial']);
    const mediator = await userId('demo-mediator');
    const mine = await one<{ n: number }>(sql`select count(*)::int as n from mediation_session_mediators where user_id = ${mediator.id}`);
    expect(mine.n).toBeGreaterThan(0);
    const [bad] = await rows<{ lonely: number; outside: number; texts: number }>(sql`
      select (select count(*) from mediation_sessions s where not exists (select 1 from mediation_session_mediators m where m.session_id = s.id))::int as lonely,
             (select count(*) from mediation_sessions s join dispute_cases c on c.id = s.case_id where s.held_at < c.created_at or s.held_at > ${builtAt})::int as outside,
             (select count(*) from mediation_sessions where record !~ '[一-龥]{6}' or length(record) < 20 or place = '')::int as texts`);
    expect(bad).toEqual({ lonely: 0, outside: 0, texts: 0 });
    // A case that reached an agreement by mediation has an agreed session.
    const missing = await one<{ n: number }>(sql`
      select count(*)::int as n from dispute_cases c where exists (select 1 from case_events e where e.case_id = c.id and e.to_stage = 'agreement')
        and not exists (select 1 from mediation_sessions s where s.case_id = c.id and s.outcome = 'agreed')`);
    expect(missing.n).toBe(0);
  });

  it('transfer cases (两书一函) of each kind in every status, to demo-partner’s department too, some late', async () => {
    const partner = await userId('demo-partner');
    const statuses = await rows<{ status: string; n: number; partner: number }>(sql`
      select status, count(*)::int as n, count(*) filter (where department_id = ${partner.department_id})::int as partner from case_transfers group by 1 order by 1`);
    expect(statuses.map((s) => s.status)).toEqual(['accepted', 'failed', 'rejected', 'resolved', 'sent']);
    for (const s of statuses) expect(s.partner, s.status).toBeGreaterThan(0);
    const kinds = await rows<{ kind: string }>(sql`select distinct kind from case_transfers order by 1`);
    expect(kinds.map((k) => k.kind)).toEqual(['gongdiao', 'liandiao', 'weituo']);
    const late = await one<{ unacknowledged: number; overdue: number; fresh: number }>(sql`
      select count(*) filter (where status = 'sent' and ack_due_at < ${builtAt})::int as unacknowledged,
             count(*) filter (where status = 'accepted' and due_at < ${builtAt})::int as overdue,
             count(*) filter (where status = 'sent' and ack_due_at > ${builtAt})::int as fresh
      from case_transfers where department_id = ${partner.department_id}`);
    expect(late.unacknowledged).toBeGreaterThan(0);
    expect(late.overdue).toBeGreaterThan(0);
    expect(late.fresh).toBeGreaterThan(0);
    const [bad] = await rows<{ answers: number; updates: number; order: number; docs: number }>(sql`
      select
        (select count(*) from case_transfers where (status = 'rejected') <> (reject_reason is not null) or (status in ('resolved', 'failed')) <> (finished_at is not null and result is not null)
           or (status = 'sent') <> (responded_at is null))::int as answers,
        (select count(*) from case_transfers t where (t.status <> 'sent' and not exists (select 1 from case_transfer_updates u where u.transfer_id = t.id and u.kind = (case t.status when 'resolved' then 'resolved' when 'failed' then 'failed' when 'rejected' then 'rejected' else 'accepted' end)))
           or (t.status = 'sent' and exists (select 1 from case_transfer_updates u where u.transfer_id = t.id)))::int as updates,
        (select count(*) from case_transfers t where t.ack_due_at <= t.sent_at or t.due_at <= t.ack_due_at or t.responded_at < t.sent_at or t.finished_at < t.responded_at or t.sent_at > ${builtAt})::int as "order",
        (select count(*) - count(distinct doc_no) from case_transfers)::int as docs`);
    expect(bad).toEqual({ answers: 0, updates: 0, order: 0, docs: 0 });
    // Every transfer belongs to a stay of its case in 'transferred'.
    const stray = await one<{ n: number }>(sql`select count(*)::int as n from case_transfers t where not exists (select 1 from case_events e where e.case_id = t.case_id and e.to_stage = 'transferred' and e.at <= t.sent_at)`);
    expect(stray.n).toBe(0);
  });

  it('draw up agreements with the content art. 29 requires, in every signature state, a judicial confirmation due within the week', async () => {
    const [bad] = await rows<{ missing: number; extra: number; content: number; deadlines: number }>(sql`
      select
        (select count(*) from dispute_cases c where exists (select 1 from case_events e where e.case_id = c.id and e.to_stage = 'agreement') and not exists (select 1 from case_agreements a where a.case_id = c.id))::int as missing,
        (select count(*) from case_agreements a where not exists (select 1 from case_events e where e.case_id = a.case_id and e.to_stage = 'agreement'))::int as extra,
        (select count(*) from case_agreements where facts !~ '[一-龥]{6}' or issues !~ '争议' or terms !~ '[一-龥]{6}' or length(terms) < 30 or performance !~ '日' or mediator_names = '')::int as content,
        (select count(*) from case_agreements where judicial_confirmation and (signed_on is null or judicial_deadline <> signed_on + 30))::int as deadlines`);
    expect(bad).toEqual({ missing: 0, extra: 0, content: 0, deadlines: 0 });
    const states = await rows<{ signature_status: string }>(sql`select distinct signature_status from case_agreements order by 1`);
    expect(states.map((s) => s.signature_status)).toEqual(['partly_signed', 'signed', 'unsigned']);
    const soon = await one<{ n: number }>(sql`select count(*)::int as n from case_agreements where judicial_confirmation and judicial_applied_on is null and judicial_deadline between ${today}::date and ${today}::date + 7`);
    expect(soon.n).toBeGreaterThan(0);
  });

  it('schedule 三访 after each closing: done with findings, demo-officer’s due today and overdue, a relapse that reopened its case', async () => {
    const officer = await userId('demo-officer');
    const mine = await one<{ due_today: number; overdue: number }>(sql`
      select count(*) filter (where due_on = ${today}::date)::int as due_today, count(*) filter (where due_on < ${today}::date)::int as overdue
      from case_followups where assigned_user_id = ${officer.id} and done_at is null`);
    expect(mine.due_today).toBeGreaterThan(0);
    expect(mine.overdue).toBeGreaterThan(0);
    const plan = await t.db.selectFrom('followup_plan').select(['kind', 'offset_days']).execute();
    const [bad] = await rows<{ unplanned: number; findings: number; missing: number; early: number }>(sql`
      select
        (select count(*) from case_followups f where not exists (select 1 from case_events e join followup_plan p on p.kind = f.kind
           where e.case_id = f.case_id and e.to_stage = 'closed' and e.at = f.created_at and f.due_on = (e.at at time zone 'Asia/Shanghai')::date + p.offset_days))::int as unplanned,
        (select count(*) from case_followups where (done_at is null) <> (finding is null) or (done_at is null) <> (done_by is null))::int as findings,
        (select count(*) from dispute_cases c where c.stage = 'closed' and (select count(*) from case_followups f where f.case_id = c.id and f.created_at = c.closed_at) <> ${plan.length})::int as missing,
        (select count(*) from case_followups where done_at > ${builtAt} or done_at < created_at)::int as early`);
    expect(bad).toEqual({ unplanned: 0, findings: 0, missing: 0, early: 0 });
    // Old visits are done: nothing overdue by more than two weeks.
    const stale = await one<{ n: number }>(sql`select count(*)::int as n from case_followups where done_at is null and due_on < ${today}::date - 14`);
    expect(stale.n).toBe(0);
    const relapses = await rows<{ case_id: number; relapse_incident_id: number | null; reopened_count: number; linked: boolean; after: boolean }>(sql`
      select f.case_id, f.relapse_incident_id, c.reopened_count,
             exists (select 1 from case_incidents ci where ci.case_id = f.case_id and ci.incident_id = f.relapse_incident_id and ci.reason = 'relapse') as linked,
             exists (select 1 from case_events e where e.case_id = f.case_id and e.action = 'reopen' and e.from_stage = 'closed' and e.at >= f.done_at) as after
      from case_followups f join dispute_cases c on c.id = f.case_id where f.relapse`);
    expect(relapses.length).toBeGreaterThan(0);
    for (const r of relapses) {
      expect(r.reopened_count).toBeGreaterThanOrEqual(1);
      expect(r.after).toBe(true);
      if (r.relapse_incident_id !== null) expect(r.linked).toBe(true);
    }
    expect(relapses.some((r) => r.relapse_incident_id !== null)).toBe(true);
  });

  it('keep a B file for parties who are people: household, relations and prevention education by officers', async () => {
    const [b] = await rows<{ household: number; social: number; strays: number; topics: number; by_officers: number; education: number }>(sql`
      select (select count(*) from person_relations where same_household and related_person_id is not null)::int as household,
             (select count(*) from person_relations where not same_household)::int as social,
             (select count(*) from person_relations r where not exists (select 1 from case_parties cp where cp.person_id = r.person_id))::int as strays,
             (select count(distinct topic) from prevention_education)::int as topics,
             (select count(*) from prevention_education e join users u on u.id = e.delivered_by_user_id where u.role in ('officer', 'auxiliary') and u.display_name = e.delivered_by_name)::int as by_officers,
             (select count(*) from prevention_education)::int as education`);
    expect(b!.household).toBeGreaterThan(50);
    expect(b!.social).toBeGreaterThan(50);
    expect(b!.strays).toBe(0);
    expect(b!.topics).toBe(4);
    expect(b!.by_officers).toBe(b!.education);
    const orphan = await one<{ n: number }>(sql`select count(*)::int as n from prevention_education e where not exists (select 1 from case_parties cp where cp.case_id = e.case_id and cp.person_id = e.person_id) or e.delivered_on > ${today}::date`);
    expect(orphan.n).toBe(0);
  });

  it('leave today’s reminders: transfer escalations for demo-chief, overdue stages and visits for demo-officer', async () => {
    const chief = await userId('demo-chief');
    const officer = await userId('demo-officer');
    const inbox = await rows<{ user_id: number; kind: string; unread: number }>(sql`
      select user_id, kind, count(*) filter (where read_at is null and (created_at at time zone 'Asia/Shanghai')::date = ${today}::date)::int as unread
      from notifications where user_id in (${chief.id}, ${officer.id}) group by 1, 2`);
    const unread = (user: number, kind: string) => inbox.find((r) => r.user_id === user && r.kind === kind)?.unread ?? 0;
    // Worded and keyed as the daily jobs do, so that the first run of a job that day adds nothing twice.
    expect(unread(chief.id, 'transfer_unacknowledged')).toBeGreaterThan(0);
    expect(unread(chief.id, 'transfer_overdue')).toBeGreaterThan(0);
    expect(unread(officer.id, 'case.stage_overdue')).toBeGreaterThan(0);
    expect(unread(officer.id, 'followup.due')).toBeGreaterThan(0);
    expect(unread(officer.id, 'followup.overdue')).toBeGreaterThan(0);
    expect(unread(officer.id, 'agreement_judicial')).toBeGreaterThan(0);
    const [bad] = await rows<{ transfers: number; stages: number; visits: number }>(sql`
      select
        (select count(*) from notifications n join case_transfers t on t.id::text = n.entity_id where n.entity_type = 'case_transfer'
           and (n.dedupe_key not like 'transfer:' || t.id || ':%' or not ((t.status = 'sent' and t.ack_due_at < ${builtAt}) or (t.status = 'accepted' and t.due_at < ${builtAt}))))::int as transfers,
        (select count(*) from notifications n join dispute_cases c on c.id::text = n.entity_id where n.kind = 'case.stage_overdue'
           and (c.stage = 'closed' or c.stage_due_at >= ${builtAt} or n.user_id <> c.officer_user_id or n.dedupe_key <> 'case.stage_overdue:' || c.id || ':' || ${today}))::int as stages,
        (select count(*) from notifications n join case_followups f on f.id::text = n.entity_id where n.entity_type = 'case_followup'
           and (f.done_at is not null or f.due_on > ${today}::date or n.user_id <> f.assigned_user_id))::int as visits`);
    expect(bad).toEqual({ transfers: 0, stages: 0, visits: 0 });
    const future = await one<{ n: number }>(sql`select count(*)::int as n from notifications where created_at > ${builtAt}`);
    expect(future.n).toBe(0);
  });

  it('come at a plausible rate per month and station, about 95 % of closed cases resolved', async () => {
    const months = await rows<{ month: string; n: number }>(sql`
      select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)::int as n from dispute_cases group by 1 order by 1`);
    expect(months.length).toBeGreaterThanOrEqual(24);
    // Whole months only (the first and the current are partial): 4 stations, about 5–15 cases a station a month.
    for (const m of months.slice(1, -1)) {
      expect(m.n, m.month).toBeGreaterThanOrEqual(10);
      expect(m.n, m.month).toBeLessThanOrEqual(90);
    }
    const stations = await rows<{ n: number }>(sql`
      select count(c.id)::int as n from jurisdictions s left join jurisdictions j on j.path like s.path || '%' left join dispute_cases c on c.jurisdiction_id = j.id where s.kind = 'station' group by s.id`);
    for (const s of stations) expect(s.n).toBeGreaterThan(50);
    const rate = await one<{ resolved: number; closed: number }>(sql`select count(*) filter (where resolution = 'resolved')::int as resolved, count(*)::int as closed from dispute_cases where stage = 'closed'`);
    expect(rate.resolved / rate.closed).toBeGreaterThan(0.9);
    expect(rate.resolved / rate.closed).toBeLessThan(0.99);
  });
});
