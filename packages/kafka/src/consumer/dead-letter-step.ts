import type { Logger } from 'pino';
import type { DeadLetterSink } from './backend.js';
import type { InvalidMessage } from './messages.js';

/**
 * Fourth step (after the DLQ limit allowed them): hands the chunk's invalid messages to the
 * sink and waits for every acknowledgement, so the commit that follows never skips a message
 * whose dead letter was lost.
 */
export async function sendDeadLetters(
  sink: DeadLetterSink,
  invalid: readonly InvalidMessage[],
  logger: Logger,
): Promise<void> {
  const first = invalid[0];
  if (!first) return;
  await sink.send(invalid);
  logger.warn(
    { topic: first.topic, partition: first.partition, offsets: invalid.map((message) => message.offset) },
    '%d messages dead-lettered',
    invalid.length,
  );
}
