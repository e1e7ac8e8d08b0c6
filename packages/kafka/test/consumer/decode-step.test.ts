import { errorEventCodec } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { decodeMessages } from '../../src/consumer/decode-step.js';
import type { ConsumedMessage } from '../../src/consumer/messages.js';
import { errorEvent } from '../support/infra.js';

const raw = (offset: string, value: Buffer | null, key: Buffer | null = null): ConsumedMessage => ({
  topic: 'errors.raw',
  partition: 2,
  offset,
  value,
  key,
  timestamp: '1764392400000',
  headers: {},
});

describe('decodeMessages', () => {
  it('splits a chunk into typed messages and invalid ones with reasons, in offset order', () => {
    const chunk = [
      raw('10', errorEventCodec.encode(errorEvent(1)), Buffer.from('checkout')),
      raw('11', Buffer.from('{not json')),
      raw('12', Buffer.from(JSON.stringify({ ...errorEvent(2), level: 'loud' }))),
      raw('13', null),
      raw('14', Buffer.from([0xff, 0xfe])),
      raw('15', errorEventCodec.encode(errorEvent(3))),
    ];
    const { valid, invalid } = decodeMessages(chunk, errorEventCodec);
    expect(valid.map((m) => [m.offset, m.value.eventId, m.key?.toString() ?? null])).toEqual([
      ['10', 'evt_1', 'checkout'],
      ['15', 'evt_3', null],
    ]);
    expect(valid[0]).toMatchObject({ topic: 'errors.raw', partition: 2, timestamp: '1764392400000' });
    expect(invalid.map((m) => m.offset)).toEqual(['11', '12', '13', '14']);
    expect(invalid.map((m) => m.reason)).toEqual([
      expect.stringMatching(/invalid JSON/),
      expect.stringMatching(/\/level/),
      expect.stringMatching(/empty message/),
      expect.stringMatching(/not valid UTF-8/),
    ]);
    expect(invalid[0]?.value?.toString()).toBe('{not json');
  });
});
