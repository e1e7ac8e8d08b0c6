import { deadLetterCodec } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { buildDeadLetter, DLQ_HEADERS, deadLetterRecord } from '../../src/consumer/dead-letter.js';
import type { InvalidMessage } from '../../src/consumer/messages.js';

const invalid: InvalidMessage = {
  topic: 'faultline.errors.raw',
  partition: 4,
  offset: '1234',
  key: Buffer.from('checkout'),
  value: Buffer.from([0xff, 0x00, 0x7b]),
  timestamp: '1764392400000',
  reason: 'ErrorEvent: not valid UTF-8',
};
const failedAt = new Date('2026-11-29T06:00:00.000Z');

describe('buildDeadLetter', () => {
  it('keeps the original bytes, key and origin, and satisfies the DeadLetter contract', () => {
    const letter = buildDeadLetter(invalid, 'categorizer', failedAt);
    expect(deadLetterCodec.check(letter).ok).toBe(true);
    expect(letter).toEqual({
      schemaVersion: 1,
      source: {
        topic: 'faultline.errors.raw',
        partition: 4,
        offset: '1234',
        key: 'Y2hlY2tvdXQ=',
        timestamp: '2025-11-29T05:00:00.000Z',
      },
      consumer: 'categorizer',
      reason: 'ErrorEvent: not valid UTF-8',
      payload: Buffer.from([0xff, 0x00, 0x7b]).toString('base64'),
      failedAt: '2026-11-29T06:00:00.000Z',
    });
  });

  it.each([
    {
      id: 'tombstone and no key',
      change: { value: null, key: null },
      expected: { payload: null, key: null },
    },
    { id: 'no broker timestamp', change: { timestamp: '-1' }, expected: { timestamp: '-1' } },
  ])('$id', ({ change, expected }) => {
    const letter = buildDeadLetter({ ...invalid, ...change }, 'categorizer', failedAt);
    expect(deadLetterCodec.check(letter).ok).toBe(true);
    expect({ ...letter, ...letter.source }).toMatchObject(expected);
  });

  it('cuts an overlong reason to what the contract allows', () => {
    const letter = buildDeadLetter({ ...invalid, reason: 'x'.repeat(10_000) }, 'categorizer', failedAt);
    expect(letter.reason).toHaveLength(4096);
    expect(deadLetterCodec.check(letter).ok).toBe(true);
  });
});

describe('deadLetterRecord', () => {
  it('is keyed by source topic and carries the origin as headers', () => {
    const record = deadLetterRecord(invalid, 'categorizer', failedAt);
    expect(record.key).toBe('faultline.errors.raw');
    expect(record.headers).toEqual({
      [DLQ_HEADERS.sourceTopic]: 'faultline.errors.raw',
      [DLQ_HEADERS.sourcePartition]: '4',
      [DLQ_HEADERS.sourceOffset]: '1234',
      [DLQ_HEADERS.consumer]: 'categorizer',
    });
    const decoded = deadLetterCodec.decode(record.value);
    expect(decoded.ok && decoded.value.source.offset).toBe('1234');
  });
});
