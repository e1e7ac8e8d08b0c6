import type { CategorizedEvent } from '@faultline/contracts/categorized-event';
import { StringEnum } from '@faultline/contracts/common';
import Type, { type Static } from 'typebox';

/** Answers of metrics' `/groups`, `/groups/:groupId/events` and `/critical`. */

const Time = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });

/** A group's status is its latest ticket activity; `new` when it has no ticket. */
export const GROUP_STATUSES = ['new', 'open', 'in-progress', 'resolved'] as const;
export const GroupStatus = StringEnum(GROUP_STATUSES);
export type GroupStatus = Static<typeof GroupStatus>;

export const GROUP_SORTS = ['lastSeen', 'firstSeen', 'count'] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];

export const GroupSummary = Type.Object({
  groupId: Type.String(),
  firstSeen: Time,
  lastSeen: Time,
  count: Count,
  status: GroupStatus,
  message: Type.String(),
  severity: Type.String(),
  category: Type.String(),
  component: Type.String(),
  team: Type.String(),
});
export type GroupSummary = Static<typeof GroupSummary>;

export const GroupPage = Type.Object({
  total: Count,
  limit: Type.Integer(),
  offset: Type.Integer(),
  groups: Type.Array(GroupSummary),
});
export type GroupPage = Static<typeof GroupPage>;

/**
 * The categorized event as it was consumed, passed through whole: the empty schema keeps every
 * field when serializing, and events stored under an older contract may lack some.
 */
export const StoredPayload = Type.Unsafe<Partial<CategorizedEvent>>({});

export const StoredEvent = Type.Object({
  eventId: Type.String(),
  time: Time,
  level: Type.String(),
  severity: Type.String(),
  category: Type.String(),
  component: Type.String(),
  team: Type.String(),
  message: Type.String(),
  categorized: StoredPayload,
});
export type StoredEvent = Static<typeof StoredEvent>;

export const GroupEventsPage = Type.Object({
  groupId: Type.String(),
  total: Count,
  limit: Type.Integer(),
  offset: Type.Integer(),
  events: Type.Array(StoredEvent),
});
export type GroupEventsPage = Static<typeof GroupEventsPage>;

export const CriticalErrors = Type.Object({
  count: Count,
  groups: Count,
  latest: Type.Array(StoredEvent),
});
export type CriticalErrors = Static<typeof CriticalErrors>;
