import type { ClickHouseClient } from '@clickhouse/client';
import type { ActiveAlert, ActiveAlerts } from '@faultline/api-contracts';
import { SEVERITIES, type Severity } from '@faultline/contracts';
import { isoFromMs, queryRows } from './run-query.js';

/** Alerts whose latest event up to `asOf` left them firing or acknowledged, most severe first. */
export async function activeAlerts(
  client: ClickHouseClient,
  project: string,
  asOfMs: number,
  limit: number,
): Promise<ActiveAlerts> {
  const rows = await queryRows<{
    alert_id: string;
    latest_status: 'firing' | 'acknowledged';
    latest_severity: Severity;
    latest_message: string;
    latest_count: number;
    latest_components: string[];
    latest_stage: number;
    first_seen_ms: string;
    updated_ms: string;
    latest_ack: string;
  }>(
    client,
    `SELECT alert_id,
            argMax(status, (at, event_id)) AS latest_status,
            argMax(severity, (at, event_id)) AS latest_severity,
            argMax(message, (at, event_id)) AS latest_message,
            argMax(error_count, (at, event_id)) AS latest_count,
            argMax(affected_components, (at, event_id)) AS latest_components,
            argMax(stage, (at, event_id)) AS latest_stage,
            toUnixTimestamp64Milli(argMax(first_seen, (at, event_id))) AS first_seen_ms,
            toUnixTimestamp64Milli(max(at)) AS updated_ms,
            argMax(acknowledged_by, (at, event_id)) AS latest_ack
     FROM alert_events
     WHERE project_id = {project:String} AND at <= fromUnixTimestamp64Milli({asOf:Int64}, 'UTC')
     GROUP BY alert_id
     HAVING latest_status IN ('firing', 'acknowledged')
     ORDER BY indexOf(['critical', 'high', 'medium', 'low'], latest_severity), updated_ms DESC, alert_id`,
    { project, asOf: asOfMs },
  );
  const alerts = rows.map((row) => ({
    alertId: row.alert_id,
    severity: row.latest_severity,
    status: row.latest_status,
    message: row.latest_message,
    errorCount: Number(row.latest_count),
    affectedComponents: row.latest_components,
    stage: Number(row.latest_stage),
    firstSeen: isoFromMs(row.first_seen_ms),
    updatedAt: isoFromMs(row.updated_ms),
    acknowledgedBy: row.latest_ack,
  }));
  return {
    asOf: isoFromMs(asOfMs),
    total: alerts.length,
    bySeverity: countBySeverity(alerts),
    alerts: alerts.slice(0, limit),
  };
}

export function countBySeverity(
  alerts: Pick<ActiveAlert, 'severity' | 'status'>[],
): ActiveAlerts['bySeverity'] {
  const counts = Object.fromEntries(
    SEVERITIES.map((s) => [s, { firing: 0, acknowledged: 0, total: 0 }]),
  ) as ActiveAlerts['bySeverity'];
  for (const alert of alerts) {
    const entry = counts[alert.severity];
    if (!entry) continue;
    entry[alert.status] += 1;
    entry.total += 1;
  }
  return counts;
}
