import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InvestigateQuery, TicketProjectParams } from '../tickets/ticket-schemas.js';
import { type InvestigateDeps, investigate } from './investigate.js';

/** `GET /api/v1/projects/:projectId/investigation?eventId=|groupId=`: the runbook's investigation in one call. */
const investigationRoutes: FastifyPluginAsyncTypebox<InvestigateDeps> = async (app, deps) => {
  app.get(
    '/api/v1/projects/:projectId/investigation',
    { schema: { params: TicketProjectParams, querystring: InvestigateQuery } },
    async (request, reply) => {
      const { eventId, groupId } = request.query;
      if (!eventId && !groupId)
        return reply
          .code(400)
          .send({ code: 'FL_METRICS_INVALID_REQUEST', message: 'eventId or groupId is required' });
      return investigate(deps, {
        projectId: request.params.projectId,
        ...(eventId ? { eventId } : {}),
        ...(groupId ? { groupId } : {}),
      });
    },
  );
};

export default investigationRoutes;
