import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Auditor } from '@faultline/access';
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
  /** Appends each change to the audit log, the caller as its actor. */
  audit: Auditor['audit'];
}

const READ = { access: { role: 'viewer', project: 'params.projectId' } } as const;
const CHANGE = { access: { role: 'responder', project: 'params.projectId' } } as const;

/**
 * Tickets under `/api/v1/projects/:projectId/tickets`: viewers read, responders change. Every
 * write answers after the TicketEvent was acknowledged by Kafka and the Redis state written (a
 * GET right after sees it); its actor is the caller, and it is audited.
 */
const ticketRoutes: FastifyPluginAsyncTypebox<TicketRoutesOptions> = async (
  app,
  { service, store, audit },
) => {
  const base = '/api/v1/projects/:projectId/tickets';

  app.post(
    `${base}`,
    {
      schema: {
        params: TicketProjectParams,
        body: CreateTicketBody,
        response: withErrors({ 200: TicketCreated, 201: TicketCreated }),
      },
      config: CHANGE,
    },
    async (request, reply) => {
      const { projectId } = request.params;
      const { ticket, created } = await service.create(projectId, {
        ...request.body,
        actor: request.identity.name,
      });
      if (created)
        await audit(request, 'ticket.create', {
          projectId,
          target: ticket.ticketId,
          ...(ticket.groupId ? { details: { groupId: ticket.groupId } } : {}),
        });
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
      config: READ,
    },
    async (request) => ({
      tickets: await store.list(request.params.projectId, request.query),
    }),
  );

  app.get(
    `${base}/:ticketId`,
    { schema: { params: TicketParams, response: withErrors({ 200: TicketDetail }) }, config: READ },
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
    {
      schema: { params: TicketParams, body: StepBody, response: withErrors({ 200: TicketAnswer }) },
      config: CHANGE,
    },
    async (request) => {
      const { projectId, ticketId } = request.params;
      const { assignee, status, action } = request.body;
      const ticket = await service.update(projectId, ticketId, {
        ...request.body,
        author: request.identity.name,
      });
      await audit(request, assignee ? 'ticket.assign' : 'ticket.step', {
        projectId,
        target: ticketId,
        details: { action, ...(status ? { status } : {}), ...(assignee ? { assignee } : {}) },
      });
      return { ticket };
    },
  );

  app.post(
    `${base}/:ticketId/resolve`,
    {
      schema: { params: TicketParams, body: ResolveBody, response: withErrors({ 200: TicketAnswer }) },
      config: CHANGE,
    },
    async (request) => {
      const { projectId, ticketId } = request.params;
      const ticket = await service.resolve(projectId, ticketId, {
        ...request.body,
        resolver: request.identity.name,
      });
      await audit(request, 'ticket.resolve', {
        projectId,
        target: ticketId,
        details: {
          inNextRelease: String(request.body.inNextRelease),
          ...(request.body.release ? { release: request.body.release } : {}),
        },
      });
      return { ticket };
    },
  );

  app.post(
    `${base}/:ticketId/reopen`,
    {
      schema: { params: TicketParams, body: ReopenBody, response: withErrors({ 200: TicketAnswer }) },
      config: CHANGE,
    },
    async (request) => {
      const { projectId, ticketId } = request.params;
      const ticket = await service.reopen(
        projectId,
        ticketId,
        request.identity.name,
        request.body.description,
      );
      await audit(request, 'ticket.reopen', { projectId, target: ticketId });
      return { ticket };
    },
  );
};

export default ticketRoutes;
