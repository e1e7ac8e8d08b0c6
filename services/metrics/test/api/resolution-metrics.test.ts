import { SEVERITY_POLICY } from '@faultline/config';
import { describe, expect, it } from 'vitest';
import { percentile, resolutionReport, type TicketFacts } from '../../src/api/resolution-metrics.js';

const MIN = 60_000;
const respond = {
  critical: SEVERITY_POLICY.critical.respondWithinMs,
  high: SEVERITY_POLICY.high.respondWithinMs,
  medium: SEVERITY_POLICY.medium.respondWithinMs,
  low: SEVERITY_POLICY.low.respondWithinMs,
};

function ticket(overrides: Partial<TicketFacts>): TicketFacts {
  return {
    ticketId: 't',
    status: 'open',
    severity: 'low',
    category: 'general',
    team: 'dev',
    createdAtMs: 0,
    resolvedAtMs: null,
    firstResponseAtMs: null,
    ...overrides,
  };
}

describe('percentile (nearest rank)', () => {
  it.each([
    { id: 'empty', values: [], p: 0.5, want: null },
    { id: 'one value', values: [7], p: 0.9, want: 7 },
    { id: 'even count p50 is the lower middle', values: [1, 2, 3, 4], p: 0.5, want: 2 },
    { id: 'p90 of ten', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 0.9, want: 9 },
  ])('$id', ({ values, p, want }) => expect(percentile(values, p)).toBe(want));
});

describe('resolutionReport', () => {
  it('counts resolved tickets only in times, groups by category and team, finds SLA breaches', () => {
    const report = resolutionReport(
      [
        ticket({
          ticketId: 'a',
          status: 'resolved',
          severity: 'critical',
          category: 'system',
          team: 'infra',
          resolvedAtMs: 60 * MIN,
          firstResponseAtMs: 10 * MIN,
        }),
        ticket({
          ticketId: 'b',
          status: 'resolved',
          severity: 'critical',
          category: 'system',
          team: 'infra',
          resolvedAtMs: 20 * MIN,
          firstResponseAtMs: 20 * MIN,
        }),
        ticket({
          ticketId: 'c',
          status: 'resolved',
          severity: 'low',
          category: 'general',
          team: 'web',
          resolvedAtMs: 30 * MIN,
          firstResponseAtMs: 30 * MIN,
        }),
        ticket({ ticketId: 'd', status: 'open', severity: 'high', resolvedAtMs: null }),
        // Reopened: a stale resolvedAt would not count since the status is not resolved.
        ticket({
          ticketId: 'e',
          status: 'open',
          severity: 'medium',
          resolvedAtMs: 5 * MIN,
          firstResponseAtMs: 5 * MIN,
        }),
      ],
      respond,
      2 * 60 * MIN,
    );
    expect(report).toMatchObject({
      tickets: 5,
      resolved: 3,
      open: 2,
      meanMs: (110 * MIN) / 3,
      p50Ms: 30 * MIN,
      p90Ms: 60 * MIN,
    });
    expect(report.byCategory).toEqual([
      { category: 'general', resolved: 1, meanMs: 30 * MIN, p50Ms: 30 * MIN, p90Ms: 30 * MIN },
      { category: 'system', resolved: 2, meanMs: 40 * MIN, p50Ms: 20 * MIN, p90Ms: 60 * MIN },
    ]);
    expect(report.byTeam.map((t) => t.team)).toEqual(['infra', 'web']);
    // b answered after 20 min (critical: 15), d unanswered for 2 h (high: 1 h).
    expect(report.slaBreaches).toEqual({ total: 2, bySeverity: { critical: 1, high: 1, medium: 0, low: 0 } });
  });
});
