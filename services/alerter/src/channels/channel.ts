import type { AlertState } from '@faultline/contracts';
import type { ChannelName } from '../config.js';
import type { DeliveryPurpose } from '../schedule/jobs.js';

/** One message to one recipient on one channel. */
export interface ChannelMessage {
  alert: AlertState;
  purpose: DeliveryPurpose;
  stage: number;
  recipient: string;
  /** ms since epoch */
  at: number;
  alertUrl?: string;
}

/** A channel throws DeliveryError (retryable or not) when the receiver did not take the message. */
export interface Channel {
  readonly name: ChannelName;
  send(message: ChannelMessage, address: string, signal: AbortSignal): Promise<void>;
}
