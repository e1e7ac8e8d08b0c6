import type { AlertState } from '@faultline/contracts';

/** What the alerter keeps per alert: the public AlertState plus the times its rules need. */
export interface AlertRecord {
  alert: AlertState;
  /** ms since epoch */
  firedAt: number;
  acknowledgedAt?: number;
  /** The first acknowledgement, which the SLA is measured against. */
  firstAcknowledgedAt?: number;
  /** When the current acknowledgement lapses; absent: it never does. */
  ackExpiresAt?: number;
  /** The last acknowledgement that lapsed (its `ackExpiresAt`), so its timeout job can re-emit the event. */
  lapsedAckExpiresAt?: number;
  /** The commands that made the current acknowledgement / the resolution, so a redelivered one re-emits its effects. */
  ackCommandId?: string;
  resolveCommandId?: string;
  resolvedAt?: number;
}

/** A record as stored, with the version its compare-and-set checks. */
export interface StoredRecord {
  version: number;
  record: AlertRecord;
}

/** An acknowledgement whose time ran out counts as firing. */
export function isAckLapsed(record: AlertRecord, now: number): boolean {
  return (
    record.alert.status === 'acknowledged' && record.ackExpiresAt !== undefined && record.ackExpiresAt <= now
  );
}
