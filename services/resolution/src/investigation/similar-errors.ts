import type { ClickHouseClient } from '@clickhouse/client';
import type { SimilarErrors } from '@faultline/api-contracts';
import { normalizeMessage } from '@faultline/grouping';

const DAY_MS = 86_400_000;
/** Distinct raw messages compared per investigation; a cap, so one noisy component stays cheap. */
export const MAX_DISTINCT_MESSAGES = 10_000;
const SAMPLES = 20;

/**
 * Errors of the same component in the 24 h before `nowMs` whose message normalizes to the same
 * text (`normalizeMessage` of @faultline/grouping, the categorizer's: ids, numbers, urls and quotes
 * replaced), the subject event itself excluded. ClickHouse groups by raw message; normalization runs here, once per
 * distinct message, so the rule is exactly the categorizer's and needs no stored column.
 */
export async function findSimilarErrors(
  client: ClickHouseClient,
  subject: { projectId: string; eventId: string; component?: string; message: string },
  nowMs: number,
): Promise<SimilarErrors> {
  const params = {
    projectId: subject.projectId,
    component: subject.component ?? '',
    eventId: subject.eventId,
    from: nowMs - DAY_MS,
    to: nowMs,
  };
  const where = `project_id = {projectId:String} AND component = {component:String}
    AND time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time <= fromUnixTimestamp64Milli({to:Int64}, 'UTC')
    AND event_id != {eventId:String}`;
  const grouped = await client.query({
    query: `SELECT message, count() AS n, toUnixTimestamp64Milli(min(time)) AS first_ms, toUnixTimestamp64Milli(max(time)) AS last_ms
            FROM events WHERE ${where} GROUP BY message ORDER BY n DESC LIMIT {limit:UInt32}`,
    query_params: { ...params, limit: MAX_DISTINCT_MESSAGES + 1 },
    format: 'JSONEachRow',
  });
  const rows = await grouped.json<{ message: string; n: string; first_ms: string; last_ms: string }>();
  const truncated = rows.length > MAX_DISTINCT_MESSAGES;
  const target = normalizeMessage(subject.message);
  const matching = rows
    .slice(0, MAX_DISTINCT_MESSAGES)
    .filter((row) => normalizeMessage(row.message) === target);
  if (matching.length === 0) return { count: 0, samples: [], truncated };

  const count = matching.reduce((sum, row) => sum + Number(row.n), 0);
  const firstMs = Math.min(...matching.map((row) => Number(row.first_ms)));
  const lastMs = Math.max(...matching.map((row) => Number(row.last_ms)));
  const sampled = await client.query({
    query: `SELECT event_id, group_id, toUnixTimestamp64Milli(time) AS time_ms, message FROM events
            WHERE ${where} AND message IN {messages:Array(String)} ORDER BY time DESC LIMIT ${SAMPLES}`,
    query_params: { ...params, messages: matching.map((row) => row.message) },
    format: 'JSONEachRow',
  });
  const samples = (
    await sampled.json<{ event_id: string; group_id: string; time_ms: string; message: string }>()
  ).map((row) => ({
    eventId: row.event_id,
    groupId: row.group_id,
    time: new Date(Number(row.time_ms)).toISOString(),
    message: row.message,
  }));
  return {
    count,
    firstSeen: new Date(firstMs).toISOString(),
    lastSeen: new Date(lastMs).toISOString(),
    samples,
    truncated,
  };
}
