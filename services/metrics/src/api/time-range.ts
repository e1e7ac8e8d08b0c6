import { MetricsError } from '../errors.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A half-open interval [fromMs, toMs) in epoch milliseconds. */
export interface TimeRange {
  fromMs: number;
  toMs: number;
}

/** `from`/`to` from a query string (ISO 8601); `to` defaults to now, `from` to `defaultSpanMs` before `to`. */
export function resolveRange(
  query: { from?: string; to?: string },
  nowMs: number,
  defaultSpanMs: number,
  maxSpanMs = 400 * DAY_MS,
): TimeRange {
  const toMs = query.to === undefined ? nowMs : Date.parse(query.to);
  const fromMs = query.from === undefined ? toMs - defaultSpanMs : Date.parse(query.from);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
    throw new MetricsError('FL_METRICS_INVALID_RANGE', 'from and to must be ISO 8601 times');
  if (fromMs >= toMs) throw new MetricsError('FL_METRICS_INVALID_RANGE', 'from must be before to');
  if (toMs - fromMs > maxSpanMs)
    throw new MetricsError(
      'FL_METRICS_INVALID_RANGE',
      `the range may span at most ${Math.round(maxSpanMs / DAY_MS)} days`,
    );
  return { fromMs, toMs };
}

/** The range widened to whole minutes: error rate is counted per calendar minute. */
export function toWholeMinutes(range: TimeRange): TimeRange {
  return {
    fromMs: Math.floor(range.fromMs / MINUTE_MS) * MINUTE_MS,
    toMs: Math.ceil(range.toMs / MINUTE_MS) * MINUTE_MS,
  };
}
