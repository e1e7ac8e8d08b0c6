import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import { parseClusterNodes } from './cluster-nodes.js';

/** What services hold: a single Redis or a Redis Cluster; the same commands work on both. */
export type RedisClient = Redis | Cluster;

/** The `redis` config section's connection fields (@faultline/config `RedisConfig`). */
export interface RedisConnection {
  /** A single node, or (with clusterNodes) only the credentials and TLS (`rediss:`) for every node. */
  url: string;
  /** Seed nodes, `host:port`; non-empty means Redis Cluster. @default [] */
  clusterNodes?: readonly string[];
}

/** The connection behaviour a caller chooses; the same on a single node and on every cluster node. */
export interface CreateRedisOptions {
  /** @default false */
  lazyConnect?: boolean;
  /** @default 20 (ioredis) */
  maxRetriesPerRequest?: number | null;
  /** @default true (ioredis) */
  enableOfflineQueue?: boolean;
  /** @default 10000 (ioredis) */
  connectTimeout?: number;
  /** null stops reconnecting; applies to the cluster as a whole in cluster mode. */
  retryStrategy?: (attempt: number) => number | null;
}

/** The one way services get a Redis client: a Cluster when `clusterNodes` is set, else the single node at `url`. */
export function createRedis(connection: RedisConnection, options: CreateRedisOptions = {}): RedisClient {
  const nodes = parseClusterNodes(connection.clusterNodes ?? []);
  const { retryStrategy, lazyConnect, enableOfflineQueue, ...perNode } = options;
  if (nodes.length === 0)
    return new Redis(
      connection.url,
      definedOnly({ ...perNode, lazyConnect, enableOfflineQueue, retryStrategy }),
    );

  const url = new URL(connection.url);
  const redisOptions: RedisOptions = definedOnly({
    ...perNode,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  });
  const clusterOptions: ClusterOptions = definedOnly({
    redisOptions,
    lazyConnect,
    enableOfflineQueue,
    clusterRetryStrategy: retryStrategy,
  });
  return new Cluster(nodes, clusterOptions);
}

export function isCluster(redis: RedisClient): redis is Cluster {
  return redis.isCluster;
}

// ioredis treats an explicit `undefined` differently from a missing key for some options.
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
