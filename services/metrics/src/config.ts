import {
  ClickHouseConfig,
  ConsumerConfig,
  DEFAULT_PORTS,
  HttpConfig,
  KafkaConfig,
  LogConfig,
  loadConfig,
  RAW_EVENT_RETENTION_DAYS,
  RedisConfig,
} from '@faultline/config';
import { Severity } from '@faultline/contracts';
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
    /** Current ticket and group state (tickets, regressions). */
    redis: RedisConfig,
    http: HttpConfig(DEFAULT_PORTS.metrics),
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
      },
      { default: {}, additionalProperties: false },
    ),
    archive: Type.Object(
      {
        /** The maintenance job runs (archive resolved groups) on a timer, one instance at a time. @default true */
        enabled: Type.Boolean({ default: true }),
        /** A group resolved this long ago, and not seen since, is archived to `archived_groups`. @default 7 */
        resolvedAfterDays: Type.Integer({ minimum: 0, maximum: 3650, default: 7 }),
        /** How often the job runs; the first run is one interval after start. @default 3600000 (1 h) */
        intervalMs: Type.Integer({ minimum: 100, maximum: 7 * 86_400_000, default: 3_600_000 }),
        /** Redis lock lease: the longest one run may hold it before another instance may start. @default 600000 */
        lockTtlMs: Type.Integer({ minimum: 100, maximum: 86_400_000, default: 600_000 }),
      },
      { default: {}, additionalProperties: false },
    ),
    tickets: Type.Object(
      {
        /** Groups of these severities get a ticket automatically. @default ['critical', 'high'] */
        autoSeverities: Type.Array(Severity, {
          default: ['critical', 'high'],
        }),
        /** A new `<groupId>.resolution` group starts at the newest event: no tickets for old history. @default false */
        fromBeginning: Type.Boolean({ default: false }),
        /** How long a crashed holder of a group's lock blocks others. @default 10000 */
        lockTtlMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
      },
      { default: {}, additionalProperties: false },
    ),
    investigation: Type.Object(
      {
        /** Service name -> base URL whose `/readyz` system health asks. @default the local ports */
        services: Type.Record(Type.String(), Type.String({ pattern: '^https?://' }), {
          default: Object.fromEntries(
            (['ingest', 'categorizer', 'detector', 'alerter'] as const).map((name) => [
              name,
              `http://127.0.0.1:${DEFAULT_PORTS[name]}`,
            ]),
          ),
        }),
        /** Consumer group -> unprefixed topics whose lag system health reports. @default every service's groups */
        consumerGroups: Type.Record(Type.String(), Type.Array(Type.String()), {
          default: {
            'faultline-categorizer': ['errors.raw'],
            'faultline-detector': ['errors.categorized'],
            'faultline-alerter': ['alerts'],
            'faultline-alerter.commands': ['alert-commands'],
            'faultline-metrics.events': ['errors.categorized'],
            'faultline-metrics.alert-events': ['alert-events'],
            'faultline-metrics.tickets': ['tickets'],
            'faultline-metrics.resolution': ['errors.categorized'],
          },
        }),
        /** Lag above this many messages makes a group (and system health) degraded. @default 1000 */
        maxHealthyLag: Type.Integer({ minimum: 0, default: 1000 }),
        /** Each health probe gives up after this long. @default 2000 */
        probeTimeoutMs: Type.Integer({ minimum: 50, maximum: 30_000, default: 2000 }),
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
