import {
  ClickHouseConfig,
  DEFAULT_PORTS,
  HttpConfig,
  KafkaConfig,
  LogConfig,
  loadConfig,
  RAW_EVENT_RETENTION_DAYS,
} from '@faultline/config';
import Type, { type Static } from 'typebox';

export const MetricsConfig = Type.Object(
  {
    log: LogConfig,
    kafka: KafkaConfig,
    clickhouse: ClickHouseConfig,
    http: HttpConfig(DEFAULT_PORTS.metrics),
    consumer: Type.Object(
      {
        /** Prefix of the three consumer groups (`.events`, `.alert-events`, `.tickets`). @default 'faultline-metrics' */
        groupId: Type.String({ minLength: 1, default: 'faultline-metrics' }),
        /** Most messages in one ClickHouse insert (and one commit). @default 10000 */
        maxBatch: Type.Integer({ minimum: 1, maximum: 100_000, default: 10_000 }),
        /** A fetch returns once this many bytes are waiting... @default 1048576 */
        minBytes: Type.Integer({ minimum: 1, default: 1_048_576 }),
        /** ...or once this much time has passed: inserts are batched by size or time. @default 1000 */
        maxWaitMs: Type.Integer({ minimum: 10, maximum: 60_000, default: 1000 }),
        /** A new consumer group starts from the oldest retained message, so history has no hole. @default true */
        fromBeginning: Type.Boolean({ default: true }),
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
  },
  { additionalProperties: false },
);
export type MetricsConfig = Static<typeof MetricsConfig>;

export function loadMetricsConfig(env: NodeJS.ProcessEnv = process.env): MetricsConfig {
  return loadConfig(MetricsConfig, { env });
}
