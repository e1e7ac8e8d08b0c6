import { describe, expect, it } from 'vitest';
import { bucketWidth, fillBuckets } from '../../src/api/buckets.js';
import { eventCountSource } from '../../src/api/event-source.js';
import { HOUR_MS, MINUTE_MS, resolveRange, toWholeMinutes } from '../../src/api/time-range.js';

const T = Date.UTC(2026, 10, 28, 10);

describe('eventCountSource', () => {
  it.each([
    {
      id: 'hour-aligned range and buckets: hourly rollup',
      from: T,
      to: T + 4 * HOUR_MS,
      bucket: HOUR_MS,
      table: 'events_per_hour',
    },
    {
      id: 'hour-aligned range, 30 min buckets: minute rollup',
      from: T,
      to: T + 4 * HOUR_MS,
      bucket: 30 * MINUTE_MS,
      table: 'events_per_minute',
    },
    {
      id: 'minute-aligned range: minute rollup',
      from: T + MINUTE_MS,
      to: T + 5 * MINUTE_MS,
      bucket: undefined,
      table: 'events_per_minute',
    },
    {
      id: 'seconds in the range: raw rows',
      from: T + 30_000,
      to: T + HOUR_MS,
      bucket: undefined,
      table: 'events',
    },
    { id: 'odd bucket width: raw rows', from: T, to: T + HOUR_MS, bucket: 7_000, table: 'events' },
  ])('$id', ({ from, to, bucket, table }) => {
    expect(eventCountSource({ fromMs: from, toMs: to }, bucket).table).toBe(table);
  });
});

describe('time ranges and buckets', () => {
  it('defaults to a span before now and refuses reversed or unbounded ranges', () => {
    expect(resolveRange({}, T, HOUR_MS)).toEqual({ fromMs: T - HOUR_MS, toMs: T });
    expect(() =>
      resolveRange({ from: new Date(T).toISOString(), to: new Date(T).toISOString() }, T, HOUR_MS),
    ).toThrow(/before/);
    expect(() => resolveRange({ from: '2000-01-01T00:00:00Z' }, T, HOUR_MS, HOUR_MS)).toThrow(/at most/);
  });

  it('widens to whole minutes', () => {
    expect(toWholeMinutes({ fromMs: T + 30_000, toMs: T + 90_000 })).toEqual({
      fromMs: T,
      toMs: T + 2 * MINUTE_MS,
    });
  });

  it('fills missing buckets with zero and cuts the last one at the range end', () => {
    const range = { fromMs: T, toMs: T + 25 };
    expect(bucketWidth(range, 3)).toBe(9);
    expect(fillBuckets(range, 9, new Map([[1, 4]])).map((b) => [b.count, Date.parse(b.end) - T])).toEqual([
      [0, 9],
      [4, 18],
      [0, 25],
    ]);
  });
});
