import Type, { type Static } from 'typebox';
import { Id, IsoTime, Label, SchemaVersion, Severity, StringEnum } from './common.js';

export const AlertSample = Type.Object(
  {
    eventId: Type.String({ maxLength: 64 }),
    groupId: Type.String({ maxLength: 64 }),
    message: Type.String({ maxLength: 1024 }),
    component: Type.Optional(Label),
    timestamp: IsoTime,
  },
  { additionalProperties: false },
);
export type AlertSample = Static<typeof AlertSample>;

/** The scope an alert counts over: project and severity, optionally narrowed. */
export const AlertScope = Type.Object(
  {
    projectId: Id,
    severity: Severity,
    component: Type.Optional(Label),
    groupId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type AlertScope = Static<typeof AlertScope>;

/**
 * The detector's threshold crossing (`alerts` topic). `new` opens an alert for a burst;
 * `update` refreshes counts of the alert that is still active for the same dedupKey.
 */
export const AlertSignal = Type.Object(
  {
    schemaVersion: SchemaVersion,
    kind: StringEnum(['new', 'update'] as const),
    alertId: Id,
    dedupKey: Type.String({ minLength: 1, maxLength: 512 }),
    scope: AlertScope,
    severity: Severity,
    errorCount: Type.Integer({ minimum: 1 }),
    affectedComponents: Type.Array(Label, { maxItems: 100 }),
    /** e.g. `HIGH: 5 errors detected` */
    message: Type.String({ maxLength: 1024 }),
    samples: Type.Array(AlertSample, { maxItems: 5 }),
    window: Type.Object(
      { sizeMs: Type.Integer({ minimum: 0 }), threshold: Type.Integer({ minimum: 1 }) },
      { additionalProperties: false },
    ),
    firstSeen: IsoTime,
    lastSeen: IsoTime,
    emittedAt: IsoTime,
  },
  { additionalProperties: false },
);
export type AlertSignal = Static<typeof AlertSignal>;
