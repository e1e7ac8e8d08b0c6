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
