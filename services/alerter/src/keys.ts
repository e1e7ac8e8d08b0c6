import { createHash } from 'node:crypto';
import type { Job } from './schedule/jobs.js';

/**
 * Redis key names. The schedule, its attempt counts, the silences and the alert index share
 * one hash tag (the claim and settle scripts touch two of them together); each alert's record
 * and delivery log share the alert's own tag.
 */
export function alerterKeys(prefix: string) {
  const shared = `{${prefix}alerter}`;
  return {
    /** ZSET: job member -> due time (ms); a claimed job's score is its lease end. */
    schedule: `${shared}:schedule`,
    /** HASH: job member -> delivery attempts made so far. */
    attempts: `${shared}:attempts`,
    /** HASH: silence id -> Silence JSON. */
    silences: `${shared}:silences`,
    /** ZSET: alertId -> fired time (ms), for listing. */
    index: `${shared}:index`,
    /** HASH {v: version, s: AlertRecord JSON}. */
    alert: (alertId: string) => `{${prefix}alerter:a:${alertId}}`,
    /** STRING: the delivery log entry (idempotency key) of one (alert, purpose, stage, channel, recipient). */
    delivery: (job: Extract<Job, { kind: 'deliver' }>) =>
      `{${prefix}alerter:a:${job.alertId}}:d:${job.purpose}:${job.stage}:${job.channel}:${createHash('sha1').update(job.recipient).digest('hex').slice(0, 16)}`,
  };
}
export type AlerterKeys = ReturnType<typeof alerterKeys>;
