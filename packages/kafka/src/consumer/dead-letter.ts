import { type DeadLetter, deadLetterCodec, SCHEMA_VERSION } from '@faultline/contracts';
import type { BatchingProducer, OutgoingMessage } from '../producer/batching-producer.js';
import type { DeadLetterSink } from './backend.js';
import type { InvalidMessage } from './messages.js';

/** Also in the value; as headers they can be read (and filtered on) without decoding it, as arroyo does. */
export const DLQ_HEADERS = {
  sourceTopic: 'faultline-source-topic',
  sourcePartition: 'faultline-source-partition',
  sourceOffset: 'faultline-source-offset',
  consumer: 'faultline-consumer',
} as const;

const MAX_REASON_LENGTH = 4096;

export function buildDeadLetter(invalid: InvalidMessage, consumer: string, failedAt: Date): DeadLetter {
  return {
    schemaVersion: SCHEMA_VERSION,
    source: {
      topic: invalid.topic,
      partition: invalid.partition,
      offset: invalid.offset,
      key: invalid.key === null ? null : invalid.key.toString('base64'),
      timestamp: kafkaTimestampToIso(invalid.timestamp),
    },
    consumer,
    reason:
      invalid.reason.length > MAX_REASON_LENGTH
        ? `${invalid.reason.slice(0, MAX_REASON_LENGTH - 1)}…`
        : invalid.reason,
    payload: invalid.value === null ? null : invalid.value.toString('base64'),
    failedAt: failedAt.toISOString(),
  };
}

/** The `dlq` record: keyed by source topic (ARCHITECTURE.md), origin repeated in headers. */
export function deadLetterRecord(invalid: InvalidMessage, consumer: string, failedAt: Date): OutgoingMessage {
  return {
    key: invalid.topic,
    value: deadLetterCodec.encode(buildDeadLetter(invalid, consumer, failedAt)),
    headers: {
      [DLQ_HEADERS.sourceTopic]: invalid.topic,
      [DLQ_HEADERS.sourcePartition]: String(invalid.partition),
      [DLQ_HEADERS.sourceOffset]: invalid.offset,
      [DLQ_HEADERS.consumer]: consumer,
    },
  };
}

/** kafkajs gives milliseconds as a string; a message without a timestamp (-1) keeps the raw value. */
function kafkaTimestampToIso(timestamp: string): string {
  const ms = Number(timestamp);
  return Number.isFinite(ms) && ms >= 0 ? new Date(ms).toISOString() : timestamp;
}

/** The runtime dead-letter sink: one `dlq` record per invalid message, through the batching producer. */
export function producerDeadLetters(
  producer: BatchingProducer,
  topic: string,
  consumer: string,
): DeadLetterSink {
  return {
    async send(letters) {
      const failedAt = new Date();
      await Promise.all(
        letters.map((letter) => producer.send(topic, deadLetterRecord(letter, consumer, failedAt))),
      );
    },
  };
}
