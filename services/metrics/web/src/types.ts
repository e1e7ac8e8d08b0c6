/** Shapes of the metrics service's answers the page reads (services/metrics/README.md). */

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type AlertStatus = 'firing' | 'acknowledged' | 'resolved';

/** One alert as the page shows it: from /alerts/active, then kept current by live alert-events. */
export interface AlertView {
  alertId: string;
  severity: Severity;
  status: AlertStatus;
  message: string;
  errorCount: number;
  affectedComponents: string[];
  stage: number;
  firstSeen: string;
  /** When the state shown was reached: the newer of two versions wins. */
  updatedAt: string;
  acknowledgedBy: string;
  resolvedBy: string;
}

export interface ActiveAlertsAnswer {
  asOf: string;
  total: number;
  alerts: Omit<AlertView, 'resolvedBy'>[];
}

/** A server-sent `alert` event (src/dashboard/live-hub.ts LiveAlertMessage). */
export interface LiveAlertMessage {
  eventId: string;
  type: string;
  at: string;
  actor?: string;
  alert: {
    alertId: string;
    severity: Severity;
    status: AlertStatus;
    message: string;
    errorCount: number;
    affectedComponents: string[];
    stage: number;
    firstSeen: string;
    lastSeen: string;
    acknowledgedBy?: string;
    resolvedBy?: string;
    scope: { projectId: string };
  };
}

export interface ErrorRate {
  total: number;
  perMinute: number;
  points: { minute: string; count: number }[];
}

export interface Bucket {
  start: string;
  end: string;
  count: number;
}

export interface Trends {
  total: number;
  bucketMs: number;
  buckets: Bucket[];
}

export interface TopEntry {
  key: string;
  count: number;
  share: number;
}

export interface Top {
  total: number;
  entries: TopEntry[];
}

export interface GroupSummary {
  groupId: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
  status: string;
  message: string;
  severity: string;
  category: string;
  component: string;
  team: string;
}

export interface GroupPage {
  total: number;
  groups: GroupSummary[];
}

export interface StackFrame {
  filename?: string;
  module?: string;
  function?: string;
  lineno?: number;
  colno?: number;
  inApp?: boolean;
  contextLine?: string;
}

export interface StoredEvent {
  eventId: string;
  time: string;
  level: string;
  severity: string;
  category: string;
  component: string;
  team: string;
  message: string;
  categorized: {
    groupId?: string;
    fingerprint?: { method: string; parts: string[] };
    ruleId?: string;
    event?: {
      exception?: { type: string; value: string; frames?: StackFrame[] }[];
      environment?: string;
      release?: string;
    };
  };
}

export interface GroupEvents {
  groupId: string;
  total: number;
  events: StoredEvent[];
}

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
