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
  RedisConfig,
} from '@faultline/config';
import { Severity } from '@faultline/contracts';
import Type, { type Static } from 'typebox';

/** Every service's local base URL, for the investigation's system health. */
const LOCAL_SERVICES = ['ingest', 'categorizer', 'detector', 'alerter', 'metrics', 'resolution'] as const;

export const ResolutionConfig = Type.Object(
  {
    log: LogConfig,
    kafka: KafkaConfig,
    /** The history it reads (events, alert_events, tickets) and `archived_groups` it fills; metrics owns the schema. */
    clickhouse: ClickHouseConfig,
    /** Current ticket and group state (tickets, regressions), and the maintenance lock. */
    redis: RedisConfig,
    http: HttpConfig(DEFAULT_PORTS.resolution),
    auth: AuthConfig,
    /** Limits of every investigation and ticket lookup query (the API's read-only ClickHouse client). */
    queryLimits: QueryLimitsConfig,
    /**
     * The consumer group on errors.categorized. The default is the group's name from when metrics
     * ran it, so an upgrade resumes at its committed offsets; a new group starts at the newest
     * event (no tickets for old history).
     */
    consumer: ConsumerConfig({
      groupId: 'faultline-metrics.resolution',
      maxBatch: 500,
      fromBeginning: false,
    }),
    tickets: Type.Object(
      {
        /** Groups of these severities get a ticket automatically. @default ['critical', 'high'] */
        autoSeverities: Type.Array(Severity, {
          default: ['critical', 'high'],
        }),
        /** How long a crashed holder of a group's lock blocks others. @default 10000 */
        lockTtlMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
        /** Steps one ticket keeps; one more by hand is a 409, a regression drops the oldest. @default 200 */
        maxSteps: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
        /**
         * Largest encoded TicketEvent (it carries the whole ticket), kept under the brokers'
         * `message.max.bytes` (1 MiB by default); past it a change is a 413. @default 900000
         */
        maxEventBytes: Type.Integer({ minimum: 65_536, maximum: 100_000_000, default: 900_000 }),
        /**
         * Ticket and group state in Redis expires this long after its last change (ticket text
         * copies event data). ClickHouse's `tickets` history has its own (metrics `retention.ticketDays`). @default 400
         */
        retentionDays: Type.Integer({ minimum: 1, maximum: 3650, default: 400 }),
        /** Tickets one group may have over its life; past it no new ticket (409, none automatic). @default 100 */
        maxPerGroup: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 100 }),
      },
      { default: {}, additionalProperties: false },
    ),
    investigation: Type.Object(
      {
        /** Service name -> base URL whose `/readyz` system health asks. @default the local ports of the six services */
        services: Type.Record(Type.String(), Type.String({ pattern: '^https?://' }), {
          default: Object.fromEntries(
            LOCAL_SERVICES.map((name) => [name, `http://127.0.0.1:${DEFAULT_PORTS[name]}`]),
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
    cors: Type.Object(
      {
        /**
         * Origins whose pages may call this API from a browser (the metrics dashboard shows a
         * group's ticket and investigation). @default the dashboard's local origins
         */
        origins: Type.Array(Type.String({ pattern: '^https?://[^/]+$' }), {
          default: [`http://127.0.0.1:${DEFAULT_PORTS.metrics}`, `http://localhost:${DEFAULT_PORTS.metrics}`],
        }),
      },
      { default: {}, additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ResolutionConfig = Static<typeof ResolutionConfig>;

export function loadResolutionConfig(env: NodeJS.ProcessEnv = process.env): ResolutionConfig {
  return loadConfig(ResolutionConfig, { env });
}
