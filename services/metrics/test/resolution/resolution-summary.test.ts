import { SEVERITY_POLICY } from '@faultline/config';
import { describe, expect, it } from 'vitest';
import { respondWithinBySeverity } from '../../src/api/queries/resolution-tickets.js';
import {
  median,
  resolutionSummary,
  resolutionTrend,
  type TicketFacts,
  timeToResolution,
} from '../../src/api/resolution-metrics.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const respond = respondWithinBySeverity(SEVERITY_POLICY);
const iso = (ms: number) => new Date(ms).toISOString();

function ticket(overrides: Partial<TicketFacts> & { ticketId: string }): TicketFacts {
  return {
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
const resolvedAt = (ms: number) => ({ status: 'resolved', resolvedAtMs: ms, firstResponseAtMs: ms });

describe('median', () => {
  it.each([
    { id: 'empty', values: [], want: null },
    { id: 'one value', values: [7], want: 7 },
    { id: 'odd count is the middle', values: [1, 2, 9], want: 2 },
    { id: 'even count is the mean of the two middles', values: [1, 2, 4, 9], want: 3 },
  ])('$id', ({ values, want }) => expect(median(values)).toBe(want));
});

describe('timeToResolution', () => {
  it.each([
    { id: 'nothing resolved', values: [], want: { resolved: 0, meanMs: null, medianMs: null } },
    { id: 'unsorted input', values: [30, 10, 20, 60], want: { resolved: 4, meanMs: 30, medianMs: 25 } },
  ])('$id', ({ values, want }) => expect(timeToResolution(values)).toEqual(want));
});

describe('resolutionTrend', () => {
  it.each([
    {
      id: 'times on bucket starts fall in that bucket',
      opened: [0, HOUR, HOUR + 1],
      resolved: [2 * HOUR - 1],
      to: 2 * HOUR,
      bucket: HOUR,
      want: [
        { start: iso(0), end: iso(HOUR), opened: 1, resolved: 0 },
        { start: iso(HOUR), end: iso(2 * HOUR), opened: 2, resolved: 1 },
      ],
    },
    {
      id: 'the last bucket is cut at the end of the range',
      opened: [2 * HOUR + 5],
      resolved: [],
      to: 2 * HOUR + 10,
      bucket: HOUR + 5,
      want: [
        { start: iso(0), end: iso(HOUR + 5), opened: 0, resolved: 0 },
        { start: iso(HOUR + 5), end: iso(2 * HOUR + 10), opened: 1, resolved: 0 },
      ],
    },
  ])('$id', ({ opened, resolved, to, bucket, want }) =>
    expect(resolutionTrend(opened, resolved, 0, to, bucket)).toEqual(want),
  );
});

describe('resolutionSummary', () => {
  const window = { fromMs: 0, toMs: 4 * HOUR, bucketMs: 2 * HOUR, topLimit: 2, nowMs: 24 * HOUR };

  it('separates opened, resolved and still open; times only from tickets resolved in the range', () => {
    const summary = resolutionSummary(
      [
        // Opened and resolved in the range: 60 min.
        ticket({ ticketId: 'a', category: 'system', team: 'infra', createdAtMs: 0, ...resolvedAt(HOUR) }),
        // Opened before, resolved in the range: 3 h; not opened, no SLA.
        ticket({
          ticketId: 'b',
          category: 'system',
          team: 'web',
          severity: 'critical',
          createdAtMs: -2 * HOUR,
          ...resolvedAt(HOUR),
        }),
        // Opened in the range, resolved after it: still open at its end, no time.
        ticket({
          ticketId: 'c',
          category: 'perf',
          team: 'web',
          createdAtMs: 3 * HOUR,
          ...resolvedAt(5 * HOUR),
        }),
        // Reopened: a stale resolvedAt does not make it resolved.
        ticket({ ticketId: 'd', category: 'perf', team: 'web', createdAtMs: HOUR, resolvedAtMs: 2 * HOUR }),
        // Neither opened nor resolved in the range: ignored.
        ticket({ ticketId: 'e', category: 'ignored', team: 'ignored', createdAtMs: -HOUR }),
        ticket({ ticketId: 'f', category: 'ignored', createdAtMs: -HOUR, ...resolvedAt(4 * HOUR) }),
      ],
      respond,
      window,
    );
    expect(summary.totals).toEqual({ opened: 3, resolved: 2, stillOpen: 2, slaBreaches: 0 });
    expect(summary.timeToResolution).toEqual({ resolved: 2, meanMs: 2 * HOUR, medianMs: 2 * HOUR });
    expect(summary.byCategory).toEqual([
      { category: 'perf', opened: 2, stillOpen: 2, resolved: 0, meanMs: null, medianMs: null },
      { category: 'system', opened: 1, stillOpen: 0, resolved: 2, meanMs: 2 * HOUR, medianMs: 2 * HOUR },
    ]);
    expect(summary.topCategories).toEqual([
      { category: 'perf', tickets: 2, share: 2 / 3 },
      { category: 'system', tickets: 1, share: 1 / 3 },
    ]);
    expect(summary.trend).toEqual([
      { start: iso(0), end: iso(2 * HOUR), opened: 2, resolved: 2 },
      { start: iso(2 * HOUR), end: iso(4 * HOUR), opened: 1, resolved: 0 },
    ]);
    expect(summary.byTeam).toEqual([
      { team: 'infra', assigned: 1, stillOpen: 0, slaBreaches: 0, resolved: 1, meanMs: HOUR, medianMs: HOUR },
      {
        team: 'web',
        assigned: 2,
        stillOpen: 2,
        slaBreaches: 0,
        resolved: 1,
        meanMs: 3 * HOUR,
        medianMs: 3 * HOUR,
      },
    ]);
  });

  it.each([
    { id: 'answered within the SLA', severity: 'critical' as const, answeredAfter: 15 * MIN, breach: 0 },
    { id: 'answered late', severity: 'critical' as const, answeredAfter: 15 * MIN + 1, breach: 1 },
    {
      id: 'never answered, past the SLA by now',
      severity: 'medium' as const,
      answeredAfter: null,
      breach: 1,
    },
  ])('SLA: $id', ({ severity, answeredAfter, breach }) => {
    const summary = resolutionSummary(
      [
        ticket({
          ticketId: 't',
          severity,
          createdAtMs: HOUR,
          firstResponseAtMs: answeredAfter === null ? null : HOUR + answeredAfter,
        }),
      ],
      respond,
      window,
    );
    expect(summary.totals.slaBreaches).toBe(breach);
    expect(summary.byTeam[0]?.slaBreaches).toBe(breach);
  });

  it('top categories rank by tickets opened, ties by name, cut at the limit', () => {
    const opened = (category: string, n: number) =>
      Array.from({ length: n }, (_, i) => ticket({ ticketId: `${category}${i}`, category, createdAtMs: i }));
    const summary = resolutionSummary(
      [...opened('b', 2), ...opened('a', 2), ...opened('c', 3)],
      respond,
      window,
    );
    expect(summary.topCategories.map((c) => [c.category, c.tickets])).toEqual([
      ['c', 3],
      ['a', 2],
    ]);
  });

  it('an empty range answers zeros and nulls, with every bucket', () => {
    const summary = resolutionSummary([], respond, window);
    expect(summary).toMatchObject({
      totals: { opened: 0, resolved: 0, stillOpen: 0, slaBreaches: 0 },
      timeToResolution: { resolved: 0, meanMs: null, medianMs: null },
      byCategory: [],
      topCategories: [],
      byTeam: [],
    });
    expect(summary.trend).toHaveLength(2);
  });
});
