import { keySlot } from '@faultline/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterClient, startClusterClient } from '../../../../test/support/redis-cluster.js';
import { createRedisAttemptLedger } from '../../src/attempts/redis-attempt-ledger.js';

describe('attempt ledger on a Redis Cluster', () => {
  let cluster: ClusterClient;
  beforeAll(async () => {
    cluster = await startClusterClient();
  });
  afterAll(() => cluster?.stop());

  it('records attempts for partitions whose keys live on different nodes', async () => {
    const ledger = createRedisAttemptLedger(cluster.redis, { groupId: 'g', keyPrefix: 'fl:' });
    const partitions = Array.from({ length: 12 }, (_, partition) => ({ topic: 'errors.raw', partition }));
    const slots = partitions.map(({ partition }) =>
      keySlot(`fl:consumer-attempts:{g:errors.raw:${partition}}`),
    );
    expect(new Set(slots.map((slot) => Math.floor(slot / 5462))).size).toBeGreaterThan(1);

    for (const partition of partitions) {
      expect(await ledger.beginChunk(partition, '5')).toEqual({ failures: 0 });
      await ledger.fail(partition, 'chunk', '5', { reason: 'boom', counts: true });
      expect(await ledger.beginChunk(partition, '5')).toEqual({ failures: 1, lastError: 'boom' });
      expect(await ledger.beginMessage(partition, '6', 1)).toEqual({ failures: 0 });
      expect(await ledger.beginChunk(partition, '6')).toEqual({ failures: 1 });
    }
  });
});
