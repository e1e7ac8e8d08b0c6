export { type Alerter, type StartAlerterOptions, startAlerter } from './alerter.js';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './channels/webhook.js';
export {
  AlerterConfig,
  CHANNEL_NAMES,
  type ChannelName,
  loadAlerterConfig,
  TICKET_CHANNEL_NAMES,
  type TicketChannelName,
} from './config.js';
export { buildAlerterApp } from './http/build-app.js';
export { alerterKeys } from './keys.js';
export { createAlerterMetrics } from './metrics.js';
