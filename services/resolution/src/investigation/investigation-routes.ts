import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InvestigateQuery, Investigation, InvestigationParams, withErrors } from '@faultline/api-contracts';
import { ResolutionError } from '../errors.js';
import { type InvestigateDeps, investigate } from './investigate.js';

/** `GET /api/v1/projects/:projectId/investigation?eventId=|groupId=`: the runbook's investigation in one call. */
const investigationRoutes: FastifyPluginAsyncTypebox<InvestigateDeps> = async (app, deps) => {
  app.get(
    '/api/v1/projects/:projectId/investigation',
    {
      schema: {
        params: InvestigationParams,
        querystring: InvestigateQuery,
        response: withErrors({ 200: Investigation }),
      },
      config: { access: { role: 'viewer', project: 'params.projectId' } },
    },
    async (request) => {
      const { eventId, groupId } = request.query;
      if (!eventId && !groupId)
        throw new ResolutionError('FL_RESOLUTION_INVALID_REQUEST', 'eventId or groupId is required');
      return investigate(deps, {
        projectId: request.params.projectId,
        ...(eventId ? { eventId } : {}),
        ...(groupId ? { groupId } : {}),
      });
    },
  );
};

export default investigationRoutes;
