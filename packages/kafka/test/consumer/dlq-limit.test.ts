import { describe, expect, it } from 'vitest';
import { DlqLimit } from '../../src/consumer/dlq-limit.js';
import { isKafkaError } from '../../src/errors.js';

const outcomes = (pattern: string) => [...pattern].map((c) => c === '.');

function firstBreach(limit: DlqLimit, chunks: string[]): number | undefined {
  for (const [index, chunk] of chunks.entries()) {
    try {
      limit.record(outcomes(chunk));
    } catch (error) {
      if (!isKafkaError(error, 'FL_KAFKA_DLQ_LIMIT')) throw error;
      return index;
    }
  }
  return undefined;
}

describe('DlqLimit', () => {
  it.each([
    {
      id: 'a few invalid among many valid',
      options: { maxInvalidRatio: 0.2, minMessages: 10 },
      chunks: ['.x........', '..x.......'],
      breach: undefined,
    },
    {
      id: 'ratio over the limit once enough was seen',
      options: { maxInvalidRatio: 0.2, minMessages: 10 },
      chunks: ['xxx', 'xx.', '....'],
      breach: 2,
    },
    {
      id: 'ratio exactly at the limit is allowed',
      options: { maxInvalidRatio: 0.5, minMessages: 4 },
      chunks: ['x.x.'],
      breach: undefined,
    },
    {
      id: 'bad start judged only after minMessages',
      options: { maxInvalidRatio: 0.5, minMessages: 100 },
      chunks: ['xxxxx'],
      breach: undefined,
    },
    {
      id: 'old invalid messages slide out of the window',
      options: { maxInvalidRatio: 0.5, windowSize: 10, minMessages: 10 },
      chunks: ['xxxxx.....', '.....', 'xxxx'],
      breach: undefined,
    },
    {
      id: 'a run of invalid messages trips the consecutive limit',
      options: { maxInvalidRatio: 1, maxConsecutiveInvalid: 3, minMessages: 1 },
      chunks: ['xxx.xxx.', 'xx', 'xx'],
      breach: 2,
    },
  ])('$id', ({ options, chunks, breach }) => {
    expect(firstBreach(new DlqLimit(options), chunks)).toBe(breach);
  });

  it('says what it saw in the error', () => {
    const limit = new DlqLimit({ maxInvalidRatio: 0.1, minMessages: 5 });
    expect(() => limit.record(outcomes('xx...'))).toThrow(
      /2 of the last 5 messages were invalid \(ratio 0\.400 > limit 0\.1\)/,
    );
  });
});
