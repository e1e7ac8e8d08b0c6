import type { ClickHouseClient } from '@clickhouse/client';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditListAnswer, withErrors } from '@faultline/api-contracts';
import { DAY_MS, resolveRange } from '../api/time-range.js';
import { auditEntries } from './audit-query.js';
import { AuditProjectParams, AuditQuery, InstanceAuditQuery } from './audit-schemas.js';

export interface AuditRoutesOptions {
  clickhouse: ClickHouseClient;
  now: () => number;
}

const DEFAULT_SPAN_MS = 30 * DAY_MS;

/** The audit log read back from ClickHouse: a project's admins see its changes, the owner sees all. */
const auditRoutes: FastifyPluginAsyncTypebox<AuditRoutesOptions> = async (app, { clickhouse, now }) => {
  app.get(
    '/api/v1/projects/:projectId/audit',
    {
      schema: {
        params: AuditProjectParams,
        querystring: AuditQuery,
        response: withErrors({ 200: AuditListAnswer }),
      },
      config: { access: { role: 'admin', project: 'params.projectId' } },
    },
    async (request) => ({
      entries: await auditEntries(clickhouse, {
        projectId: request.params.projectId,
        action: request.query.action,
        actor: request.query.actor,
        range: resolveRange(request.query, now(), DEFAULT_SPAN_MS),
        limit: request.query.limit,
      }),
    }),
  );

  app.get(
    '/api/v1/audit',
    {
      schema: { querystring: InstanceAuditQuery, response: withErrors({ 200: AuditListAnswer }) },
      config: { access: { owner: true } },
    },
    async (request) => ({
      entries: await auditEntries(clickhouse, {
        // `-` names the instance-wide changes alone (stored with no project).
        projectId: request.query.project === '-' ? '' : request.query.project,
        action: request.query.action,
        actor: request.query.actor,
        range: resolveRange(request.query, now(), DEFAULT_SPAN_MS),
        limit: request.query.limit,
      }),
    }),
  );
};

export default auditRoutes;
