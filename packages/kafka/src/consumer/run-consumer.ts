import type { Codec } from '@faultline/contracts';
import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { FaultlineKafkaError, isKafkaError } from '../errors.js';
import type { BatchingProducer } from '../producer/batching-producer.js';
import { commitThrough } from './commit-step.js';
import { deadLetterRecord } from './dead-letter.js';
import { decodeMessages } from './decode-step.js';
import { DlqLimit, type DlqLimitOptions } from './dlq-limit.js';
import { withHeartbeat } from './heartbeat.js';
import type { ConsumedMessage, InvalidMessage } from './messages.js';

export interface HandlerContext {
  topic: string;
  partition: number;
  /** For handlers that loop over many round trips; a single long await is covered already. */
  heartbeat(): Promise<void>;
  logger: Logger;
}

/** Messages the handler found unusable (by offset); they are dead-lettered like undecodable ones. */
export interface HandlerResult {
  invalid?: { offset: string; reason: string }[];
}

/** One call per chunk of valid messages, so a service can do one Redis/ClickHouse round trip. Throwing means "not done": nothing is committed. */
export type BatchHandler<T> = (
  messages: ConsumedMessage<T>[],
  context: HandlerContext,
) => Promise<HandlerOutcome>;

// biome-ignore lint/suspicious/noConfusingVoidType: a handler with nothing to declare is just `async () => {...}`, typed Promise<void>.
type HandlerOutcome = HandlerResult | undefined | void;

export interface RunConsumerOptions<T> {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  codec: Codec<T>;
  handler: BatchHandler<T>;
  dlq: { topic: string; producer: BatchingProducer };
  logger: Logger;
  /** `false` dead-letters without limit. @default {} (DlqLimit defaults) */
  dlqLimit?: DlqLimitOptions | false;
  /** Largest slice of a fetched batch handed to the handler, then committed on its own. @default 500 */
  maxHandlerBatch?: number;
  /** Where a group without committed offsets starts. @default false (latest) */
  fromBeginning?: boolean;
  /** @default 1 */
  partitionsConsumedConcurrently?: number;
  /** How often to heartbeat while the handler runs. @default 1000 */
  heartbeatEveryMs?: number;
  /** Passed to `kafka.consumer` (session/rebalance timeouts, maxWaitTimeInMs, retry with restartOnFailure, ...). */
  consumer?: Omit<ConsumerConfig, 'groupId'>;
}

export interface RunningConsumer {
  consumer: Consumer;
  /** Resolves after `stop()`; rejects with why the consumer gave up (FL_KAFKA_DLQ_LIMIT, FL_KAFKA_CONSUMER_CRASHED). */
  done: Promise<void>;
  /** Waits for the in-flight chunk (which commits), leaves the group, disconnects. */
  stop(): Promise<void>;
}

/**
 * A consumer as a chain of small steps per chunk: decode -> handle -> DLQ limit -> dead-letter
 * -> commit. Commit is last, so an offset is committed only after the handler resolved and the
 * DLQ writes were acknowledged.
 */
export async function runConsumer<T>(options: RunConsumerOptions<T>): Promise<RunningConsumer> {
  const { groupId, codec, handler, dlq } = options;
  const logger = options.logger.child({ groupId });
  const maxHandlerBatch = options.maxHandlerBatch ?? 500;
  const heartbeatEveryMs = options.heartbeatEveryMs ?? 1000;
  const dlqLimit = options.dlqLimit === false ? undefined : new DlqLimit(options.dlqLimit);

  const consumer = options.kafka.consumer({ ...options.consumer, groupId });
  let settle!: { resolve(): void; reject(error: Error): void };
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Marked handled here; callers awaiting `done` still see the rejection.
  done.catch(() => {});
  let fatal: FaultlineKafkaError | undefined;
  let stopping: Promise<void> | undefined;

  function stop(): Promise<void> {
    stopping ??= consumer.disconnect().then(() => (fatal ? settle.reject(fatal) : settle.resolve()));
    return stopping;
  }

  function giveUp(error: FaultlineKafkaError): void {
    if (fatal) return;
    fatal = error;
    logger.error({ err: error, code: error.code }, 'consumer stopping: %s', error.message);
    // Not awaited: disconnect waits for the batch that is calling us.
    setImmediate(() => void stop());
  }

  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart)
      logger.warn({ err: payload.error }, 'consumer crashed; kafkajs restarts it from the last commit');
    else
      giveUp(
        new FaultlineKafkaError(
          'FL_KAFKA_CONSUMER_CRASHED',
          `consumer crashed and will not restart: ${payload.error.message}`,
          { cause: payload.error },
        ),
      );
  });

  async function processChunk(payload: EachBatchPayload, chunk: KafkaMessage[]): Promise<void> {
    const { topic, partition } = payload.batch;
    const { valid, invalid } = decodeMessages(topic, partition, chunk, codec);

    if (valid.length > 0) {
      const context: HandlerContext = { topic, partition, heartbeat: payload.heartbeat, logger };
      let result: HandlerOutcome;
      try {
        result = await withHeartbeat(handler(valid, context), payload.heartbeat, heartbeatEveryMs, logger);
      } catch (error) {
        logger.error(
          { err: error, topic, partition, fromOffset: chunk[0]?.offset, messages: chunk.length },
          'handler failed; not committing, the chunk will be redelivered',
        );
        throw error;
      }
      invalid.push(...declaredInvalid(result, chunk, topic, partition));
    }

    if (dlqLimit) {
      const invalidOffsets = new Set(invalid.map((message) => message.offset));
      dlqLimit.record(chunk.map((message) => !invalidOffsets.has(message.offset)));
    }

    if (invalid.length > 0) {
      const failedAt = new Date();
      await Promise.all(
        invalid.map((message) => dlq.producer.send(dlq.topic, deadLetterRecord(message, groupId, failedAt))),
      );
      logger.warn(
        { topic, partition, offsets: invalid.map((message) => message.offset) },
        '%d messages dead-lettered',
        invalid.length,
      );
    }

    const last = chunk[chunk.length - 1];
    if (last) await commitThrough(payload, last.offset);
  }

  await consumer.connect();
  await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? false });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    eachBatch: async (payload) => {
      for (let start = 0; start < payload.batch.messages.length; start += maxHandlerBatch) {
        // Whatever is left unresolved is fetched again by whoever owns the partition next.
        if (fatal || !payload.isRunning() || payload.isStale()) return;
        try {
          await processChunk(payload, payload.batch.messages.slice(start, start + maxHandlerBatch));
        } catch (error) {
          if (isKafkaError(error, 'FL_KAFKA_DLQ_LIMIT')) return giveUp(error);
          throw error;
        }
        await payload.heartbeat();
      }
    },
  });
  return { consumer, done, stop };
}

function declaredInvalid(
  result: HandlerOutcome,
  chunk: KafkaMessage[],
  topic: string,
  partition: number,
): InvalidMessage[] {
  if (!result?.invalid?.length) return [];
  const byOffset = new Map(chunk.map((message) => [message.offset, message]));
  return result.invalid.map(({ offset, reason }) => {
    const message = byOffset.get(offset);
    if (!message)
      throw new Error(
        `handler declared offset ${offset} invalid, but it is not in this chunk of ${topic}/${partition}`,
      );
    return {
      topic,
      partition,
      offset,
      key: message.key ?? null,
      value: message.value,
      timestamp: message.timestamp,
      reason,
    };
  });
}
