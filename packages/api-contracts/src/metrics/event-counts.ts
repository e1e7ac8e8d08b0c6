import { StringEnum } from '@faultline/contracts/common';
import Type, { type Static } from 'typebox';

/** Answers of metrics' `/error-rate`, `/trends` and `/top/:dimension`. */

const Time = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });
/** The ClickHouse table the counts came from (raw events or the hourly rollup). */
const Source = Type.String();

export const Bucket = Type.Object({ start: Time, end: Time, count: Count });
export type Bucket = Static<typeof Bucket>;

export const ErrorRate = Type.Object({
  from: Time,
  to: Time,
  total: Count,
  /** Mean events per minute over the (whole-minute) range. */
  perMinute: Type.Number(),
  points: Type.Array(Type.Object({ minute: Time, count: Count })),
  source: Source,
});
export type ErrorRate = Static<typeof ErrorRate>;

export const Trends = Type.Object({
  from: Time,
  to: Time,
  bucketMs: Type.Integer({ minimum: 1 }),
  total: Count,
  buckets: Type.Array(Bucket),
  source: Source,
});
export type Trends = Static<typeof Trends>;

export const TOP_DIMENSIONS = ['component', 'category', 'severity', 'team', 'group'] as const;
export const TopDimension = StringEnum(TOP_DIMENSIONS);
export type TopDimension = Static<typeof TopDimension>;

export const TopEntry = Type.Object({
  key: Type.String(),
  count: Count,
  /** count / every event in the range, 0..1 */
  share: Type.Number(),
  /** Groups only: the latest message of the group. */
  message: Type.Optional(Type.String()),
});
export type TopEntry = Static<typeof TopEntry>;

export const Top = Type.Object({
  dimension: TopDimension,
  total: Count,
  entries: Type.Array(TopEntry),
  source: Source,
});
export type Top = Static<typeof Top>;
