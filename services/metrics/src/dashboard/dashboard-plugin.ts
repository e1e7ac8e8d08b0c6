import type { ClickHouseClient } from '@clickhouse/client';
import { ProjectList, withErrors } from '@faultline/api-contracts';
import type { FastifyInstance } from 'fastify';
import commandRoutes, { type SendCommand } from './command-routes.js';
import type { LiveHub } from './live-hub.js';
import liveRoutes from './live-routes.js';
import { listProjects } from './queries.js';
import staticRoutes from './static-routes.js';

export interface DashboardOptions {
  hub: LiveHub;
  sendCommand: SendCommand;
  /** The built page (see web-root.ts). */
  webRoot: string;
  /** @default 15000 */
  heartbeatMs?: number;
}

/** The dashboard: the page, its live stream, its buttons and the project list the analytics API lacks. */
export default async function dashboardPlugin(
  app: FastifyInstance,
  options: DashboardOptions & { clickhouse: ClickHouseClient; now: () => number },
): Promise<void> {
  app.get('/api/v1/projects', { schema: { response: withErrors({ 200: ProjectList }) } }, async () => ({
    projects: await listProjects(options.clickhouse),
  }));
  await app.register(liveRoutes, {
    hub: options.hub,
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
  });
  await app.register(commandRoutes, options);
  await app.register(staticRoutes, { webRoot: options.webRoot });
}
