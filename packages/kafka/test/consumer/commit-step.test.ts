import { describe, expect, it } from 'vitest';
import { nextOffsets } from '../../src/consumer/commit-step.js';
import type { ConsumedMessage } from '../../src/consumer/messages.js';

const at = (topic: string, partition: number, offset: string): ConsumedMessage => ({
  topic,
  partition,
  offset,
  key: null,
  value: null,
  timestamp: '-1',
  headers: {},
});

describe('nextOffsets', () => {
  it.each([
    { id: 'nothing consumed commits nothing', messages: [], expected: [] },
    {
      id: 'one partition: the last offset + 1',
      messages: [at('t', 0, '7'), at('t', 0, '8')],
      expected: [{ topic: 't', partition: 0, offset: '9' }],
    },
    {
      id: 'each partition and topic on its own, highest offset wins',
      messages: [at('t', 1, '5'), at('t', 0, '3'), at('t', 1, '4'), at('u', 0, '0')],
      expected: [
        { topic: 't', partition: 1, offset: '6' },
        { topic: 't', partition: 0, offset: '4' },
        { topic: 'u', partition: 0, offset: '1' },
      ],
    },
    {
      id: 'offsets past 2^53 stay exact',
      messages: [at('t', 0, '9007199254740993')],
      expected: [{ topic: 't', partition: 0, offset: '9007199254740994' }],
    },
  ])('$id', ({ messages, expected }) => {
    expect(nextOffsets(messages)).toEqual(expected);
  });
});
