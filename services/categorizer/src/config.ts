import {
  DEFAULT_PORTS,
  HttpConfig,
  KafkaConfig,
  LogConfig,
  RAW_EVENT_RETENTION_DAYS,
  RedisConfig,
} from '@faultline/config';
import Type, { type Static } from 'typebox';

const DAY_SECONDS = 86_400;

export const CategorizerConfig = Type.Object(
  {
    log: LogConfig,
    kafka: KafkaConfig,
    redis: RedisConfig,
    http: HttpConfig(DEFAULT_PORTS.categorizer),
    consumer: Type.Object(
      {
        /** @default 'faultline-categorizer' */
        groupId: Type.String({ minLength: 1, default: 'faultline-categorizer' }),
        /** Events handled (and committed) together: one Redis pipeline and one produce wait each. @default 500 */
        maxBatch: Type.Integer({ minimum: 1, maximum: 10_000, default: 500 }),
        /** Partitions handled at once; their produces share the producer's batches. @default 3 */
        concurrentPartitions: Type.Integer({ minimum: 1, maximum: 64, default: 3 }),
        /** A new consumer group starts at the oldest retained event, so nothing sent before the first deploy is skipped. @default true */
        fromBeginning: Type.Boolean({ default: true }),
        /** A chunk in flight longer than this fails /healthz; a handler call not settled by then fails its attempt. @default 60000 */
        chunkDeadlineMs: Type.Integer({ minimum: 100, default: 60_000 }),
        /** Failed attempts at a chunk, then at each of its messages alone, before the message is dead-lettered. @default 3 */
        maxAttempts: Type.Integer({ minimum: 1, maximum: 100, default: 3 }),
      },
      { default: {}, additionalProperties: false },
    ),
    rules: Type.Object(
      {
        /** A YAML or JSON rules file, re-read between batches when it changes; unset: the runbook defaults. */
        file: Type.Optional(Type.String({ minLength: 1 })),
      },
      { default: {}, additionalProperties: false },
    ),
    firstSeen: Type.Object(
      {
        /**
         * How long a group is remembered after its last event; a group silent for longer is
         * first seen again. Matches raw event retention: past it, history has forgotten it too.
         * @default 30 days
         */
        ttlSeconds: Type.Integer({ minimum: 60, default: RAW_EVENT_RETENTION_DAYS * DAY_SECONDS }),
      },
      { default: {}, additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CategorizerConfig = Static<typeof CategorizerConfig>;
