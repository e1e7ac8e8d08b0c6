import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouse } from '@faultline/clickhouse';
import type { ConsumedMessage, HandlerContext } from '@faultline/kafka';
import { createLogger } from '@faultline/observability';
import { loadMetricsConfig, type MetricsConfig } from '../../src/config.js';
import { clickHouseSink } from '../../src/ingest/clickhouse-sink.js';
import type { KafkaOrigin } from '../../src/ingest/rows.js';
import { migrateMetrics } from '../../src/storage/migrate.js';
import { infraEndpoints, uniqueName } from './infra.js';

export const logger = createLogger({
  service: 'metrics-test',
  level: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'silent',
});

/** A migrated database of its own on the shared ClickHouse, dropped by `drop()`. */
export async function testDatabase(env: Record<string, string> = {}): Promise<{
  config: MetricsConfig;
  client: ClickHouseClient;
  count(sql: string, params?: Record<string, unknown>): Promise<number>;
  drop(): Promise<void>;
}> {
  const { clickhouseUrl, kafkaBrokers } = infraEndpoints();
  const database = uniqueName('it_metrics');
  const config = loadMetricsConfig({
    CLICKHOUSE_URL: clickhouseUrl,
    CLICKHOUSE_DATABASE: database,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    ...env,
  });
  const admin = createClickHouse({ url: clickhouseUrl });
  try {
    await migrateMetrics(admin, config);
  } catch (error) {
    // A failed migration still may have created the database.
    await admin.command({ query: `DROP DATABASE IF EXISTS ${database}` }).finally(() => admin.close());
    throw error;
  }
  const client = createClickHouse({ url: clickhouseUrl, database });
  return {
    config,
    client,
    async count(sql, params = {}) {
      const result = await client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
      const [row] = await result.json<Record<string, string>>();
      return Number(Object.values(row ?? {})[0] ?? Number.NaN);
    },
    async drop() {
      await admin.command({ query: `DROP DATABASE IF EXISTS ${database}` });
      await Promise.all([client.close(), admin.close()]);
    },
  };
}

/** Stores values as if consumed from one partition of `topic`, through the service's own sink. */
export async function seed<T>(
  client: ClickHouseClient,
  table: string,
  topic: string,
  toRow: (value: T, from: KafkaOrigin) => Record<string, unknown>,
  values: T[],
  firstOffset = 0,
): Promise<void> {
  const messages: ConsumedMessage<T>[] = values.map((value, i) => ({
    value,
    key: null,
    topic,
    partition: 0,
    offset: String(firstOffset + i),
    timestamp: '0',
    headers: {},
  }));
  const context = { topic, partition: 0, heartbeat: async () => {}, logger } as HandlerContext;
  await clickHouseSink({ client, table, toRow })(messages, context);
}
