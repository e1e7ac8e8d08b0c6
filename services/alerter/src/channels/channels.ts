import type { AlerterConfig, ChannelName, TicketChannelName } from '../config.js';
import type { Channel } from './channel.js';
import { dashboardChannel } from './dashboard.js';
import { emailChannel } from './email.js';
import { pagerDutyChannel } from './pagerduty.js';
import { slackChannel } from './slack.js';
import { smsChannel } from './sms.js';
import { createTicketChannels, type TicketChannel } from './ticket-channels.js';
import { webhookChannel } from './webhook.js';

export interface Channels {
  get(name: ChannelName): Channel;
  ticket(name: TicketChannelName): TicketChannel;
}

export function createChannels(config: Pick<AlerterConfig, 'channels' | 'delivery'>): Channels {
  const email = emailChannel({ ...config.channels.email, timeoutMs: config.delivery.attemptTimeoutMs });
  const byName: Record<ChannelName, Channel> = {
    slack: slackChannel(),
    email,
    sms: smsChannel(config.channels.sms),
    pagerduty: pagerDutyChannel(config.channels.pagerduty),
    webhook: webhookChannel(config.channels.webhook),
    dashboard: dashboardChannel(),
  };
  const tickets = createTicketChannels({
    sendMail: email.sendMail,
    emailFrom: config.channels.email.from,
    sms: config.channels.sms,
    webhookSecret: config.channels.webhook.secret,
  });
  return { get: (name) => byName[name], ticket: (name) => tickets[name] };
}
