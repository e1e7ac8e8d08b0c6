import { createMetricsRegistry } from '@faultline/observability';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConsumerLiveness,
  healthRoutes,
  type ReadinessCheck,
  runReadinessChecks,
  stuckAnswer,
} from '../src/index.js';

const apps: ReturnType<typeof Fastify>[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function build(checks: ReadinessCheck[], consumers: ConsumerLiveness[] = []) {
  const app = Fastify();
  apps.push(app);
  await app.register(healthRoutes, {
    registry: createMetricsRegistry('test-service'),
    checks,
    liveness: () => consumers,
  });
  return app;
}

describe('health routes', () => {
  it('answers /healthz while the process runs', async () => {
    const res = await (await build([])).inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it.each([
    { id: 'all checks pass', checks: [{ name: 'kafka', check: () => undefined }], status: 200, failing: [] },
    {
      id: 'a check throws',
      checks: [
        { name: 'kafka', check: () => undefined },
        { name: 'redis', check: () => Promise.reject(new Error('ECONNREFUSED')) },
      ],
      status: 503,
      failing: ['redis'],
    },
    {
      id: 'a check hangs past its timeout',
      checks: [{ name: 'clickhouse', check: () => new Promise(() => {}), timeoutMs: 50 }],
      status: 503,
      failing: ['clickhouse'],
    },
  ])('answers /readyz when $id', async ({ checks, status, failing }) => {
    const res = await (await build(checks)).inject('/readyz');
    expect(res.statusCode).toBe(status);
    const body = res.json() as { checks: Record<string, { ok: boolean; error?: string }> };
    const failed = Object.entries(body.checks).filter(([, r]) => !r.ok);
    expect(failed.map(([name]) => name)).toEqual(failing);
    for (const [, r] of failed) expect(r.error).toBeTruthy();
  });

  it('answers every field: the response schemas serialize and drop nothing', async () => {
    const stuck = {
      stuck: true,
      deadlineMs: 60_000,
      lastProgressAt: Date.now() - 90_000,
      oldestInFlightMs: 90_000,
    };
    const checks = [
      { name: 'kafka', check: () => undefined },
      { name: 'redis', check: () => Promise.reject(new Error('ECONNREFUSED')) },
    ];
    const app = await build(checks, [stuck]);
    const health = await app.inject('/healthz');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual(stuckAnswer([stuck]));
    expect((await app.inject('/readyz')).json()).toEqual({
      status: 'not ready',
      ...(await runReadinessChecks(checks)),
    });
  });

  it('serves Prometheus metrics labelled with the service', async () => {
    const res = await (await build([])).inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/faultline_process_cpu_seconds_total\{service="test-service"\}/);
  });
});
