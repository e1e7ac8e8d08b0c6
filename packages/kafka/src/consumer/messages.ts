/** Header values as Kafka clients give them: bytes, or a string we produced, or several of them. */
export type MessageHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/**
 * A message read from one partition. Without a type argument `value` is the raw bytes (what a
 * source delivers); `ConsumedMessage<T>` is the same message after the codec, as the handler sees it.
 */
export interface ConsumedMessage<T = Buffer | null> {
  value: T;
  key: Buffer | null;
  topic: string;
  partition: number;
  offset: string;
  /** Kafka's timestamp: milliseconds since the epoch, as a string ("-1" when the broker gave none). */
  timestamp: string;
  headers: MessageHeaders;
}

/** Raw messages of one partition in offset order: a fetched batch, or the slice of it the steps work on. */
export interface Chunk {
  topic: string;
  partition: number;
  messages: readonly ConsumedMessage[];
}

/** A message the consumer cannot use, with the reason: bound for the DLQ (arroyo's `InvalidMessage`). */
export interface InvalidMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
  reason: string;
}

/** What a group commits for a partition: the next offset to read (Kafka's meaning), so last handled + 1. */
export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

export function invalidMessage(message: ConsumedMessage, reason: string): InvalidMessage {
  const { topic, partition, offset, key, value, timestamp } = message;
  return { topic, partition, offset, key, value, timestamp, reason };
}
