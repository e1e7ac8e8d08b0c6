import { AlertState } from '@faultline/contracts/alert-event';
import Type, { type Static } from 'typebox';

/** Answers of the alerter's `/api/v1/alerts` routes: the alert state with the alerter's own times. */

const Time = Type.Optional(Type.String({ format: 'date-time' }));

export const AlertView = Type.Object({
  ...AlertState.properties,
  firedAt: Time,
  acknowledgedAt: Time,
  /** When the current acknowledgement lapses; absent: it never does. */
  ackExpiresAt: Time,
  resolvedAt: Time,
});
export type AlertView = Static<typeof AlertView>;

export const AlertList = Type.Object({ alerts: Type.Array(AlertView) });
export type AlertList = Static<typeof AlertList>;
