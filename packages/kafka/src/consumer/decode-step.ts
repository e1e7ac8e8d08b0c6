import type { Codec } from '@faultline/contracts';
import { type ConsumedMessage, type InvalidMessage, invalidMessage } from './messages.js';

export interface DecodedChunk<T> {
  valid: ConsumedMessage<T>[];
  invalid: InvalidMessage[];
}

/** First step: splits raw messages into typed ones and invalid ones (with the codec's reason); never throws on bad input. */
export function decodeMessages<T>(messages: readonly ConsumedMessage[], codec: Codec<T>): DecodedChunk<T> {
  const valid: ConsumedMessage<T>[] = [];
  const invalid: InvalidMessage[] = [];
  for (const message of messages) {
    const decoded = codec.decode(message.value);
    if (decoded.ok) valid.push({ ...message, value: decoded.value });
    else invalid.push(invalidMessage(message, decoded.reason));
  }
  return { valid, invalid };
}
