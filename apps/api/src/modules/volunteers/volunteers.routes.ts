import { z } from 'zod';
import { attachment, XLSX_TYPE } from '../../app/excel.js';
import { contextOf, errorResponses, idParams, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { createPointsUseCases } from './points.usecases.js';
import {
  codeParams,
  completionSchema,
  completionsBody,
  courseSchema,
  createCourseBody,
  createTeamBody,
  createVolunteerBody,
  leaderboardQuery,
  leaderboardSchema,
  memberProfileSchema,
  listCoursesQuery,
  listRewardsQuery,
  listTeamsQuery,
  listVolunteersQuery,
  myPointsSchema,
  pointRuleBody,
  pointRuleSchema,
  rewardBody,
  rewardSchema,
  teamSchema,
  updateTeamBody,
  updateVolunteerBody,
  volunteerSchema,
} from './volunteers.schemas.js';
import { createVolunteersUseCases } from './volunteers.usecases.js';

export function registerVolunteersRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const registry = createVolunteersUseCases(deps);
  const points = createPointsUseCases(deps);
  const tags = ['volunteers'];
  const page = <T extends z.ZodType>(item: T) => ({ 200: z.object({ items: z.array(item), total: z.number() }), ...errorResponses });

  // Teams
  app.get('/api/volunteer-teams', { schema: { tags, querystring: listTeamsQuery, response: page(teamSchema) } }, async (request) => registry.listTeams(contextOf(request), request.query));
  app.get('/api/volunteer-teams/:id', { schema: { tags, params: idParams, response: { 200: teamSchema, ...errorResponses } } }, async (request) =>
    registry.getTeam(contextOf(request), request.params.id),
  );
  app.post('/api/volunteer-teams', { schema: { tags, body: createTeamBody, response: { 201: teamSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await registry.createTeam(contextOf(request), request.body)),
  );
  app.patch('/api/volunteer-teams/:id', { schema: { tags, params: idParams, body: updateTeamBody, response: { 200: teamSchema, ...errorResponses } } }, async (request) =>
    registry.updateTeam(contextOf(request), request.params.id, request.body),
  );

  // Members
  app.get('/api/volunteers', { schema: { tags, querystring: listVolunteersQuery, response: page(volunteerSchema) } }, async (request) => registry.listMembers(contextOf(request), request.query));
  app.get('/api/volunteers/export.xlsx', { schema: { tags, querystring: listVolunteersQuery.omit({ page: true, pageSize: true }) } }, async (request, reply) => {
    const buffer = await registry.exportRoster(contextOf(request), request.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment('志愿者名册.xlsx')).send(buffer);
  });
  app.get('/api/volunteers/:id', { schema: { tags, params: idParams, response: { 200: volunteerSchema, ...errorResponses } } }, async (request) =>
    registry.getMember(contextOf(request), request.params.id),
  );
  app.get('/api/volunteers/:id/profile', { schema: { tags, params: idParams, response: { 200: memberProfileSchema, ...errorResponses } } }, async (request) =>
    registry.profile(contextOf(request), request.params.id),
  );
  app.post('/api/volunteers', { schema: { tags, body: createVolunteerBody, response: { 201: volunteerSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await registry.createMember(contextOf(request), request.body)),
  );
  app.patch('/api/volunteers/:id', { schema: { tags, params: idParams, body: updateVolunteerBody, response: { 200: volunteerSchema, ...errorResponses } } }, async (request) =>
    registry.updateMember(contextOf(request), request.params.id, request.body),
  );

  // Training
  app.get('/api/training-courses', { schema: { tags, querystring: listCoursesQuery, response: page(courseSchema) } }, async (request) => registry.listCourses(contextOf(request), request.query));
  app.post('/api/training-courses', { schema: { tags, body: createCourseBody, response: { 201: courseSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await registry.createCourse(contextOf(request), request.body)),
  );
  app.get('/api/training-courses/:id/completions', { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(completionSchema) }), ...errorResponses } } }, async (request) =>
    registry.completions(contextOf(request), request.params.id),
  );
  app.post(
    '/api/training-courses/:id/completions',
    { schema: { tags, params: idParams, body: completionsBody, response: { 200: z.object({ recorded: z.number(), points: z.number() }), ...errorResponses } } },
    async (request) => registry.recordCompletions(contextOf(request), request.params.id, request.body),
  );

  // Points
  const ptags = ['points'];
  app.get('/api/points/leaderboard', { schema: { tags: ptags, querystring: leaderboardQuery, response: { 200: leaderboardSchema, ...errorResponses } } }, async (request) =>
    points.leaderboard(contextOf(request), request.query),
  );
  app.get('/api/my/points', { schema: { tags: ptags, response: { 200: myPointsSchema, ...errorResponses } } }, async (request) => points.mine(contextOf(request)));
  app.get('/api/rewards', { schema: { tags: ptags, querystring: listRewardsQuery, response: page(rewardSchema) } }, async (request) => points.listRewards(contextOf(request), request.query));
  app.post('/api/rewards', { schema: { tags: ptags, body: rewardBody, response: { 201: rewardSchema, ...errorResponses } } }, async (request, reply) =>
    reply.code(201).send(await points.reward(contextOf(request), request.body)),
  );
  app.get('/api/point-rules', { schema: { tags: ptags, response: { 200: z.object({ items: z.array(pointRuleSchema) }), ...errorResponses } } }, async (request) => points.rules(contextOf(request)));
  app.put('/api/point-rules/:code', { schema: { tags: ptags, params: codeParams, body: pointRuleBody, response: { 200: pointRuleSchema, ...errorResponses } } }, async (request) =>
    points.updateRule(contextOf(request), request.params.code, request.body),
  );
}
