import Type, { type Static } from 'typebox';

/** Answers of metrics' `/resolution` and `/resolution/report`: ticket figures from the tickets history. */

const Time = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });
/** Milliseconds; null when nothing was resolved. */
const Ms = Type.Union([Type.Number(), Type.Null()]);
const BySeverity = Type.Object({ critical: Count, high: Count, medium: Count, low: Count });

export const DurationStats = Type.Object({ resolved: Count, meanMs: Ms, p50Ms: Ms, p90Ms: Ms });
export type DurationStats = Static<typeof DurationStats>;

/** The runbook's ResolutionMetrics over a set of tickets. */
export const ResolutionReport = Type.Object({
  tickets: Count,
  open: Count,
  ...DurationStats.properties,
  byCategory: Type.Array(Type.Object({ category: Type.String(), ...DurationStats.properties })),
  byTeam: Type.Array(Type.Object({ team: Type.String(), ...DurationStats.properties })),
  /** Tickets not answered within their severity's response time, answered late or still waiting. */
  slaBreaches: Type.Object({ total: Count, bySeverity: BySeverity }),
});
export type ResolutionReport = Static<typeof ResolutionReport>;

export const Resolution = Type.Object({
  from: Time,
  to: Time,
  /** More tickets matched than one report reads: the figures cover the first ones only. */
  truncated: Type.Boolean(),
  ...ResolutionReport.properties,
});
export type Resolution = Static<typeof Resolution>;

export const TimeToResolution = Type.Object({
  /** Tickets resolved in the range. */
  resolved: Count,
  meanMs: Ms,
  medianMs: Ms,
});
export type TimeToResolution = Static<typeof TimeToResolution>;

export const CategoryResolution = Type.Object({
  category: Type.String(),
  opened: Count,
  stillOpen: Count,
  ...TimeToResolution.properties,
});
export type CategoryResolution = Static<typeof CategoryResolution>;

export const TeamPerformance = Type.Object({
  team: Type.String(),
  /** Tickets opened in the range that the team holds now. */
  assigned: Count,
  stillOpen: Count,
  slaBreaches: Count,
  ...TimeToResolution.properties,
});
export type TeamPerformance = Static<typeof TeamPerformance>;

export const ResolutionTrendBucket = Type.Object({ start: Time, end: Time, opened: Count, resolved: Count });
export type ResolutionTrendBucket = Static<typeof ResolutionTrendBucket>;

export const ResolutionSummary = Type.Object({
  totals: Type.Object({ opened: Count, resolved: Count, stillOpen: Count, slaBreaches: Count }),
  timeToResolution: TimeToResolution,
  byCategory: Type.Array(CategoryResolution),
  topCategories: Type.Array(Type.Object({ category: Type.String(), tickets: Count, share: Type.Number() })),
  trend: Type.Array(ResolutionTrendBucket),
  byTeam: Type.Array(TeamPerformance),
});
export type ResolutionSummary = Static<typeof ResolutionSummary>;

export const ResolutionReportAnswer = Type.Object({
  from: Time,
  to: Time,
  bucketMs: Type.Integer({ minimum: 1 }),
  /** More tickets matched than one report reads: the figures cover the first ones only. */
  truncated: Type.Boolean(),
  ...ResolutionSummary.properties,
});
export type ResolutionReportAnswer = Static<typeof ResolutionReportAnswer>;
