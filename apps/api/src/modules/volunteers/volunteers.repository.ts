import { sql } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { scopePrefix } from '../../app/policy.js';
import type { ListCoursesQuery, ListTeamsQuery, ListVolunteersQuery } from './volunteers.schemas.js';

const TEAM_COLUMNS = [
  't.id',
  't.name',
  't.kind',
  't.jurisdiction_id',
  'j.name as jurisdiction_name',
  't.unit_id',
  'un.name as unit_name',
  't.leader_name',
  't.phone',
  't.note',
  't.archived_at',
  't.created_at',
] as const;

const VOLUNTEER_COLUMNS = [
  'v.id',
  'v.name',
  'v.phone',
  'v.team_id',
  'tm.name as team_name',
  'tm.kind as team_kind',
  'v.role',
  'v.skills',
  'v.jurisdiction_id',
  'j.name as jurisdiction_name',
  'v.status',
  'v.joined_on',
  'v.user_id',
  'u.username',
  'v.last_located_at',
  'v.created_at',
] as const;

export function createVolunteersRepository(db: Queryable) {
  function teams(actor: Actor) {
    return db
      .selectFrom('volunteer_teams as t')
      .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
      .leftJoin('units as un', 'un.id', 't.unit_id')
      .where('j.path', 'like', scopePrefix(actor));
  }
  function members(actor: Actor) {
    return db
      .selectFrom('volunteers as v')
      .innerJoin('jurisdictions as j', 'j.id', 'v.jurisdiction_id')
      .leftJoin('volunteer_teams as tm', 'tm.id', 'v.team_id')
      .leftJoin('users as u', 'u.id', 'v.user_id')
      .where('j.path', 'like', scopePrefix(actor));
  }
  const memberCount = () =>
    sql<number>`(select count(*)::int from volunteers m where m.team_id = t.id and m.status = 'active')`.as('member_count');

  return {
    jurisdictionInScope(actor: Actor, id: number) {
      return db.selectFrom('jurisdictions').select(['id', 'path', 'kind', 'name']).where('id', '=', id).where('path', 'like', scopePrefix(actor)).executeTakeFirst();
    },
    unitInScope(actor: Actor, id: number) {
      return db
        .selectFrom('units as un')
        .innerJoin('jurisdictions as j', 'j.id', 'un.jurisdiction_id')
        .select(['un.id', 'un.name'])
        .where('un.id', '=', id)
        .where('j.path', 'like', scopePrefix(actor))
        .executeTakeFirst();
    },

    async listTeams(actor: Actor, f: ListTeamsQuery, subtree: string | null) {
      let q = teams(actor);
      if (subtree) q = q.where('j.path', 'like', `${subtree}%`);
      if (f.kind) q = q.where('t.kind', '=', f.kind);
      if (f.q) q = q.where('t.name', 'ilike', `%${f.q.replace(/[\\%_]/g, '\\$&')}%`);
      if (f.includeArchived !== 'true') q = q.where('t.archived_at', 'is', null);
      const [items, total] = await Promise.all([
        q.select([...TEAM_COLUMNS, memberCount()]).orderBy('j.path').orderBy('t.name').orderBy('t.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },
    findTeam(actor: Actor, id: number) {
      return teams(actor).select([...TEAM_COLUMNS, memberCount()]).where('t.id', '=', id).executeTakeFirst();
    },

    async listMembers(actor: Actor, f: Omit<ListVolunteersQuery, 'page' | 'pageSize'> & { page?: number; pageSize?: number }, subtree: string | null) {
      let q = members(actor);
      if (subtree) q = q.where('j.path', 'like', `${subtree}%`);
      if (f.teamId) q = q.where('v.team_id', '=', f.teamId);
      if (f.role) q = q.where('v.role', '=', f.role);
      if (f.status) q = q.where('v.status', '=', f.status);
      if (f.q) {
        const like = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
        q = q.where((eb) => eb.or([eb('v.name', 'ilike', like), eb('v.phone', 'like', like)]));
      }
      let items = q.select(VOLUNTEER_COLUMNS).orderBy('v.name').orderBy('v.id');
      if (f.pageSize) items = items.limit(f.pageSize).offset(((f.page ?? 1) - 1) * f.pageSize);
      const [rows, total] = await Promise.all([items.execute(), q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
      return { items: rows, total: Number(total.n) };
    },
    findMember(actor: Actor, id: number) {
      return members(actor).select(VOLUNTEER_COLUMNS).where('v.id', '=', id).executeTakeFirst();
    },
    membersInScope(actor: Actor, ids: number[]) {
      return members(actor).select(['v.id', 'v.jurisdiction_id']).where('v.id', 'in', ids).execute();
    },

    async listCourses(actor: Actor, f: ListCoursesQuery) {
      let q = db.selectFrom('training_courses as c').innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id').where('j.path', 'like', scopePrefix(actor));
      if (f.topic) q = q.where('c.topic', '=', f.topic);
      const [items, total] = await Promise.all([
        q
          .select(['c.id', 'c.topic', 'c.title', 'c.held_on', 'c.hours', 'c.jurisdiction_id', 'j.name as jurisdiction_name', 'c.created_at'])
          .select(sql<number>`(select count(*)::int from training_completions tc where tc.course_id = c.id)`.as('completions'))
          .orderBy('c.held_on', 'desc')
          .orderBy('c.id', 'desc')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },
    findCourse(actor: Actor, id: number) {
      return db
        .selectFrom('training_courses as c')
        .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
        .select(['c.id', 'c.topic', 'c.title', 'c.held_on', 'c.hours', 'c.jurisdiction_id', 'j.name as jurisdiction_name', 'c.created_at'])
        .select(sql<number>`(select count(*)::int from training_completions tc where tc.course_id = c.id)`.as('completions'))
        .where('c.id', '=', id)
        .where('j.path', 'like', scopePrefix(actor))
        .executeTakeFirst();
    },
    completions(courseId: number) {
      return db
        .selectFrom('training_completions as tc')
        .innerJoin('volunteers as v', 'v.id', 'tc.volunteer_id')
        .leftJoin('volunteer_teams as tm', 'tm.id', 'v.team_id')
        .select(['v.id', 'v.name', 'tm.name as team_name', 'tc.completed_on'])
        .where('tc.course_id', '=', courseId)
        .orderBy('v.name')
        .execute();
    },
  };
}

export type TeamRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createVolunteersRepository>['findTeam']>>>;
export type VolunteerRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createVolunteersRepository>['findMember']>>>;
export type CourseRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createVolunteersRepository>['findCourse']>>>;
