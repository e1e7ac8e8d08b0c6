import { ConsumerStuck, Health, PrometheusText, Readiness, withErrors } from '@faultline/api-contracts';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Registry } from 'prom-client';
import { type ConsumerLiveness, stuckAnswer } from './liveness.js';
import { type ReadinessCheck, runReadinessChecks } from './readiness.js';

export interface HealthRoutesOptions {
  registry: Registry;
  checks?: readonly ReadinessCheck[];
  /** The consumers' liveness (`Service.liveness`); absent: the process answering is alive enough. */
  liveness?: () => readonly ConsumerLiveness[];
}

/**
 * The access rule of these routes for @faultline/access's accessControl (every route declares
 * one): probes and scrapes are public. Held in a variable, not a literal, because `access` is
 * declared on Fastify's route config by @faultline/access, which this package does not import.
 */
const PUBLIC = { access: { public: true as const } };

/**
 * /healthz: the process answers and no consumer is stuck (liveness: else 503
 * FL_RUNTIME_CONSUMER_STUCK, and the supervisor restarts it). /readyz: every dependency
 * answers, else 503 with which one failed. /metrics: Prometheus text format.
 */
const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (
  app,
  { registry, checks = [], liveness = () => [] },
) => {
  app.get(
    '/healthz',
    {
      logLevel: 'silent',
      config: PUBLIC,
      schema: { response: withErrors({ 200: Health, 503: ConsumerStuck }) },
    },
    async (_request, reply) => {
      const stuck = stuckAnswer(liveness());
      return stuck ? reply.code(503).send(stuck) : { status: 'ok' };
    },
  );

  app.get(
    '/readyz',
    {
      logLevel: 'silent',
      config: PUBLIC,
      schema: { response: withErrors({ 200: Readiness, 503: Readiness }) },
    },
    async (_request, reply) => {
      const report = await runReadinessChecks(checks);
      return reply
        .code(report.ready ? 200 : 503)
        .send({ status: report.ready ? 'ready' : 'not ready', ...report });
    },
  );

  app.get(
    '/metrics',
    { logLevel: 'silent', config: PUBLIC, schema: { response: withErrors({ 200: PrometheusText }) } },
    async (_request, reply) => {
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
};

export default fp(healthRoutes, { name: 'faultline-health-routes', fastify: '5.x' });
