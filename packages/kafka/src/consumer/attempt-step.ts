import type { Logger } from 'pino';
import type { AttemptLedger, PartitionRef } from '../attempts/attempt-ledger.js';
import type { AttemptKind, AttemptStatus } from '../attempts/attempt-record.js';
import type { BatchControl } from './backend.js';
import type { ConsumedMessage } from './messages.js';

export interface AttemptOptions {
  ledger: AttemptLedger;
  /** Failed attempts a chunk, then each of its messages alone, gets before the message is dead-lettered. */
  maxAttempts: number;
  /** Failures this says are outages are retried without counting (see `outage.ts`). */
  isOutage: (error: unknown) => boolean;
  logger: Logger;
}

/** The steps of one chunk (decode -> handler -> DLQ limit -> dead letters -> commit) over some of its messages. */
export type ChunkSteps = (messages: readonly ConsumedMessage[]) => Promise<void>;
/** Dead-letters one message with the reason and commits past it. */
export type GiveUp = (message: ConsumedMessage, reason: string) => Promise<void>;

/**
 * Wraps the other steps: bounds the attempts at a chunk, so a message that crashes or stalls
 * the handler cannot hold its partition forever. Each attempt is recorded in the ledger before
 * it begins, so one that blocks the event loop until the process is killed still counts.
 * Once the chunk failed `maxAttempts` times its messages are handled one at a time, each
 * committed on its own; a message that itself failed `maxAttempts` times is dead-lettered with
 * the reason and the partition moves on.
 */
export async function runAttempts(
  messages: readonly ConsumedMessage[],
  steps: ChunkSteps,
  giveUp: GiveUp,
  control: BatchControl,
  options: AttemptOptions,
): Promise<void> {
  const first = messages[0];
  if (!first) return;
  const { ledger, maxAttempts, logger } = options;
  const partition: PartitionRef = { topic: first.topic, partition: first.partition };

  const chunk = await ledger.beginChunk(partition, first.offset);
  if (chunk.failures < maxAttempts) return attempt(() => steps(messages), 'chunk', first, options);

  logger.warn(
    { ...partition, fromOffset: first.offset, messages: messages.length, failures: chunk.failures },
    'chunk failed %d times; handling its messages one at a time',
    chunk.failures,
  );
  for (const message of messages) {
    if (!control.isActive()) return;
    const own = await ledger.beginMessage(partition, message.offset, chunk.failures);
    if (own.failures >= maxAttempts) await giveUp(message, stalledReason(own));
    else await attempt(() => steps([message]), 'message', message, options);
  }
}

/** The dead letter's reason for a message that failed too often. */
export function stalledReason({ failures, lastError }: AttemptStatus): string {
  return `handler stalled or crashed on ${failures} attempt${failures === 1 ? '' : 's'}: ${
    lastError ?? 'the last attempt never finished (the process stalled or was stopped)'
  }`;
}

async function attempt(
  work: () => Promise<void>,
  kind: AttemptKind,
  { topic, partition, offset }: ConsumedMessage,
  { ledger, isOutage, logger }: AttemptOptions,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const failure = { reason: describe(error), counts: !isOutage(error) };
    await ledger.fail({ topic, partition }, kind, offset, failure).catch((ledgerError: unknown) => {
      logger.warn({ err: ledgerError, topic, partition, offset }, 'could not record a failed attempt');
    });
    throw error;
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
