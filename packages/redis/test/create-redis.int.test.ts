import { type LocalRedisCluster, startRedisCluster } from '@faultline/infra';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedis, execBatch, keySlot, type RedisClient } from '../src/index.js';

const prefix = `test:redis-pkg:${process.pid}:`;

describe('createRedis and execBatch', () => {
  let cluster: LocalRedisCluster;
  let clustered: RedisClient;
  let single: RedisClient;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    clustered = createRedis({ url: 'redis://ignored', clusterNodes: cluster.nodes });
    single = createRedis({ url: inject('infra').redisUrl });
  });
  afterAll(async () => {
    await single?.del(...Array.from({ length: 20 }, (_, i) => `${prefix}k${i}`));
    await Promise.all([clustered?.quit(), single?.quit()]);
    await cluster?.stop();
  });

  it('returns a Cluster for cluster nodes and a Redis for a URL', () => {
    expect(clustered).toBeInstanceOf(Cluster);
    expect(single).toBeInstanceOf(Redis);
  });

  it('computes the slot Redis computes', async () => {
    const keys = ['123456789', 'fl:ingest:rate:{42}', '{}x', 'fl:{a:b}:c', 'ümlaut', `${prefix}k1`];
    for (const key of keys) expect(keySlot(key)).toBe(await (clustered as Cluster).cluster('KEYSLOT', key));
  });

  it.each([
    { id: 'a Cluster', client: () => clustered },
    { id: 'a single Redis', client: () => single },
  ])('runs a batch whose keys span nodes on $id, replies in order', async ({ client }) => {
    const keys = Array.from({ length: 20 }, (_, i) => `${prefix}k${i}`);
    expect(new Set(keys.map(keySlot)).size).toBeGreaterThan(1);
    const writes = await execBatch(
      client(),
      keys.map((key, i) => ({ key, add: (p) => p.set(key, `v${i}`) })),
    );
    expect(writes.every(([error]) => error === null)).toBe(true);
    const reads = await execBatch(
      client(),
      keys.map((key) => ({ key, add: (p) => p.get(key) })),
    );
    expect(reads.map(([, value]) => value)).toEqual(keys.map((_, i) => `v${i}`));
  });

  it('a plain pipeline across nodes is what a Cluster refuses', async () => {
    // redis-cli gives 3 masters the slots 0-5460, 5461-10922 and 10923-16383.
    const keys = Array.from({ length: 100 }, (_, i) => `${prefix}k${i}`);
    const low = keys.find((key) => keySlot(key) < 5461) as string;
    const high = keys.find((key) => keySlot(key) > 10922) as string;
    await expect(clustered.pipeline().get(low).get(high).exec()).rejects.toThrow(
      /same slots allocation group/,
    );
  });
});
