import { randomUUID } from 'node:crypto';
import type { RedisClient } from '@faultline/redis';
import type { AlerterKeys } from '../keys.js';
import type { SendJob } from '../schedule/jobs.js';

/** A settled delivery as the log remembers it. */
export interface DeliveryRecord {
  status: 'sent' | 'failed' | 'cancelled';
  /** 1-based attempt that settled it. */
  attempt: number;
  at: string;
  error?: string;
}

export type AttemptClaim =
  | { kind: 'claimed'; token: string }
  /** Another replica is mid-attempt; its claim expires at the latest in `retryInMs`. */
  | { kind: 'busy'; retryInMs: number }
  | { kind: 'settled'; record: DeliveryRecord };

// Deletes the pending claim only if it is still ours.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The delivery log: one key per (alert, purpose, stage, channel, recipient) or (ticket
 * event, channel, recipient), taken with
 * SET NX before each attempt and turned into a settled record after it.
 *
 * Crash between claim and send: the claim is `pending` with an expiry (the attempt lease),
 * not a final mark. A replica that dies after claiming leaves a key that expires, and the
 * job (whose schedule lease also expires) is tried again, so a crash never loses a page. The
 * price is one narrow window: a crash after the receiver accepted but before `sent` was
 * written sends that message twice. We prefer a rare duplicate to a lost page; PagerDuty
 * collapses it by dedup_key anyway.
 */
export class DeliveryLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: AlerterKeys,
    private readonly options: { attemptLeaseMs: number; ttlSeconds: number },
  ) {
    redis.defineCommand('faultlineReleaseDelivery', { numberOfKeys: 1, lua: RELEASE });
  }

  async claimAttempt(job: SendJob): Promise<AttemptClaim> {
    const key = this.keys.delivery(job);
    const token = `pending:${randomUUID()}`;
    const taken = await this.redis.set(key, token, 'PX', this.options.attemptLeaseMs, 'NX');
    if (taken === 'OK') return { kind: 'claimed', token };
    const [[, value], [, pttl]] = ((await this.redis.multi().get(key).pttl(key).exec()) ?? []) as [
      [unknown, string | null],
      [unknown, number],
    ];
    if (value === null) return this.claimAttempt(job); // expired between the two calls
    if (value.startsWith('pending:')) return { kind: 'busy', retryInMs: Math.max(pttl, 1) };
    return { kind: 'settled', record: JSON.parse(value) as DeliveryRecord };
  }

  async settle(job: SendJob, record: DeliveryRecord): Promise<void> {
    await this.redis.set(this.keys.delivery(job), JSON.stringify(record), 'EX', this.options.ttlSeconds);
  }

  /** After a failed attempt that will be retried: the next attempt claims afresh. */
  async release(job: SendJob, token: string): Promise<void> {
    await (
      this.redis as unknown as { faultlineReleaseDelivery(key: string, token: string): Promise<number> }
    ).faultlineReleaseDelivery(this.keys.delivery(job), token);
  }
}
