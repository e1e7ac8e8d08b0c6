import type {
  DurationStats,
  ResolutionReport,
  ResolutionSummary,
  ResolutionTrendBucket,
  TimeToResolution,
} from '@faultline/api-contracts';
import { SEVERITIES, type Severity } from '@faultline/contracts';

/** One ticket as the resolution report sees it (its latest state). */
export interface TicketFacts {
  ticketId: string;
  status: string;
  severity: Severity;
  category: string;
  team: string;
  createdAtMs: number;
  resolvedAtMs: number | null;
  firstResponseAtMs: number | null;
}

/** Nearest-rank percentile: the smallest value with at least p of the values at or below it. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function durationStats(durations: number[]): DurationStats {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    resolved: sorted.length,
    meanMs: sorted.length === 0 ? null : sorted.reduce((sum, d) => sum + d, 0) / sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
  };
}

/**
 * Resolution metrics over tickets (the runbook's ResolutionMetrics): time to resolution is
 * resolvedAt - createdAt of resolved tickets; the SLA is the severity's response time,
 * measured to the first response (first step or resolution), or to `nowMs` when none yet.
 */
export function resolutionReport(
  tickets: readonly TicketFacts[],
  respondWithinMs: Record<Severity, number>,
  nowMs: number,
): ResolutionReport {
  const resolved = tickets.filter((t) => t.status === 'resolved' && t.resolvedAtMs !== null);
  const ttr = (t: TicketFacts) => (t.resolvedAtMs as number) - t.createdAtMs;
  const byKey = (key: (t: TicketFacts) => string) => {
    const groups = new Map<string, number[]>();
    for (const t of resolved) groups.set(key(t), [...(groups.get(key(t)) ?? []), ttr(t)]);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  };

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const t of tickets) {
    const answeredAt = t.firstResponseAtMs ?? nowMs;
    if (answeredAt - t.createdAtMs > respondWithinMs[t.severity]) bySeverity[t.severity] += 1;
  }

  return {
    tickets: tickets.length,
    open: tickets.length - resolved.length,
    ...durationStats(resolved.map(ttr)),
    byCategory: byKey((t) => t.category).map(([category, d]) => ({ category, ...durationStats(d) })),
    byTeam: byKey((t) => t.team).map(([team, d]) => ({ team, ...durationStats(d) })),
    slaBreaches: { total: Object.values(bySeverity).reduce((a, b) => a + b, 0), bySeverity },
  };
}

/** The middle value, or the mean of the two middle values for an even count. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const upper = Math.floor(sorted.length / 2);
  const high = sorted[upper] as number;
  return sorted.length % 2 === 1 ? high : ((sorted[upper - 1] as number) + high) / 2;
}

export function timeToResolution(durations: readonly number[]): TimeToResolution {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    resolved: sorted.length,
    meanMs: sorted.length === 0 ? null : sorted.reduce((sum, d) => sum + d, 0) / sorted.length,
    medianMs: median(sorted),
  };
}

export interface SummaryWindow {
  fromMs: number;
  toMs: number;
  bucketMs: number;
  /** How many categories `topCategories` keeps. */
  topLimit: number;
  nowMs: number;
}

/**
 * The resolution report for a range [from, to), from tickets at their latest state:
 * - opened: created in the range; resolved: status resolved with resolvedAt in the range
 *   (a reopened ticket is not resolved); still open: opened and not resolved before `to`;
 * - time to resolution (resolvedAt - createdAt) and its figures are over the resolved ones;
 * - top categories rank by tickets opened (ties by name); SLA breaches count opened tickets;
 * - a ticket's team is `team` (the query decides: the current assignee for this report).
 * Tickets that are neither opened nor resolved in the range are ignored.
 */
export function resolutionSummary(
  tickets: readonly TicketFacts[],
  respondWithinMs: Record<Severity, number>,
  window: SummaryWindow,
): ResolutionSummary {
  const { fromMs, toMs, bucketMs, nowMs } = window;
  const inRange = (ms: number | null): ms is number => ms !== null && ms >= fromMs && ms < toMs;
  const isResolved = (t: TicketFacts) => t.status === 'resolved' && t.resolvedAtMs !== null;
  const opened = tickets.filter((t) => inRange(t.createdAtMs));
  const resolved = tickets.filter((t) => isResolved(t) && inRange(t.resolvedAtMs));
  const stillOpen = (t: TicketFacts) => !(isResolved(t) && (t.resolvedAtMs as number) < toMs);
  const breached = (t: TicketFacts) =>
    (t.firstResponseAtMs ?? nowMs) - t.createdAtMs > respondWithinMs[t.severity];
  const ttr = (t: TicketFacts) => (t.resolvedAtMs as number) - t.createdAtMs;

  const keys = (key: (t: TicketFacts) => string) =>
    [...new Set([...opened, ...resolved].map(key))].sort((a, b) => a.localeCompare(b));
  const byCategory = keys((t) => t.category).map((category) => {
    const own = (t: TicketFacts) => t.category === category;
    const mine = opened.filter(own);
    return {
      category,
      opened: mine.length,
      stillOpen: mine.filter(stillOpen).length,
      ...timeToResolution(resolved.filter(own).map(ttr)),
    };
  });
  const byTeam = keys((t) => t.team).map((team) => {
    const own = (t: TicketFacts) => t.team === team;
    const mine = opened.filter(own);
    return {
      team,
      assigned: mine.length,
      stillOpen: mine.filter(stillOpen).length,
      slaBreaches: mine.filter(breached).length,
      ...timeToResolution(resolved.filter(own).map(ttr)),
    };
  });
  const topCategories = byCategory
    .filter((c) => c.opened > 0)
    .sort((a, b) => b.opened - a.opened || a.category.localeCompare(b.category))
    .slice(0, window.topLimit)
    .map((c) => ({ category: c.category, tickets: c.opened, share: c.opened / opened.length }));

  return {
    totals: {
      opened: opened.length,
      resolved: resolved.length,
      stillOpen: opened.filter(stillOpen).length,
      slaBreaches: opened.filter(breached).length,
    },
    timeToResolution: timeToResolution(resolved.map(ttr)),
    byCategory,
    topCategories,
    trend: resolutionTrend(
      opened.map((t) => t.createdAtMs),
      resolved.map((t) => t.resolvedAtMs as number),
      fromMs,
      toMs,
      bucketMs,
    ),
    byTeam,
  };
}

/** Opened and resolved per bucket of `bucketMs` from `fromMs` (the last one may be shorter); times must lie in the range. */
export function resolutionTrend(
  openedMs: readonly number[],
  resolvedMs: readonly number[],
  fromMs: number,
  toMs: number,
  bucketMs: number,
): ResolutionTrendBucket[] {
  const trend: ResolutionTrendBucket[] = [];
  for (let start = fromMs; start < toMs; start += bucketMs)
    trend.push({
      start: new Date(start).toISOString(),
      end: new Date(Math.min(start + bucketMs, toMs)).toISOString(),
      opened: 0,
      resolved: 0,
    });
  const index = (ms: number) => Math.floor((ms - fromMs) / bucketMs);
  for (const ms of openedMs) {
    const bucket = trend[index(ms)];
    if (bucket) bucket.opened += 1;
  }
  for (const ms of resolvedMs) {
    const bucket = trend[index(ms)];
    if (bucket) bucket.resolved += 1;
  }
  return trend;
}
