import type { Codec } from '@faultline/contracts';
import type { KafkaMessage } from 'kafkajs';
import type { ConsumedMessage, InvalidMessage } from './messages.js';

export interface DecodedChunk<T> {
  valid: ConsumedMessage<T>[];
  invalid: InvalidMessage[];
}

/** First step: split raw messages into typed ones and invalid ones; never throws on bad input. */
export function decodeMessages<T>(
  topic: string,
  partition: number,
  messages: readonly KafkaMessage[],
  codec: Codec<T>,
): DecodedChunk<T> {
  const valid: ConsumedMessage<T>[] = [];
  const invalid: InvalidMessage[] = [];
  for (const message of messages) {
    const decoded = codec.decode(message.value);
    const { offset, timestamp } = message;
    const key = message.key ?? null;
    if (decoded.ok)
      valid.push({
        value: decoded.value,
        key,
        topic,
        partition,
        offset,
        timestamp,
        headers: message.headers ?? {},
      });
    else
      invalid.push({
        topic,
        partition,
        offset,
        key,
        value: message.value,
        timestamp,
        reason: decoded.reason,
      });
  }
  return { valid, invalid };
}
