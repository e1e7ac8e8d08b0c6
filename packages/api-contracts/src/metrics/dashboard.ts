import { AlertEvent, AlertState } from '@faultline/contracts/alert-event';
import Type, { type Static } from 'typebox';

/** What the dashboard's backend answers besides the analytics API. */

export const ProjectSummary = Type.Object({
  projectId: Type.String(),
  /** Events in the last 30 days. */
  events: Type.Integer({ minimum: 0 }),
});
export type ProjectSummary = Static<typeof ProjectSummary>;

/** `GET /api/v1/projects`: projects with events or alerts in the last 30 days, busiest first. */
export const ProjectList = Type.Object({ projects: Type.Array(ProjectSummary) });
export type ProjectList = Static<typeof ProjectList>;

/** One server-sent `alert` event of `/live`: the alert as it stands after one alert-event. */
export const LiveAlertMessage = Type.Object({
  eventId: Type.String(),
  type: AlertEvent.properties.type,
  at: Type.String({ format: 'date-time' }),
  actor: Type.Optional(Type.String()),
  alert: AlertState,
});
export type LiveAlertMessage = Static<typeof LiveAlertMessage>;

/** `GET /api/v1/dashboard/config`: where the page finds the other services' APIs. */
export const DashboardConfig = Type.Object({
  /** The resolution API's base URL, no trailing slash (tickets and the investigation live there). */
  resolutionUrl: Type.String(),
});
export type DashboardConfig = Static<typeof DashboardConfig>;
