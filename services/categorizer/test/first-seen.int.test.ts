import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstSeenStore, firstSeenKey } from '../src/first-seen.js';
import { uniqueName } from './support/harness.js';
import { infraEndpoints } from './support/infra.js';

describe('first-seen store on Redis', () => {
  const keyPrefix = `${uniqueName('it-first-seen')}:`;
  const ttlSeconds = 3600;
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(infraEndpoints().redisUrl, { maxRetriesPerRequest: 3 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('marks the first event of each group in each project, and only that one', async () => {
    const store = createFirstSeenStore(redis, { keyPrefix, ttlSeconds });
    const flags = await store.mark([
      { projectId: 'shop', groupId: 'g1', eventId: 'e1' },
      { projectId: 'shop', groupId: 'g1', eventId: 'e2' },
      { projectId: 'blog', groupId: 'g1', eventId: 'e3' },
      { projectId: 'shop', groupId: 'g2', eventId: 'e4' },
    ]);
    expect(flags).toEqual([true, false, true, true]);
    expect(await store.mark([{ projectId: 'shop', groupId: 'g1', eventId: 'e5' }])).toEqual([false]);
  });

  it('marks a redelivered first event again: at-least-once delivery must not lose the mark', async () => {
    const store = createFirstSeenStore(redis, { keyPrefix, ttlSeconds });
    const first = { projectId: 'shop', groupId: 'g3', eventId: 'e10' };
    expect(await store.mark([first])).toEqual([true]);
    expect(await store.mark([first, { ...first, eventId: 'e11' }])).toEqual([true, false]);
  });

  it('keeps the group for the ttl after its last event, under a key hash-tagged by project', async () => {
    const store = createFirstSeenStore(redis, { keyPrefix, ttlSeconds });
    await store.mark([{ projectId: 'shop', groupId: 'g4', eventId: 'e20' }]);
    const key = firstSeenKey(keyPrefix, 'shop', 'g4');
    expect(key).toBe(`${keyPrefix}categorizer:first-seen:{shop}:g4`);
    await redis.expire(key, 10);
    await store.mark([{ projectId: 'shop', groupId: 'g4', eventId: 'e21' }]);
    expect(await redis.ttl(key)).toBeGreaterThan(ttlSeconds - 5);
    expect(await redis.get(key)).toBe('e20');
  });
});
