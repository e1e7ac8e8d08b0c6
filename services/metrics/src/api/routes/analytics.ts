import type { ClickHouseClient } from '@clickhouse/client';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ActiveAlerts,
  CriticalErrors,
  ErrorRate,
  GroupEventsPage,
  GroupPage,
  Resolution,
  ResolutionReportAnswer,
  Top,
  Trends,
  withErrors,
} from '@faultline/api-contracts';
import { activeAlerts } from '../queries/alerts.js';
import { errorRate, top, trends } from '../queries/event-counts.js';
import { criticalErrors, groupEvents, listGroups } from '../queries/groups.js';
import { resolution } from '../queries/resolution.js';
import { resolutionReportFor } from '../queries/resolution-report.js';
import { ResolutionReportQuery } from '../queries/resolution-report-schema.js';
import {
  ActiveAlertsQuery,
  GroupParams,
  GroupsQuery,
  LimitedRangeQuery,
  PageQuery,
  ProjectParams,
  RangeQuery,
  TopParams,
  TrendsQuery,
} from '../schemas.js';
import { DAY_MS, HOUR_MS, resolveRange } from '../time-range.js';

export interface AnalyticsRoutesOptions {
  clickhouse: ClickHouseClient;
  /** The clock for default ranges and open-ticket SLAs. */
  now: () => number;
}

/** Every analytics answer is about one project: its viewers may read it. */
const READ = { access: { role: 'viewer', project: 'params.projectId' } } as const;

/** The analytics API: every answer is for one project and a time range (defaults per route). */
const analyticsRoutes: FastifyPluginAsyncTypebox<AnalyticsRoutesOptions> = async (
  app,
  { clickhouse, now },
) => {
  const base = '/api/v1/projects/:projectId';

  app.get(
    `${base}/error-rate`,
    {
      config: READ,
      schema: { params: ProjectParams, querystring: RangeQuery, response: withErrors({ 200: ErrorRate }) },
    },
    async (request) =>
      errorRate(
        clickhouse,
        request.params.projectId,
        resolveRange(request.query, now(), HOUR_MS, 7 * DAY_MS),
      ),
  );

  app.get(
    `${base}/trends`,
    {
      config: READ,
      schema: { params: ProjectParams, querystring: TrendsQuery, response: withErrors({ 200: Trends }) },
    },
    async (request) =>
      trends(
        clickhouse,
        request.params.projectId,
        resolveRange(request.query, now(), 7 * DAY_MS),
        request.query.buckets,
      ),
  );

  app.get(
    `${base}/top/:dimension`,
    {
      config: READ,
      schema: { params: TopParams, querystring: LimitedRangeQuery, response: withErrors({ 200: Top }) },
    },
    async (request) =>
      top(
        clickhouse,
        request.params.projectId,
        resolveRange(request.query, now(), DAY_MS),
        request.params.dimension,
        request.query.limit,
      ),
  );

  app.get(
    `${base}/critical`,
    {
      config: READ,
      schema: {
        params: ProjectParams,
        querystring: LimitedRangeQuery,
        response: withErrors({ 200: CriticalErrors }),
      },
    },
    async (request) =>
      criticalErrors(
        clickhouse,
        request.params.projectId,
        resolveRange(request.query, now(), DAY_MS),
        request.query.limit,
      ),
  );

  app.get(
    `${base}/groups`,
    {
      config: READ,
      schema: { params: ProjectParams, querystring: GroupsQuery, response: withErrors({ 200: GroupPage }) },
    },
    async (request) => {
      const { from, to, sort, ...filters } = request.query;
      return listGroups(clickhouse, request.params.projectId, resolveRange({ from, to }, now(), 7 * DAY_MS), {
        ...filters,
        sort: sort ?? 'lastSeen',
      });
    },
  );

  app.get(
    `${base}/groups/:groupId/events`,
    {
      config: READ,
      schema: { params: GroupParams, querystring: PageQuery, response: withErrors({ 200: GroupEventsPage }) },
    },
    async (request) => {
      const { from, to, limit, offset } = request.query;
      return groupEvents(
        clickhouse,
        request.params.projectId,
        request.params.groupId,
        resolveRange({ from, to }, now(), 7 * DAY_MS),
        {
          limit,
          offset,
        },
      );
    },
  );

  app.get(
    `${base}/alerts/active`,
    {
      config: READ,
      schema: {
        params: ProjectParams,
        querystring: ActiveAlertsQuery,
        response: withErrors({ 200: ActiveAlerts }),
      },
    },
    async (request) => {
      const at = request.query.at === undefined ? now() : Date.parse(request.query.at);
      return activeAlerts(clickhouse, request.params.projectId, at, request.query.limit);
    },
  );

  app.get(
    `${base}/resolution`,
    {
      config: READ,
      schema: { params: ProjectParams, querystring: RangeQuery, response: withErrors({ 200: Resolution }) },
    },
    async (request) =>
      resolution(clickhouse, request.params.projectId, resolveRange(request.query, now(), 7 * DAY_MS), now()),
  );

  app.get(
    `${base}/resolution/report`,
    {
      config: READ,
      schema: {
        params: ProjectParams,
        querystring: ResolutionReportQuery,
        response: withErrors({ 200: ResolutionReportAnswer }),
      },
    },
    async (request) => {
      const { from, to, buckets, limit } = request.query;
      const nowMs = now();
      return resolutionReportFor(
        clickhouse,
        request.params.projectId,
        resolveRange({ from, to }, nowMs, 7 * DAY_MS),
        {
          buckets,
          topLimit: limit,
          nowMs,
        },
      );
    },
  );
};

export default analyticsRoutes;
