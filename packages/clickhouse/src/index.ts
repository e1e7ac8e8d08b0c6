export {
  type ClickHouseConfig,
  createClickHouse,
  DEFAULT_SETTINGS,
  pingClickHouse,
  splitCredentials,
} from './client.js';
export {
  ClusterDdlError,
  type ClusterDdlErrorCode,
  type ClusterTarget,
  distributedTableNames,
  LOCAL_SUFFIX,
  localTableName,
  REPLICA_NAME,
  REPLICATION_PATH,
  renderForCluster,
} from './cluster-ddl.js';
export type { EmbeddedUser } from './embedded/auth.js';
export {
  type EmbeddedClickHouse,
  type EmbeddedClickHouseOptions,
  startEmbeddedClickHouse,
} from './embedded/server.js';
export {
  bookkeepingStatements,
  type ClusterMigrateOptions,
  checksumOf,
  loadMigrations,
  type MigrateOptions,
  type MigrateResult,
  type Migration,
  MigrationError,
  parseMigrationFileName,
  runMigrations,
  splitStatements,
  statementRenderer,
  substitute,
} from './migrations.js';
export {
  exceededQueryLimit,
  type QueryLimit,
  type QueryLimits,
  queryLimitAdvice,
  readOnlySettings,
  readRequestTimeoutMs,
} from './query-limits.js';
export { type ClickHouseRefusal, clickHouseRefusal } from './refusal.js';
