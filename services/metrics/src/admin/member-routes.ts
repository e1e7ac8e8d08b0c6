import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  MemberAnswer,
  MemberRequest,
  MembersAnswer,
  type MemberView,
  withErrors,
} from '@faultline/api-contracts';
import { accessKey, type MemberRecord, SCHEMA_VERSION } from '@faultline/contracts';
import Type from 'typebox';
import { MetricsError } from '../errors.js';
import type { AccessRecords } from './access-writer.js';
import type { AdminContext } from './admin-context.js';
import { byName, findTeam, findUser, projectMembers } from './directory.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const ProjectParams = Type.Object({ projectId: Id });
const MemberParams = Type.Object({
  projectId: Id,
  kind: Type.Union([Type.Literal('users'), Type.Literal('teams')]),
  id: Id,
});
/** A project's admins (and the owner) manage its members. */
const projectAdmin = { access: { role: 'admin', project: 'params.projectId' } } as const;

/** A project's members: users or teams with a role (viewer, responder, admin); add or change, list, remove. */
const memberRoutes: FastifyPluginAsyncTypebox<AdminContext> = async (app, { records, writer, audit }) => {
  app.get(
    '/api/v1/projects/:projectId/members',
    { schema: { params: ProjectParams, response: withErrors({ 200: MembersAnswer }) }, config: projectAdmin },
    async (request) => ({
      members: projectMembers(records, request.params.projectId)
        .map((member) => memberView(records, member))
        .sort(byName((m) => m.name)),
    }),
  );

  // Adds the principal, or changes its role: one record per (project, principal).
  app.post(
    '/api/v1/projects/:projectId/members',
    {
      schema: { params: ProjectParams, body: MemberRequest, response: withErrors({ 200: MemberAnswer }) },
      config: projectAdmin,
    },
    async (request) => {
      const { projectId } = request.params;
      const { principal, role } = request.body;
      if ('userId' in principal ? !findUser(records, principal.userId) : !findTeam(records, principal.teamId))
        throw new MetricsError(
          'FL_ADMIN_NOT_FOUND',
          `no ${'userId' in principal ? 'user' : 'team'} ${principalId(principal)}`,
        );
      const before = findMember(records, projectId, principal);
      const member: MemberRecord = {
        schemaVersion: SCHEMA_VERSION,
        kind: 'member',
        projectId,
        principal,
        role,
      };
      await writer.put(member);
      await audit(request, before ? 'member.change' : 'member.add', {
        projectId,
        target: principalId(principal),
        details: { role, ...(before ? { previousRole: before.role } : {}) },
      });
      return { member: memberView(records, member) };
    },
  );

  app.delete(
    '/api/v1/projects/:projectId/members/:kind/:id',
    { schema: { params: MemberParams, response: withErrors({ 200: MemberAnswer }) }, config: projectAdmin },
    async (request) => {
      const { projectId, kind, id } = request.params;
      const principal = kind === 'users' ? { userId: id } : { teamId: id };
      const member = findMember(records, projectId, principal);
      if (!member)
        throw new MetricsError('FL_ADMIN_NOT_FOUND', `${id} is not a member of project ${projectId}`);
      const view = memberView(records, member);
      await writer.remove(member);
      await audit(request, 'member.remove', { projectId, target: id, details: { role: member.role } });
      return { member: view };
    },
  );
};

function principalId(principal: MemberRecord['principal']): string {
  return 'userId' in principal ? principal.userId : principal.teamId;
}

function findMember(
  records: AccessRecords,
  projectId: string,
  principal: MemberRecord['principal'],
): MemberRecord | undefined {
  // The key does not depend on the role.
  const record = records.get(
    accessKey({ schemaVersion: SCHEMA_VERSION, kind: 'member', projectId, principal, role: 'viewer' }),
  );
  return record?.kind === 'member' ? record : undefined;
}

function memberView(records: AccessRecords, member: MemberRecord): MemberView {
  const name =
    'userId' in member.principal
      ? (findUser(records, member.principal.userId)?.email ?? member.principal.userId)
      : (findTeam(records, member.principal.teamId)?.name ?? member.principal.teamId);
  return { projectId: member.projectId, principal: member.principal, role: member.role, name };
}

export default memberRoutes;
