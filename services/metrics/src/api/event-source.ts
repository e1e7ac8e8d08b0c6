import { HOUR_MS, MINUTE_MS, type TimeRange } from './time-range.js';

/** Where event counts come from: a rollup when the range and buckets fall on its grain, else raw rows. */
export interface EventCountSource {
  table: 'events' | 'events_per_minute' | 'events_per_hour';
  /** Expression for the row's time in epoch milliseconds. */
  timeMs: string;
  /** Lower and upper bound conditions on the row's time, with {from:Int64} and {to:Int64} parameters. */
  inRange: string;
  /** Expression counting events over the grouped rows. */
  count: string;
}

const SOURCES: Record<EventCountSource['table'], EventCountSource> = {
  events: {
    table: 'events',
    timeMs: 'toUnixTimestamp64Milli(time)',
    inRange:
      "time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')",
    count: 'count()',
  },
  events_per_minute: {
    table: 'events_per_minute',
    timeMs: 'toUnixTimestamp(minute) * 1000',
    inRange:
      "minute >= toDateTime(intDiv({from:Int64}, 1000), 'UTC') AND minute < toDateTime(intDiv({to:Int64}, 1000), 'UTC')",
    count: 'sum(events)',
  },
  events_per_hour: {
    table: 'events_per_hour',
    timeMs: 'toUnixTimestamp(hour) * 1000',
    inRange:
      "hour >= toDateTime(intDiv({from:Int64}, 1000), 'UTC') AND hour < toDateTime(intDiv({to:Int64}, 1000), 'UTC')",
    count: 'sum(events)',
  },
};

/**
 * The coarsest table whose grain divides the range ends and the bucket size, so every rollup
 * row falls wholly inside one bucket and counts agree with the raw rows exactly.
 */
export function eventCountSource(range: TimeRange, bucketMs?: number): EventCountSource {
  const fits = (grain: number) =>
    range.fromMs % grain === 0 &&
    range.toMs % grain === 0 &&
    (bucketMs === undefined || bucketMs % grain === 0);
  if (fits(HOUR_MS)) return SOURCES.events_per_hour;
  if (fits(MINUTE_MS)) return SOURCES.events_per_minute;
  return SOURCES.events;
}

export const RAW_EVENTS = SOURCES.events;
