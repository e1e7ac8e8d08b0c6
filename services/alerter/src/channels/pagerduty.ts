import { createHash } from 'node:crypto';
import type { Severity } from '@faultline/contracts';
import type { Channel, ChannelMessage } from './channel.js';
import { post } from './http-post.js';
import { facts, headline } from './render.js';

const PD_SEVERITY: Record<Severity, 'critical' | 'error' | 'warning' | 'info'> = {
  critical: 'critical',
  high: 'error',
  medium: 'warning',
  low: 'info',
};

/** PagerDuty caps dedup_key at 255 characters; longer keys are hashed so they stay stable. */
export function pagerDutyDedupKey(dedupKey: string): string {
  return dedupKey.length <= 255
    ? dedupKey
    : `faultline-${createHash('sha256').update(dedupKey).digest('hex')}`;
}

/** Events API v2: trigger on a page (again at each stage: PagerDuty folds it by dedup_key), acknowledge and resolve after. */
export function pagerDutyPayload(message: ChannelMessage, routingKey: string) {
  const { alert } = message;
  const dedup_key = pagerDutyDedupKey(alert.dedupKey);
  if (message.purpose !== 'page') {
    return {
      routing_key: routingKey,
      event_action: message.purpose === 'resolved' ? 'resolve' : 'acknowledge',
      dedup_key,
    };
  }
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key,
    payload: {
      summary: headline(message).slice(0, 1024),
      source: `faultline/${alert.scope.projectId}`,
      severity: PD_SEVERITY[alert.severity],
      timestamp: alert.lastSeen,
      ...(alert.scope.component ? { component: alert.scope.component } : {}),
      group: alert.scope.projectId,
      class: alert.severity,
      custom_details: { ...Object.fromEntries(facts(message)), samples: alert.samples.map((s) => s.message) },
    },
    client: 'Faultline',
    ...(message.alertUrl
      ? { client_url: message.alertUrl, links: [{ href: message.alertUrl, text: 'Faultline alert' }] }
      : {}),
  };
}

export function pagerDutyChannel(options: { url: string }): Channel {
  return {
    name: 'pagerduty',
    async send(message, routingKey, signal) {
      await post(
        {
          url: options.url,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(pagerDutyPayload(message, routingKey)),
        },
        signal,
      );
    },
  };
}
