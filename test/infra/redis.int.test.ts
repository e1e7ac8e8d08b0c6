import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, expect, inject, it } from 'vitest';

const redis = new Redis(inject('infra').redisUrl, { lazyConnect: true });
afterAll(() => redis.quit());

it('round-trips a value with an expiry', async () => {
  const key = `test:infra:${randomUUID()}`;
  await redis.set(key, 'hello', 'EX', 60);
  expect(await redis.get(key)).toBe('hello');
  expect(await redis.ttl(key)).toBeGreaterThan(0);
  await redis.del(key);
  expect(await redis.exists(key)).toBe(0);
});

it('runs a Lua script over keys sharing a hash tag, as the detector does', async () => {
  const tag = `{test:${randomUUID()}}`;
  const count = await redis.eval(
    "redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2]); redis.call('SET', KEYS[2], 1); return redis.call('ZCARD', KEYS[1])",
    2,
    `${tag}:window`,
    `${tag}:flag`,
    Date.now(),
    'event-1',
  );
  expect(count).toBe(1);
  await redis.del(`${tag}:window`, `${tag}:flag`);
});
