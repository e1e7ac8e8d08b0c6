import type { ActiveAlerts, AlertView, LiveAlertMessage, Severity } from './types.js';
import { SEVERITIES } from './types.js';

/** Alerts by id; pure functions so the merge rules are tested without a browser. */
export type AlertMap = ReadonlyMap<string, AlertView>;

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function fromLive(message: LiveAlertMessage): AlertView {
  const { alert } = message;
  return {
    alertId: alert.alertId,
    severity: alert.severity,
    status: alert.status,
    message: alert.message,
    errorCount: alert.errorCount,
    affectedComponents: alert.affectedComponents,
    stage: alert.stage,
    firstSeen: alert.firstSeen,
    updatedAt: message.at,
    acknowledgedBy: alert.acknowledgedBy ?? '',
    resolvedBy: alert.resolvedBy ?? '',
  };
}

/** Keeps whichever version of an alert is newer, so a late snapshot never undoes a live event. */
export function upsert(alerts: AlertMap, next: AlertView): AlertMap {
  const current = alerts.get(next.alertId);
  if (current && Date.parse(current.updatedAt) > Date.parse(next.updatedAt)) return alerts;
  const copy = new Map(alerts);
  copy.set(next.alertId, next);
  return copy;
}

/** A fresh /alerts/active answer: its alerts, plus what live events told since (newer wins). */
export function mergeSnapshot(alerts: AlertMap, snapshot: Pick<ActiveAlerts, 'asOf' | 'alerts'>): AlertMap {
  let merged: AlertMap = new Map();
  for (const alert of snapshot.alerts) merged = upsert(merged, { ...alert, resolvedBy: '' });
  for (const alert of alerts.values()) {
    // An alert missing from the snapshot is resolved (or older than it): keep it only if live said so after the snapshot.
    if (merged.has(alert.alertId) || Date.parse(alert.updatedAt) > Date.parse(snapshot.asOf))
      merged = upsert(merged, alert);
  }
  return merged;
}

/** Active first (firing, then acknowledged), most severe first, newest first; resolved last. */
export function sortedAlerts(alerts: AlertMap): AlertView[] {
  const statusRank = { firing: 0, acknowledged: 1, resolved: 2 } as const;
  return [...alerts.values()].sort(
    (a, b) =>
      statusRank[a.status] - statusRank[b.status] ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      Date.parse(b.updatedAt) - Date.parse(a.updatedAt) ||
      a.alertId.localeCompare(b.alertId),
  );
}

export type SeverityCounts = Record<Severity, { firing: number; acknowledged: number }>;

export function countActive(alerts: AlertMap): SeverityCounts {
  const counts = Object.fromEntries(
    SEVERITIES.map((s) => [s, { firing: 0, acknowledged: 0 }]),
  ) as SeverityCounts;
  for (const alert of alerts.values()) {
    if (alert.status === 'resolved') continue;
    counts[alert.severity][alert.status] += 1;
  }
  return counts;
}
