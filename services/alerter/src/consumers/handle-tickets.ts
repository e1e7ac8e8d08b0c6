import type { TicketEvent } from '@faultline/contracts';
import type { BatchHandler } from '@faultline/kafka';
import type { Logger } from '@faultline/observability';
import type { TicketChannelName } from '../config.js';
import type { AlerterMetrics } from '../metrics.js';
import type { ScheduledJob } from '../schedule/jobs.js';
import type { Schedule } from '../schedule/schedule.js';
import type { TicketNoticeStore } from '../tickets/notice-store.js';
import { planTicketNotices } from '../tickets/ticket-notice.js';

export interface TicketHandlerOptions {
  notices: TicketNoticeStore;
  schedule: Schedule;
  channels: readonly TicketChannelName[];
  maxAgeMs: number;
  onJobsDue: () => void;
  logger: Logger;
  metrics?: AlerterMetrics;
  now?: () => number;
}

/**
 * tickets batch -> notice deliveries: `created` and `assigned` store the event and enqueue
 * one delivery per channel to the assignee, due now. Resolves once both are in Redis, so
 * nothing is committed undone. A redelivered event stores the same notice and enqueues the
 * same job members (ZADD NX); a job already run finds its delivery-log key settled and
 * sends nothing.
 */
export function createTicketHandler(options: TicketHandlerOptions): BatchHandler<TicketEvent> {
  const now = options.now ?? Date.now;
  return async (messages) => {
    const at = now();
    const notify: TicketEvent[] = [];
    const jobs: ScheduledJob[] = [];
    for (const { value: event } of messages) {
      const plan = planTicketNotices(event, {
        channels: options.channels,
        maxAgeMs: options.maxAgeMs,
        now: at,
      });
      options.metrics?.ticketEvents.inc({ type: event.type, decision: plan.decision });
      if (plan.decision === 'stale')
        options.logger.info(
          { ticketId: event.ticket.ticketId, ticketEventId: event.eventId, at: event.at },
          'ticket event too old to notify anyone',
        );
      if (plan.decision !== 'notify') continue;
      notify.push(event);
      jobs.push(...plan.jobs.map((job) => ({ job, dueAt: at })));
    }
    if (jobs.length === 0) return;
    // Notice first: a job that runs finds what it is about.
    await options.notices.save(notify);
    await options.schedule.enqueue(jobs);
    options.onJobsDue();
  };
}
