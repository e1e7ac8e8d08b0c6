import type { Message } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import {
  assignOffsets,
  groupByTopic,
  messageBytes,
  nextBatchLength,
  type QueuedMessage,
} from '../../src/producer/batch-assembly.js';

const sized = (...bytes: number[]) => bytes.map((b) => ({ bytes: b }));

describe('nextBatchLength', () => {
  it.each([
    { id: 'all fit', queue: sized(10, 10, 10), maxBatchMessages: 10, maxBatchBytes: 100, expected: 3 },
    {
      id: 'closed by count',
      queue: sized(1, 1, 1, 1, 1),
      maxBatchMessages: 2,
      maxBatchBytes: 100,
      expected: 2,
    },
    {
      id: 'closed by bytes',
      queue: sized(40, 40, 40),
      maxBatchMessages: 10,
      maxBatchBytes: 100,
      expected: 2,
    },
    {
      id: 'exactly the byte cap',
      queue: sized(50, 50, 1),
      maxBatchMessages: 10,
      maxBatchBytes: 100,
      expected: 2,
    },
    {
      id: 'oversized head still goes alone',
      queue: sized(500, 1),
      maxBatchMessages: 10,
      maxBatchBytes: 100,
      expected: 1,
    },
    { id: 'empty queue', queue: sized(), maxBatchMessages: 10, maxBatchBytes: 100, expected: 0 },
  ])('$id', ({ queue, maxBatchMessages, maxBatchBytes, expected }) => {
    expect(nextBatchLength(queue, { maxBatchMessages, maxBatchBytes })).toBe(expected);
  });
});

describe('messageBytes', () => {
  it('counts key, value and headers in bytes, not characters', () => {
    const bare = messageBytes({ value: null });
    expect(
      messageBytes({ key: 'ké', value: Buffer.alloc(100), headers: { h: ['ab', Buffer.from('c')] } }),
    ).toBe(bare + 3 + 100 + 1 + 3);
  });
});

const queued = (topic: string, partition: number | undefined, value: string): QueuedMessage => {
  const message: Message = { value };
  if (partition !== undefined) message.partition = partition;
  return { topic, message, bytes: 1 };
};

describe('groupByTopic', () => {
  it('keeps queue order within each topic', () => {
    const grouped = groupByTopic([queued('a', 0, '1'), queued('b', 0, '2'), queued('a', 1, '3')]);
    expect(grouped.map(({ topic, messages }) => [topic, messages.map((m) => m.value)])).toEqual([
      ['a', ['1', '3']],
      ['b', ['2']],
    ]);
  });
});

describe('assignOffsets', () => {
  it('counts up from each partition base offset in batch order', () => {
    const batch = [queued('a', 0, 'x'), queued('a', 1, 'y'), queued('a', 0, 'z'), queued('b', 0, 'w')];
    const metadata = [
      { topicName: 'a', partition: 0, errorCode: 0, baseOffset: '41' },
      { topicName: 'a', partition: 1, errorCode: 0, baseOffset: '7' },
      { topicName: 'b', partition: 0, errorCode: 0, baseOffset: '9007199254740993' },
    ];
    expect(assignOffsets(batch, metadata)).toEqual([
      { topic: 'a', partition: 0, offset: '41' },
      { topic: 'a', partition: 1, offset: '7' },
      { topic: 'a', partition: 0, offset: '42' },
      { topic: 'b', partition: 0, offset: '9007199254740993' },
    ]);
  });

  it('refuses to guess when a partition was not recorded or not acknowledged', () => {
    expect(() => assignOffsets([queued('a', undefined, 'x')], [])).toThrow(/no partition recorded/);
    expect(() =>
      assignOffsets([queued('a', 3, 'x')], [{ topicName: 'a', partition: 0, errorCode: 0, baseOffset: '0' }]),
    ).toThrow(/no offset for a\/3/);
  });
});
