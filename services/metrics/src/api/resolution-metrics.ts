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

export interface DurationStats {
  resolved: number;
  meanMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
}

export interface ResolutionReport extends DurationStats {
  tickets: number;
  open: number;
  byCategory: ({ category: string } & DurationStats)[];
  byTeam: ({ team: string } & DurationStats)[];
  /** Tickets not answered within their severity's response time, answered late or still waiting. */
  slaBreaches: { total: number; bySeverity: Record<Severity, number> };
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
