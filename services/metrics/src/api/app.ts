import type { ClickHouseClient } from '@clickhouse/client';
import { accessControl, type ServiceAccess } from '@faultline/access';
import { pingClickHouse } from '@faultline/clickhouse';
import { errorHandler } from '@faultline/errors';
import { type HealthRoutesOptions, healthRoutes, type ReadinessCheck, rateLimit } from '@faultline/runtime';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { AdminContext } from '../admin/admin-context.js';
import adminPlugin from '../admin/admin-plugin.js';
import auditRoutes from '../audit/audit-routes.js';
import dashboardPlugin, { type DashboardOptions } from '../dashboard/dashboard-plugin.js';
import { metricsErrorOptions, rateLimited } from './error-handler.js';
import analyticsRoutes from './routes/analytics.js';

export interface MetricsAppOptions {
  /** The read-only client with the query limits (readOnlySettings of @faultline/clickhouse). */
  clickhouse: ClickHouseClient;
  registry: Registry;
  /** Extra readiness checks (the consumers' Kafka admin) next to ClickHouse's. */
  checks?: ReadinessCheck[];
  /** The consumers' liveness for /healthz (`service.liveness`). */
  liveness?: HealthRoutesOptions['liveness'];
  /** @default Date.now */
  now?: () => number;
  /** Requests per client (config `rateLimit`); left out, unlimited. */
  rateLimit?: { perSecond: number; burst: number };
  /** The dashboard page, its live stream and buttons; left out, only the analytics API is served. */
  dashboard?: DashboardOptions;
  /** Who may call each route (@faultline/access): every route declares its rule. */
  access: ServiceAccess;
  /** The admin API (users, teams, members, tokens) and the audit API; left out, not served. */
  admin?: AdminContext;
}

/** The metrics HTTP surface as a plugin: main.ts listens with it, tests inject into it. */
export default async function metricsApp(app: FastifyInstance, options: MetricsAppOptions): Promise<void> {
  await app.register(errorHandler, metricsErrorOptions);
  // Before any route: every route declares who may call it (health, /metrics and the page are public).
  await app.register(accessControl, {
    view: options.access.view,
    sessionSecret: options.access.sessionSecret,
  });
  if (options.rateLimit) await app.register(rateLimit, { ...options.rateLimit, refuse: rateLimited });
  await app.register(healthRoutes, {
    registry: options.registry,
    liveness: options.liveness,
    checks: [
      { name: 'clickhouse', check: () => pingClickHouse(options.clickhouse) },
      ...(options.checks ?? []),
      options.access.readiness,
    ],
  });
  await app.register(analyticsRoutes, { clickhouse: options.clickhouse, now: options.now ?? Date.now });
  const { admin } = options;
  if (admin) {
    // Last use of tokens, as far as this service sees them (README: Identity and access).
    app.addHook('onResponse', async (request) => {
      if (request.identity?.tokenId) admin.usage.used(request.identity.tokenId, admin.now());
    });
    await app.register(auditRoutes, { clickhouse: options.clickhouse, now: options.now ?? Date.now });
    await app.register(adminPlugin, admin);
  }
  if (options.dashboard)
    await app.register(dashboardPlugin, {
      ...options.dashboard,
      clickhouse: options.clickhouse,
      now: options.now ?? Date.now,
    });
}
