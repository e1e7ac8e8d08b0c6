import { randomUUID } from 'node:crypto';
import { type CategorizedEvent, categorizedEventCodec, type Severity } from '@faultline/contracts';

const PRIORITY = { critical: 'P0', high: 'P1', medium: 'P2', low: 'P3' } as const;

/** A valid CategorizedEvent; checked against the contract so a fixture cannot drift from it. */
export function categorized(
  overrides: {
    projectId?: string;
    severity?: Severity;
    component?: string;
    groupId?: string;
    timestamp?: string;
    eventId?: string;
    message?: string;
  } = {},
): CategorizedEvent {
  const severity = overrides.severity ?? 'high';
  const event: CategorizedEvent = {
    schemaVersion: 1,
    event: {
      schemaVersion: 1,
      eventId: overrides.eventId ?? randomUUID().replaceAll('-', ''),
      projectId: overrides.projectId ?? 'shop',
      timestamp: overrides.timestamp ?? new Date().toISOString(),
      level: 'error',
      message: overrides.message ?? 'Unauthorized access to /admin',
      source: 'express',
      ...(overrides.component === undefined ? {} : { component: overrides.component }),
    },
    groupId: overrides.groupId ?? 'a1b2c3d4e5f60718',
    fingerprint: { method: 'message', parts: ['message:Unauthorized access to /admin'] },
    severity,
    category: 'security',
    priority: PRIORITY[severity],
    escalation: 'security-team',
    team: 'security-team',
    ruleId: 'runbook-security',
    categorizedAt: new Date().toISOString(),
  };
  const checked = categorizedEventCodec.check(event);
  if (!checked.ok) throw new Error(checked.reason);
  return event;
}
