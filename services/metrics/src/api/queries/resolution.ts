import type { ClickHouseClient } from '@clickhouse/client';
import { SEVERITY_POLICY } from '@faultline/config';
import { SEVERITIES, type Severity } from '@faultline/contracts';
import { type ResolutionReport, resolutionReport, type TicketFacts } from '../resolution-metrics.js';
import type { TimeRange } from '../time-range.js';
import { queryRows } from './run-query.js';

/** Tickets beyond this many in one range are left out of the report (and it says so). */
const MAX_TICKETS = 100_000;

export interface Resolution extends ResolutionReport {
  from: string;
  to: string;
  truncated: boolean;
}

/**
 * Tickets created in the range, at their latest state, with the category and team of their
 * group (from its events; the assignee when the group has none). A ticket without severity
 * takes its group's.
 */
export async function resolution(
  client: ClickHouseClient,
  project: string,
  range: TimeRange,
  nowMs: number,
): Promise<Resolution> {
  const rows = await queryRows<{
    ticket_id: string;
    ticket_status: string;
    ticket_severity: string;
    ticket_category: string;
    ticket_team: string;
    created_ms: string;
    resolved_ms: string | null;
    responded_ms: string | null;
  }>(
    client,
    `WITH latest AS (
       SELECT ticket_id,
              argMax(status, (at, event_id)) AS last_status,
              argMax(group_id, (at, event_id)) AS last_group,
              argMax(severity, (at, event_id)) AS last_severity,
              argMax(assignee, (at, event_id)) AS last_assignee,
              argMax(created_at, (at, event_id)) AS created,
              -- Wrapped in a tuple: argMax skips NULL arguments, and a reopened ticket's NULL must win.
              argMax(tuple(resolved_at), (at, event_id)).1 AS resolved,
              argMax(tuple(first_response_at), (at, event_id)).1 AS responded
       FROM tickets WHERE project_id = {project:String}
       GROUP BY ticket_id
       HAVING created >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND created < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
     ),
     group_facts AS (
       SELECT group_id, argMax(category, time) AS group_category, argMax(team, time) AS group_team,
              argMax(severity, time) AS group_severity
       FROM events
       WHERE project_id = {project:String} AND group_id IN (SELECT last_group FROM latest WHERE last_group != '')
       GROUP BY group_id
     )
     SELECT l.ticket_id AS ticket_id, l.last_status AS ticket_status,
            multiIf(l.last_severity != '', l.last_severity, g.group_severity != '', g.group_severity, 'low') AS ticket_severity,
            if(g.group_category = '', 'unknown', g.group_category) AS ticket_category,
            if(g.group_team = '', l.last_assignee, g.group_team) AS ticket_team,
            toUnixTimestamp64Milli(l.created) AS created_ms,
            toUnixTimestamp64Milli(l.resolved) AS resolved_ms,
            toUnixTimestamp64Milli(l.responded) AS responded_ms
     FROM latest AS l LEFT JOIN group_facts AS g ON g.group_id = l.last_group
     ORDER BY ticket_id
     LIMIT {limit:UInt32}
     SETTINGS join_use_nulls = 0`,
    { project, from: range.fromMs, to: range.toMs, limit: MAX_TICKETS + 1 },
  );
  const tickets: TicketFacts[] = rows.slice(0, MAX_TICKETS).map((row) => ({
    ticketId: row.ticket_id,
    status: row.ticket_status,
    severity: asSeverity(row.ticket_severity),
    category: row.ticket_category,
    team: row.ticket_team,
    createdAtMs: Number(row.created_ms),
    resolvedAtMs: row.resolved_ms === null ? null : Number(row.resolved_ms),
    firstResponseAtMs: row.responded_ms === null ? null : Number(row.responded_ms),
  }));
  const respondWithinMs = Object.fromEntries(
    SEVERITIES.map((s) => [s, SEVERITY_POLICY[s].respondWithinMs]),
  ) as Record<Severity, number>;
  return {
    from: new Date(range.fromMs).toISOString(),
    to: new Date(range.toMs).toISOString(),
    truncated: rows.length > MAX_TICKETS,
    ...resolutionReport(tickets, respondWithinMs, nowMs),
  };
}

function asSeverity(value: string): Severity {
  return (SEVERITIES as readonly string[]).includes(value) ? (value as Severity) : 'low';
}
