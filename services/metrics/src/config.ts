import {
  AuthConfig,
  ClickHouseConfig,
  ConsumerConfig,
  DEFAULT_PORTS,
  HttpConfig,
  KafkaConfig,
  LogConfig,
  loadConfig,
  QueryLimitsConfig,
  RAW_EVENT_RETENTION_DAYS,
  RateLimitConfig,
} from '@faultline/config';
import Type, { type Static } from 'typebox';

/** The shared ClickHouse section plus cluster mode, which only the metrics service (the schema's owner) needs. */
export const MetricsClickHouseConfig = Type.Object(
  {
    ...ClickHouseConfig.properties,
    /**
     * Cluster name in the servers' `remote_servers` (`FAULTLINE_CLICKHOUSE_CLUSTER`): migrations run
     * `ON CLUSTER` with Replicated `_local` tables behind Distributed ones (deploy/SCALING.md).
     * Empty: one server, schema exactly as in the migration files. @default ''
     */
    cluster: Type.String({ pattern: '^([A-Za-z_][A-Za-z0-9_]*)?$', default: '' }),
  },
  { default: {}, additionalProperties: false },
);

export const MetricsConfig = Type.Object(
  {
    log: LogConfig,
    kafka: KafkaConfig,
    clickhouse: MetricsClickHouseConfig,
    http: HttpConfig(DEFAULT_PORTS.metrics),
    /** Limits of every analytics and dashboard query (the API's read-only ClickHouse client). */
    queryLimits: QueryLimitsConfig,
    /** Request rate per client on the HTTP API (probes and /metrics excepted). */
    rateLimit: RateLimitConfig,
    /**
     * Prefix of the three consumer groups (`.events`, `.alert-events`, `.tickets`). Inserts are
     * batched by size or time: a fetch returns once `minBytes` wait or after `maxWaitMs`. A new
     * group starts from the oldest retained message, so history has no hole.
     */
    consumer: ConsumerConfig({
      groupId: 'faultline-metrics',
      maxBatch: 10_000,
      maxBatchLimit: 100_000,
      minBytes: 1_048_576,
      maxWaitMs: 1000,
      fromBeginning: true,
    }),
    dashboard: Type.Object(
      {
        /** The built page; empty: services/metrics/dist/web (`pnpm --filter @faultline/metrics build:web`). @default '' */
        webRoot: Type.String({ default: '' }),
        /** Longest wait of the live feed's fetches: the floor of how soon an alert-event reaches the page. @default 100 */
        liveMaxWaitMs: Type.Integer({ minimum: 10, maximum: 5000, default: 100 }),
        /** Live streams one client (bearer token, else IP) may hold open at once. @default 10 */
        liveMaxStreamsPerClient: Type.Integer({ minimum: 1, maximum: 10_000, default: 10 }),
        /** A live stream with more than this many bytes unsent (a client not reading) is closed. @default 1048576 */
        liveMaxBufferedBytes: Type.Integer({ minimum: 1024, maximum: 268_435_456, default: 1_048_576 }),
        /**
         * The resolution API as the page's browser reaches it: a group's ticket and investigation
         * come from there (its `cors.origins` must list this dashboard's origin). @default 'http://127.0.0.1:8095'
         */
        resolutionUrl: Type.String({
          pattern: '^https?://[^/]+/?$',
          default: `http://127.0.0.1:${DEFAULT_PORTS.resolution}`,
        }),
      },
      { default: {}, additionalProperties: false },
    ),
    auth: AuthConfig,
    admin: Type.Object(
      {
        /**
         * The owner's API token (`flt_<id>_<secret>`), stored hashed on first start if no token has
         * its id; `pnpm start` generates it into local-secrets.json. Empty: no owner token. @default ''
         */
        ownerToken: Type.String({ default: '' }),
        /** The owner account made on first start (when no user is the owner). @default 'owner@localhost' */
        ownerEmail: Type.String({ default: 'owner@localhost', pattern: '^[^\\s@]+@[^\\s@]+$' }),
        /** How often the tokens this service verified are written to the audit log as `token.use`. @default 60000 */
        tokenUsageFlushMs: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 60_000 }),
      },
      { default: {}, additionalProperties: false },
    ),
    retention: Type.Object(
      {
        /** Raw events and per-minute rollups are dropped this many days after they happened. @default 30 */
        eventsDays: Type.Integer({
          minimum: 1,
          maximum: 3650,
          default: RAW_EVENT_RETENTION_DAYS,
          env: 'FAULTLINE_RETENTION_DAYS',
        }),
        /** Hourly rollups live longer: trends over months stay cheap. @default 400 */
        rollupDays: Type.Integer({ minimum: 1, maximum: 3650, default: 400 }),
        /** Alert history and deliveries (`alert_events`, `notifications`), from each row's time. @default 90 */
        alertDays: Type.Integer({
          minimum: 1,
          maximum: 3650,
          default: 90,
          env: 'FAULTLINE_ALERT_RETENTION_DAYS',
        }),
        /** Ticket history (`tickets`), from each change; resolution metrics look back this far. @default 400 */
        ticketDays: Type.Integer({
          minimum: 1,
          maximum: 3650,
          default: 400,
          env: 'FAULTLINE_TICKET_RETENTION_DAYS',
        }),
        /** Archived resolved groups (`archived_groups`, with a scrubbed sample event), from archiving. @default 400 */
        archiveDays: Type.Integer({
          minimum: 1,
          maximum: 3650,
          default: 400,
          env: 'FAULTLINE_ARCHIVE_RETENTION_DAYS',
        }),
        /** The audit log (`audit_log`): who changed what, kept longer than the events. @default 400 */
        auditDays: Type.Integer({
          minimum: 1,
          maximum: 3650,
          default: 400,
          env: 'FAULTLINE_AUDIT_RETENTION_DAYS',
        }),
      },
      { default: {}, additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type MetricsConfig = Static<typeof MetricsConfig>;

export function loadMetricsConfig(env: NodeJS.ProcessEnv = process.env): MetricsConfig {
  return loadConfig(MetricsConfig, { env });
}
