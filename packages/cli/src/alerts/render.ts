/** Pure: alerts and silences as terminal tables. */
import type { AlertView, SilenceView } from '../api/alerter-client.js';
import { renderTable } from '../output/table.js';

export function alertsTable(alerts: AlertView[], width: number): string {
  if (alerts.length === 0) return 'no alerts';
  return renderTable(
    ['id', 'severity', 'status', 'project', 'errors', 'fired', 'message'],
    alerts.map((a) => [
      a.alertId,
      a.severity,
      a.status,
      a.scope.projectId,
      String(a.errorCount),
      a.firedAt ?? '',
      a.message,
    ]),
    width,
    ['id', 'severity', 'status'],
  );
}

export function alertDetail(a: AlertView): string {
  const lines: [string, string | undefined][] = [
    ['id', a.alertId],
    ['severity', a.severity],
    ['status', a.status],
    ['project', a.scope.projectId],
    ['components', a.affectedComponents.join(', ')],
    ['errors', String(a.errorCount)],
    ['stage', String(a.stage)],
    ['fired', a.firedAt],
    ['acknowledged', a.acknowledgedAt && `${a.acknowledgedAt} by ${a.acknowledgedBy ?? '?'}`],
    ['resolved', a.resolvedAt && `${a.resolvedAt} by ${a.resolvedBy ?? '?'}`],
    ['message', a.message],
  ];
  return lines
    .filter(([, v]) => v)
    .map(([k, v]) => `${k.padEnd(13)}${v}`)
    .join('\n');
}

export function silencesTable(silences: SilenceView[], width: number): string {
  if (silences.length === 0) return 'no silences';
  return renderTable(
    ['id', 'active', 'matchers', 'starts', 'ends', 'by', 'comment'],
    silences.map((s) => [
      s.id,
      s.active ? 'yes' : 'no',
      Object.entries(s.matchers)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
      s.startsAt,
      s.endsAt,
      s.createdBy,
      s.comment ?? '',
    ]),
    width,
    ['id', 'active'],
  );
}
