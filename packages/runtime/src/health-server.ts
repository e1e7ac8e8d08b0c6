import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import healthRoutes from './health-routes.js';
import type { ConsumerLiveness } from './liveness.js';
import type { ReadinessCheck } from './readiness.js';

/** For services with no HTTP API of their own (consumers): just the health and metrics routes. */
export async function startHealthServer(options: {
  host: string;
  port: number;
  logger: Logger;
  registry: Registry;
  checks?: readonly ReadinessCheck[];
  liveness?: () => readonly ConsumerLiveness[];
}): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({ loggerInstance: options.logger as FastifyBaseLogger });
  await app.register(healthRoutes, {
    registry: options.registry,
    checks: options.checks,
    liveness: options.liveness,
  });
  await app.listen({ host: options.host, port: options.port });
  return app;
}
