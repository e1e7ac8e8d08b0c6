import { type LocalRedisCluster, startRedisCluster } from '@faultline/infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRedis } from '../../src/doctor/probes.js';

/** `faultline doctor`'s Redis probe against a real 3-master Redis Cluster (FAULTLINE_REDIS_CLUSTER_NODES). */
describe('doctor on a Redis Cluster', () => {
  let cluster: LocalRedisCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('asks every master and reports the cluster state', async () => {
    const check = await probeRedis({ url: 'redis://127.0.0.1', clusterNodes: cluster.nodes }, 5000);
    expect(check).toMatchObject({
      status: 'ok',
      data: { clusterState: 'ok', masters: 3 },
    });
    expect(check.detail).toContain('cluster ok with 3 masters');
  });

  it('reports the cluster down when no seed answers', async () => {
    const check = await probeRedis({ url: 'redis://127.0.0.1', clusterNodes: ['127.0.0.1:1'] }, 2000);
    expect(check.status).toBe('down');
    expect(check.detail).toContain('127.0.0.1:1');
  });
});
