import type { Codec } from '@faultline/contracts';
import type { Logger } from 'pino';
import { type AttemptOptions, runAttempts } from './attempt-step.js';
import type { BatchControl, DeadLetterSink } from './backend.js';
import { commitMessages } from './commit-step.js';
import { sendDeadLetters } from './dead-letter-step.js';
import { decodeMessages } from './decode-step.js';
import type { DlqLimit } from './dlq-limit.js';
import { type BatchHandler, runHandler } from './handler-step.js';
import { type Chunk, type ConsumedMessage, invalidMessage } from './messages.js';
import type { ChunkProgress } from './progress.js';

export interface ChunkChainOptions<T> {
  codec: Codec<T>;
  handler: BatchHandler<T>;
  deadLetters: DeadLetterSink;
  /** Absent: dead-letter without limit. */
  dlqLimit?: DlqLimit;
  /** Absent: a failing chunk is retried without bound. */
  attempts?: Omit<AttemptOptions, 'logger'>;
  progress: ChunkProgress;
  maxHandlerBatch: number;
  heartbeatEveryMs: number;
  logger: Logger;
}

/**
 * The steps every chunk goes through: (attempts) decode -> handler -> DLQ limit -> dead
 * letters -> commit. A batch is cut into chunks of `maxHandlerBatch`; each chunk commits on
 * its own, and a chunk is only started while the source says it is active, so `stop()`
 * finishes the one in flight. A throw (handler, its deadline, dead letters, FL_KAFKA_DLQ_LIMIT)
 * leaves the chunk uncommitted; with `attempts`, only so many times.
 */
export function chunkChain<T>(options: ChunkChainOptions<T>) {
  const { codec, handler, deadLetters, dlqLimit, attempts, progress, logger } = options;
  const handlerOptions = { ...options, deadlineMs: progress.deadlineMs };

  async function processChunk(messages: readonly ConsumedMessage[], control: BatchControl): Promise<void> {
    const { valid, invalid } = decodeMessages(messages, codec);
    invalid.push(...(await runHandler(handler, valid, messages, control, handlerOptions)));
    if (dlqLimit) {
      const invalidOffsets = new Set(invalid.map((message) => message.offset));
      dlqLimit.record(messages.map((message) => !invalidOffsets.has(message.offset)));
    }
    await sendDeadLetters(deadLetters, invalid, logger);
    await commitMessages(control.committer, messages);
  }

  async function giveUp(message: ConsumedMessage, reason: string, control: BatchControl): Promise<void> {
    dlqLimit?.record([false]);
    await sendDeadLetters(deadLetters, [invalidMessage(message, reason)], logger);
    await commitMessages(control.committer, [message]);
  }

  const runChunk = (messages: readonly ConsumedMessage[], control: BatchControl): Promise<void> =>
    attempts
      ? runAttempts(
          messages,
          (some) => processChunk(some, control),
          (message, reason) => giveUp(message, reason, control),
          control,
          { ...attempts, logger },
        )
      : processChunk(messages, control);

  return async function processBatch(batch: Chunk, control: BatchControl): Promise<void> {
    for (let start = 0; start < batch.messages.length; start += options.maxHandlerBatch) {
      // Whatever is left uncommitted is fetched again by whoever owns the partition next.
      if (!control.isActive()) return;
      const messages = batch.messages.slice(start, start + options.maxHandlerBatch);
      await progress.track(() => runChunk(messages, control));
      await control.heartbeat();
    }
  };
}
