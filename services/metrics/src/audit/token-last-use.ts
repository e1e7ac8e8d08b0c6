import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../api/queries/run-query.js';

/** The latest audit record made with each token: its flushed `token.use` records and the changes it made. */
export async function tokensLastUse(
  client: ClickHouseClient,
  tokenIds: string[],
): Promise<Map<string, Date>> {
  const rows = await queryRows<{ token_id: string; last: string }>(
    client,
    `SELECT token_id, toUnixTimestamp64Milli(max(at)) AS last FROM audit_log
     WHERE token_id IN {tokenIds:Array(String)} GROUP BY token_id`,
    { tokenIds },
  );
  return new Map(rows.map((row) => [row.token_id, new Date(Number(row.last))]));
}
