export {
  type ConfigOptions,
  type InfraConfig,
  resolveConfig,
  SERVICE_NAMES,
  type ServiceName,
} from './config.js';
export {
  bringUp,
  ensureInfra,
  type InfraEndpoints,
  type InfraOptions,
  infraEndpoints,
  infraStatus,
  type ServiceOutcome,
  stopInfra,
} from './infra.js';
export { fetchKafka, KAFKA_VERSION } from './kafka.js';
export { type LocalRedisCluster, type RedisClusterOptions, startRedisCluster } from './redis-cluster.js';
export type { ServiceState, ServiceStatus } from './service.js';
