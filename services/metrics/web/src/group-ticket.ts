import type { SystemHealth, Ticket } from './types.js';

/** The tickets API lists at most this many; a group's ticket older than that is not found. */
export const TICKET_SCAN_LIMIT = 1000;

/**
 * The group's ticket from a newest-first list: its open (or in-progress) ticket if any,
 * else its newest one, so a reopened group shows the ticket people work on.
 */
export function ticketOfGroup(tickets: readonly Ticket[], groupId: string): Ticket | undefined {
  const mine = tickets.filter((ticket) => ticket.groupId === groupId);
  return mine.find((ticket) => ticket.status !== 'resolved') ?? mine[0];
}

/** Failed probes and lagging consumers, in words; empty when everything is healthy. */
export function unhealthyParts(health: SystemHealth): string[] {
  return [
    ...[...health.services, ...health.infrastructure].filter((p) => !p.ok).map((p) => `${p.name} down`),
    ...health.consumerLag.filter((g) => !g.ok).map((g) => `${g.groupId} lagging (${g.lag})`),
  ];
}
