import type { ClickHouseClient } from '@clickhouse/client';
import type { CategorizedEvent } from '@faultline/contracts';

async function firstPayload(
  client: ClickHouseClient,
  query: string,
  params: Record<string, unknown>,
): Promise<CategorizedEvent | undefined> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  const [row] = await result.json<{ payload: string }>();
  return row ? (JSON.parse(row.payload) as CategorizedEvent) : undefined;
}

/** One stored event by id (a scan of the project's events: `event_id` is not in the sort key). */
export function findEvent(
  client: ClickHouseClient,
  projectId: string,
  eventId: string,
): Promise<CategorizedEvent | undefined> {
  return firstPayload(
    client,
    'SELECT payload FROM events WHERE project_id = {projectId:String} AND event_id = {eventId:String} LIMIT 1',
    { projectId, eventId },
  );
}

/** The group's newest stored event: what a ticket or an investigation of the group describes. */
export function latestGroupEvent(
  client: ClickHouseClient,
  projectId: string,
  groupId: string,
): Promise<CategorizedEvent | undefined> {
  return firstPayload(
    client,
    `SELECT payload FROM events WHERE project_id = {projectId:String} AND group_id = {groupId:String}
     ORDER BY time DESC, event_id DESC LIMIT 1`,
    { projectId, groupId },
  );
}

/** The release of the group's newest event that named one, or undefined. */
export async function latestGroupRelease(
  client: ClickHouseClient,
  projectId: string,
  groupId: string,
): Promise<string | undefined> {
  const result = await client.query({
    query: `SELECT release FROM events
            WHERE project_id = {projectId:String} AND group_id = {groupId:String} AND release != ''
            ORDER BY time DESC LIMIT 1`,
    query_params: { projectId, groupId },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ release: string }>();
  return row?.release;
}
