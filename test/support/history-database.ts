/**
 * A ClickHouse database of its own with the metrics service's schema (metrics owns the tables),
 * for tests of the services that read the history: resolution reads events, alert_events and
 * tickets and fills archived_groups. Built on metrics' own test support (its migrations, its sink
 * and row builders), so the tests read exactly what the running system stores.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { AlertEvent, CategorizedEvent, TicketEvent } from '@faultline/contracts';
import { alertEventRow, eventRow, ticketRow } from '../../services/metrics/src/index.js';
import { seed, testDatabase } from '../../services/metrics/test/support/database.js';

export interface HistoryDatabase {
  database: string;
  client: ClickHouseClient;
  count(sql: string, params?: Record<string, unknown>): Promise<number>;
  drop(): Promise<void>;
}

export async function historyDatabase(): Promise<HistoryDatabase> {
  const { config, ...db } = await testDatabase();
  return { database: config.clickhouse.database, ...db };
}

const ROWS = { events: eventRow, alert_events: alertEventRow, tickets: ticketRow } as const;
type Stored = { events: CategorizedEvent; alert_events: AlertEvent; tickets: TicketEvent };

/** Stores values as if metrics consumed them from one partition of `topic`. */
export function seedHistory<T extends keyof Stored>(
  client: ClickHouseClient,
  table: T,
  topic: string,
  values: Stored[T][],
  firstOffset = 0,
): Promise<void> {
  const toRow = ROWS[table] as (
    value: Stored[T],
    from: Parameters<typeof eventRow>[1],
  ) => Record<string, unknown>;
  return seed(client, table, topic, toRow, values, firstOffset);
}
