import { keySlot, type RedisClient } from '@faultline/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterClient, startClusterClient } from '../../../../test/support/redis-cluster.js';
import { createFirstSeenStore, firstSeenKey } from '../../src/first-seen.js';

describe('first-seen store on a Redis Cluster', () => {
  let cluster: ClusterClient;
  let redis: RedisClient;
  beforeAll(async () => {
    cluster = await startClusterClient();
    ({ redis } = cluster);
  });
  afterAll(() => cluster?.stop());

  it('marks first events of a batch whose projects live on different nodes', async () => {
    const projects = Array.from({ length: 12 }, (_, i) => `project-${i}`);
    // Same project, one slot; the batch as a whole spans nodes (one pipeline could not carry it).
    expect(keySlot(firstSeenKey('fl:', 'project-1', 'g1'))).toBe(
      keySlot(firstSeenKey('fl:', 'project-1', 'g2')),
    );
    expect(
      new Set(projects.map((p) => Math.floor(keySlot(firstSeenKey('fl:', p, 'g')) / 5462))).size,
    ).toBeGreaterThan(1);

    const store = createFirstSeenStore(redis, { keyPrefix: 'fl:', ttlSeconds: 3600 });
    const batch = projects.flatMap((projectId, i) => [
      { projectId, groupId: 'g1', eventId: `e${i}a` },
      { projectId, groupId: 'g1', eventId: `e${i}b` },
      { projectId, groupId: 'g2', eventId: `e${i}c` },
    ]);
    expect(await store.mark(batch)).toEqual(projects.flatMap(() => [true, false, true]));
    // Redelivered first events keep their mark; a later event of a known group gets none.
    expect(await store.mark(batch.slice(0, 3))).toEqual([true, false, true]);
    expect(await store.mark([{ projectId: 'project-7', groupId: 'g2', eventId: 'later' }])).toEqual([false]);
    expect(await redis.ttl(firstSeenKey('fl:', 'project-5', 'g2'))).toBeGreaterThan(0);
  });
});
