import {
  AuthConfig,
  DEFAULT_PORTS,
  HttpConfig,
  KafkaConfig,
  type LoadConfigOptions,
  LogConfig,
  loadConfig,
  RedisConfig,
} from '@faultline/config';
import { ScrubConfig } from '@faultline/scrub';
import Type, { type Static } from 'typebox';

const IngestSection = Type.Object(
  {
    /** Largest request body, compressed or not (a decompressed body is held to it too). @default 1048576 */
    bodyLimitBytes: Type.Integer({ minimum: 1024, default: 1_048_576 }),
    /** Deepest JSON nesting accepted in a native event (the event object is level 1). @default 16 */
    maxDepth: Type.Integer({ minimum: 2, maximum: 128, default: 16 }),
    /** Events one /api/v1/events request may carry. @default 1000 */
    maxEventsPerRequest: Type.Integer({ minimum: 1, default: 1000 }),
    /** Per-project limit unless the project sets its own: sustained events per second and burst. @default { ratePerSecond: 1000, burst: 5000 } */
    rateLimit: Type.Object(
      {
        ratePerSecond: Type.Number({ exclusiveMinimum: 0, default: 1000 }),
        burst: Type.Integer({ minimum: 1, default: 5000 }),
      },
      { default: {}, additionalProperties: false },
    ),
    /** How long a request waits for Kafka to acknowledge its events before answering 503. @default 10000 */
    produceTimeoutMs: Type.Integer({ minimum: 100, default: 10_000 }),
    /** Retry-After sent with 503 when Kafka is unavailable. @default 5 */
    unavailableRetryAfterSeconds: Type.Integer({ minimum: 1, default: 5 }),
    /** Client clock skew worth recording, and skew so absurd the timestamp is replaced. @default 60000 / 86400000 */
    clockSkew: Type.Object(
      {
        recordAboveMs: Type.Integer({ minimum: 0, default: 60_000 }),
        clampAboveMs: Type.Integer({ minimum: 0, default: 86_400_000 }),
      },
      { default: {}, additionalProperties: false },
    ),
    /** Base URL clients reach ingest at, used to build DSNs. @default 'http://127.0.0.1:8080' */
    publicUrl: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:8080' }),
    /** Origins allowed to call /api/v1/events from a browser (Sentry routes use each project's list). @default [] */
    corsOrigins: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
  },
  { default: {}, additionalProperties: false },
);

export const IngestConfig = Type.Object(
  {
    log: LogConfig,
    http: HttpConfig(DEFAULT_PORTS.ingest),
    kafka: KafkaConfig,
    redis: RedisConfig,
    ingest: IngestSection,
    auth: AuthConfig,
    /** The data scrubber (packages/scrub), shared with the categorizer, which scrubs again: `FAULTLINE_SCRUB_*`. */
    scrub: ScrubConfig,
  },
  { additionalProperties: false },
);
export type IngestConfig = Static<typeof IngestConfig>;

export function loadIngestConfig(options: LoadConfigOptions = {}): IngestConfig {
  return loadConfig(IngestConfig, options);
}
