import type { ClickHouseClient } from '@clickhouse/client';
import { SEVERITIES, type Severity } from '@faultline/contracts';
import type { TicketFacts } from '../resolution-metrics.js';
import type { TimeRange } from '../time-range.js';
import { queryRows } from './run-query.js';

/** Tickets beyond this many in one range are left out of a report (and it says so). */
export const MAX_TICKETS = 100_000;

/** Which tickets a report reads: those created in the range, or also those resolved in it. */
export type TicketSelection = 'created' | 'createdOrResolved';
/** A ticket's team: its group's team (the assignee without one), or its current assignee. */
export type TicketTeam = 'group' | 'assignee';

// Closed enums mapped to fixed SQL; values only ever arrive as parameters.
const CREATED_IN_RANGE =
  "created >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND created < fromUnixTimestamp64Milli({to:Int64}, 'UTC')";
const SELECTION_SQL: Record<TicketSelection, string> = {
  created: CREATED_IN_RANGE,
  createdOrResolved: `(${CREATED_IN_RANGE}) OR (last_status = 'resolved'
    AND resolved >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND resolved < fromUnixTimestamp64Milli({to:Int64}, 'UTC'))`,
};
const TEAM_SQL: Record<TicketTeam, string> = {
  group: "if(g.group_team = '', l.last_assignee, g.group_team)",
  assignee: 'l.last_assignee',
};

/**
 * Tickets of a project at their latest state, with the category of their group (from its
 * events; `unknown` without one). A ticket without severity takes its group's, else low.
 */
export async function loadTicketFacts(
  client: ClickHouseClient,
  project: string,
  range: TimeRange,
  options: { select: TicketSelection; team: TicketTeam },
): Promise<{ tickets: TicketFacts[]; truncated: boolean }> {
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
       HAVING ${SELECTION_SQL[options.select]}
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
            ${TEAM_SQL[options.team]} AS ticket_team,
            toUnixTimestamp64Milli(l.created) AS created_ms,
            toUnixTimestamp64Milli(l.resolved) AS resolved_ms,
            toUnixTimestamp64Milli(l.responded) AS responded_ms
     FROM latest AS l LEFT JOIN group_facts AS g ON g.group_id = l.last_group
     ORDER BY ticket_id
     LIMIT {limit:UInt32}
     SETTINGS join_use_nulls = 0`,
    { project, from: range.fromMs, to: range.toMs, limit: MAX_TICKETS + 1 },
  );
  return {
    truncated: rows.length > MAX_TICKETS,
    tickets: rows.slice(0, MAX_TICKETS).map((row) => ({
      ticketId: row.ticket_id,
      status: row.ticket_status,
      severity: asSeverity(row.ticket_severity),
      category: row.ticket_category,
      team: row.ticket_team,
      createdAtMs: Number(row.created_ms),
      resolvedAtMs: row.resolved_ms === null ? null : Number(row.resolved_ms),
      firstResponseAtMs: row.responded_ms === null ? null : Number(row.responded_ms),
    })),
  };
}

/** Each severity's respond-within (the SLA), from the shared policy. */
export function respondWithinBySeverity(policy: Record<Severity, { respondWithinMs: number }>) {
  return Object.fromEntries(SEVERITIES.map((s) => [s, policy[s].respondWithinMs])) as Record<
    Severity,
    number
  >;
}

function asSeverity(value: string): Severity {
  return (SEVERITIES as readonly string[]).includes(value) ? (value as Severity) : 'low';
}
