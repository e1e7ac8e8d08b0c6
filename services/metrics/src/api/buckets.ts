import type { Bucket } from '@faultline/api-contracts';
import type { TimeRange } from './time-range.js';

/** `buckets` equal slices of the range (the last one may be shorter), each with its count or 0. */
export function fillBuckets(range: TimeRange, bucketMs: number, counts: Map<number, number>): Bucket[] {
  const out: Bucket[] = [];
  for (let index = 0, start = range.fromMs; start < range.toMs; index++, start += bucketMs) {
    out.push({
      start: new Date(start).toISOString(),
      end: new Date(Math.min(start + bucketMs, range.toMs)).toISOString(),
      count: counts.get(index) ?? 0,
    });
  }
  return out;
}

/** Bucket width for N buckets over a range, whole milliseconds, never zero. */
export function bucketWidth(range: TimeRange, buckets: number): number {
  return Math.max(1, Math.ceil((range.toMs - range.fromMs) / buckets));
}
