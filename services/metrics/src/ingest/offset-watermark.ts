import type { ClickHouseClient } from '@clickhouse/client';

/**
 * The highest offset of a topic partition already stored, or -1. Filled by the views of
 * migration 0005 in the same insert as the rows, so it can never run ahead of them.
 */
export async function readWatermark(
  client: ClickHouseClient,
  topic: string,
  partition: number,
): Promise<bigint> {
  const result = await client.query({
    query: `SELECT max(max_offset) AS offset, count() AS n FROM ingest_offsets
            WHERE topic = {topic:String} AND partition = {partition:UInt32}`,
    query_params: { topic, partition },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ offset: string; n: string }>();
  return row && row.n !== '0' ? BigInt(row.offset) : -1n;
}
