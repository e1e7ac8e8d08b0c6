import type { ClickHouseClient } from '@clickhouse/client';
import type { ErrorRate, Top, TopDimension, Trends } from '@faultline/api-contracts';
import { bucketWidth, fillBuckets } from '../buckets.js';
import { eventCountSource, RAW_EVENTS } from '../event-source.js';
import { MINUTE_MS, type TimeRange, toWholeMinutes } from '../time-range.js';
import { isoFromMs, queryRows } from './run-query.js';

async function countsPerBucket(
  client: ClickHouseClient,
  project: string,
  range: TimeRange,
  bucketMs: number,
) {
  const source = eventCountSource(range, bucketMs);
  const rows = await queryRows<{ bucket: string; count: string }>(
    client,
    `SELECT intDiv(${source.timeMs} - {from:Int64}, {bucket:Int64}) AS bucket, ${source.count} AS count
     FROM ${source.table}
     WHERE project_id = {project:String} AND ${source.inRange}
     GROUP BY bucket`,
    { project, from: range.fromMs, to: range.toMs, bucket: bucketMs },
  );
  return {
    source: source.table,
    counts: new Map(rows.map((row) => [Number(row.bucket), Number(row.count)])),
  };
}

/** Events per calendar minute; the range is widened to whole minutes. */
export async function errorRate(
  client: ClickHouseClient,
  project: string,
  requested: TimeRange,
): Promise<ErrorRate> {
  const range = toWholeMinutes(requested);
  const { source, counts } = await countsPerBucket(client, project, range, MINUTE_MS);
  const points = fillBuckets(range, MINUTE_MS, counts).map((bucket) => ({
    minute: bucket.start,
    count: bucket.count,
  }));
  const total = points.reduce((sum, point) => sum + point.count, 0);
  return {
    from: isoFromMs(range.fromMs),
    to: isoFromMs(range.toMs),
    total,
    perMinute: total / points.length,
    points,
    source,
  };
}

export async function trends(
  client: ClickHouseClient,
  project: string,
  range: TimeRange,
  buckets: number,
): Promise<Trends> {
  const bucketMs = bucketWidth(range, buckets);
  const { source, counts } = await countsPerBucket(client, project, range, bucketMs);
  const filled = fillBuckets(range, bucketMs, counts);
  return {
    from: isoFromMs(range.fromMs),
    to: isoFromMs(range.toMs),
    bucketMs,
    total: filled.reduce((sum, bucket) => sum + bucket.count, 0),
    buckets: filled,
    source,
  };
}

/** The `limit` largest values of a dimension with their counts and share of all events in the range. */
export async function top(
  client: ClickHouseClient,
  project: string,
  range: TimeRange,
  dimension: TopDimension,
  limit: number,
): Promise<Top> {
  const params = { project, from: range.fromMs, to: range.toMs, limit };
  if (dimension === 'group') {
    const rows = await queryRows<{ key: string; count: string; total: string; message: string }>(
      client,
      `SELECT group_id AS key, count() AS count, sum(count()) OVER () AS total, argMax(message, time) AS message
       FROM ${RAW_EVENTS.table}
       WHERE project_id = {project:String} AND ${RAW_EVENTS.inRange}
       GROUP BY group_id ORDER BY count DESC, key ASC LIMIT {limit:UInt32}`,
      params,
    );
    return shape(dimension, rows, RAW_EVENTS.table);
  }
  const source = eventCountSource(range);
  // The column comes from the closed TOP_DIMENSIONS set checked by the route schema, not from the request text.
  const column = DIMENSION_COLUMNS[dimension];
  const rows = await queryRows<{ key: string; count: string; total: string }>(
    client,
    `SELECT ${column} AS key, ${source.count} AS count, sum(${source.count}) OVER () AS total
     FROM ${source.table}
     WHERE project_id = {project:String} AND ${source.inRange}
     GROUP BY key ORDER BY count DESC, key ASC LIMIT {limit:UInt32}`,
    params,
  );
  return shape(dimension, rows, source.table);
}

const DIMENSION_COLUMNS: Record<Exclude<TopDimension, 'group'>, string> = {
  component: 'component',
  category: 'category',
  severity: 'severity',
  team: 'team',
};

function shape(
  dimension: TopDimension,
  rows: { key: string; count: string; total: string; message?: string }[],
  source: string,
): Top {
  const total = Number(rows[0]?.total ?? 0);
  return {
    dimension,
    total,
    source,
    entries: rows.map((row) => ({
      key: row.key,
      count: Number(row.count),
      share: total === 0 ? 0 : Number(row.count) / total,
      ...(row.message === undefined ? {} : { message: row.message }),
    })),
  };
}
