export { type ClusterSeed, parseClusterNodes } from './cluster-nodes.js';
export {
  type CreateRedisOptions,
  createRedis,
  isCluster,
  type RedisClient,
  type RedisConnection,
} from './create-redis.js';
export { type BatchCommand, type BatchReply, execBatch } from './exec-batch.js';
export { keySlot } from './key-slot.js';
export { RedisConfigError } from './redis-config-error.js';
