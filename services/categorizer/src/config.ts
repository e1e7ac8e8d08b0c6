import {
  ConsumerConfig,
  DEFAULT_PORTS,
  HttpConfig,
  KafkaConfig,
  LogConfig,
  RAW_EVENT_RETENTION_DAYS,
  RedisConfig,
} from '@faultline/config';
import { ScrubConfig } from '@faultline/scrub';
import Type, { type Static } from 'typebox';

const DAY_SECONDS = 86_400;

export const CategorizerConfig = Type.Object(
  {
    log: LogConfig,
    kafka: KafkaConfig,
    redis: RedisConfig,
    http: HttpConfig(DEFAULT_PORTS.categorizer),
    /** The errors.raw consumer; a new group starts at the oldest retained event, so nothing sent before the first deploy is skipped. */
    consumer: ConsumerConfig({
      groupId: 'faultline-categorizer',
      maxBatch: 500,
      concurrentPartitions: 3,
      fromBeginning: true,
    }),
    rules: Type.Object(
      {
        /** A YAML or JSON rules file, re-read between batches when it changes; unset: the runbook defaults. */
        file: Type.Optional(Type.String({ minLength: 1 })),
      },
      { default: {}, additionalProperties: false },
    ),
    /**
     * The data scrubber (packages/scrub): every event from errors.raw is scrubbed before it is
     * grouped, so what is stored, alerted and ticketed is scrubbed, whoever produced it.
     */
    scrub: ScrubConfig,
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
