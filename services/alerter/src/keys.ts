import { createHash } from 'node:crypto';
import type { SendJob } from './schedule/jobs.js';

function recipientHash(recipient: string): string {
  return createHash('sha1').update(recipient).digest('hex').slice(0, 16);
}

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
    /** STRING: the ticket event a notice is about (trimmed TicketEvent JSON), read when its deliveries run. */
    ticketNotice: (eventId: string) => `{${prefix}alerter:t:${eventId}}`,
    /**
     * STRING: the delivery log entry (idempotency key) of one (alert, purpose, stage, channel,
     * recipient), or of one (ticket event, channel, recipient).
     */
    delivery: (job: SendJob) =>
      job.kind === 'deliver'
        ? `{${prefix}alerter:a:${job.alertId}}:d:${job.purpose}:${job.stage}:${job.channel}:${recipientHash(job.recipient)}`
        : `{${prefix}alerter:t:${job.eventId}}:d:${job.channel}:${recipientHash(job.recipient)}`,
  };
}
export type AlerterKeys = ReturnType<typeof alerterKeys>;
