import { sql } from 'kysely';
import type { TeamKind, TrainingTopic, VolunteerRole } from '../app/db/schema.js';
import type { DemoContext, DemoStation } from './context.js';
import { mobile, personName } from './names.js';
import type { Random } from './random.js';

// Mass-prevention registry (群防群治) of the demo county: per station a handful of teams of the
// seed kinds (快乐小哥 couriers, 美丽环卫 sanitation, 平安的哥 taxi drivers, 雪场精灵 near the hills of
// 西岭, 红袖章 at the night market, 巾帼 women's team, 警保联动 guards of a unit), a few hundred members
// with roles, skills and last known positions near their area, training courses with completions,
// three months of point entries and the last months' rewards. Every volunteer account (demo-volunteer,
// cg1-vol2 …) gets its member record; demo-grid is a grid worker and needs none.

const DAY = 86_400_000;
/** Seeded history is marked with this entity type: the points came from before the app. */
export const DEMO_POINTS_ENTITY = 'demo_history';

interface TeamPlan {
  kind: TeamKind;
  name: (station: DemoStation, area: string) => string;
  leader: boolean;
}
const COMMON: TeamPlan[] = [
  { kind: 'courier', name: (s) => `${s.unit.name.replace('派出所', '')}快乐小哥`, leader: true },
  { kind: 'sanitation', name: (s) => `${s.unit.name.replace('派出所', '')}美丽环卫`, leader: true },
  { kind: 'taxi', name: (s) => `${s.unit.name.replace('派出所', '')}平安的哥`, leader: true },
  { kind: 'women', name: (_s, area) => `${area}巾帼志愿队`, leader: true },
  { kind: 'security_guard', name: (s) => `${s.unit.name.replace('派出所', '')}警保联动队`, leader: true },
];
function plansFor(station: DemoStation, index: number): TeamPlan[] {
  const plans = [...COMMON];
  // The town centre has the night market and the ride-hailing drivers; the hills have the ski resort.
  if (index === 0) plans.push({ kind: 'red_armband', name: () => '夜市红袖章', leader: true }, { kind: 'ride_hailing', name: (s) => `${s.unit.name.replace('派出所', '')}网约车志愿队`, leader: false });
  if (station.short === 'xl' || index === 2) plans.push({ kind: 'ski_resort', name: () => '西岭雪场精灵', leader: true });
  if (index === 1) plans.push({ kind: 'red_armband', name: () => '湖滨红袖章', leader: true });
  return plans;
}

const SKILLS = ['急救', '驾驶', '普法', '调解', '摄影', '手语', '电工', '心理疏导', '消防', '外语', '无人机', '方言翻译'];
const ROLE_WEIGHTS: [VolunteerRole, number][] = [
  ['info', 45],
  ['persuader', 25],
  ['warmth', 20],
  ['mediator', 10],
];
const COURSES: { topic: TrainingTopic; title: string; hours: number }[] = [
  { topic: 'law', title: '普法宣传：反电诈进社区', hours: 2 },
  { topic: 'intel', title: '信息收集：线索上报要点', hours: 1.5 },
  { topic: 'mediation', title: '矛盾调解：邻里纠纷化解', hours: 3 },
  { topic: 'rescue', title: '紧急救助：心肺复苏与止血', hours: 4 },
];
/** Rules the seeded history draws from, with how often each happens. */
const HISTORY_RULES: [string, number][] = [
  ['patrol_checkin', 40],
  ['broadcast_ack', 20],
  ['tip_submitted', 15],
  ['task_completed', 12],
  ['guard_attendance', 10],
  ['tip_accepted', 3],
];

function weighted<T>(rng: Random, options: [T, number][]): T {
  let r = rng.next() * options.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of options) {
    r -= w;
    if (r < 0) return value;
  }
  return options[options.length - 1]![0];
}
const isoDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const monthOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

async function chunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function seedVolunteers(ctx: DemoContext): Promise<void> {
  const rng = ctx.rng.fork('volunteers');
  const { trx, today } = ctx;
  const rules = new Map((await trx.selectFrom('point_rules').select(['code', 'points']).execute()).map((r) => [r.code, r.points]));
  const membersPerArea = 48 * ctx.scale;

  interface MemberDraft {
    user_id: number | null;
    name: string;
    phone: string | null;
    team_id: number | null;
    role: VolunteerRole;
    skills: string[];
    jurisdiction_id: number;
    status: 'active' | 'paused' | 'left';
    joined_on: string;
    last_lat: number | null;
    last_lon: number | null;
    last_located_at: Date | null;
    stationIndex: number;
  }
  const members: MemberDraft[] = [];
  const stationTeams: { id: number; kind: TeamKind }[][] = [];

  for (const [si, station] of ctx.county.stations.entries()) {
    const unit = await trx
      .selectFrom('units as u')
      .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
      .select(['u.id', 'u.name'])
      .where('j.path', 'like', `${station.unit.path}%`)
      .orderBy('u.employees', (ob) => ob.desc().nullsLast())
      .orderBy('u.id')
      .executeTakeFirst();
    const plans = plansFor(station, si).filter((p) => p.kind !== 'security_guard' || unit);
    const teamRows = plans.map((p, pi) => {
      const area = station.areas[pi % station.areas.length]!;
      return {
        name: p.name(station, area.unit.name),
        kind: p.kind,
        jurisdiction_id: area.unit.id,
        unit_id: p.kind === 'security_guard' ? unit!.id : null,
        leader_name: p.leader ? personName(rng) : null,
        phone: p.leader ? mobile(rng) : null,
        note: p.kind === 'security_guard' ? `${unit!.name}保安员，警保联动` : p.kind === 'red_armband' ? '夜市每晚 18:00–23:00 巡逻' : null,
      };
    });
    const teams = await trx.insertInto('volunteer_teams').values(teamRows).returning(['id', 'kind', 'jurisdiction_id']).execute();
    stationTeams.push(teams);

    const accounts = ctx.county.users.filter((u) => u.role === 'volunteer' && station.areas.some((a) => a.unit.id === u.jurisdictionId));
    for (const area of station.areas) {
      const center = area.unit.center ?? station.unit.center;
      const places = [area.unit.id, ...area.grids.map((g) => g.id)];
      const own = accounts.filter((u) => u.jurisdictionId === area.unit.id);
      for (let k = 0; k < membersPerArea + own.length; k++) {
        const account = k < own.length ? own[k]! : null;
        const status = account ? 'active' : weighted<MemberDraft['status']>(rng, [['active', 88], ['paused', 8], ['left', 4]]);
        const located = center && status === 'active' && (account || rng.chance(0.8));
        const nearTeams = teams.filter((t) => t.jurisdiction_id === area.unit.id);
        const team = account ? (nearTeams[0] ?? teams[0]!) : rng.chance(0.85) ? (rng.chance(0.6) && nearTeams.length > 0 ? rng.pick(nearTeams) : rng.pick(teams)) : null;
        members.push({
          user_id: account?.id ?? null,
          name: account?.displayName ?? personName(rng),
          phone: mobile(rng),
          team_id: team?.id ?? null,
          role: weighted(rng, ROLE_WEIGHTS),
          skills: rng.shuffle(SKILLS).slice(0, rng.int(0, 3)),
          jurisdiction_id: account ? area.unit.id : rng.pick(places),
          status,
          joined_on: isoDay(new Date(today.getTime() - rng.int(30, 1100) * DAY)),
          last_lat: located ? center.lat + rng.float(-0.006, 0.006) : null,
          last_lon: located ? center.lon + rng.float(-0.008, 0.008) : null,
          last_located_at: located ? new Date(today.getTime() - rng.float(0.05, 6) * DAY) : null,
          stationIndex: si,
        });
      }
    }
  }

  const ids: number[] = [];
  await chunks(members, 2000, async (chunk) => {
    const rows = await trx
      .insertInto('volunteers')
      .values(chunk.map(({ stationIndex: _s, ...m }) => m))
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
  });

  // Training: each station holds one course per topic over the last three months.
  interface EntryDraft {
    volunteer_id: number;
    rule_code: string;
    points: number;
    entity_type: string;
    entity_id: string;
    at: Date;
  }
  const entries: EntryDraft[] = [];
  const completions: { course_id: number; volunteer_id: number; completed_on: string }[] = [];
  const chiefOf = (si: number) => ctx.county.users.find((u) => u.role === 'chief' && u.jurisdictionId === ctx.county.stations[si]!.unit.id)?.id ?? null;
  for (const [si, station] of ctx.county.stations.entries()) {
    const mine = members.map((m, i) => ({ m, id: ids[i]! })).filter((x) => x.m.stationIndex === si && x.m.status !== 'left');
    const courses = await trx
      .insertInto('training_courses')
      .values(COURSES.map((c, ci) => ({ topic: c.topic, title: c.title, hours: c.hours, held_on: isoDay(new Date(today.getTime() - (80 - ci * 20 - rng.int(0, 6)) * DAY)), jurisdiction_id: station.unit.id, created_by: chiefOf(si) })))
      .returning(['id', 'held_on'])
      .execute();
    for (const course of courses) {
      for (const x of mine) {
        if (!rng.chance(0.35)) continue;
        completions.push({ course_id: course.id, volunteer_id: x.id, completed_on: course.held_on });
        entries.push({ volunteer_id: x.id, rule_code: 'training_completed', points: rules.get('training_completed') ?? 0, entity_type: 'training_course', entity_id: String(course.id), at: new Date(`${course.held_on}T10:00:00+08:00`) });
      }
    }
  }
  await chunks(completions, 5000, (chunk) => trx.insertInto('training_completions').values(chunk).execute());

  // Three months of points from patrols, broadcasts, tips, tasks and guard posts.
  let serial = 0;
  for (const [i, m] of members.entries()) {
    if (m.status === 'left') continue;
    const n = m.user_id ? rng.int(8, 14) : rng.int(0, 12);
    for (let k = 0; k < n; k++) {
      const rule = weighted(rng, HISTORY_RULES);
      // An account holder's phone shows points this month too: their first few entries are recent.
      const daysAgo = m.user_id && k < 3 ? rng.float(0.05, Math.max(0.1, Number(isoDay(today).slice(8, 10)) - 1)) : rng.float(0.1, 90);
      entries.push({ volunteer_id: ids[i]!, rule_code: rule, points: rules.get(rule) ?? 0, entity_type: DEMO_POINTS_ENTITY, entity_id: String(++serial), at: new Date(today.getTime() - daysAgo * DAY) });
    }
  }
  await chunks(entries, 5000, (chunk) => trx.insertInto('point_entries').values(chunk).execute());

  // Rewards for the last two full months: the station's best person and best team.
  const rewards: { volunteer_id: number | null; team_id: number | null; month: string; title: string; note: string | null; awarded_by: number | null; awarded_at: Date }[] = [];
  for (const back of [1, 2]) {
    const d = new Date(today.getTime() + 8 * 3_600_000);
    const month = monthOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 15)));
    for (const [si, station] of ctx.county.stations.entries()) {
      const { rows: best } = await sql<{ id: number; team_id: number | null }>`
        select v.id, v.team_id from point_entries pe join volunteers v on v.id = pe.volunteer_id join jurisdictions j on j.id = v.jurisdiction_id
        where j.path like ${`${station.unit.path}%`} and to_char(pe.at at time zone 'Asia/Shanghai', 'YYYY-MM') = ${month}
        group by v.id, v.team_id order by sum(pe.points) desc, v.id limit 1`.execute(trx);
      const { rows: bestTeam } = await sql<{ id: number }>`
        select v.team_id as id from point_entries pe join volunteers v on v.id = pe.volunteer_id join volunteer_teams t on t.id = v.team_id join jurisdictions j on j.id = t.jurisdiction_id
        where j.path like ${`${station.unit.path}%`} and to_char(pe.at at time zone 'Asia/Shanghai', 'YYYY-MM') = ${month}
        group by v.team_id order by sum(pe.points) desc, v.team_id limit 1`.execute(trx);
      const awardedAt = new Date(`${month}-01T09:00:00+08:00`);
      awardedAt.setUTCMonth(awardedAt.getUTCMonth() + 1);
      if (best[0]) rewards.push({ volunteer_id: best[0].id, team_id: null, month, title: '月度平安之星', note: '积分排名第一', awarded_by: chiefOf(si), awarded_at: awardedAt });
      if (bestTeam[0]) rewards.push({ volunteer_id: null, team_id: bestTeam[0].id, month, title: '月度优秀队伍', note: null, awarded_by: chiefOf(si), awarded_at: awardedAt });
    }
  }
  if (rewards.length > 0) await trx.insertInto('rewards').values(rewards).execute();
}
