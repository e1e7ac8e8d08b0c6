import { createRedis, type RedisClient } from '@faultline/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEndpoints } from '../../../../test/support/endpoints.js';
import type { AttemptLedger } from '../../src/attempts/attempt-ledger.js';
import { createRedisAttemptLedger } from '../../src/attempts/redis-attempt-ledger.js';
import { MemoryAttemptLedger } from '../../src/memory/memory-attempt-ledger.js';
import { uniqueName } from '../support/infra.js';
import { apply, LEDGER_CASES, randomOps } from './attempt-cases.js';

/** The Lua twin against the pure rules: the same cases, then seeded random streams. */
describe('Redis attempt ledger', () => {
  let redis: RedisClient;
  const keyPrefix = `${uniqueName('attempts')}:`;
  let ledger: AttemptLedger;
  beforeAll(() => {
    redis = createRedis({ url: testEndpoints().redisUrl }, { maxRetriesPerRequest: 3 });
    ledger = createRedisAttemptLedger(redis, { groupId: 'group', keyPrefix, ttlMs: 60_000 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it.each(LEDGER_CASES.map((c, index) => ({ ...c, index })))('$id', async ({ ops, returns, index }) => {
    const partition = { topic: 'events', partition: index };
    const got = [];
    for (const op of ops) got.push(await apply(ledger, partition, op));
    expect(got).toEqual(returns);
  });

  it.each([1, 2, 3, 4, 5])('answers as the pure rules do on random stream %i', async (seed) => {
    const partition = { topic: 'random', partition: seed };
    const memory = new MemoryAttemptLedger();
    for (const [index, op] of randomOps(seed, 200).entries()) {
      const [fromRedis, fromMemory] = [
        await apply(ledger, partition, op),
        await apply(memory, partition, op),
      ];
      expect({ index, op, got: fromRedis }).toEqual({ index, op, got: fromMemory });
    }
  });

  it('keeps one key per partition, hash-tagged by the partition, with an expiry', async () => {
    await ledger.beginChunk({ topic: 'errors.raw', partition: 4 }, '7');
    const key = `${keyPrefix}consumer-attempts:{group:errors.raw:4}`;
    expect(await redis.hgetall(key)).toEqual({
      'chunk.offset': '7',
      'chunk.failures': '0',
      'chunk.open': '1',
    });
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
