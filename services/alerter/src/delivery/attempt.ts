import type { AlerterConfig } from '../config.js';
import type { SendJob } from '../schedule/jobs.js';
import type { ClaimedJob, Schedule } from '../schedule/schedule.js';
import { backoffMs } from './backoff.js';
import { asDeliveryError, type DeliveryError } from './delivery-error.js';
import type { DeliveryLog, DeliveryRecord } from './delivery-log.js';

export interface AttemptOptions {
  claimed: ClaimedJob;
  job: SendJob;
  deliveryLog: DeliveryLog;
  schedule: Schedule;
  delivery: AlerterConfig['delivery'];
  now: () => number;
  /** Sends the message once; throws (a DeliveryError, ideally) when the receiver did not take it. */
  send: (signal: AbortSignal) => Promise<void>;
  /**
   * Announces an attempt's outcome. `retryInMs` is set when it will be tried again; `replay`
   * when the log already held the outcome (a crash before the last announcement): announce
   * again under the same id, count nothing twice.
   */
  report: (outcome: DeliveryRecord, detail: { replay: boolean; retryInMs?: number }) => Promise<void>;
}

/**
 * One attempt of one delivery, shared by alert pages and ticket notices: claim the
 * delivery-log key (SET NX), send with a timeout, report, then settle the job: done, or due
 * again after a backoff with jitter (or the receiver's Retry-After), which is durable in
 * the schedule across restarts.
 */
export async function attemptDelivery(options: AttemptOptions): Promise<void> {
  const { claimed, job, deliveryLog, schedule, now } = options;
  const claim = await deliveryLog.claimAttempt(job);
  if (claim.kind === 'busy') {
    await schedule.settle(claimed, now() + claim.retryInMs);
    return;
  }
  if (claim.kind === 'settled') {
    if (claim.record.status !== 'cancelled') await options.report(claim.record, { replay: true });
    await schedule.settle(claimed, undefined);
    return;
  }

  const attempt = claimed.attempts + 1;
  const { maxAttempts, attemptTimeoutMs, backoffBaseMs, backoffMaxMs, maxRetryAfterMs } = options.delivery;
  let failure: DeliveryError | undefined;
  try {
    await options.send(AbortSignal.timeout(attemptTimeoutMs));
  } catch (error) {
    failure = asDeliveryError(error);
  }
  const at = new Date(now()).toISOString();

  if (!failure) {
    const sent: DeliveryRecord = { status: 'sent', attempt, at };
    await deliveryLog.settle(job, sent);
    await options.report(sent, { replay: false });
    await schedule.settle(claimed, undefined);
    return;
  }
  if (failure.retryable && attempt < maxAttempts) {
    const delay =
      failure.retryAfterMs !== undefined
        ? Math.min(failure.retryAfterMs, maxRetryAfterMs)
        : backoffMs(attempt, backoffBaseMs, backoffMaxMs);
    await options.report(
      {
        status: 'failed',
        attempt,
        at,
        error: `${failure.message} (attempt ${attempt} of ${maxAttempts}; retrying in ${delay} ms)`,
      },
      { replay: false, retryInMs: delay },
    );
    await deliveryLog.release(job, claim.token);
    await schedule.settle(claimed, now() + delay, true);
    return;
  }
  const failed: DeliveryRecord = {
    status: 'failed',
    attempt,
    at,
    error: failure.retryable ? `${failure.message} (gave up after ${attempt} attempts)` : failure.message,
  };
  await deliveryLog.settle(job, failed);
  await options.report(failed, { replay: false });
  await schedule.settle(claimed, undefined);
}
