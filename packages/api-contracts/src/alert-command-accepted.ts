import Type, { type Static } from 'typebox';

/** 202 of an acknowledge / resolve (alerter API and dashboard): the command is on alert-commands. */
export const AlertCommandAccepted = Type.Object({
  commandId: Type.String(),
  alertId: Type.String(),
  action: Type.Union([Type.Literal('acknowledge'), Type.Literal('resolve')]),
});
export type AlertCommandAccepted = Static<typeof AlertCommandAccepted>;
