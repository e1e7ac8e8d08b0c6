import type { Channel, ChannelMessage } from './channel.js';
import { post } from './http-post.js';
import { headline } from './render.js';

export interface TwilioOptions {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
}

/** Twilio caps a message at 1600 characters; a page should fit one screen anyway. */
export function smsBody(message: ChannelMessage): string {
  const text = `${headline(message)} (${message.alert.errorCount} errors)${message.alertUrl ? ` ${message.alertUrl}` : ''}`;
  return text.length <= 320 ? text : `${text.slice(0, 319)}…`;
}

/** Twilio Messages API: form-encoded POST to /2010-04-01/Accounts/{sid}/Messages.json with basic auth. */
export function twilioRequest(options: TwilioOptions, message: ChannelMessage, to: string) {
  return {
    url: `${options.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`,
    },
    body: new URLSearchParams({ To: to, From: options.from, Body: smsBody(message) }).toString(),
  };
}

export function smsChannel(options: TwilioOptions): Channel {
  return {
    name: 'sms',
    async send(message, phoneNumber, signal) {
      await post(twilioRequest(options, message, phoneNumber), signal);
    },
  };
}
