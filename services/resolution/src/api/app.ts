import type { ClickHouseClient } from '@clickhouse/client';
import cors from '@fastify/cors';
import { accessControl, type ServiceAccess } from '@faultline/access';
import { CorsPreflight } from '@faultline/api-contracts';
import { pingClickHouse } from '@faultline/clickhouse';
import { errorHandler } from '@faultline/errors';
import {
  declareRouteAnswers,
  type HealthRoutesOptions,
  healthRoutes,
  type ReadinessCheck,
} from '@faultline/runtime';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { InvestigateDeps } from '../investigation/investigate.js';
import investigationRoutes from '../investigation/investigation-routes.js';
import ticketRoutes, { type TicketRoutesOptions } from '../tickets/ticket-routes.js';
import { resolutionErrorOptions } from './error-handler.js';

export interface ResolutionAppOptions {
  clickhouse: ClickHouseClient;
  registry: Registry;
  /** Extra readiness checks (Kafka, the consumer) next to ClickHouse's. */
  checks?: ReadinessCheck[];
  /** The consumers' liveness for /healthz (`service.liveness`). */
  liveness?: HealthRoutesOptions['liveness'];
  /** The ticket API; left out (tests), its routes are not served. */
  tickets?: TicketRoutesOptions;
  /** The investigation API; left out (tests), its route is not served. */
  investigation?: InvestigateDeps;
  /** Browser origins allowed to call the API (the metrics dashboard, with its session cookie). @default none */
  corsOrigins?: readonly string[];
  /** Who may call the API (@faultline/access). */
  access: ServiceAccess;
}

/** The resolution HTTP surface as a plugin: main.ts listens with it, tests inject into it. */
export default async function resolutionApp(
  app: FastifyInstance,
  options: ResolutionAppOptions,
): Promise<void> {
  await app.register(errorHandler, resolutionErrorOptions);
  // The dashboard page, served by metrics on another origin, reads a group's ticket and investigation.
  declareRouteAnswers(app, (route) => route.method === 'OPTIONS', { 204: CorsPreflight });
  // Its hook answers preflights before access control (a preflight carries no credential); the
  // page's requests carry the session cookie (credentials).
  await app.register(cors, {
    origin: [...(options.corsOrigins ?? [])],
    methods: ['GET', 'POST'],
    credentials: true,
  });
  // Before any route of ours: every route declares who may call it.
  await app.register(accessControl, {
    view: options.access.view,
    sessionSecret: options.access.sessionSecret,
  });
  await app.register(healthRoutes, {
    registry: options.registry,
    liveness: options.liveness,
    checks: [
      { name: 'clickhouse', check: () => pingClickHouse(options.clickhouse) },
      ...(options.checks ?? []),
      options.access.readiness,
    ],
  });
  if (options.tickets) await app.register(ticketRoutes, options.tickets);
  if (options.investigation) await app.register(investigationRoutes, options.investigation);
}
