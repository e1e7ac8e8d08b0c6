import type { ClickHouseClient } from '@clickhouse/client';

/** Rows of a parameterized query. Values arrive only as `{name:Type}` parameters, never in the SQL text. */
export async function queryRows<T>(
  client: ClickHouseClient,
  query: string,
  params: Record<string, unknown>,
): Promise<T[]> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}

/** DateTime64 columns are selected as epoch milliseconds (quoted Int64) and answered as ISO 8601. */
export function isoFromMs(ms: string | number): string {
  return new Date(Number(ms)).toISOString();
}
