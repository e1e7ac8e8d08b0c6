import { RedisConfigError } from './redis-config-error.js';

export interface ClusterSeed {
  host: string;
  port: number;
}

/** `['10.0.0.1:6379', 'redis-1:6379']` -> seeds; any entry that is not host:port is an error naming it. */
export function parseClusterNodes(nodes: readonly string[]): ClusterSeed[] {
  return nodes.map((node) => {
    const match = /^([^\s:,]+):([0-9]{1,5})$/.exec(node.trim());
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535)
      throw new RedisConfigError(
        `redis.clusterNodes: "${node}" is not host:port (FAULTLINE_REDIS_CLUSTER_NODES=host:port,host:port)`,
      );
    return { host: match[1] as string, port };
  });
}
