import Type, { type Static } from 'typebox';
import { IsoTime, Label, Priority, SchemaVersion, Severity, StringEnum } from './common.js';
import { ErrorEvent } from './error-event.js';

export const FINGERPRINT_METHODS = ['client', 'exception', 'message'] as const;

/** An ErrorEvent with its group and the decision of the categorization rules. */
export const CategorizedEvent = Type.Object(
  {
    schemaVersion: SchemaVersion,
    event: ErrorEvent,
    /** Stable hash of the fingerprint parts: one bug, one group. */
    groupId: Type.String({ pattern: '^[0-9a-f]{16,64}$' }),
    /** What the groupId was computed from, so a person can see why events grouped. */
    fingerprint: Type.Object(
      {
        method: StringEnum(FINGERPRINT_METHODS),
        parts: Type.Array(Type.String({ maxLength: 1024 }), { maxItems: 300 }),
      },
      { additionalProperties: false },
    ),
    severity: Severity,
    category: Label,
    priority: Priority,
    escalation: Label,
    team: Label,
    /** The rule that matched first; `default` when none did. */
    ruleId: Label,
    /** True on the first event of its group in its project (within the categorizer's memory of groups). */
    firstSeen: Type.Optional(Type.Boolean()),
    categorizedAt: IsoTime,
  },
  { additionalProperties: false },
);
export type CategorizedEvent = Static<typeof CategorizedEvent>;
