import type { BatchingProducer } from '@faultline/kafka';
import type { Logger } from '@faultline/observability';
import type { Channels } from '../channels/channels.js';
import type { AlerterConfig } from '../config.js';
import type { DeliveryLog } from '../delivery/delivery-log.js';
import type { AlerterMetrics } from '../metrics.js';
import type { Schedule } from '../schedule/schedule.js';
import type { SilenceStore } from '../silences/silence-store.js';
import type { AlertStore } from '../state/alert-store.js';
import type { Effects } from '../state/effects.js';
import type { AlertPolicy } from '../state/policy.js';
import type { TicketNoticeStore } from '../tickets/notice-store.js';

/** What running a scheduled job needs; built once in alerter.ts. */
export interface JobContext {
  store: AlertStore;
  schedule: Schedule;
  silences: SilenceStore;
  deliveryLog: DeliveryLog;
  ticketNotices: TicketNoticeStore;
  effects: Effects;
  producer: BatchingProducer;
  eventsTopic: string;
  channels: Channels;
  policy: AlertPolicy;
  config: Pick<AlerterConfig, 'delivery' | 'recipients' | 'dashboardUrl'>;
  logger: Logger;
  metrics?: AlerterMetrics;
  now: () => number;
}
