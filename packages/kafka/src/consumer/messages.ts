import type { IHeaders } from 'kafkajs';

/** A message that decoded and passed its schema, as the handler sees it. */
export interface ConsumedMessage<T> {
  value: T;
  key: Buffer | null;
  topic: string;
  partition: number;
  offset: string;
  /** Kafka's timestamp, milliseconds since the epoch as kafkajs gives it. */
  timestamp: string;
  headers: IHeaders;
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
