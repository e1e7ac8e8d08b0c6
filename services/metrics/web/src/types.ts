/**
 * The answers the page reads. Those of the analytics API and the dashboard backend are the
 * service's response schemas (@faultline/api-contracts), imported as types only so nothing of
 * them lands in the bundle; the rest is the page's own view.
 */
import type { ActiveAlert } from '@faultline/api-contracts';
import type { AlertStatus } from '@faultline/contracts/alert-event';
import type { Severity } from '@faultline/contracts/common';

export type {
  ActiveAlerts,
  ErrorRate,
  GroupEventsPage,
  GroupPage,
  LiveAlertMessage,
  ProjectList,
  StoredEvent,
  Top,
  Trends,
} from '@faultline/api-contracts';
export type { StackFrame } from '@faultline/contracts/error-event';
export type { AlertStatus, Severity };

/** The same order as the contract's severities, as a value the page can iterate. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const satisfies readonly Severity[];

/** One alert as the page shows it: from /alerts/active, then kept current by live alert-events. */
export type AlertView = Omit<ActiveAlert, 'status'> & {
  status: AlertStatus;
  resolvedBy: string;
};

/** A ticket as the tickets API answers it (@faultline/contracts Ticket). */
export interface TicketView {
  ticketId: string;
  projectId: string;
  groupId?: string;
  title: string;
  description: string;
  severity?: string;
  assignee: string;
  status: 'open' | 'in-progress' | 'resolved';
  steps: { action: string; description: string; author: string; at: string }[];
  createdAt: string;
  resolvedAt?: string;
}

/** The resolution service's investigation answer (services/resolution/src/investigation/investigate.ts), the parts the page shows. */
export interface InvestigationView {
  similar: { count: number; firstSeen?: string; lastSeen?: string; truncated: boolean };
  pattern: { type: string; description: string };
  health: {
    status: 'healthy' | 'degraded';
    services: { name: string; ok: boolean; error?: string }[];
    infrastructure: { name: string; ok: boolean; error?: string }[];
    consumerLag: { groupId: string; lag: number; ok: boolean }[];
    host: { memoryUsage: number; cpuUsage: number };
  };
  findings: string[];
  recommendations: string[];
}
