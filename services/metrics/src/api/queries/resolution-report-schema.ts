import Type from 'typebox';

/** Query of `GET /resolution/report` (kept beside its query: `schemas.ts` belongs to the other routes). */
const Time = Type.String({ format: 'date-time', description: 'ISO 8601, e.g. 2026-11-29T05:00:00Z' });

export const ResolutionReportQuery = Type.Object(
  {
    from: Type.Optional(Time),
    to: Type.Optional(Time),
    /** Trend buckets over the range. @default 24 */
    buckets: Type.Integer({ minimum: 1, maximum: 1000, default: 24 }),
    /** How many top categories. @default 10 */
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  },
  { additionalProperties: false },
);
