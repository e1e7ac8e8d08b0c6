import type { Priority, Severity } from '@faultline/contracts';

/** The runbook's seed defaults (ARCHITECTURE.md, "Seed defaults"); services expose each as configurable. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SEVERITY_POLICY: Record<Severity, { priority: Priority; respondWithinMs: number }> = {
  critical: { priority: 'P0', respondWithinMs: 15 * MINUTE },
  high: { priority: 'P1', respondWithinMs: HOUR },
  medium: { priority: 'P2', respondWithinMs: 4 * HOUR },
  low: { priority: 'P3', respondWithinMs: 24 * HOUR },
};

/** Patterns over message or stack that make an error critical/system/P0. */
export const CRITICAL_PATTERNS = [
  'database.*connection.*failed',
  'payment.*processing.*failed',
  'authentication.*service.*down',
  'file.*system.*error',
  'memory.*out.*of.*bounds',
] as const;

/** Patterns over the message that make an error high/security/P1 (so does component `security`). */
export const SECURITY_PATTERNS = [
  'unauthorized.*access',
  'csrf.*token.*invalid',
  'rate.*limit.*exceeded',
  'webhook.*signature.*invalid',
  'sql.*injection.*attempt',
] as const;

/** Past either limit, or with `timeout` in the message, an error is medium/performance/P2. */
export const PERFORMANCE_LIMITS = {
  responseTimeMs: 5000,
  memoryBytes: 1e9,
  messageContains: 'timeout',
} as const;

/** Component keyword -> team, first match wins; otherwise DEFAULT_TEAM. */
export const TEAM_BY_COMPONENT_KEYWORD: ReadonlyArray<readonly [keyword: string, team: string]> = [
  ['security', 'security-team'],
  ['payment', 'payment-team'],
  ['audio', 'frontend-team'],
  ['api', 'backend-team'],
  ['database', 'infrastructure-team'],
];
export const DEFAULT_TEAM = 'development-team';

/** Alert when `count` events of a severity fall within `windowMs` (0: at once). */
export const DETECTION_THRESHOLDS: Record<Severity, { count: number; windowMs: number }> = {
  critical: { count: 1, windowMs: 0 },
  high: { count: 5, windowMs: 5 * MINUTE },
  medium: { count: 20, windowMs: 15 * MINUTE },
  low: { count: 100, windowMs: HOUR },
};

export const ALERT_ROUTING: Record<Severity, { channels: string[]; recipients: string[] }> = {
  critical: {
    channels: ['slack', 'email', 'sms', 'pagerduty'],
    recipients: ['on-call-engineer', 'tech-lead', 'cto'],
  },
  high: { channels: ['slack', 'email'], recipients: ['development-team', 'tech-lead'] },
  medium: { channels: ['slack'], recipients: ['development-team'] },
  low: { channels: ['dashboard'], recipients: ['assigned-developer'] },
};

/** Delays after firing at which an unacknowledged alert escalates, one stage each. */
export const ESCALATION_AFTER_MS: Record<Severity, number[]> = {
  critical: [15 * MINUTE, 30 * MINUTE],
  high: [60 * MINUTE, 240 * MINUTE],
  medium: [],
  low: [],
};

/** Maximum number of sample events an alert carries. */
export const ALERT_SAMPLE_LIMIT = 5;

/** Raw events are kept this long in ClickHouse. */
export const RAW_EVENT_RETENTION_DAYS = 30;
/** Resolved groups older than this are archived by the weekly maintenance. */
export const ARCHIVE_RESOLVED_AFTER_DAYS = 7;
