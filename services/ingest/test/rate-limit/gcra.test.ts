import { describe, expect, it } from 'vitest';
import { gcra, sentryRateLimitsHeader } from '../../src/rate-limit/gcra.js';

const limit = { ratePerSecond: 10, burst: 5 };

/** Runs requests through gcra, carrying the stored TAT like Redis would. */
function run(requests: { at: number; quantity: number }[]) {
  let tat: number | undefined;
  return requests.map(({ at, quantity }) => {
    const decision = gcra(tat, at, limit, quantity);
    tat = decision.tatMs;
    return decision.allowed ? 'ok' : `retry ${decision.retryAfterMs}`;
  });
}

describe('gcra', () => {
  it.each([
    { name: 'a burst up to the limit passes', requests: [{ at: 0, quantity: 5 }], expected: ['ok'] },
    {
      name: 'one past the burst waits one interval',
      requests: [
        { at: 0, quantity: 5 },
        { at: 0, quantity: 1 },
      ],
      expected: ['ok', 'retry 100'],
    },
    {
      name: 'the rate refills',
      requests: [
        { at: 0, quantity: 5 },
        { at: 100, quantity: 1 },
        { at: 100, quantity: 1 },
      ],
      expected: ['ok', 'ok', 'retry 100'],
    },
    {
      name: 'a refused request costs nothing',
      requests: [
        { at: 0, quantity: 5 },
        { at: 0, quantity: 3 },
        { at: 300, quantity: 3 },
      ],
      expected: ['ok', 'retry 300', 'ok'],
    },
    {
      name: 'idle time does not bank more than the burst',
      requests: [
        { at: 10_000, quantity: 5 },
        { at: 10_000, quantity: 1 },
      ],
      expected: ['ok', 'retry 100'],
    },
    {
      name: 'a request larger than the burst is charged the burst',
      requests: [
        { at: 0, quantity: 50 },
        { at: 500, quantity: 50 },
      ],
      expected: ['ok', 'ok'],
    },
  ])('$name', ({ requests, expected }) => {
    expect(run(requests)).toEqual(expected);
  });
});

describe('sentryRateLimitsHeader', () => {
  it('limits error events of the project', () => {
    expect(sentryRateLimitsHeader(7)).toBe('7:error;default:project:rate_limited');
  });
});
