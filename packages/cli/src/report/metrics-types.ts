/** The parts of the metrics analytics API answers (services/metrics/README.md) the reports read. */

export interface Bucket {
  start: string;
  end: string;
  count: number;
}
export interface Trends {
  from: string;
  to: string;
  total: number;
  buckets: Bucket[];
}
export interface TopEntry {
  key: string;
  count: number;
  share: number;
  message?: string;
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
  status: 'new' | 'open' | 'in-progress' | 'resolved';
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
export interface CriticalErrors {
  count: number;
  groups: number;
}
export interface DurationStats {
  resolved: number;
  meanMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
}
export interface Resolution extends DurationStats {
  tickets: number;
  open: number;
  byCategory: ({ category: string } & DurationStats)[];
  byTeam: ({ team: string } & DurationStats)[];
  slaBreaches: { total: number; bySeverity: Record<string, number> };
}
