/** Pure: the figures of a daily or weekly report, from the API answers. */

import type { Bucket, GroupSummary, TopEntry } from '@faultline/api-contracts';
import type { ReportData } from './fetch-report-data.js';
import { preventionSuggestions, type Suggestion } from './prevention.js';

export interface TeamRow {
  team: string;
  errors: number;
  ticketsResolved: number;
  meanResolutionMs: number | null;
}

export interface ReportModel {
  period: ReportData['period'];
  projectId: string;
  from: string;
  to: string;
  summary: {
    total: number;
    previousTotal: number;
    /** Change against the period before, in percent; null when that had no errors. */
    changePercent: number | null;
    critical: number;
    criticalGroups: number;
    bySeverity: TopEntry[];
    topComponents: TopEntry[];
    topCategories: TopEntry[];
  };
  trend: Bucket[];
  newPatterns: GroupSummary[];
  unresolvedCritical: GroupSummary[];
  resolution: {
    tickets: number;
    resolved: number;
    open: number;
    meanMs: number | null;
    p50Ms: number | null;
    p90Ms: number | null;
    slaBreaches: number;
  };
  /** Weekly only. */
  teams?: TeamRow[];
  prevention?: Suggestion[];
}

export function buildReportModel(data: ReportData): ReportModel {
  const total = data.trends.total;
  const previousTotal = data.previous.total;
  const fromMs = Date.parse(data.from);
  const model: ReportModel = {
    period: data.period,
    projectId: data.projectId,
    from: data.from,
    to: data.to,
    summary: {
      total,
      previousTotal,
      changePercent:
        previousTotal > 0 ? Math.round(((total - previousTotal) / previousTotal) * 1000) / 10 : null,
      critical: data.critical.count,
      criticalGroups: data.critical.groups,
      bySeverity: data.severity.entries,
      topComponents: data.components.entries.slice(0, 5),
      topCategories: data.categories.entries.slice(0, 5),
    },
    trend: data.trends.buckets,
    // First seen within the period, with the 30 days before it looked at: a pattern not seen before.
    newPatterns: data.recentGroups.groups.filter((g) => Date.parse(g.firstSeen) >= fromMs),
    unresolvedCritical: data.criticalGroups.groups.filter((g) => g.status !== 'resolved'),
    resolution: {
      tickets: data.resolution.tickets,
      resolved: data.resolution.resolved,
      open: data.resolution.open,
      meanMs: data.resolution.meanMs,
      p50Ms: data.resolution.p50Ms,
      p90Ms: data.resolution.p90Ms,
      slaBreaches: data.resolution.slaBreaches.total,
    },
  };
  if (data.period === 'weekly') {
    model.teams = teamRows(data);
    model.prevention = preventionSuggestions(data.categories.entries, data.components.entries);
  }
  return model;
}

function teamRows(data: ReportData): TeamRow[] {
  const rows = new Map<string, TeamRow>();
  const row = (team: string) => {
    const found = rows.get(team) ?? { team, errors: 0, ticketsResolved: 0, meanResolutionMs: null };
    rows.set(team, found);
    return found;
  };
  for (const entry of data.teams.entries) row(entry.key).errors = entry.count;
  for (const stats of data.resolution.byTeam) {
    const r = row(stats.team);
    r.ticketsResolved = stats.resolved;
    r.meanResolutionMs = stats.meanMs;
  }
  return [...rows.values()].sort((a, b) => b.errors - a.errors || a.team.localeCompare(b.team));
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '-';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
