import { type AlertEvent, type AlertState, alertEventCodec, SCHEMA_VERSION } from '@faultline/contracts';
import type { ChannelMessage } from '../channels/channel.js';
import { attemptDelivery } from '../delivery/attempt.js';
import { DeliveryError } from '../delivery/delivery-error.js';
import type { DeliveryRecord } from '../delivery/delivery-log.js';
import type { DeliveryJob } from '../schedule/jobs.js';
import type { ClaimedJob } from '../schedule/schedule.js';
import { isAckLapsed } from '../state/alert-record.js';
import { eventIdFor } from '../state/event-id.js';
import type { JobContext } from './job-context.js';

/**
 * One attempt of one alert delivery (`attemptDelivery`), recorded as a `notified`
 * alert-event. A page the alert no longer needs is cancelled first. Each delivery is its own
 * job, so a slow or failing channel never holds up another.
 */
export async function runDelivery(claimed: ClaimedJob, ctx: JobContext): Promise<void> {
  const job = claimed.job as DeliveryJob;
  const record = (await ctx.store.load([job.alertId])).get(job.alertId)?.record;
  const now = ctx.now();
  if (!record) {
    ctx.logger.warn({ job }, 'delivery for an alert no longer stored; dropped');
    await ctx.schedule.settle(claimed, undefined);
    return;
  }
  const status = record.alert.status;
  // A page nobody needs any more (acknowledged or resolved while it waited) is not sent.
  if (
    job.purpose === 'page' &&
    (status === 'resolved' || (status === 'acknowledged' && !isAckLapsed(record, now)))
  ) {
    await ctx.deliveryLog.settle(job, {
      status: 'cancelled',
      attempt: claimed.attempts,
      at: new Date(now).toISOString(),
    });
    await ctx.schedule.settle(claimed, undefined);
    return;
  }

  await attemptDelivery({
    claimed,
    job,
    deliveryLog: ctx.deliveryLog,
    schedule: ctx.schedule,
    delivery: ctx.config.delivery,
    now: ctx.now,
    send: async (signal) => {
      const address = job.channel === 'dashboard' ? '' : ctx.config.recipients[job.recipient]?.[job.channel];
      if (address === undefined)
        throw new DeliveryError(`no ${job.channel} address configured for recipient ${job.recipient}`, false);
      const message: ChannelMessage = {
        alert: record.alert,
        purpose: job.purpose,
        stage: job.stage,
        recipient: job.recipient,
        at: now,
        ...(ctx.config.dashboardUrl
          ? {
              alertUrl: `${ctx.config.dashboardUrl.replace(/\/$/, '')}/alerts/${encodeURIComponent(job.alertId)}`,
            }
          : {}),
      };
      await ctx.channels.get(job.channel).send(message, address, signal);
    },
    // A replay is announced again under the same event id (consumers dedupe by eventId).
    report: (outcome) => publish(ctx, job, record.alert, outcome),
  });
}

/** The attempt as a `notified` alert-event; its id is fixed by (delivery, attempt). */
async function publish(
  ctx: JobContext,
  job: DeliveryJob,
  alert: AlertState,
  outcome: DeliveryRecord,
): Promise<void> {
  const event: AlertEvent = {
    schemaVersion: SCHEMA_VERSION,
    eventId: eventIdFor(
      job.alertId,
      'notified',
      job.purpose,
      job.stage,
      job.channel,
      job.recipient,
      outcome.attempt,
    ),
    type: 'notified',
    at: outcome.at,
    alert,
    ...(job.purpose !== 'page' ? { reason: job.purpose } : {}),
    notification: {
      channel: job.channel,
      recipient: job.recipient,
      stage: job.stage,
      status: outcome.status === 'sent' ? 'sent' : 'failed',
      ...(outcome.error ? { error: outcome.error.slice(0, 2048) } : {}),
    },
  };
  await ctx.producer.send(ctx.eventsTopic, { key: job.alertId, value: alertEventCodec.encode(event) });
  ctx.metrics?.notifications.inc({ channel: job.channel, status: event.notification?.status ?? 'sent' });
}
