import type { TicketEvent } from '@faultline/contracts';
import type { TicketChannelName } from '../config.js';
import type { TicketJob } from '../schedule/jobs.js';

/** Ticket events that tell an assignee the ticket is now theirs. */
export const NOTIFYING_TICKET_EVENTS: readonly TicketEvent['type'][] = ['created', 'assigned'];

const MAX_DESCRIPTION = 2000;

export type TicketPlan =
  | { decision: 'notify'; jobs: TicketJob[] }
  /** Not an event anyone is notified of (a step, a status change, a resolve). */
  | { decision: 'ignored' }
  /** Older than `maxAgeMs`: history read by a new consumer group, not news. */
  | { decision: 'stale' };

/** Which deliveries a ticket event needs: one per configured channel to its assignee. */
export function planTicketNotices(
  event: TicketEvent,
  options: { channels: readonly TicketChannelName[]; maxAgeMs: number; now: number },
): TicketPlan {
  if (!NOTIFYING_TICKET_EVENTS.includes(event.type)) return { decision: 'ignored' };
  const at = Date.parse(event.at);
  if (options.maxAgeMs > 0 && Number.isFinite(at) && options.now - at > options.maxAgeMs)
    return { decision: 'stale' };
  return {
    decision: 'notify',
    jobs: [...new Set(options.channels)].map((channel) => ({
      kind: 'ticket',
      eventId: event.eventId,
      channel,
      recipient: event.ticket.assignee,
    })),
  };
}

/**
 * What the deliveries need later, kept in Redis until they ran: the event with the ticket's
 * last step only (it says why it was reassigned) and a shortened description, since a
 * ticket may carry a thousand steps.
 */
export function noticeOf(event: TicketEvent): TicketEvent {
  const { ticket } = event;
  return {
    ...event,
    ticket: {
      ...ticket,
      description:
        ticket.description.length <= MAX_DESCRIPTION
          ? ticket.description
          : `${ticket.description.slice(0, MAX_DESCRIPTION - 1)}…`,
      steps: ticket.steps.slice(-1),
    },
  };
}
