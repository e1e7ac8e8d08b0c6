import type { ClickHouseClient } from '@clickhouse/client';
import type { Auditor } from '@faultline/access';
import { DashboardConfig, ProjectList, withErrors } from '@faultline/api-contracts';
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
  /** The resolution API's base URL, handed to the page (tickets and investigation live there). */
  resolutionUrl: string;
  /** @default 15000 */
  heartbeatMs?: number;
  /** Live streams one client may hold open. @default 10 */
  maxStreamsPerClient?: number;
  /** Unsent bytes past which a live stream is closed. @default 1048576 */
  maxBufferedBytes?: number;
  /** Appends each acknowledge / resolve to the audit log, the caller as its actor. */
  audit: Auditor['audit'];
}

/** The dashboard: the page, its live stream, its buttons and the project list the analytics API lacks. */
export default async function dashboardPlugin(
  app: FastifyInstance,
  options: DashboardOptions & { clickhouse: ClickHouseClient; now: () => number },
): Promise<void> {
  // Every project a caller holds a role on: the list shows only those.
  app.get(
    '/api/v1/projects',
    {
      schema: { response: withErrors({ 200: ProjectList }) },
      config: { access: { role: 'viewer', project: 'none' } },
    },
    async (request) => ({
      projects: (await listProjects(options.clickhouse)).filter((p) =>
        request.identity.can('viewer', p.projectId),
      ),
    }),
  );
  // Where the page finds the other services' APIs; read once when it loads.
  app.get(
    '/api/v1/dashboard/config',
    {
      schema: { response: withErrors({ 200: DashboardConfig }) },
      config: { access: { authenticated: true } },
    },
    async () => ({
      resolutionUrl: options.resolutionUrl.replace(/\/$/, ''),
    }),
  );
  const { hub, heartbeatMs, maxStreamsPerClient, maxBufferedBytes } = options;
  await app.register(liveRoutes, { hub, heartbeatMs, maxStreamsPerClient, maxBufferedBytes });
  await app.register(commandRoutes, options);
  await app.register(staticRoutes, { webRoot: options.webRoot });
}
