import { attemptDelivery } from '../delivery/attempt.js';
import { DeliveryError } from '../delivery/delivery-error.js';
import type { TicketJob } from '../schedule/jobs.js';
import type { ClaimedJob } from '../schedule/schedule.js';
import type { JobContext } from './job-context.js';

/**
 * One attempt of one ticket notice (`attemptDelivery`): the same delivery log, retries and
 * backoff as alert pages. There is no alert to hang an alert-event on, so each attempt is a
 * log line and a counter, and the delivery-log key keeps the outcome.
 */
export async function runTicketDelivery(claimed: ClaimedJob, ctx: JobContext): Promise<void> {
  const job = claimed.job as TicketJob;
  const event = await ctx.ticketNotices.load(job.eventId);
  if (!event) {
    ctx.logger.warn({ job }, 'ticket notice no longer stored; dropped');
    await ctx.schedule.settle(claimed, undefined);
    return;
  }
  const { ticket } = event;
  const log = ctx.logger.child({
    ticketId: ticket.ticketId,
    ticketEventId: event.eventId,
    type: event.type,
    channel: job.channel,
    recipient: job.recipient,
  });
  await attemptDelivery({
    claimed,
    job,
    deliveryLog: ctx.deliveryLog,
    schedule: ctx.schedule,
    delivery: ctx.config.delivery,
    now: ctx.now,
    send: async (signal) => {
      const address = ctx.config.recipients[job.recipient]?.[job.channel];
      if (address === undefined)
        throw new DeliveryError(`no ${job.channel} address configured for recipient ${job.recipient}`, false);
      await ctx.channels.ticket(job.channel).send(
        {
          event,
          recipient: job.recipient,
          at: ctx.now(),
          ...(ctx.config.dashboardUrl
            ? {
                ticketUrl: `${ctx.config.dashboardUrl.replace(/\/$/, '')}/api/v1/projects/${encodeURIComponent(ticket.projectId)}/tickets/${encodeURIComponent(ticket.ticketId)}`,
              }
            : {}),
        },
        address,
        signal,
      );
    },
    report: async (outcome, { replay, retryInMs }) => {
      if (replay) {
        log.debug({ delivery: outcome }, 'ticket notice already settled; not sent again');
        return;
      }
      const status = outcome.status === 'sent' ? 'sent' : retryInMs !== undefined ? 'retrying' : 'failed';
      ctx.metrics?.ticketNotifications.inc({ channel: job.channel, status });
      if (status === 'sent') log.info({ attempt: outcome.attempt }, 'ticket notice sent');
      else log.warn({ attempt: outcome.attempt, error: outcome.error }, `ticket notice ${status}`);
    },
  });
}
