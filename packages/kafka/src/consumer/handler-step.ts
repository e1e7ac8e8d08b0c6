import type { Logger } from 'pino';
import type { BatchControl } from './backend.js';
import { withDeadline } from './deadline.js';
import { withHeartbeat } from './heartbeat.js';
import { type ConsumedMessage, type InvalidMessage, invalidMessage } from './messages.js';

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

// biome-ignore lint/suspicious/noConfusingVoidType: a handler with nothing to declare is just `async () => {...}`, typed Promise<void>.
export type HandlerOutcome = HandlerResult | undefined | void;

/** One call per chunk of valid messages, so a service can do one Redis/ClickHouse round trip. Throwing means "not done": nothing is committed. */
export type BatchHandler<T> = (
  messages: ConsumedMessage<T>[],
  context: HandlerContext,
) => Promise<HandlerOutcome>;

/**
 * Second step: one handler call for the chunk's valid messages, heartbeating while it runs.
 * Returns the messages the handler declared invalid; a throw, or no answer within
 * `deadlineMs` (FL_KAFKA_HANDLER_TIMEOUT), passes through (nothing is committed).
 */
export async function runHandler<T>(
  handler: BatchHandler<T>,
  valid: ConsumedMessage<T>[],
  chunk: readonly ConsumedMessage[],
  control: BatchControl,
  options: { heartbeatEveryMs: number; deadlineMs: number; logger: Logger },
): Promise<InvalidMessage[]> {
  const first = chunk[0];
  if (valid.length === 0 || !first) return [];
  const { topic, partition } = first;
  const { logger } = options;
  const heartbeat = () => control.heartbeat();
  let result: HandlerOutcome;
  try {
    result = await withHeartbeat(
      withDeadline(handler(valid, { topic, partition, heartbeat, logger }), options.deadlineMs),
      heartbeat,
      options.heartbeatEveryMs,
      logger,
    );
  } catch (error) {
    logger.error(
      { err: error, topic, partition, fromOffset: first.offset, messages: chunk.length },
      'handler failed; not committing, the chunk will be redelivered',
    );
    throw error;
  }
  return declaredInvalid(result, chunk);
}

function declaredInvalid(result: HandlerOutcome, chunk: readonly ConsumedMessage[]): InvalidMessage[] {
  if (!result?.invalid?.length) return [];
  const byOffset = new Map(chunk.map((message) => [message.offset, message]));
  return result.invalid.map(({ offset, reason }) => {
    const message = byOffset.get(offset);
    if (!message)
      throw new Error(
        `handler declared offset ${offset} invalid, but it is not in this chunk of ${chunk[0]?.topic}/${chunk[0]?.partition}`,
      );
    return invalidMessage(message, reason);
  });
}
