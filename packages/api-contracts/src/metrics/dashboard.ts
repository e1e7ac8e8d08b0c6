import { AlertEvent, AlertState } from '@faultline/contracts/alert-event';
import Type, { type Static } from 'typebox';
import { contentTyped } from '../content-typed.js';

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

/** `GET /` and `GET /dashboard`: 302 to the page at `/dashboard/`, no body. */
export const RedirectToPage = Type.Null({ description: 'Found: Location /dashboard/' });

/**
 * `GET /dashboard/*`: the built page as @fastify/static serves it, index.html (revalidated every
 * time; the page routes with the URL hash) and its hashed, cached-for-good assets.
 */
export const DashboardFiles = contentTyped(
  ['text/html', 'text/javascript', 'text/css'],
  Type.String(),
  'the built dashboard page: index.html and its hashed assets',
);

/**
 * `GET /api/v1/projects/:projectId/live`: server-sent events. `retry: 2000`, then a `ready`
 * event (`{projectId}`) once subscribed, then one `alert` event per alert-event of the project
 * (data: a LiveAlertMessage, id: its eventId), and `: keep-alive` comment lines while quiet.
 * The route writes the stream itself (Fastify serializes no part of it); this declares it.
 */
export const LiveStream = contentTyped(
  'text/event-stream',
  Type.String(),
  'server-sent events: ready, then alert (data: LiveAlertMessage, id: its eventId); comment lines keep it open',
);
