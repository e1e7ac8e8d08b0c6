import { GROUP_SORTS, GROUP_STATUSES, TopDimension } from '@faultline/api-contracts';
import { SEVERITIES, StringEnum } from '@faultline/contracts';
import Type from 'typebox';

/** Request schemas of the analytics API, in one place. Free text is bounded, never pattern-checked: it only ever reaches SQL as a parameter. */

const Text = Type.String({ minLength: 1, maxLength: 256 });
const Time = Type.String({ format: 'date-time', description: 'ISO 8601, e.g. 2026-11-29T05:00:00Z' });

export const ProjectParams = Type.Object({ projectId: Type.String({ minLength: 1, maxLength: 128 }) });
export const GroupParams = Type.Object({
  projectId: Type.String({ minLength: 1, maxLength: 128 }),
  groupId: Type.String({ minLength: 1, maxLength: 128 }),
});
export const TopParams = Type.Object({
  projectId: Type.String({ minLength: 1, maxLength: 128 }),
  dimension: TopDimension,
});

export const RangeQuery = Type.Object(
  { from: Type.Optional(Time), to: Type.Optional(Time) },
  { additionalProperties: false },
);

export const TrendsQuery = Type.Object(
  {
    from: Type.Optional(Time),
    to: Type.Optional(Time),
    /** @default 24 */
    buckets: Type.Integer({ minimum: 1, maximum: 1000, default: 24 }),
  },
  { additionalProperties: false },
);

export const LimitedRangeQuery = Type.Object(
  {
    from: Type.Optional(Time),
    to: Type.Optional(Time),
    /** @default 10 */
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  },
  { additionalProperties: false },
);

export const PageQuery = Type.Object(
  {
    from: Type.Optional(Time),
    to: Type.Optional(Time),
    /** @default 50 */
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    /** @default 0 */
    offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
  },
  { additionalProperties: false },
);

export const GroupsQuery = Type.Object(
  {
    from: Type.Optional(Time),
    to: Type.Optional(Time),
    severity: Type.Optional(StringEnum(SEVERITIES)),
    category: Type.Optional(Text),
    component: Type.Optional(Text),
    status: Type.Optional(StringEnum(GROUP_STATUSES)),
    /** Case-insensitive substring of the message. */
    q: Type.Optional(Text),
    /** @default 'lastSeen' */
    sort: Type.Optional(StringEnum(GROUP_SORTS)),
    /** @default 50 */
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    /** @default 0 */
    offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
  },
  { additionalProperties: false },
);

export const ActiveAlertsQuery = Type.Object(
  {
    /** State as of this time. @default now */
    at: Type.Optional(Time),
    /** @default 100 */
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  },
  { additionalProperties: false },
);
