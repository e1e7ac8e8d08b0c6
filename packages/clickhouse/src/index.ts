export { type ClickHouseConfig, createClickHouse, DEFAULT_SETTINGS } from './client.js';
export {
  type EmbeddedClickHouse,
  type EmbeddedClickHouseOptions,
  startEmbeddedClickHouse,
} from './embedded/server.js';
export {
  checksumOf,
  loadMigrations,
  type MigrateOptions,
  type MigrateResult,
  type Migration,
  MigrationError,
  parseMigrationFileName,
  runMigrations,
  splitStatements,
  substitute,
} from './migrations.js';
