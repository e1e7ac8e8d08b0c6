import { type AlertSignal, type CategorizedEvent, SCHEMA_VERSION } from '@faultline/contracts';
import { derivedId } from '../derived-id.js';

/**
 * The alert a regression raises: an AlertSignal on `alerts`, scoped to the group, so the
 * alerter routes, escalates and deduplicates it like any other alert and resolving the
 * group's ticket resolves it (its `scope.groupId` names the group). One per reopening: the
 * id and dedupKey carry the ticket and the resolution that regressed.
 */
export function regressionSignal(
  categorized: CategorizedEvent,
  ticket: { ticketId: string; title: string },
  resolvedAtMs: number,
  now: number,
): AlertSignal {
  const { event } = categorized;
  const alertId = derivedId('rg', event.projectId, categorized.groupId, ticket.ticketId, resolvedAtMs);
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'new',
    alertId,
    dedupKey: `${event.projectId}:${categorized.severity}:regression=${categorized.groupId}:${resolvedAtMs}`,
    scope: {
      projectId: event.projectId,
      severity: categorized.severity,
      groupId: categorized.groupId,
      ...(event.component ? { component: event.component.slice(0, 128) } : {}),
    },
    severity: categorized.severity,
    errorCount: 1,
    affectedComponents: event.component ? [event.component.slice(0, 128)] : [],
    message: `REGRESSION: ${ticket.title}`.slice(0, 1024),
    samples: [
      {
        eventId: event.eventId,
        groupId: categorized.groupId,
        message: event.message.slice(0, 1024),
        ...(event.component ? { component: event.component.slice(0, 128) } : {}),
        timestamp: event.timestamp,
      },
    ],
    window: { sizeMs: 0, threshold: 1 },
    firstSeen: event.timestamp,
    lastSeen: event.timestamp,
    emittedAt: new Date(now).toISOString(),
  };
}
