import { type AlertEvent, type AlertState, alertEventCodec, SCHEMA_VERSION } from '@faultline/contracts';
import type { ChannelMessage } from '../channels/channel.js';
import { backoffMs } from '../delivery/backoff.js';
import { asDeliveryError, DeliveryError } from '../delivery/delivery-error.js';
import type { DeliveryRecord } from '../delivery/delivery-log.js';
import type { Job } from '../schedule/jobs.js';
import type { ClaimedJob } from '../schedule/schedule.js';
import { isAckLapsed } from '../state/alert-record.js';
import { eventIdFor } from '../state/event-id.js';
import type { JobContext } from './job-context.js';

type DeliveryJob = Extract<Job, { kind: 'deliver' }>;

/**
 * One attempt of one delivery: claim the delivery-log key (SET NX), send with a timeout,
 * record the attempt as a `notified` alert-event, then settle: done, or due again after a
 * backoff with jitter (or the receiver's Retry-After). Each delivery is its own job, so a
 * slow or failing channel never holds up another.
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

  const claim = await ctx.deliveryLog.claimAttempt(job);
  if (claim.kind === 'busy') {
    await ctx.schedule.settle(claimed, now + claim.retryInMs);
    return;
  }
  if (claim.kind === 'settled') {
    // Settled but maybe not announced (a crash between the two): announce again under the same event id.
    if (claim.record.status !== 'cancelled') await publish(ctx, job, record.alert, claim.record);
    await ctx.schedule.settle(claimed, undefined);
    return;
  }

  const attempt = claimed.attempts + 1;
  const { maxAttempts, attemptTimeoutMs, backoffBaseMs, backoffMaxMs, maxRetryAfterMs } = ctx.config.delivery;
  let failure: DeliveryError | undefined;
  try {
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
    await ctx.channels.get(job.channel).send(message, address, AbortSignal.timeout(attemptTimeoutMs));
  } catch (error) {
    failure = asDeliveryError(error);
  }
  const at = new Date(ctx.now()).toISOString();

  if (!failure) {
    const sent: DeliveryRecord = { status: 'sent', attempt, at };
    await ctx.deliveryLog.settle(job, sent);
    await publish(ctx, job, record.alert, sent);
    await ctx.schedule.settle(claimed, undefined);
    return;
  }
  if (failure.retryable && attempt < maxAttempts) {
    const delay =
      failure.retryAfterMs !== undefined
        ? Math.min(failure.retryAfterMs, maxRetryAfterMs)
        : backoffMs(attempt, backoffBaseMs, backoffMaxMs);
    await publish(ctx, job, record.alert, {
      status: 'failed',
      attempt,
      at,
      error: `${failure.message} (attempt ${attempt} of ${maxAttempts}; retrying in ${delay} ms)`,
    });
    await ctx.deliveryLog.release(job, claim.token);
    await ctx.schedule.settle(claimed, ctx.now() + delay, true);
    return;
  }
  const failed: DeliveryRecord = {
    status: 'failed',
    attempt,
    at,
    error: failure.retryable ? `${failure.message} (gave up after ${attempt} attempts)` : failure.message,
  };
  await ctx.deliveryLog.settle(job, failed);
  await publish(ctx, job, record.alert, failed);
  await ctx.schedule.settle(claimed, undefined);
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
