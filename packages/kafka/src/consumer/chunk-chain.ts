import type { Codec } from '@faultline/contracts';
import type { Logger } from 'pino';
import type { BatchControl, DeadLetterSink } from './backend.js';
import { commitMessages } from './commit-step.js';
import { sendDeadLetters } from './dead-letter-step.js';
import { decodeMessages } from './decode-step.js';
import type { DlqLimit } from './dlq-limit.js';
import { type BatchHandler, runHandler } from './handler-step.js';
import type { Chunk, ConsumedMessage } from './messages.js';

export interface ChunkChainOptions<T> {
  codec: Codec<T>;
  handler: BatchHandler<T>;
  deadLetters: DeadLetterSink;
  /** Absent: dead-letter without limit. */
  dlqLimit?: DlqLimit;
  maxHandlerBatch: number;
  heartbeatEveryMs: number;
  logger: Logger;
}

/**
 * The steps every chunk goes through: decode -> handler -> DLQ limit -> dead letters -> commit.
 * A batch is cut into chunks of `maxHandlerBatch`; each chunk commits on its own, and a chunk
 * is only started while the source says it is active, so `stop()` finishes the one in flight.
 * A throw (handler, dead letters, FL_KAFKA_DLQ_LIMIT) leaves the chunk uncommitted.
 */
export function chunkChain<T>(options: ChunkChainOptions<T>) {
  const { codec, handler, deadLetters, dlqLimit, logger } = options;

  async function processChunk(messages: readonly ConsumedMessage[], control: BatchControl): Promise<void> {
    const { valid, invalid } = decodeMessages(messages, codec);
    invalid.push(...(await runHandler(handler, valid, messages, control, options)));
    if (dlqLimit) {
      const invalidOffsets = new Set(invalid.map((message) => message.offset));
      dlqLimit.record(messages.map((message) => !invalidOffsets.has(message.offset)));
    }
    await sendDeadLetters(deadLetters, invalid, logger);
    await commitMessages(control.committer, messages);
  }

  return async function processBatch(batch: Chunk, control: BatchControl): Promise<void> {
    for (let start = 0; start < batch.messages.length; start += options.maxHandlerBatch) {
      // Whatever is left uncommitted is fetched again by whoever owns the partition next.
      if (!control.isActive()) return;
      await processChunk(batch.messages.slice(start, start + options.maxHandlerBatch), control);
      await control.heartbeat();
    }
  };
}
