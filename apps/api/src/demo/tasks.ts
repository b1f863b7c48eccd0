import type { AssignmentStatus, TaskKind } from '../app/db/schema.js';
import type { DemoContext } from './context.js';
import type { Random } from './random.js';
import { recordDemoPhotos } from './tips.js';

// Tasks (派单), patrol plans and school guard posts (护学岗) of the demo county. Per area a month of
// tasks to volunteers and teams in every state (some overdue, some checked in off site);
// demo-volunteer holds one of each. Per station a staggered night-market foot patrol and a
// vehicle patrol of the main road in two bands, with two weeks of check-ins; per station two
// schools with a post each (the area officer and two volunteers) and two weeks of attendance,
// one post short at today's opening band.

const DAY = 86_400_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const isoDay = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10);
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
/** A point `metres` from `p` in a random direction. */
function near(rng: Random, p: { lat: number; lon: number }, metres: number) {
  const a = rng.float(0, 2 * Math.PI);
  return { lat: p.lat + (metres * Math.cos(a)) / 111_195, lon: p.lon + (metres * Math.sin(a)) / (111_195 * Math.cos((p.lat * Math.PI) / 180)) };
}

const TASKS: { kind: TaskKind; title: string; place: string }[] = [
  { kind: 'visit', title: '走访独居老人，了解近况', place: '3幢2单元' },
  { kind: 'visit', title: '回访矛盾纠纷当事人', place: '社区广场东侧' },
  { kind: 'hazard', title: '排查楼道电动车充电隐患', place: '7幢楼道' },
  { kind: 'hazard', title: '检查消防通道占用情况', place: '小区北门' },
  { kind: 'propaganda', title: '反诈宣传进菜市场', place: '菜市场北门' },
  { kind: 'propaganda', title: '发放防范电信诈骗宣传单', place: '快递驿站' },
  { kind: 'patrol', title: '夜间治安巡逻', place: '夜市路口' },
  { kind: 'patrol', title: '河边步道防溺水巡查', place: '河边步道' },
  { kind: 'event_security', title: '周末集市活动安保', place: '社区广场' },
];
const RECORDS = ['已上门，老人身体状况良好，留下联系电话', '已清理楼道杂物，告知住户不得在楼道充电', '发放宣传单 60 余份，现场讲解典型案例', '巡查未发现异常，路灯已报修', '活动期间秩序良好，无突发情况', '已劝离违停车辆，通道畅通'];
const DECLINES = ['当天在外地，无法到场', '身体不适', '家中有事，请安排其他队员'];

interface Assignee {
  id: number;
  user_id: number | null;
}

export async function seedTasks(ctx: DemoContext): Promise<void> {
  const rng = ctx.rng.fork('tasks');
  const { trx, today } = ctx;
  const now = today.getTime();
  const todayDay = isoDay(today);
  const volunteers = await trx.selectFrom('volunteers').select(['id', 'user_id', 'team_id', 'jurisdiction_id']).where('status', '=', 'active').orderBy('id').execute();
  if (volunteers.length === 0) return;
  const teams = await trx.selectFrom('volunteer_teams').select(['id', 'kind', 'jurisdiction_id']).where('archived_at', 'is', null).orderBy('id').execute();
  const rules = new Map((await trx.selectFrom('point_rules').select(['code', 'points']).execute()).map((r) => [r.code, r.points]));
  const points: { volunteer_id: number; rule_code: string; points: number; entity_type: string; entity_id: string; at: Date }[] = [];
  const demoUser = ctx.county.users.find((u) => u.username === 'demo-volunteer');
  const demoMember = demoUser ? volunteers.find((v) => v.user_id === demoUser.id) : undefined;
  const taskPhoto = (await recordDemoPhotos(trx)).get('task')!;

  /** One assignment's progress for a task whose window is [start, end]. */
  function progress(start: number, end: number, forced?: AssignmentStatus | 'overdue'): { status: AssignmentStatus; responded: number | null; checkin: number | null; completed: number | null } {
    const before = start - rng.float(1, 20) * HOUR;
    if (forced === 'assigned') return { status: 'assigned', responded: null, checkin: null, completed: null };
    if (forced === 'accepted' || forced === 'overdue') return { status: 'accepted', responded: Math.min(before, now - HOUR), checkin: null, completed: null };
    if (forced === 'declined') return { status: 'declined', responded: Math.min(before, now - HOUR), checkin: null, completed: null };
    if (forced === 'checked_in') return { status: 'checked_in', responded: Math.min(before, now - HOUR), checkin: Math.min(now - 5 * MINUTE, start + 10 * MINUTE), completed: null };
    if (forced === 'completed') return { status: 'completed', responded: before, checkin: start + rng.float(0, 0.3) * (end - start), completed: end - rng.float(0, 0.3) * (end - start) };
    if (start > now + 30 * MINUTE) return rng.chance(0.5) ? progress(start, end, 'assigned') : progress(start, end, 'accepted');
    if (end > now) return rng.chance(0.6) ? progress(start, end, 'checked_in') : rng.chance(0.5) ? progress(start, end, 'accepted') : progress(start, end, 'assigned');
    const r = rng.next();
    if (r < 0.72) return progress(start, end, 'completed');
    if (r < 0.84) return progress(start, end, 'declined');
    if (r < 0.93) return progress(start, end, 'overdue');
    return progress(start, end, 'assigned');
  }

  // One upcoming team task per station called off (取消任务), its reason on the row.
  const calledOff: number[] = [];
  for (const station of ctx.county.stations) {
    let stationCalledOff = false;
    const police = ctx.county.users.filter((u) => (u.role === 'officer' || u.role === 'auxiliary') && station.areas.some((a) => a.unit.id === u.jurisdictionId));
    for (const area of station.areas) {
      const center = area.unit.center ?? station.unit.center;
      if (!center) continue;
      const officer = police.find((u) => u.jurisdictionId === area.unit.id && u.role === 'officer') ?? police[0];
      const places = new Set([area.unit.id, ...area.grids.map((g) => g.id), ...area.policeRooms.map((g) => g.id)]);
      const local = volunteers.filter((v) => places.has(v.jurisdiction_id));
      const areaTeams = teams.filter((t) => t.jurisdiction_id === area.unit.id);
      if (local.length === 0) continue;
      const isDemoArea = demoMember !== undefined && places.has(demoMember.jurisdiction_id);
      const drafts: { to: { volunteer: Assignee } | { team: number; members: Assignee[] }; start: number; forced?: AssignmentStatus | 'overdue' }[] = [];
      for (let k = 0; k < 10; k++) drafts.push({ to: { volunteer: rng.pick(local) }, start: now - rng.float(-2, 30) * DAY });
      for (const team of areaTeams.slice(0, 2)) {
        const members = volunteers.filter((v) => v.team_id === team.id).slice(0, 12);
        if (members.length > 0) drafts.push({ to: { team: team.id, members }, start: now - rng.float(1, 20) * DAY }, { to: { team: team.id, members }, start: now + rng.float(0.5, 3) * DAY });
      }
      if (isDemoArea) {
        const me = { volunteer: demoMember };
        drafts.push(
          { to: me, start: now + 26 * HOUR, forced: 'assigned' },
          { to: me, start: now + 50 * HOUR, forced: 'accepted' },
          { to: me, start: now - 30 * MINUTE, forced: 'checked_in' },
          { to: me, start: now - 3 * DAY, forced: 'completed' },
          { to: me, start: now - 9 * DAY, forced: 'completed' },
          { to: me, start: now - 6 * DAY, forced: 'declined' },
          { to: me, start: now - 2 * DAY, forced: 'overdue' },
          { to: me, start: now + 20 * MINUTE, forced: 'assigned' },
        );
      }
      for (const d of drafts) {
        const spec = rng.pick(TASKS);
        const start = Math.round(d.start / (15 * MINUTE)) * 15 * MINUTE;
        const end = start + rng.pick([1, 2, 2, 3, 4]) * HOUR;
        const target = near(rng, center, rng.float(50, 900));
        const radius = rng.pick([100, 200, 200, 300]);
        const task = await trx
          .insertInto('tasks')
          .values({
            kind: spec.kind,
            title: spec.title,
            description: `${spec.place}：${spec.title}，完成后请上传照片并填写记录。`,
            volunteer_id: 'volunteer' in d.to ? d.to.volunteer.id : null,
            team_id: 'team' in d.to ? d.to.team : null,
            place_text: `${area.unit.name}${spec.place}`,
            lat: target.lat,
            lon: target.lon,
            radius_m: radius,
            window_start: new Date(start),
            window_end: new Date(end),
            jurisdiction_id: area.unit.id,
            created_by: officer?.id ?? null,
            created_at: new Date(Math.min(start - rng.float(2, 48) * HOUR, now - HOUR)),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (!stationCalledOff && 'team' in d.to && start > now) {
          calledOff.push(task.id);
          stationCalledOff = true;
        }
        const members = 'volunteer' in d.to ? [d.to.volunteer] : d.to.members;
        const rows = members.map((m) => {
          const p = progress(start, end, d.forced);
          const offSite = rng.chance(0.12);
          const dist = offSite ? rng.float(radius * 1.1, radius * 3) : rng.float(3, radius * 0.8);
          const spot = near(rng, target, dist);
          const checkedIn = p.checkin !== null;
          return {
            task_id: task.id,
            volunteer_id: m.id,
            status: p.status,
            responded_at: p.responded === null ? null : new Date(p.responded),
            decline_reason: p.status === 'declined' ? rng.pick(DECLINES) : null,
            checkin_at: checkedIn ? new Date(p.checkin!) : null,
            checkin_lat: checkedIn ? spot.lat : null,
            checkin_lon: checkedIn ? spot.lon : null,
            checkin_distance_m: checkedIn ? dist : null,
            checkin_on_site: checkedIn ? !offSite : null,
            completed_at: p.completed === null ? null : new Date(p.completed),
            record: p.status === 'completed' ? rng.pick(RECORDS) : null,
          };
        });
        const inserted = await trx.insertInto('task_assignments').values(rows).returning(['id', 'volunteer_id', 'status', 'completed_at']).execute();
        // Every other completed assignment carries a completion photo (by id: the random sequence is unchanged).
        const photos = inserted.filter((a) => a.status === 'completed' && a.id % 2 === 0).map((a) => ({ assignment_id: a.id, file_id: taskPhoto }));
        if (photos.length > 0) await trx.insertInto('task_files').values(photos).execute();
        for (const a of inserted) {
          if (a.status === 'completed') points.push({ volunteer_id: a.volunteer_id, rule_code: 'task_completed', points: rules.get('task_completed') ?? 0, entity_type: 'task_assignment', entity_id: String(a.id), at: a.completed_at! });
        }
      }
    }
    await seedPatrols(ctx, rng, station, points, rules);
  }
  if (calledOff.length > 0) {
    await trx.updateTable('tasks').set({ cancelled_at: new Date(now - 3 * HOUR), cancel_reason: '活动改期，另行通知' }).where('id', 'in', calledOff).execute();
  }
  await seedGuardPosts(ctx, rng, volunteers, points, rules, todayDay);
  for (let i = 0; i < points.length; i += 5000) {
    await trx
      .insertInto('point_entries')
      .values(points.slice(i, i + 5000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

type Points = { volunteer_id: number; rule_code: string; points: number; entity_type: string; entity_id: string; at: Date }[];

async function seedPatrols(ctx: DemoContext, rng: Random, station: DemoContext['county']['stations'][number], points: Points, rules: Map<string, number>) {
  const { trx, today } = ctx;
  const center = station.areas[0]?.unit.center ?? station.unit.center;
  if (!center) return;
  const officer = ctx.county.users.find((u) => u.role === 'officer' && station.areas.some((a) => a.unit.id === u.jurisdictionId));
  const area = station.areas[0]!;
  const team = await trx
    .selectFrom('volunteer_teams as t')
    .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
    .select('t.id')
    .where('j.path', 'like', `${station.unit.path}%`)
    .where('t.kind', '=', 'red_armband')
    .orderBy('t.id')
    .executeTakeFirst();
  const walkers = team ? await trx.selectFrom('volunteers').select(['id', 'user_id']).where('team_id', '=', team.id).where('status', '=', 'active').where('user_id', 'is not', null).execute() : [];
  const route = (names: string[], spread: number) => names.map((name, i) => ({ name, ...near(rng, { lat: center.lat + (i - names.length / 2) * spread, lon: center.lon + i * spread }, 40) }));
  const plans = [
    { name: `${station.unit.name.replace('派出所', '')}夜市步巡（错时）`, mode: 'foot' as const, band_start: '19:30', band_end: '23:30', staggered: true, weekdays: [1, 2, 3, 4, 5, 6, 7], team_id: team?.id ?? null, checkpoints: route(['夜市东口', '小吃街中段', '夜市西口', '停车场'], 0.0012) },
    { name: `${station.unit.name.replace('派出所', '')}主干道车巡（早高峰）`, mode: 'vehicle' as const, band_start: '07:00', band_end: '09:00', staggered: false, weekdays: [1, 2, 3, 4, 5], team_id: null, checkpoints: route(['人民路口', '中心小学门口', '汽车站', '大桥南'], 0.006) },
    { name: `${station.unit.name.replace('派出所', '')}主干道车巡（夜间）`, mode: 'vehicle' as const, band_start: '22:00', band_end: '02:00', staggered: true, weekdays: [1, 2, 3, 4, 5, 6, 7], team_id: null, checkpoints: route(['人民路口', '汽车站', '大桥南'], 0.006) },
  ];
  const todayDay = isoDay(today);
  for (const plan of plans) {
    const row = await trx
      .insertInto('patrol_plans')
      .values({ ...plan, jurisdiction_id: area.unit.id, checkpoints: JSON.stringify(plan.checkpoints), created_by: officer?.id ?? null, created_at: new Date(today.getTime() - 40 * DAY) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const checkins = [];
    for (let d = 14; d >= 0; d--) {
      const day = addDays(todayDay, -d);
      if (!plan.weekdays.includes(weekday(day))) continue;
      const start = at(day, plan.band_start).getTime();
      const endDay = plan.band_end > plan.band_start ? day : addDays(day, 1);
      const end = at(endDay, plan.band_end).getTime();
      const coverage = rng.float(0.55, 1);
      for (const [index, cp] of plan.checkpoints.entries()) {
        if (!rng.chance(coverage)) continue;
        const when = start + ((index + rng.float(0.1, 0.9)) / plan.checkpoints.length) * (end - start);
        if (when > today.getTime()) continue;
        const walker = plan.mode === 'foot' && walkers.length > 0 ? rng.pick(walkers) : null;
        const userId = walker?.user_id ?? officer?.id;
        if (!userId) continue;
        const offSite = rng.chance(0.08);
        const dist = offSite ? rng.float(160, 400) : rng.float(3, 120);
        const spot = near(rng, cp, dist);
        checkins.push({ plan_id: row.id, checkpoint_index: index, user_id: userId, volunteer_id: walker?.id ?? null, lat: spot.lat, lon: spot.lon, distance_m: dist, on_site: !offSite, at: new Date(when) });
        if (walker && !offSite) points.push({ volunteer_id: walker.id, rule_code: 'patrol_checkin', points: rules.get('patrol_checkin') ?? 0, entity_type: 'patrol_checkpoint_day', entity_id: `${row.id}:${index}:${isoDay(new Date(when))}`, at: new Date(when) });
      }
    }
    if (checkins.length > 0) await trx.insertInto('patrol_checkins').values(checkins).execute();
  }
}

async function seedGuardPosts(ctx: DemoContext, rng: Random, volunteers: { id: number; user_id: number | null; jurisdiction_id: number }[], points: Points, rules: Map<string, number>, todayDay: string) {
  const { trx, today } = ctx;
  const SCHOOLS = [
    { suffix: '实验小学', opening: '07:40', closing: '16:30' },
    { suffix: '中心幼儿园', opening: '08:00', closing: '16:00' },
  ];
  let missedToday = false;
  for (const station of ctx.county.stations) {
    for (const [i, area] of station.areas.slice(0, 2).entries()) {
      const spec = SCHOOLS[i]!;
      const center = area.unit.center ?? station.unit.center;
      const officer = ctx.county.users.find((u) => u.role === 'officer' && u.jurisdictionId === area.unit.id);
      const places = new Set([area.unit.id, ...area.grids.map((g) => g.id)]);
      const pair = volunteers.filter((v) => places.has(v.jurisdiction_id) && v.user_id !== null).slice(0, 2);
      if (!center || !officer || pair.length < 2) continue;
      const spot = near(rng, center, 300);
      const school = await trx
        .insertInto('schools')
        .values({ name: `${area.unit.name.replace(/社区|村$/, '')}${spec.suffix}`, jurisdiction_id: area.unit.id, address_text: `${area.unit.name}学府路 ${rng.int(1, 99)} 号`, lat: spot.lat, lon: spot.lon, opening_time: spec.opening, closing_time: spec.closing })
        .returning('id')
        .executeTakeFirstOrThrow();
      const post = await trx.insertInto('guard_posts').values({ school_id: school.id, name: '校门口护学岗', officer_user_id: officer.id }).returning('id').executeTakeFirstOrThrow();
      await trx
        .insertInto('guard_post_members')
        .values(pair.map((v) => ({ post_id: post.id, volunteer_id: v.id })))
        .execute();
      const people = [{ userId: officer.id, volunteerId: null as number | null }, ...pair.map((v) => ({ userId: v.user_id!, volunteerId: v.id }))];
      const rows = [];
      for (let d = 14; d >= 0; d--) {
        const day = addDays(todayDay, -d);
        if (weekday(day) > 5) continue;
        for (const band of ['opening', 'closing'] as const) {
          const bandAt = at(day, band === 'opening' ? spec.opening : spec.closing).getTime();
          if (bandAt - 20 * MINUTE > today.getTime()) continue;
          // One post is short at today's opening band: only its officer came.
          const short = d === 0 && band === 'opening' && !missedToday;
          for (const [pi, person] of people.entries()) {
            if (short ? pi > 0 : !rng.chance(0.94)) continue;
            const when = bandAt + rng.float(-20, 10) * MINUTE;
            if (when > today.getTime()) continue;
            const p = near(rng, spot, rng.float(2, 60));
            rows.push({ post_id: post.id, day, band, user_id: person.userId, lat: p.lat, lon: p.lon, distance_m: rng.float(2, 60), at: new Date(when) });
          }
          if (short) missedToday = true;
        }
      }
      if (rows.length === 0) continue;
      const stored = await trx.insertInto('guard_attendance').values(rows).returning(['id', 'user_id', 'at']).execute();
      const volunteerOf = new Map(people.map((p) => [p.userId, p.volunteerId]));
      for (const a of stored) {
        const volunteerId = volunteerOf.get(a.user_id);
        if (volunteerId) points.push({ volunteer_id: volunteerId, rule_code: 'guard_attendance', points: rules.get('guard_attendance') ?? 0, entity_type: 'guard_attendance', entity_id: String(a.id), at: a.at });
      }
    }
  }
}
