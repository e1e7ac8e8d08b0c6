import type { ClickHouseClient } from '@clickhouse/client';
import type { AlertState } from '@faultline/contracts';

/**
 * Which alerts belong to a group, from what alert-events carry: an alert scoped to the group
 * (`scope.groupId`, detector `groupBy: [groupId]`, and regression alerts), or a wider alert
 * (project/severity/component) whose samples all come from this group. A wider alert with
 * samples of other groups stays open: those errors are not fixed by this ticket.
 */
export function belongsToGroup(alert: Pick<AlertState, 'scope' | 'samples'>, groupId: string): boolean {
  if (alert.scope.groupId !== undefined) return alert.scope.groupId === groupId;
  return alert.samples.length > 0 && alert.samples.every((sample) => sample.groupId === groupId);
}

/**
 * Alerts of the project whose latest alert-event leaves them firing or acknowledged, read from
 * ClickHouse (the alerter's state is its own). An alert fired in the last seconds may not be
 * stored yet; the alerter's `resolve` is idempotent, so resolving again later is harmless.
 */
export async function activeAlertsOfGroup(
  client: ClickHouseClient,
  projectId: string,
  groupId: string,
): Promise<AlertState[]> {
  const result = await client.query({
    query: `SELECT argMax(payload, (at, event_id)) AS latest, argMax(status, (at, event_id)) AS latest_status
            FROM alert_events WHERE project_id = {projectId:String}
            GROUP BY alert_id HAVING latest_status IN ('firing', 'acknowledged')`,
    query_params: { projectId },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ latest: string }>();
  return rows
    .map((row) => (JSON.parse(row.latest) as { alert: AlertState }).alert)
    .filter((alert) => belongsToGroup(alert, groupId));
}
