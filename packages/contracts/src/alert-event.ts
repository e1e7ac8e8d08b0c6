import Type, { type Static } from 'typebox';
import { AlertSample, AlertScope } from './alert-signal.js';
import { Id, IsoTime, Label, SchemaVersion, Severity, StringEnum } from './common.js';

export const ALERT_EVENT_TYPES = [
  'fired',
  'updated',
  'notified',
  'escalated',
  'acknowledged',
  'unacknowledged',
  'resolved',
  /** A page was due but a silence matched: recorded, nobody paged (reason names the silence). */
  'silenced',
  /** Not acknowledged within the severity's response-time target (reason states the target). */
  'sla_breached',
] as const;
export const ALERT_STATUSES = ['firing', 'acknowledged', 'resolved'] as const;
export const AlertStatus = StringEnum(ALERT_STATUSES);
export type AlertStatus = Static<typeof AlertStatus>;

/** The alert as the alerter holds it after this event. */
export const AlertState = Type.Object(
  {
    alertId: Id,
    dedupKey: Type.String({ minLength: 1, maxLength: 512 }),
    scope: AlertScope,
    severity: Severity,
    status: AlertStatus,
    errorCount: Type.Integer({ minimum: 0 }),
    affectedComponents: Type.Array(Label, { maxItems: 100 }),
    message: Type.String({ maxLength: 1024 }),
    samples: Type.Array(AlertSample, { maxItems: 5 }),
    firstSeen: IsoTime,
    lastSeen: IsoTime,
    /** Escalation stage reached: 0 is the first page. */
    stage: Type.Integer({ minimum: 0 }),
    acknowledgedBy: Type.Optional(Type.String({ maxLength: 256 })),
    resolvedBy: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false },
);
export type AlertState = Static<typeof AlertState>;

export const Notification = Type.Object(
  {
    channel: Label,
    recipient: Type.String({ maxLength: 256 }),
    stage: Type.Integer({ minimum: 0 }),
    status: StringEnum(['sent', 'failed'] as const),
    error: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  { additionalProperties: false },
);
export type Notification = Static<typeof Notification>;

/** What happened to an alert (`alert-events`): the public contract for alert consumers. */
export const AlertEvent = Type.Object(
  {
    schemaVersion: SchemaVersion,
    eventId: Id,
    type: StringEnum(ALERT_EVENT_TYPES),
    at: IsoTime,
    alert: AlertState,
    actor: Type.Optional(Type.String({ maxLength: 256 })),
    reason: Type.Optional(Type.String({ maxLength: 2048 })),
    /** Present on `notified`: one delivery to one recipient on one channel. */
    notification: Type.Optional(Notification),
  },
  { additionalProperties: false },
);
export type AlertEvent = Static<typeof AlertEvent>;
