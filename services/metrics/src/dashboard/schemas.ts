import { StringEnum } from '@faultline/contracts';
import Type from 'typebox';
import { COMMAND_ACTIONS } from './alert-command.js';

export const LiveParams = Type.Object({ projectId: Type.String({ minLength: 1, maxLength: 128 }) });

export const CommandParams = Type.Object({
  projectId: Type.String({ minLength: 1, maxLength: 128 }),
  alertId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' }),
  action: StringEnum(COMMAND_ACTIONS),
});

export const CommandBody = Type.Object(
  {
    /** Ignored (older pages send it): the actor is the caller's verified identity. */
    actor: Type.Optional(Type.String({ maxLength: 256 })),
    reason: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  { additionalProperties: false },
);
