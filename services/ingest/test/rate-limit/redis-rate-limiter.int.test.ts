import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcra } from '../../src/rate-limit/gcra.js';
import { RedisRateLimiter } from '../../src/rate-limit/redis-rate-limiter.js';
import { testInfra } from '../support/infra.js';

let redis: Redis;
const prefix = `test-rate-${randomBytes(4).toString('hex')}:`;

beforeAll(() => {
  redis = new Redis(testInfra().redisUrl);
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('RedisRateLimiter', () => {
  it('decides exactly as the pure gcra() for the same requests and clock', async () => {
    const limiter = new RedisRateLimiter(redis, prefix);
    const limit = { ratePerSecond: 20, burst: 10 };
    const base = Date.now();
    const requests = [
      [0, 4],
      [0, 4],
      [0, 4],
      [10, 1],
      [60, 1],
      [100, 3],
      [400, 10],
      [400, 1],
      [2000, 25],
      [2000, 1],
      [2600, 2],
    ] as const;
    let tat: number | undefined;
    for (const [offset, quantity] of requests) {
      const expected = gcra(tat, base + offset, limit, quantity);
      tat = expected.tatMs;
      const actual = await limiter.take('7', limit, quantity, base + offset);
      expect(actual, `at +${offset} ms, ${quantity} events`).toEqual({
        allowed: expected.allowed,
        retryAfterMs: expected.retryAfterMs,
      });
    }
  });

  it('keeps projects apart, each in its own hash slot', async () => {
    const limiter = new RedisRateLimiter(redis, prefix);
    const limit = { ratePerSecond: 1, burst: 1 };
    const now = Date.now();
    expect((await limiter.take('a1', limit, 1, now)).allowed).toBe(true);
    expect((await limiter.take('a1', limit, 1, now)).allowed).toBe(false);
    expect((await limiter.take('b2', limit, 1, now)).allowed).toBe(true);
    expect(limiter.key('a1')).toBe(`${prefix}ingest:rate:{a1}`);
  });
});
