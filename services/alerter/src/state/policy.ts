import type { Severity } from '@faultline/contracts';
import type { AlerterConfig, ChannelName } from '../config.js';

/** The rules a transition needs, taken from config once. */
export interface AlertPolicy {
  routing: Record<Severity, { channels: readonly ChannelName[]; recipients: readonly string[] }>;
  escalationAfterMs: Record<Severity, readonly number[]>;
  /** 0: an acknowledgement never lapses. */
  ackTimeoutMs: number;
  respondWithinMs: Record<Severity, number>;
  /** Channels told when an alert is acknowledged or resolved (the others only page). */
  followUpChannels: ReadonlySet<ChannelName>;
}

export const FOLLOW_UP_CHANNELS: ReadonlySet<ChannelName> = new Set(['slack', 'pagerduty', 'webhook']);

export function policyFromConfig(config: Pick<AlerterConfig, 'routing' | 'escalation' | 'sla'>): AlertPolicy {
  return {
    routing: config.routing,
    escalationAfterMs: config.escalation.afterMs,
    ackTimeoutMs: config.escalation.ackTimeoutMs,
    respondWithinMs: config.sla.respondWithinMs,
    followUpChannels: FOLLOW_UP_CHANNELS,
  };
}
