/**
 * The answers the page reads. Those of the analytics API, the dashboard backend and the
 * resolution API (tickets, investigation) are the services' response schemas
 * (@faultline/api-contracts), imported as types only so nothing of them lands in the bundle;
 * the rest is the page's own view.
 */
import type { ActiveAlert } from '@faultline/api-contracts';
import type { AlertStatus } from '@faultline/contracts/alert-event';
import type { Severity } from '@faultline/contracts/common';

export type {
  ActiveAlerts,
  ErrorRate,
  GroupEventsPage,
  GroupPage,
  Investigation,
  LiveAlertMessage,
  ProjectList,
  StoredEvent,
  SystemHealth,
  TicketList,
  Top,
  Trends,
} from '@faultline/api-contracts';
export type { StackFrame } from '@faultline/contracts/error-event';
export type { Ticket } from '@faultline/contracts/ticket-event';
export type { AlertStatus, Severity };

/** The same order as the contract's severities, as a value the page can iterate. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const satisfies readonly Severity[];

/** One alert as the page shows it: from /alerts/active, then kept current by live alert-events. */
export type AlertView = Omit<ActiveAlert, 'status'> & {
  status: AlertStatus;
  resolvedBy: string;
};
