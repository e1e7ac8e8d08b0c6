/**
 * A ClickHouse database of its own with the metrics service's schema (metrics owns the tables),
 * for tests of the services that read the history: resolution reads events, alert_events and
 * tickets and fills archived_groups. Rows go in through metrics' own sink and row builders, so
 * the tests read exactly what the running system stores.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouse } from '@faultline/clickhouse';
import type { AlertEvent, CategorizedEvent, TicketEvent } from '@faultline/contracts';
import type { ConsumedMessage, HandlerContext } from '@faultline/kafka';
import {
  alertEventRow,
  clickHouseSink,
  eventRow,
  loadMetricsConfig,
  migrateMetrics,
  ticketRow,
} from '../../services/metrics/src/index.js';
import { testEndpoints, uniqueName } from './endpoints.js';

export interface HistoryDatabase {
  database: string;
  client: ClickHouseClient;
  count(sql: string, params?: Record<string, unknown>): Promise<number>;
  drop(): Promise<void>;
}

export async function historyDatabase(): Promise<HistoryDatabase> {
  const { clickhouseUrl } = testEndpoints();
  const database = uniqueName('it_history', '_');
  const config = loadMetricsConfig({ CLICKHOUSE_URL: clickhouseUrl, CLICKHOUSE_DATABASE: database });
  const admin = createClickHouse({ url: clickhouseUrl });
  try {
    await migrateMetrics(admin, config);
  } catch (error) {
    await admin.command({ query: `DROP DATABASE IF EXISTS ${database}` }).finally(() => admin.close());
    throw error;
  }
  const client = createClickHouse({ url: clickhouseUrl, database });
  return {
    database,
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

const ROWS = { events: eventRow, alert_events: alertEventRow, tickets: ticketRow } as const;
type Stored = { events: CategorizedEvent; alert_events: AlertEvent; tickets: TicketEvent };

/** Stores values as if metrics consumed them from one partition of `topic`. */
export async function seedHistory<T extends keyof Stored>(
  client: ClickHouseClient,
  table: T,
  topic: string,
  values: Stored[T][],
  firstOffset = 0,
): Promise<void> {
  const messages: ConsumedMessage<Stored[T]>[] = values.map((value, i) => ({
    value,
    key: null,
    topic,
    partition: 0,
    offset: String(firstOffset + i),
    timestamp: '0',
    headers: {},
  }));
  const context = { topic, partition: 0, heartbeat: async () => {} } as unknown as HandlerContext;
  const toRow = ROWS[table] as (
    value: Stored[T],
    from: { topic: string; partition: number; offset: string },
  ) => Record<string, unknown>;
  await clickHouseSink({ client, table, toRow })(messages, context);
}
