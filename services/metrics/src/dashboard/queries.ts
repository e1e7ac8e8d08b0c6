import type { ClickHouseClient } from '@clickhouse/client';
import type { ProjectSummary } from '@faultline/api-contracts';

/** Projects with events or alerts in the last 30 days, busiest first: the page's project picker. */
export async function listProjects(client: ClickHouseClient): Promise<ProjectSummary[]> {
  const result = await client.query({
    query: `SELECT project_id, sum(n) AS events FROM (
              SELECT project_id, sum(events) AS n FROM events_per_hour
              WHERE hour >= now() - INTERVAL 30 DAY GROUP BY project_id
              UNION ALL
              SELECT DISTINCT project_id, toUInt64(0) AS n FROM alert_events
              WHERE at >= now() - INTERVAL 30 DAY
            )
            GROUP BY project_id ORDER BY events DESC, project_id LIMIT 200`,
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ project_id: string; events: string }>();
  return rows.map((row) => ({ projectId: row.project_id, events: Number(row.events) }));
}

/** Whether ClickHouse has any event of this alert in this project. */
export async function alertExists(
  client: ClickHouseClient,
  projectId: string,
  alertId: string,
): Promise<boolean> {
  const result = await client.query({
    query: `SELECT 1 FROM alert_events WHERE project_id = {project:String} AND alert_id = {alert:String} LIMIT 1`,
    query_params: { project: projectId, alert: alertId },
    format: 'JSONEachRow',
  });
  return (await result.json()).length > 0;
}
