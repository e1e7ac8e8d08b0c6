import Type, { type Static } from 'typebox';

/** A service's own defaults for its `consumer` section; knobs left out keep kafkajs's defaults. */
export interface ConsumerDefaults {
  groupId: string;
  maxBatch: number;
  /** Largest `maxBatch` the service accepts. @default 10000 */
  maxBatchLimit?: number;
  fromBeginning: boolean;
  /** @default 1 */
  concurrentPartitions?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  maxWaitMs?: number;
  minBytes?: number;
}

const withDefault = (value: number | undefined) => (value === undefined ? {} : { default: value });

/**
 * The `consumer` section every consuming service has (`FAULTLINE_CONSUMER_*`), with the
 * service's defaults. `consumerRunOptions` turns it into the consumer runner's options.
 */
export function ConsumerConfig(defaults: ConsumerDefaults) {
  return Type.Object(
    {
      /** Consumer group; a service with several consumers derives the others' groups from it (its README). */
      groupId: Type.String({ minLength: 1, default: defaults.groupId }),
      /** Messages handled (and committed) together: one round trip and one commit each. */
      maxBatch: Type.Integer({
        minimum: 1,
        maximum: defaults.maxBatchLimit ?? 10_000,
        default: defaults.maxBatch,
      }),
      /** Where a new group (no committed offsets) starts: the oldest retained message, or the newest. */
      fromBeginning: Type.Boolean({ default: defaults.fromBeginning }),
      /** Partitions handled at once; order within a partition is kept. @default 1 */
      concurrentPartitions: Type.Integer({
        minimum: 1,
        maximum: 64,
        default: defaults.concurrentPartitions ?? 1,
      }),
      /** How long a dead replica keeps its partitions (also the rebalance timeout). @default kafkajs's 30000 */
      sessionTimeoutMs: Type.Optional(
        Type.Integer({ minimum: 1000, ...withDefault(defaults.sessionTimeoutMs) }),
      ),
      /** @default kafkajs's 3000 */
      heartbeatIntervalMs: Type.Optional(
        Type.Integer({ minimum: 100, ...withDefault(defaults.heartbeatIntervalMs) }),
      ),
      /** A fetch returns once `minBytes` are waiting or this much time has passed. @default kafkajs's 5000 */
      maxWaitMs: Type.Optional(
        Type.Integer({ minimum: 10, maximum: 60_000, ...withDefault(defaults.maxWaitMs) }),
      ),
      /** @default kafkajs's 1 */
      minBytes: Type.Optional(Type.Integer({ minimum: 1, ...withDefault(defaults.minBytes) })),
      /**
       * A handler call not settled after this long fails its attempt; a chunk in flight for
       * longer fails the service's /healthz (packages/kafka README, Liveness). @default 60000
       */
      chunkDeadlineMs: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 60_000 }),
      /**
       * Failed attempts at a chunk, then at each of its messages alone, before the message is
       * dead-lettered with the reason (packages/kafka README, Bounded attempts). @default 3
       */
      maxAttempts: Type.Integer({ minimum: 1, maximum: 100, default: 3 }),
      /**
       * When too much of a topic is invalid the consumer stops instead of dead-lettering it all
       * (packages/kafka README, DLQ limit). Unset fields keep the runner's defaults.
       */
      dlqLimit: Type.Object(
        {
          /** `false` dead-letters without limit. @default true */
          enabled: Type.Boolean({ default: true }),
          /** @default 0.5 */
          maxInvalidRatio: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          /** @default 1000 */
          windowSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
          /** @default 100 */
          minMessages: Type.Optional(Type.Integer({ minimum: 1 })),
          /** @default unlimited */
          maxConsecutiveInvalid: Type.Optional(Type.Integer({ minimum: 1 })),
        },
        { default: {}, additionalProperties: false },
      ),
    },
    { default: {}, additionalProperties: false },
  );
}
export type ConsumerSettings = Static<ReturnType<typeof ConsumerConfig>>;

/** The part of @faultline/kafka's `RunConsumerOptions` a `consumer` section decides. */
export interface ConsumerRunOptions {
  groupId: string;
  maxHandlerBatch: number;
  fromBeginning: boolean;
  partitionsConsumedConcurrently: number;
  chunkDeadlineMs: number;
  maxAttempts: number;
  dlqLimit:
    | false
    | { maxInvalidRatio?: number; windowSize?: number; minMessages?: number; maxConsecutiveInvalid?: number };
  /** kafkajs consumer settings; only those the section sets. */
  consumer: {
    sessionTimeout?: number;
    rebalanceTimeout?: number;
    heartbeatInterval?: number;
    maxWaitTimeInMs?: number;
    minBytes?: number;
  };
}

export function consumerRunOptions(section: ConsumerSettings): ConsumerRunOptions {
  const { enabled, ...limit } = section.dlqLimit;
  return {
    groupId: section.groupId,
    maxHandlerBatch: section.maxBatch,
    fromBeginning: section.fromBeginning,
    partitionsConsumedConcurrently: section.concurrentPartitions,
    chunkDeadlineMs: section.chunkDeadlineMs,
    maxAttempts: section.maxAttempts,
    dlqLimit: enabled ? definedOnly(limit) : false,
    consumer: definedOnly({
      sessionTimeout: section.sessionTimeoutMs,
      rebalanceTimeout: section.sessionTimeoutMs,
      heartbeatInterval: section.heartbeatIntervalMs,
      maxWaitTimeInMs: section.maxWaitMs,
      minBytes: section.minBytes,
    }),
  };
}

function definedOnly<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
