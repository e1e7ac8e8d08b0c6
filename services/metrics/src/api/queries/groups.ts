import type { ClickHouseClient } from '@clickhouse/client';
import type {
  CriticalErrors,
  GroupEventsPage,
  GroupPage,
  GroupSort,
  GroupStatus,
  StoredEvent,
} from '@faultline/api-contracts';
import { RAW_EVENTS } from '../event-source.js';
import type { TimeRange } from '../time-range.js';
import { isoFromMs, queryRows } from './run-query.js';

const ORDER_BY: Record<GroupSort, string> = {
  lastSeen: 'last_seen DESC, group_id ASC',
  firstSeen: 'first_seen DESC, group_id ASC',
  count: 'events DESC, group_id ASC',
};

export interface GroupFilters {
  severity?: string;
  category?: string;
  component?: string;
  status?: GroupStatus;
  /** Case-insensitive substring of the message. */
  q?: string;
  sort: GroupSort;
  limit: number;
  offset: number;
}

/**
 * Groups with events in the range matching the filters; first/last seen and count are within
 * the range. Empty filter parameters mean "any", so the SQL text is the same for every request.
 */
export async function listGroups(
  client: ClickHouseClient,
  project: string,
  range: TimeRange,
  filters: GroupFilters,
): Promise<GroupPage> {
  const rows = await queryRows<{
    group_id: string;
    first_seen: string;
    last_seen: string;
    events: string;
    group_status: GroupStatus;
    last_message: string;
    last_severity: string;
    last_category: string;
    last_component: string;
    last_team: string;
    total: string;
  }>(
    client,
    `WITH statuses AS (
       SELECT group_id, argMax(status, (at, event_id)) AS latest_status
       FROM tickets WHERE project_id = {project:String} AND group_id != ''
       GROUP BY group_id
     ),
     matched AS (
       SELECT group_id,
              toUnixTimestamp64Milli(min(time)) AS first_seen, toUnixTimestamp64Milli(max(time)) AS last_seen,
              count() AS events, argMax(message, time) AS last_message, argMax(severity, time) AS last_severity,
              argMax(category, time) AS last_category, argMax(component, time) AS last_component,
              argMax(team, time) AS last_team
       FROM ${RAW_EVENTS.table}
       WHERE project_id = {project:String} AND ${RAW_EVENTS.inRange}
         AND ({severity:String} = '' OR severity = {severity:String})
         AND ({category:String} = '' OR category = {category:String})
         AND ({component:String} = '' OR component = {component:String})
         AND ({q:String} = '' OR positionCaseInsensitiveUTF8(message, {q:String}) > 0)
       GROUP BY group_id
     )
     SELECT m.*, if(s.group_id = '', 'new', s.latest_status) AS group_status, count() OVER () AS total
     FROM matched AS m LEFT JOIN statuses AS s ON s.group_id = m.group_id
     WHERE {status:String} = '' OR group_status = {status:String}
     ORDER BY ${ORDER_BY[filters.sort]}
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}
     SETTINGS join_use_nulls = 0`,
    {
      project,
      from: range.fromMs,
      to: range.toMs,
      severity: filters.severity ?? '',
      category: filters.category ?? '',
      component: filters.component ?? '',
      q: filters.q ?? '',
      status: filters.status ?? '',
      limit: filters.limit,
      offset: filters.offset,
    },
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    limit: filters.limit,
    offset: filters.offset,
    groups: rows.map((row) => ({
      groupId: row.group_id,
      firstSeen: isoFromMs(row.first_seen),
      lastSeen: isoFromMs(row.last_seen),
      count: Number(row.events),
      status: row.group_status,
      message: row.last_message,
      severity: row.last_severity,
      category: row.last_category,
      component: row.last_component,
      team: row.last_team,
    })),
  };
}

/** One group's events in the range, newest first. */
export async function groupEvents(
  client: ClickHouseClient,
  project: string,
  groupId: string,
  range: TimeRange,
  page: { limit: number; offset: number },
): Promise<GroupEventsPage> {
  const rows = await queryRows<{
    event_id: string;
    time_ms: string;
    level: string;
    severity: string;
    category: string;
    component: string;
    team: string;
    message: string;
    payload: string;
    total: string;
  }>(
    client,
    `SELECT event_id, toUnixTimestamp64Milli(time) AS time_ms, level, severity, category, component, team, message, payload,
            count() OVER () AS total
     FROM ${RAW_EVENTS.table}
     WHERE project_id = {project:String} AND group_id = {group:String} AND ${RAW_EVENTS.inRange}
     ORDER BY time_ms DESC, event_id DESC
     LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    { project, group: groupId, from: range.fromMs, to: range.toMs, ...page },
  );
  return {
    groupId,
    total: Number(rows[0]?.total ?? 0),
    ...page,
    events: rows.map(toStoredEvent),
  };
}

/** Critical events in the range: how many, in how many groups, and the latest few. */
export async function criticalErrors(
  client: ClickHouseClient,
  project: string,
  range: TimeRange,
  limit: number,
): Promise<CriticalErrors> {
  const params = { project, from: range.fromMs, to: range.toMs, limit };
  const [summary] = await queryRows<{ count: string; groups: string }>(
    client,
    `SELECT count() AS count, uniqExact(group_id) AS groups FROM ${RAW_EVENTS.table}
     WHERE project_id = {project:String} AND ${RAW_EVENTS.inRange} AND severity = 'critical'`,
    params,
  );
  const latest = await queryRows<Parameters<typeof toStoredEvent>[0]>(
    client,
    `SELECT event_id, toUnixTimestamp64Milli(time) AS time_ms, level, severity, category, component, team, message, payload
     FROM ${RAW_EVENTS.table}
     WHERE project_id = {project:String} AND ${RAW_EVENTS.inRange} AND severity = 'critical'
     ORDER BY time_ms DESC, event_id DESC LIMIT {limit:UInt32}`,
    params,
  );
  return {
    count: Number(summary?.count ?? 0),
    groups: Number(summary?.groups ?? 0),
    latest: latest.map(toStoredEvent),
  };
}

function toStoredEvent(row: {
  event_id: string;
  time_ms: string;
  level: string;
  severity: string;
  category: string;
  component: string;
  team: string;
  message: string;
  payload: string;
}): StoredEvent {
  return {
    eventId: row.event_id,
    time: isoFromMs(row.time_ms),
    level: row.level,
    severity: row.severity,
    category: row.category,
    component: row.component,
    team: row.team,
    message: row.message,
    categorized: JSON.parse(row.payload),
  };
}
