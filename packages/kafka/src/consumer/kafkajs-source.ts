import type { ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { BatchControl, BatchSource } from './backend.js';
import type { Chunk, PartitionOffset } from './messages.js';

export interface KafkajsSourceOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  logger: Logger;
  /** Where a group without committed offsets starts. @default false (latest) */
  fromBeginning?: boolean;
  /** @default 1 */
  partitionsConsumedConcurrently?: number;
  /** Passed to `kafka.consumer` (session/rebalance timeouts, maxWaitTimeInMs, retry with restartOnFailure, ...). */
  consumer?: Omit<ConsumerConfig, 'groupId'>;
}

/**
 * The only file that knows kafkajs's consumer: a group member whose fetched batches become
 * `Chunk`s, committing through the batch's own resolveOffset/commit. Offsets are resolved only
 * by those commits (`eachBatchAutoResolve: false`), so what is not committed is fetched again.
 * kafkajs retries a batch that throws and, past its retries, restarts the consumer
 * (`retry.restartOnFailure`); a crash it will not restart goes to `onCrash`.
 */
export function kafkajsSource(options: KafkajsSourceOptions): BatchSource {
  const { logger } = options;
  const consumer = options.kafka.consumer({ ...options.consumer, groupId: options.groupId });

  return {
    async start(eachBatch, onCrash) {
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (payload.restart)
          logger.warn({ err: payload.error }, 'consumer crashed; kafkajs restarts it from the last commit');
        else onCrash(payload.error);
      });
      await consumer.connect();
      await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? false });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => eachBatch(toChunk(payload), controlOf(payload)),
      });
    },
    // kafkajs's disconnect waits for the batch in flight, then leaves the group.
    stop: () => consumer.disconnect(),
  };
}

function toChunk({ batch }: EachBatchPayload): Chunk {
  const { topic, partition } = batch;
  return {
    topic,
    partition,
    messages: batch.messages.map((message) => ({
      topic,
      partition,
      offset: message.offset,
      key: message.key ?? null,
      value: message.value,
      timestamp: message.timestamp,
      headers: message.headers ?? {},
    })),
  };
}

function controlOf(payload: EachBatchPayload): BatchControl {
  return {
    committer: {
      async commit(offsets: readonly PartitionOffset[]) {
        for (const { topic, partition, offset } of offsets) {
          // resolveOffset takes the last handled offset; the commit, the next one to read.
          payload.resolveOffset((BigInt(offset) - 1n).toString());
          await payload.commitOffsetsIfNecessary({
            topics: [{ topic, partitions: [{ partition, offset }] }],
          });
        }
      },
    },
    heartbeat: () => payload.heartbeat(),
    isActive: () => payload.isRunning() && !payload.isStale(),
  };
}
