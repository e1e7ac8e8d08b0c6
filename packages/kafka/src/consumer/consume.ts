import type { Codec } from '@faultline/contracts';
import type { Logger } from 'pino';
import type { AttemptLedger } from '../attempts/attempt-ledger.js';
import { FaultlineKafkaError, isKafkaError } from '../errors.js';
import type { BatchSource, DeadLetterSink } from './backend.js';
import { chunkChain } from './chunk-chain.js';
import { DlqLimit, type DlqLimitOptions } from './dlq-limit.js';
import type { BatchHandler } from './handler-step.js';
import { isOutage } from './outage.js';
import { ChunkProgress, type ConsumerLiveness } from './progress.js';

export interface ConsumeOptions<T> {
  codec: Codec<T>;
  handler: BatchHandler<T>;
  deadLetters: DeadLetterSink;
  logger: Logger;
  /** `false` dead-letters without limit. @default {} (DlqLimit defaults) */
  dlqLimit?: DlqLimitOptions | false;
  /** Largest slice of a fetched batch handed to the handler, then committed on its own. @default 500 */
  maxHandlerBatch?: number;
  /** How often to heartbeat while the handler runs. @default 1000 */
  heartbeatEveryMs?: number;
  /**
   * A handler call not settled after this long is abandoned and fails the attempt
   * (FL_KAFKA_HANDLER_TIMEOUT); a chunk in flight for longer makes `liveness()` stuck. @default 60000
   */
  chunkDeadlineMs?: number;
  /**
   * Where attempts are remembered across restarts and replicas (`createRedisAttemptLedger`),
   * which bounds them (`attempt-step.ts`). Absent: a failing chunk is retried without bound.
   */
  attemptLedger?: AttemptLedger;
  /** Failed attempts at a chunk, then at each of its messages alone, before the message is dead-lettered. @default 3 */
  maxAttempts?: number;
  /** Failures that are a dependency's outage, not the message's fault: retried without counting. @default isOutage */
  isOutage?: (error: unknown) => boolean;
  /** For tests. @default Date.now */
  clock?: () => number;
}

export interface RunningConsumer {
  /** Resolves after `stop()`; rejects with why the consumer gave up (FL_KAFKA_DLQ_LIMIT, FL_KAFKA_CONSUMER_CRASHED). */
  done: Promise<void>;
  /** Waits for the in-flight chunk (which commits), then stops the source. */
  stop(): Promise<void>;
  /** Whether a chunk has been in flight past the deadline, for /healthz. */
  liveness(): ConsumerLiveness;
}

/**
 * Runs the chunk chain over a source until `stop()`, a DLQ limit or a crash the source will
 * not recover from. Broker-agnostic: `runConsumer` passes a kafkajs source, tests a memory one.
 */
export async function consume<T>(source: BatchSource, options: ConsumeOptions<T>): Promise<RunningConsumer> {
  const { logger, attemptLedger } = options;
  const progress = new ChunkProgress(options.chunkDeadlineMs ?? 60_000, options.clock);
  const processBatch = chunkChain({
    ...options,
    dlqLimit: options.dlqLimit === false ? undefined : new DlqLimit(options.dlqLimit),
    attempts: attemptLedger && {
      ledger: attemptLedger,
      maxAttempts: options.maxAttempts ?? 3,
      isOutage: options.isOutage ?? isOutage,
    },
    progress,
    maxHandlerBatch: options.maxHandlerBatch ?? 500,
    heartbeatEveryMs: options.heartbeatEveryMs ?? 1000,
  });

  let settle!: { resolve(): void; reject(error: Error): void };
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Marked handled here; callers awaiting `done` still see the rejection.
  done.catch(() => {});
  let fatal: FaultlineKafkaError | undefined;
  let stopping: Promise<void> | undefined;

  function stop(): Promise<void> {
    stopping ??= source.stop().then(() => (fatal ? settle.reject(fatal) : settle.resolve()));
    return stopping;
  }

  function giveUp(error: FaultlineKafkaError): void {
    if (fatal) return;
    fatal = error;
    logger.error({ err: error, code: error.code }, 'consumer stopping: %s', error.message);
    // Not awaited: the source's stop waits for the batch that is calling us.
    setImmediate(() => void stop());
  }

  await source.start(
    async (batch, control) => {
      if (fatal) return;
      try {
        await processBatch(batch, { ...control, isActive: () => !fatal && control.isActive() });
      } catch (error) {
        if (isKafkaError(error, 'FL_KAFKA_DLQ_LIMIT')) return giveUp(error);
        throw error;
      }
    },
    (error) =>
      giveUp(
        new FaultlineKafkaError(
          'FL_KAFKA_CONSUMER_CRASHED',
          `consumer crashed and will not restart: ${error.message}`,
          {
            cause: error,
          },
        ),
      ),
  );
  return { done, stop, liveness: () => progress.liveness() };
}
