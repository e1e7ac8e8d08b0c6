import { startRedisCluster } from '@faultline/infra';
import { type CreateRedisOptions, createRedis, type RedisClient } from '@faultline/redis';

export interface ClusterClient {
  redis: RedisClient;
  /** Disconnects the client and stops the cluster. */
  stop(): Promise<void>;
}

/** A private 3-master Redis Cluster (redis-server on free ports) and a client on it, as the services make one. */
export async function startClusterClient(
  options: CreateRedisOptions = { maxRetriesPerRequest: 3 },
): Promise<ClusterClient> {
  const cluster = await startRedisCluster();
  const redis = createRedis({ url: 'redis://127.0.0.1', clusterNodes: cluster.nodes }, options);
  return {
    redis,
    stop: async () => {
      await redis.quit();
      await cluster.stop();
    },
  };
}
