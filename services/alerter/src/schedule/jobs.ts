import type { ChannelName, TicketChannelName } from '../config.js';
import { CHANNEL_NAMES, TICKET_CHANNEL_NAMES } from '../config.js';

/** Why a message goes out: the page of a stage, or a follow-up telling a channel what changed. */
export const DELIVERY_PURPOSES = ['page', 'acknowledged', 'resolved'] as const;
export type DeliveryPurpose = (typeof DELIVERY_PURPOSES)[number];

/** Work the schedule holds until it is due; any replica may run it. */
export type Job =
  | { kind: 'escalate'; alertId: string; stage: number }
  | { kind: 'unack'; alertId: string; ackExpiresAt: number }
  | { kind: 'sla'; alertId: string }
  | {
      kind: 'deliver';
      alertId: string;
      purpose: DeliveryPurpose;
      stage: number;
      channel: ChannelName;
      recipient: string;
    }
  /** A ticket notice (`created`, `assigned`) to its assignee on one channel; `eventId` is the TicketEvent's. */
  | { kind: 'ticket'; eventId: string; channel: TicketChannelName; recipient: string };

export type DeliveryJob = Extract<Job, { kind: 'deliver' }>;
export type TicketJob = Extract<Job, { kind: 'ticket' }>;
/** Jobs that send one message and keep a delivery-log key: they run side by side, never in an alert's queue. */
export type SendJob = DeliveryJob | TicketJob;

export function isSendJob(job: Job): job is SendJob {
  return job.kind === 'deliver' || job.kind === 'ticket';
}

export interface ScheduledJob {
  job: Job;
  /** ms since epoch */
  dueAt: number;
}

/**
 * The sorted-set member: a JSON array, so the same job always encodes to the same member
 * (ZADD NX then dedupes a job enqueued twice) and no field needs escaping.
 */
export function encodeJob(job: Job): string {
  switch (job.kind) {
    case 'escalate':
      return JSON.stringify(['e', job.alertId, job.stage]);
    case 'unack':
      return JSON.stringify(['u', job.alertId, job.ackExpiresAt]);
    case 'sla':
      return JSON.stringify(['s', job.alertId]);
    case 'deliver':
      return JSON.stringify(['d', job.alertId, job.purpose, job.stage, job.channel, job.recipient]);
    case 'ticket':
      return JSON.stringify(['t', job.eventId, job.channel, job.recipient]);
  }
}

export function decodeJob(member: string): Job | undefined {
  let parts: unknown;
  try {
    parts = JSON.parse(member);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || typeof parts[1] !== 'string') return undefined;
  const [tag, alertId] = parts as [string, string];
  switch (tag) {
    case 'e':
      return typeof parts[2] === 'number' ? { kind: 'escalate', alertId, stage: parts[2] } : undefined;
    case 'u':
      return typeof parts[2] === 'number' ? { kind: 'unack', alertId, ackExpiresAt: parts[2] } : undefined;
    case 's':
      return { kind: 'sla', alertId };
    case 'd': {
      const [, , purpose, stage, channel, recipient] = parts as unknown[];
      if (
        !(DELIVERY_PURPOSES as readonly unknown[]).includes(purpose) ||
        typeof stage !== 'number' ||
        !(CHANNEL_NAMES as readonly unknown[]).includes(channel) ||
        typeof recipient !== 'string'
      )
        return undefined;
      return {
        kind: 'deliver',
        alertId,
        purpose: purpose as DeliveryPurpose,
        stage,
        channel: channel as ChannelName,
        recipient,
      };
    }
    case 't': {
      const [, , channel, recipient] = parts as unknown[];
      if (!(TICKET_CHANNEL_NAMES as readonly unknown[]).includes(channel) || typeof recipient !== 'string')
        return undefined;
      // parts[1] is the ticket event's id here, not an alert's.
      return { kind: 'ticket', eventId: alertId, channel: channel as TicketChannelName, recipient };
    }
    default:
      return undefined;
  }
}
