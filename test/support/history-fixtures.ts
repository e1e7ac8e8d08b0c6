/** Builders of the stored history (categorized events, alert-events, ticket events) for the tests of metrics and resolution. */
import { randomUUID } from 'node:crypto';
import type { AlertEvent, AlertStatus, CategorizedEvent, Severity, TicketEvent } from '@faultline/contracts';

export const T0 = Date.UTC(2026, 10, 28, 10, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

export interface GroupSpec {
  groupId: string;
  severity: Severity;
  category: string;
  component: string;
  team: string;
  message: string;
}

export function categorized(
  projectId: string,
  group: GroupSpec,
  time: string,
  overrides: { eventId?: string; message?: string } = {},
): CategorizedEvent {
  return {
    schemaVersion: 1,
    event: {
      schemaVersion: 1,
      eventId: overrides.eventId ?? randomUUID(),
      projectId,
      timestamp: time,
      level: 'error',
      message: overrides.message ?? group.message,
      component: group.component,
      source: 'express',
      environment: 'production',
    },
    groupId: group.groupId,
    fingerprint: { method: 'message', parts: [group.message] },
    severity: group.severity,
    category: group.category,
    priority: 'P2',
    escalation: 'standard',
    team: group.team,
    ruleId: 'default',
    categorizedAt: time,
  };
}

export function alertEvent(
  projectId: string,
  alertId: string,
  type: AlertEvent['type'],
  status: AlertStatus,
  severity: Severity,
  time: string,
  extra: Partial<AlertEvent> = {},
): AlertEvent {
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    type,
    at: time,
    alert: {
      alertId,
      dedupKey: `${projectId}:${severity}`,
      scope: { projectId, severity },
      severity,
      status,
      errorCount: 5,
      affectedComponents: ['database'],
      message: `${severity.toUpperCase()}: 5 errors detected`,
      samples: [],
      firstSeen: time,
      lastSeen: time,
      stage: 0,
      ...(status === 'acknowledged' ? { acknowledgedBy: 'alice' } : {}),
    },
    ...extra,
  };
}

export function ticketEvent(
  type: TicketEvent['type'],
  time: string,
  ticket: Partial<TicketEvent['ticket']> & { ticketId: string; projectId: string; createdAt: string },
): TicketEvent {
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    type,
    at: time,
    actor: 'alice',
    ticket: {
      title: 'db: Database connection failed',
      description: '',
      assignee: 'development-team',
      status: 'open',
      steps: [],
      ...ticket,
    },
  };
}
