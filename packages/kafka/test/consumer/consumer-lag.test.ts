import { describe, expect, it } from 'vitest';
import { computeLag } from '../../src/consumer/consumer-lag.js';

describe('computeLag', () => {
  it('measures from the commit, or from the low watermark where the group never committed', () => {
    const lag = computeLag(
      't',
      [
        { partition: 0, offset: '7' },
        { partition: 1, offset: '-1' },
      ],
      [
        { partition: 2, high: '5', low: '0' },
        { partition: 1, high: '30', low: '10' },
        { partition: 0, high: '10', low: '0' },
      ],
    );
    expect(lag).toEqual([
      { topic: 't', partition: 0, committed: '7', high: '10', lag: 3 },
      { topic: 't', partition: 1, committed: null, high: '30', lag: 20 },
      { topic: 't', partition: 2, committed: null, high: '5', lag: 5 },
    ]);
  });
});
