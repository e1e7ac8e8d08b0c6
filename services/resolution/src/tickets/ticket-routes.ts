import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateTicketBody,
  ListTicketsQuery,
  ReopenBody,
  ResolveBody,
  StepBody,
  TicketAnswer,
  TicketCreated,
  TicketDetail,
  TicketList,
  TicketParams,
  TicketProjectParams,
  withErrors,
} from '@faultline/api-contracts';
import { ResolutionError } from '../errors.js';
import type { TicketService } from './ticket-service.js';
import type { TicketStore } from './ticket-store.js';

export interface TicketRoutesOptions {
  service: TicketService;
  store: TicketStore;
}

/**
 * Tickets under `/api/v1/projects/:projectId/tickets`. Every write answers after the TicketEvent
 * was acknowledged by Kafka and the Redis state written: a GET right after sees it.
 */
const ticketRoutes: FastifyPluginAsyncTypebox<TicketRoutesOptions> = async (app, { service, store }) => {
  const base = '/api/v1/projects/:projectId/tickets';

  app.post(
    `${base}`,
    {
      schema: {
        params: TicketProjectParams,
        body: CreateTicketBody,
        response: withErrors({ 200: TicketCreated, 201: TicketCreated }),
      },
    },
    async (request, reply) => {
      const { ticket, created } = await service.create(request.params.projectId, request.body);
      return reply.code(created ? 201 : 200).send({ created, ticket });
    },
  );

  app.get(
    `${base}`,
    {
      schema: {
        params: TicketProjectParams,
        querystring: ListTicketsQuery,
        response: withErrors({ 200: TicketList }),
      },
    },
    async (request) => ({
      tickets: await store.list(request.params.projectId, request.query),
    }),
  );

  app.get(
    `${base}/:ticketId`,
    { schema: { params: TicketParams, response: withErrors({ 200: TicketDetail }) } },
    async (request) => {
      const { projectId, ticketId } = request.params;
      const ticket = await service.get(projectId, ticketId);
      if (!ticket)
        throw new ResolutionError('FL_TICKET_NOT_FOUND', `no ticket ${ticketId} in project ${projectId}`);
      const group = ticket.groupId ? await store.getGroup(projectId, ticket.groupId) : undefined;
      return {
        ticket,
        ...(group
          ? {
              group: {
                status: group.status ?? 'open',
                regressed: group.regressed,
                ...(group.resolve ? { resolve: group.resolve } : {}),
              },
            }
          : {}),
      };
    },
  );

  app.post(
    `${base}/:ticketId/steps`,
    { schema: { params: TicketParams, body: StepBody, response: withErrors({ 200: TicketAnswer }) } },
    async (request) => ({
      ticket: await service.update(request.params.projectId, request.params.ticketId, request.body),
    }),
  );

  app.post(
    `${base}/:ticketId/resolve`,
    { schema: { params: TicketParams, body: ResolveBody, response: withErrors({ 200: TicketAnswer }) } },
    async (request) => ({
      ticket: await service.resolve(request.params.projectId, request.params.ticketId, request.body),
    }),
  );

  app.post(
    `${base}/:ticketId/reopen`,
    { schema: { params: TicketParams, body: ReopenBody, response: withErrors({ 200: TicketAnswer }) } },
    async (request) => ({
      ticket: await service.reopen(
        request.params.projectId,
        request.params.ticketId,
        request.body.actor,
        request.body.description,
      ),
    }),
  );
};

export default ticketRoutes;
