import type { TicketChannelName } from '../config.js';
import type { Mail } from './email.js';
import { post } from './http-post.js';
import type { TwilioOptions } from './sms.js';
import {
  type TicketMessage,
  ticketEmail,
  ticketSlackPayload,
  ticketSmsBody,
  ticketWebhookBody,
} from './ticket-message.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook.js';

/** Like Channel, for ticket notices: throws DeliveryError when the receiver did not take it. */
export interface TicketChannel {
  readonly name: TicketChannelName;
  send(message: TicketMessage, address: string, signal: AbortSignal): Promise<void>;
}

export interface TicketChannelOptions {
  /** The email channel's transport, so both kinds of mail share its settings and error rules. */
  sendMail(mail: Mail, signal: AbortSignal): Promise<void>;
  emailFrom: string;
  sms: TwilioOptions;
  webhookSecret: string;
}

/** The same receivers and wire formats as alert messages, with the ticket's content. */
export function createTicketChannels(
  options: TicketChannelOptions,
): Record<TicketChannelName, TicketChannel> {
  const json = (url: string, body: string, signal: AbortSignal, headers: Record<string, string> = {}) =>
    post({ url, headers: { 'content-type': 'application/json', ...headers }, body }, signal);
  return {
    slack: {
      name: 'slack',
      send: async (message, url, signal) => {
        await json(url, JSON.stringify(ticketSlackPayload(message)), signal);
      },
    },
    email: {
      name: 'email',
      send: (message, address, signal) =>
        options.sendMail(ticketEmail(message, options.emailFrom, address), signal),
    },
    sms: {
      name: 'sms',
      send: async (message, to, signal) => {
        const { baseUrl, accountSid, authToken, from } = options.sms;
        await post(
          {
            url: `${baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
            },
            body: new URLSearchParams({ To: to, From: from, Body: ticketSmsBody(message) }).toString(),
          },
          signal,
        );
      },
    },
    webhook: {
      name: 'webhook',
      send: async (message, url, signal) => {
        const body = ticketWebhookBody(message);
        const timestamp = String(Math.floor(message.at / 1000));
        await json(url, body, signal, {
          'user-agent': 'Faultline-Alerter',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: webhookSignature(options.webhookSecret, timestamp, body),
        });
      },
    },
  };
}
