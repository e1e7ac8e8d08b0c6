import { createHmac } from 'node:crypto';
import type { Channel, ChannelMessage } from './channel.js';
import { post } from './http-post.js';

export const SIGNATURE_HEADER = 'x-faultline-signature';
export const TIMESTAMP_HEADER = 'x-faultline-timestamp';

export function webhookBody(message: ChannelMessage): string {
  const type =
    message.purpose === 'page'
      ? message.stage === 0
        ? 'alert.fired'
        : 'alert.escalated'
      : `alert.${message.purpose}`;
  return JSON.stringify({
    type,
    stage: message.stage,
    recipient: message.recipient,
    sentAt: new Date(message.at).toISOString(),
    alert: message.alert,
    url: message.alertUrl,
  });
}

/**
 * `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: the timestamp is signed too, so a
 * receiver can refuse replays of old deliveries (as Stripe and Slack signatures do).
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function webhookChannel(options: { secret: string }): Channel {
  return {
    name: 'webhook',
    async send(message, url, signal) {
      const body = webhookBody(message);
      const timestamp = String(Math.floor(message.at / 1000));
      await post(
        {
          url,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Faultline-Alerter',
            [TIMESTAMP_HEADER]: timestamp,
            [SIGNATURE_HEADER]: webhookSignature(options.secret, timestamp, body),
          },
          body,
        },
        signal,
      );
    },
  };
}
