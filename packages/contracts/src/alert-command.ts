import Type, { type Static } from 'typebox';
import { Id, IsoTime, SchemaVersion, StringEnum } from './common.js';

/** A person's decision about an alert (`alert-commands`), from the dashboard, CLI or API. */
export const AlertCommand = Type.Object(
  {
    schemaVersion: SchemaVersion,
    commandId: Id,
    alertId: Id,
    action: StringEnum(['acknowledge', 'resolve'] as const),
    actor: Type.String({ minLength: 1, maxLength: 256 }),
    reason: Type.Optional(Type.String({ maxLength: 2048 })),
    issuedAt: IsoTime,
  },
  { additionalProperties: false },
);
export type AlertCommand = Static<typeof AlertCommand>;
