import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NewTeamRequest, TeamAnswer, TeamsAnswer, type TeamView, withErrors } from '@faultline/api-contracts';
import { SCHEMA_VERSION, type TeamRecord } from '@faultline/contracts';
import Type from 'typebox';
import { MetricsError } from '../errors.js';
import type { AccessRecords } from './access-writer.js';
import type { AdminContext } from './admin-context.js';
import { byName, findTeam, findUser, membershipsOf, recordsOf, teamMembers } from './directory.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const TeamParams = Type.Object({ teamId: Id });
const TeamMemberParams = Type.Object({ teamId: Id, userId: Id });
const owner = { access: { owner: true } } as const;

/** Teams (owner only): add, list, remove (with its memberships), members add/remove. */
const teamRoutes: FastifyPluginAsyncTypebox<AdminContext> = async (app, { records, writer, audit }) => {
  app.get(
    '/api/v1/admin/teams',
    { schema: { response: withErrors({ 200: TeamsAnswer }) }, config: owner },
    async () => ({
      teams: recordsOf(records, 'team')
        .sort(byName((t) => t.teamId))
        .map((team) => teamView(records, team)),
    }),
  );

  app.post(
    '/api/v1/admin/teams',
    { schema: { body: NewTeamRequest, response: withErrors({ 201: TeamAnswer }) }, config: owner },
    async (request, reply) => {
      const { teamId, name = teamId } = request.body;
      if (findTeam(records, teamId)) throw new MetricsError('FL_ADMIN_CONFLICT', `team ${teamId} exists`);
      const team: TeamRecord = { schemaVersion: SCHEMA_VERSION, kind: 'team', teamId, name };
      await writer.put(team);
      await audit(request, 'team.create', { target: teamId });
      return reply.code(201).send({ team: teamView(records, team) });
    },
  );

  app.delete(
    '/api/v1/admin/teams/:teamId',
    { schema: { params: TeamParams, response: withErrors({ 200: TeamAnswer }) }, config: owner },
    async (request) => {
      const team = existingTeam(request.params.teamId);
      const view = teamView(records, team);
      const dependents = [
        ...teamMembers(records, team.teamId),
        ...membershipsOf(records, { teamId: team.teamId }),
      ];
      await Promise.all(dependents.map((record) => writer.remove(record)));
      await writer.remove(team);
      await audit(request, 'team.remove', { target: team.teamId });
      return { team: view };
    },
  );

  app.put(
    '/api/v1/admin/teams/:teamId/members/:userId',
    { schema: { params: TeamMemberParams, response: withErrors({ 200: TeamAnswer }) }, config: owner },
    async (request) => {
      const { teamId, userId } = request.params;
      const team = existingTeam(teamId);
      if (!findUser(records, userId)) throw new MetricsError('FL_ADMIN_NOT_FOUND', `no user ${userId}`);
      await writer.put({ schemaVersion: SCHEMA_VERSION, kind: 'team-member', teamId, userId });
      await audit(request, 'team-member.add', { target: userId, details: { teamId } });
      return { team: teamView(records, team) };
    },
  );

  app.delete(
    '/api/v1/admin/teams/:teamId/members/:userId',
    { schema: { params: TeamMemberParams, response: withErrors({ 200: TeamAnswer }) }, config: owner },
    async (request) => {
      const { teamId, userId } = request.params;
      const team = existingTeam(teamId);
      const membership = teamMembers(records, teamId).find((m) => m.userId === userId);
      if (!membership) throw new MetricsError('FL_ADMIN_NOT_FOUND', `${userId} is not in team ${teamId}`);
      await writer.remove(membership);
      await audit(request, 'team-member.remove', { target: userId, details: { teamId } });
      return { team: teamView(records, team) };
    },
  );

  function existingTeam(teamId: string): TeamRecord {
    const team = findTeam(records, teamId);
    if (!team) throw new MetricsError('FL_ADMIN_NOT_FOUND', `no team ${teamId}`);
    return team;
  }
};

function teamView(records: AccessRecords, team: TeamRecord): TeamView {
  const members = teamMembers(records, team.teamId).map((m) => m.userId);
  return { teamId: team.teamId, name: team.name, members: members.sort() };
}

export default teamRoutes;
