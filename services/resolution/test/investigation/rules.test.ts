import { describe, expect, it } from 'vitest';
import { classifyPattern } from '../../src/investigation/pattern.js';
import { type HealthSummary, recommend } from '../../src/investigation/recommendations.js';

const HOUR = 3_600_000;
const calm: HealthSummary = { memoryUsage: 0.5, cpuUsage: 0.1, down: [], lagging: [] };

describe('classifyPattern (runbook rules, first match wins)', () => {
  it.each([
    { id: 'none similar is isolated', similar: { count: 0 }, type: 'isolated' },
    {
      id: '11 similar is recurring even within a minute',
      similar: { count: 11, firstMs: 0, lastMs: 60_000 },
      type: 'recurring',
    },
    {
      id: '10 similar within an hour is a burst',
      similar: { count: 10, firstMs: 0, lastMs: HOUR - 1 },
      type: 'burst',
    },
    { id: 'one similar is a burst (no spread)', similar: { count: 1, firstMs: 5, lastMs: 5 }, type: 'burst' },
    {
      id: 'spread of exactly an hour is intermittent',
      similar: { count: 3, firstMs: 0, lastMs: HOUR },
      type: 'intermittent',
    },
  ])('$id', ({ similar, type }) => {
    expect(classifyPattern(similar).type).toBe(type);
  });
});

describe('recommend', () => {
  it.each([
    {
      id: 'recurring',
      pattern: 'recurring',
      want: [
        'Investigate root cause - this error is occurring frequently',
        'Consider implementing circuit breaker pattern',
      ],
    },
    {
      id: 'burst',
      pattern: 'burst',
      want: ['Check for system overload or external service issues', 'Review rate limiting configuration'],
    },
    { id: 'isolated', pattern: 'isolated', want: ['Monitor for recurrence - may be transient issue'] },
    { id: 'intermittent', pattern: 'intermittent', want: [] },
  ] as const)('pattern $id', ({ pattern, want }) => {
    expect(recommend('boom', { type: pattern, description: '' }, calm)).toEqual(want);
  });

  it.each([
    {
      id: 'memory above 0.8',
      health: { ...calm, memoryUsage: 0.81 },
      message: 'x',
      want: 'High memory usage detected - investigate memory leaks',
    },
    {
      id: 'cpu above 0.8',
      health: { ...calm, cpuUsage: 0.9 },
      message: 'x',
      want: 'High CPU usage detected - investigate performance bottlenecks',
    },
    {
      id: 'timeout in any case',
      health: calm,
      message: 'Upstream Timeout after 30s',
      want: 'Increase timeout values or optimize slow operations',
    },
    {
      id: 'rate limit',
      health: calm,
      message: 'rate limit exceeded for user',
      want: 'Review rate limiting configuration or implement user education',
    },
    {
      id: 'a service down',
      health: { ...calm, down: ['alerter'] },
      message: 'x',
      want: 'alerter is not healthy - check it before trusting counts',
    },
    {
      id: 'a lagging group',
      health: { ...calm, lagging: [{ groupId: 'g', lag: 5000 }] },
      message: 'x',
      want: 'Consumer group g lags 5000 messages - recent errors may not be counted yet',
    },
  ])('$id', ({ health, message, want }) => {
    expect(recommend(message, { type: 'intermittent', description: '' }, health)).toEqual([want]);
  });

  it('memory and cpu at exactly 0.8 recommend nothing', () => {
    expect(
      recommend('x', { type: 'intermittent', description: '' }, { ...calm, memoryUsage: 0.8, cpuUsage: 0.8 }),
    ).toEqual([]);
  });
});
