import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Registry } from 'prom-client';
import { type ReadinessCheck, runReadinessChecks } from './readiness.js';

export interface HealthRoutesOptions {
  registry: Registry;
  checks?: readonly ReadinessCheck[];
}

/**
 * /healthz: the process answers (liveness). /readyz: every dependency answers, else 503
 * with which one failed. /metrics: Prometheus text format.
 */
const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, { registry, checks = [] }) => {
  app.get('/healthz', { logLevel: 'silent' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { logLevel: 'silent' }, async (_request, reply) => {
    const report = await runReadinessChecks(checks);
    return reply
      .code(report.ready ? 200 : 503)
      .send({ status: report.ready ? 'ready' : 'not ready', ...report });
  });

  app.get('/metrics', { logLevel: 'silent' }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};

export default fp(healthRoutes, { name: 'faultline-health-routes', fastify: '5.x' });
