import type { ClickHouseClient } from '@clickhouse/client';
import { healthRoutes, type ReadinessCheck } from '@faultline/runtime';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import type { AdminContext } from '../admin/admin-context.js';
import adminPlugin from '../admin/admin-plugin.js';
import auditRoutes from '../audit/audit-routes.js';
import dashboardPlugin, { type DashboardOptions } from '../dashboard/dashboard-plugin.js';
import { metricsErrorHandler } from './error-handler.js';
import analyticsRoutes from './routes/analytics.js';

export interface MetricsAppOptions {
  clickhouse: ClickHouseClient;
  registry: Registry;
  /** Extra readiness checks (the consumers' Kafka admin) next to ClickHouse's. */
  checks?: ReadinessCheck[];
  /** @default Date.now */
  now?: () => number;
  /** The dashboard page, its live stream and buttons; left out, only the analytics API is served. */
  dashboard?: DashboardOptions;
  /** The admin API (users, teams, members, tokens); left out, not served. */
  admin?: AdminContext;
}

/** The metrics HTTP surface as a plugin: main.ts listens with it, tests inject into it. */
export default async function metricsApp(app: FastifyInstance, options: MetricsAppOptions): Promise<void> {
  app.setErrorHandler(metricsErrorHandler);
  await app.register(healthRoutes, {
    registry: options.registry,
    checks: [
      { name: 'clickhouse', check: () => options.clickhouse.ping().then(assertPing) },
      ...(options.checks ?? []),
    ],
  });
  await app.register(analyticsRoutes, { clickhouse: options.clickhouse, now: options.now ?? Date.now });
  await app.register(auditRoutes, { clickhouse: options.clickhouse, now: options.now ?? Date.now });
  if (options.admin) {
    const { usage, now } = options.admin;
    // Last use of tokens, as far as this service sees them (README: Identity and access).
    app.addHook('onResponse', async (request) => {
      const tokenId = tokenIdOfRequest(request);
      if (tokenId) usage.used(tokenId, now());
    });
    await app.register(adminPlugin, options.admin);
  }
  if (options.dashboard)
    await app.register(dashboardPlugin, {
      ...options.dashboard,
      clickhouse: options.clickhouse,
      now: options.now ?? Date.now,
    });
}

function tokenIdOfRequest(request: FastifyRequest): string | undefined {
  return (request as { identity?: { tokenId?: string } }).identity?.tokenId;
}

function assertPing(result: { success: boolean; error?: Error }): void {
  if (!result.success) throw result.error ?? new Error('ClickHouse ping failed');
}
