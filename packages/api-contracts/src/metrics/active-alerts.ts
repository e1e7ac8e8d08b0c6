import { Severity } from '@faultline/contracts/common';
import Type, { type Static } from 'typebox';

/** Answer of metrics' `/alerts/active`: alert state rebuilt from the alert-events history. */

const Time = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });

export const ActiveAlert = Type.Object({
  alertId: Type.String(),
  severity: Severity,
  status: Type.Union([Type.Literal('firing'), Type.Literal('acknowledged')]),
  message: Type.String(),
  errorCount: Count,
  affectedComponents: Type.Array(Type.String()),
  stage: Count,
  firstSeen: Time,
  /** When the state shown was reached. */
  updatedAt: Time,
  /** Empty while nobody acknowledged. */
  acknowledgedBy: Type.String(),
});
export type ActiveAlert = Static<typeof ActiveAlert>;

const StatusCounts = Type.Object({ firing: Count, acknowledged: Count, total: Count });
export type StatusCounts = Static<typeof StatusCounts>;

export const ActiveAlerts = Type.Object({
  asOf: Time,
  /** Every active alert, also those beyond `limit`. */
  total: Count,
  bySeverity: Type.Object({
    critical: StatusCounts,
    high: StatusCounts,
    medium: StatusCounts,
    low: StatusCounts,
  }),
  alerts: Type.Array(ActiveAlert),
});
export type ActiveAlerts = Static<typeof ActiveAlerts>;
