import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';
import { localTableName, type MigrateResult, runMigrations } from '@faultline/clickhouse';
import type { MetricsConfig } from '../config.js';
import { type RetentionRule, retentionRules } from './retention-rules.js';
import { METRICS_SHARDING_KEYS } from './sharding.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Applies the migrations, then the configured retention of every table (retentionRules): a
 * migration runs once, so a retention changed later is applied here (only the TTL rule; old parts
 * are not rewritten).
 * With `clickhouse.cluster` set, both run ON CLUSTER against the Replicated `_local` tables.
 */
export async function migrateMetrics(
  client: ClickHouseClient,
  config: Pick<MetricsConfig, 'clickhouse' | 'retention'>,
  logger?: { info(obj: object, msg: string): void },
): Promise<MigrateResult> {
  const database = config.clickhouse.database;
  const cluster = config.clickhouse.cluster || undefined;
  const result = await runMigrations(client, {
    dir: MIGRATIONS_DIR,
    database,
    variables: {
      retention_days: String(config.retention.eventsDays),
      rollup_retention_days: String(config.retention.rollupDays),
      audit_retention_days: String(config.retention.auditDays),
      alert_retention_days: String(config.retention.alertDays),
      ticket_retention_days: String(config.retention.ticketDays),
      archive_retention_days: String(config.retention.archiveDays),
    },
    ...(cluster && { cluster: { name: cluster, shardingKeys: METRICS_SHARDING_KEYS } }),
    logger,
  });
  for (const rule of retentionRules(config.retention)) await applyRetention(client, database, rule, cluster);
  return result;
}

async function applyRetention(
  client: ClickHouseClient,
  database: string,
  { table: name, column, days }: RetentionRule,
  cluster: string | undefined,
): Promise<void> {
  // The TTL belongs to the table holding the rows: `events_local` on a cluster.
  const table = cluster ? localTableName(name) : name;
  const result = await client.query({
    query:
      'SELECT engine_full FROM system.tables WHERE database = {database:String} AND name = {table:String}',
    query_params: { database, table },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ engine_full: string }>();
  if (row?.engine_full.includes(`toIntervalDay(${days})`)) return;
  // `days` is a validated integer from config and `database` matched an identifier pattern; DDL takes no parameters.
  await client.command({
    query: `ALTER TABLE ${database}.${table}${cluster ? ` ON CLUSTER ${cluster}` : ''} MODIFY TTL toDateTime(${column}) + INTERVAL ${Math.trunc(days)} DAY`,
    clickhouse_settings: { materialize_ttl_after_modify: 0 },
  });
}
