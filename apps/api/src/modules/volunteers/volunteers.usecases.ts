import { JURISDICTION_KIND_LABELS, ROLE_JURISDICTION_KINDS } from '@fengqiao/shared';
import { sql } from 'kysely';
import type { Actor, RequestContext } from '../../app/actor.js';
import { audited, diff, recordAudit } from '../../app/audit.js';
import { hashPassword } from '../../app/auth/passwords.js';
import type { Database } from '../../app/db/database.js';
import { errors } from '../../app/errors.js';
import { workbook } from '../../app/excel.js';
import { authorize } from '../../app/policy.js';
import { awardPoints } from './points.js';
import { createVolunteersRepository, type CourseRow, type TeamRow, type VolunteerRow } from './volunteers.repository.js';
import { memberActivity } from './volunteers.profile.js';
import type {
  CourseDto,
  CreateCourseInput,
  CreateTeamInput,
  CreateVolunteerInput,
  MemberProfileDto,
  ListCoursesQuery,
  ListTeamsQuery,
  ListVolunteersQuery,
  TeamDto,
  UpdateTeamInput,
  UpdateVolunteerInput,
  VolunteerDto,
} from './volunteers.schemas.js';

/** Phones of teams and members are shown to the police only (not to grid workers or the admin). */
const PHONE_ROLES = new Set(['bureau', 'chief', 'officer', 'auxiliary']);
export const seesPhones = (actor: Actor) => actor.kind === 'user' && PHONE_ROLES.has(actor.role);

export const TEAM_KIND_LABELS: Record<string, string> = {
  courier: '快乐小哥',
  sanitation: '美丽环卫',
  taxi: '平安的哥',
  ride_hailing: '网约车司机',
  ski_resort: '雪场精灵',
  red_armband: '红袖章',
  women: '巾帼志愿队',
  security_guard: '警保联动',
  grid: '网格员',
  other: '其他',
};
export const ROLE_LABELS_ZH: Record<string, string> = { info: '治安信息员', persuader: '文明劝导员', warmth: '暖心服务员', mediator: '矛盾调解员' };
const STATUS_ZH: Record<string, string> = { active: '在岗', paused: '暂停', left: '退出' };

function presentTeam(row: TeamRow, actor: Actor): TeamDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    leaderName: row.leader_name,
    phone: seesPhones(actor) ? row.phone : null,
    note: row.note,
    memberCount: row.member_count,
    archived: row.archived_at !== null,
    createdAt: row.created_at.toISOString(),
  };
}

function presentVolunteer(row: VolunteerRow, actor: Actor): VolunteerDto {
  return {
    id: row.id,
    name: row.name,
    phone: seesPhones(actor) ? row.phone : null,
    teamId: row.team_id,
    teamName: row.team_name,
    teamKind: row.team_kind,
    role: row.role,
    skills: row.skills,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    status: row.status,
    joinedOn: row.joined_on,
    userId: row.user_id,
    username: row.username,
    lastLocatedAt: row.last_located_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

function presentCourse(row: CourseRow): CourseDto {
  return {
    id: row.id,
    topic: row.topic,
    title: row.title,
    heldOn: row.held_on,
    hours: Number(row.hours),
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    completions: row.completions,
    createdAt: row.created_at.toISOString(),
  };
}

const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

export function createVolunteersUseCases(deps: { db: Database }) {
  const { db } = deps;
  const repo = createVolunteersRepository(db);

  async function area(ctx: RequestContext, id: number) {
    const place = await repo.jurisdictionInScope(ctx.actor, id);
    if (!place) throw errors.field('jurisdictionId', 'not_found', { zh: '所属区域不存在或无权访问', en: 'jurisdiction not found' });
    return place;
  }
  async function subtree(ctx: RequestContext, jurisdictionId: number | undefined) {
    if (!jurisdictionId) return null;
    const place = await repo.jurisdictionInScope(ctx.actor, jurisdictionId);
    return place ? place.path : '/none/';
  }
  async function checkUnit(ctx: RequestContext, kind: string, unitId: number | null | undefined) {
    if (kind === 'security_guard' && !unitId) throw errors.field('unitId', 'required', { zh: '警保联动队伍必须关联实有单位', en: 'is required for a security-guard team' });
    if (unitId && !(await repo.unitInScope(ctx.actor, unitId))) throw errors.field('unitId', 'not_found', { zh: '单位不存在或不在辖区内', en: 'unit not found in your jurisdiction' });
  }
  async function checkTeam(ctx: RequestContext, teamId: number | null | undefined) {
    if (!teamId) return;
    const team = await repo.findTeam(ctx.actor, teamId);
    if (!team || team.archived_at) throw errors.field('teamId', 'not_found', { zh: '队伍不存在或无权访问', en: 'team not found' });
  }
  /** An existing volunteer account in scope without a member record. */
  async function checkLinkUser(ctx: RequestContext, userId: number, exceptVolunteerId?: number) {
    const user = await db
      .selectFrom('users as u')
      .innerJoin('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
      .select(['u.id', 'u.role'])
      .where('u.id', '=', userId)
      .where('j.path', 'like', `${ctx.actor.jurisdictionPath}%`)
      .executeTakeFirst();
    if (!user) throw errors.field('userId', 'not_found', { zh: '账号不存在或无权访问', en: 'user not found' });
    if (user.role !== 'volunteer') throw errors.field('userId', 'not_volunteer', { zh: '只能关联平安志愿者角色的账号', en: 'must be an account with the volunteer role' });
    const taken = await db.selectFrom('volunteers').select('id').where('user_id', '=', userId).executeTakeFirst();
    if (taken && taken.id !== exceptVolunteerId) throw errors.conflict('volunteers.user_taken', { zh: '该账号已关联其他队员', en: 'That account already belongs to another member' });
  }

  async function getTeam(ctx: RequestContext, id: number) {
    const row = await repo.findTeam(ctx.actor, id);
    if (!row) throw errors.notFound();
    return presentTeam(row, ctx.actor);
  }
  async function getMember(ctx: RequestContext, id: number) {
    const row = await repo.findMember(ctx.actor, id);
    if (!row) throw errors.notFound();
    return presentVolunteer(row, ctx.actor);
  }

  return {
    async listTeams(ctx: RequestContext, q: ListTeamsQuery) {
      authorize(ctx.actor, 'volunteers.view');
      const { items, total } = await repo.listTeams(ctx.actor, q, await subtree(ctx, q.jurisdictionId));
      return { items: items.map((r) => presentTeam(r, ctx.actor)), total };
    },
    getTeam(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'volunteers.view');
      return getTeam(ctx, id);
    },
    async createTeam(ctx: RequestContext, input: CreateTeamInput) {
      authorize(ctx.actor, 'volunteers.manage');
      await area(ctx, input.jurisdictionId);
      await checkUnit(ctx, input.kind, input.unitId);
      const id = await audited(db, ctx, async (trx, audit) => {
        const row = await trx
          .insertInto('volunteer_teams')
          .values({
            name: input.name,
            kind: input.kind,
            jurisdiction_id: input.jurisdictionId,
            unit_id: input.unitId ?? null,
            leader_name: input.leaderName ?? null,
            phone: input.phone ?? null,
            note: input.note ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        audit({ action: 'team.created', entityType: 'volunteer_team', entityId: row.id, jurisdictionId: input.jurisdictionId, change: { name: input.name, kind: input.kind, unitId: input.unitId ?? null } });
        return row.id;
      });
      return getTeam(ctx, id);
    },
    async updateTeam(ctx: RequestContext, id: number, input: UpdateTeamInput) {
      authorize(ctx.actor, 'volunteers.manage');
      const before = await repo.findTeam(ctx.actor, id);
      if (!before) throw errors.notFound();
      if (input.jurisdictionId !== undefined) await area(ctx, input.jurisdictionId);
      const kind = input.kind ?? before.kind;
      const unitId = input.unitId !== undefined ? input.unitId : before.unit_id;
      if (kind === 'security_guard' || input.unitId) await checkUnit(ctx, kind, unitId);
      await audited(db, ctx, async (trx, audit) => {
        const set = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          ...(input.jurisdictionId !== undefined ? { jurisdiction_id: input.jurisdictionId } : {}),
          ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
          ...(input.leaderName !== undefined ? { leader_name: input.leaderName } : {}),
          ...(input.phone !== undefined ? { phone: input.phone } : {}),
          ...(input.note !== undefined ? { note: input.note } : {}),
          ...(input.archived !== undefined ? { archived_at: input.archived ? (before.archived_at ?? new Date()) : null } : {}),
        };
        if (Object.keys(set).length > 0) await trx.updateTable('volunteer_teams').set(set).where('id', '=', id).execute();
        const change = diff(
          { name: before.name, kind: before.kind, jurisdictionId: before.jurisdiction_id, unitId: before.unit_id, leaderName: before.leader_name, phone: before.phone, note: before.note, archived: before.archived_at !== null },
          { ...input },
        );
        audit({ action: 'team.updated', entityType: 'volunteer_team', entityId: id, jurisdictionId: input.jurisdictionId ?? before.jurisdiction_id, change });
      });
      return getTeam(ctx, id);
    },

    async listMembers(ctx: RequestContext, q: ListVolunteersQuery) {
      authorize(ctx.actor, 'volunteers.view');
      const { items, total } = await repo.listMembers(ctx.actor, q, await subtree(ctx, q.jurisdictionId));
      return { items: items.map((r) => presentVolunteer(r, ctx.actor)), total };
    },
    getMember(ctx: RequestContext, id: number) {
      authorize(ctx.actor, 'volunteers.view');
      return getMember(ctx, id);
    },
    /** The member's page (404 outside the scope, like the record itself). */
    async profile(ctx: RequestContext, id: number): Promise<MemberProfileDto> {
      authorize(ctx.actor, 'volunteers.view');
      const member = await getMember(ctx, id);
      return { member, ...(await memberActivity(db, ctx, { id: member.id, teamId: member.teamId })) };
    },
    async createMember(ctx: RequestContext, input: CreateVolunteerInput) {
      authorize(ctx.actor, 'volunteers.manage');
      const place = await area(ctx, input.jurisdictionId);
      await checkTeam(ctx, input.teamId);
      if (input.account && input.userId) throw errors.field('userId', 'exclusive', { zh: '新建账号与关联已有账号只能选一项', en: 'give either account or userId, not both' });
      if (input.userId) await checkLinkUser(ctx, input.userId);
      let passwordHash: string | null = null;
      if (input.account) {
        if (!ROLE_JURISDICTION_KINDS.volunteer.includes(place.kind)) {
          throw errors.field('jurisdictionId', 'role_jurisdiction_kind', {
            zh: `志愿者账号只能属于：${ROLE_JURISDICTION_KINDS.volunteer.map((k) => JURISDICTION_KIND_LABELS[k].zh).join('、')}`,
            en: `a volunteer account must belong to one of: ${ROLE_JURISDICTION_KINDS.volunteer.join(', ')}`,
          });
        }
        const taken = await db.selectFrom('users').select('id').where(sql<string>`lower(username)`, '=', input.account.username.toLowerCase()).executeTakeFirst();
        if (taken) throw errors.conflict('users.username_taken', { zh: '用户名已被使用', en: 'That username is taken' });
        passwordHash = await hashPassword(input.account.password);
      }
      const id = await audited(db, ctx, async (trx, audit) => {
        let userId = input.userId ?? null;
        if (input.account && passwordHash) {
          const user = await trx
            .insertInto('users')
            .values({
              username: input.account.username,
              display_name: input.name,
              role: 'volunteer',
              jurisdiction_id: input.jurisdictionId,
              department_id: null,
              phone: input.phone ?? null,
              password_hash: passwordHash,
              must_change_password: true,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          userId = user.id;
          audit({ action: 'user.created', entityType: 'user', entityId: user.id, jurisdictionId: input.jurisdictionId, change: { username: input.account.username, role: 'volunteer' } });
        }
        const row = await trx
          .insertInto('volunteers')
          .values({
            user_id: userId,
            name: input.name,
            phone: input.phone ?? null,
            team_id: input.teamId ?? null,
            role: input.role,
            skills: input.skills ?? [],
            jurisdiction_id: input.jurisdictionId,
            ...(input.status ? { status: input.status } : {}),
            ...(input.joinedOn ? { joined_on: input.joinedOn } : {}),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        audit({ action: 'volunteer.created', entityType: 'volunteer', entityId: row.id, jurisdictionId: input.jurisdictionId, change: { name: input.name, role: input.role, teamId: input.teamId ?? null, userId } });
        return row.id;
      });
      return getMember(ctx, id);
    },
    async updateMember(ctx: RequestContext, id: number, input: UpdateVolunteerInput) {
      authorize(ctx.actor, 'volunteers.manage');
      const before = await repo.findMember(ctx.actor, id);
      if (!before) throw errors.notFound();
      if (input.jurisdictionId !== undefined) await area(ctx, input.jurisdictionId);
      if (input.teamId !== undefined) await checkTeam(ctx, input.teamId);
      if (input.userId) await checkLinkUser(ctx, input.userId, id);
      await audited(db, ctx, async (trx, audit) => {
        const set = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.phone !== undefined ? { phone: input.phone } : {}),
          ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
          ...(input.role !== undefined ? { role: input.role } : {}),
          ...(input.skills !== undefined ? { skills: input.skills } : {}),
          ...(input.jurisdictionId !== undefined ? { jurisdiction_id: input.jurisdictionId } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          ...(input.userId !== undefined ? { user_id: input.userId } : {}),
        };
        if (Object.keys(set).length > 0) await trx.updateTable('volunteers').set(set).where('id', '=', id).execute();
        const change = diff(
          { name: before.name, phone: before.phone, teamId: before.team_id, role: before.role, skills: before.skills, jurisdictionId: before.jurisdiction_id, status: before.status, userId: before.user_id },
          { ...input },
        );
        audit({ action: 'volunteer.updated', entityType: 'volunteer', entityId: id, jurisdictionId: input.jurisdictionId ?? before.jurisdiction_id, change });
      });
      return getMember(ctx, id);
    },

    /** The roster as .xlsx; phones only for police roles; audited with the filter and the row count. */
    async exportRoster(ctx: RequestContext, q: Omit<ListVolunteersQuery, 'page' | 'pageSize'>) {
      authorize(ctx.actor, 'volunteers.view');
      const { items } = await repo.listMembers(ctx.actor, q, await subtree(ctx, q.jurisdictionId));
      const phones = seesPhones(ctx.actor);
      const buffer = await workbook<VolunteerRow>(
        '志愿者名册',
        [
          { header: '姓名', value: (r) => r.name },
          ...(phones ? [{ header: '电话', value: (r: VolunteerRow) => r.phone }] : []),
          { header: '队伍', width: 22, value: (r) => r.team_name },
          { header: '队伍类型', value: (r) => (r.team_kind ? (TEAM_KIND_LABELS[r.team_kind] ?? r.team_kind) : null) },
          { header: '角色', value: (r) => ROLE_LABELS_ZH[r.role] ?? r.role },
          { header: '技能', width: 24, value: (r) => r.skills.join('、') },
          { header: '所属区域', width: 20, value: (r) => r.jurisdiction_name },
          { header: '状态', value: (r) => STATUS_ZH[r.status] ?? r.status },
          { header: '加入日期', value: (r) => r.joined_on },
          { header: '账号', value: (r) => r.username },
        ],
        items,
      );
      await recordAudit(db, ctx, [{ action: 'volunteers.exported', entityType: 'volunteer', jurisdictionId: ctx.actor.jurisdictionId, change: { rows: items.length, phones, filter: q } }]);
      return buffer;
    },

    async listCourses(ctx: RequestContext, q: ListCoursesQuery) {
      authorize(ctx.actor, 'volunteers.view');
      const { items, total } = await repo.listCourses(ctx.actor, q);
      return { items: items.map(presentCourse), total };
    },
    async createCourse(ctx: RequestContext, input: CreateCourseInput) {
      authorize(ctx.actor, 'volunteers.manage');
      await area(ctx, input.jurisdictionId);
      const id = await audited(db, ctx, async (trx, audit) => {
        const row = await trx
          .insertInto('training_courses')
          .values({ topic: input.topic, title: input.title, held_on: input.heldOn, hours: input.hours ?? 2, jurisdiction_id: input.jurisdictionId, created_by: userIdOf(ctx.actor) })
          .returning('id')
          .executeTakeFirstOrThrow();
        audit({ action: 'training.recorded', entityType: 'training_course', entityId: row.id, jurisdictionId: input.jurisdictionId, change: { topic: input.topic, title: input.title, heldOn: input.heldOn } });
        return row.id;
      });
      const row = await repo.findCourse(ctx.actor, id);
      return presentCourse(row!);
    },
    async completions(ctx: RequestContext, courseId: number) {
      authorize(ctx.actor, 'volunteers.view');
      const course = await repo.findCourse(ctx.actor, courseId);
      if (!course) throw errors.notFound();
      const rows = await repo.completions(courseId);
      return { items: rows.map((r) => ({ volunteerId: r.id, name: r.name, teamName: r.team_name, completedOn: r.completed_on })) };
    },
    /** Records who completed a course; each new completion awards the training points once. */
    async recordCompletions(ctx: RequestContext, courseId: number, input: { volunteerIds: number[]; completedOn: string }) {
      authorize(ctx.actor, 'volunteers.manage');
      const course = await repo.findCourse(ctx.actor, courseId);
      if (!course) throw errors.notFound();
      const ids = [...new Set(input.volunteerIds)];
      const found = await repo.membersInScope(ctx.actor, ids);
      const missing = ids.filter((v) => !found.some((f) => f.id === v));
      if (missing.length > 0) throw errors.field('volunteerIds', 'not_found', { zh: `队员不存在或无权访问：${missing.join(', ')}`, en: `members not found: ${missing.join(', ')}` });
      const result = await audited(db, ctx, async (trx, audit) => {
        const inserted = await trx
          .insertInto('training_completions')
          .values(ids.map((v) => ({ course_id: courseId, volunteer_id: v, completed_on: input.completedOn })))
          .onConflict((oc) => oc.columns(['course_id', 'volunteer_id']).doNothing())
          .returning('volunteer_id')
          .execute();
        let points = 0;
        for (const r of inserted) points += await awardPoints(trx, r.volunteer_id, 'training_completed', 'training_course', courseId);
        audit({ action: 'training.recorded', entityType: 'training_course', entityId: courseId, jurisdictionId: course.jurisdiction_id, change: { completed: inserted.map((r) => r.volunteer_id), completedOn: input.completedOn, points } });
        return { recorded: inserted.length, points };
      });
      return result;
    },
  };
}
