import { Id, StringEnum } from '@faultline/contracts/common';
import Type, { type Static } from 'typebox';

/** Request and answer of resolution's `GET /api/v1/projects/:projectId/investigation`. */

const Time = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });

export const InvestigationParams = Type.Object({ projectId: Id });

/** One of the two is required (the route says so with a coded 400). */
export const InvestigateQuery = Type.Object({
  eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  groupId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});
export type InvestigateQuery = Static<typeof InvestigateQuery>;

export const SimilarErrors = Type.Object({
  /** Errors of the same component in the last 24 h whose message normalizes to the subject's. */
  count: Count,
  firstSeen: Type.Optional(Time),
  lastSeen: Type.Optional(Time),
  /** The newest similar errors. */
  samples: Type.Array(
    Type.Object({ eventId: Type.String(), groupId: Type.String(), time: Time, message: Type.String() }),
  ),
  /** True when the component had more distinct messages than were compared. */
  truncated: Type.Boolean(),
});
export type SimilarErrors = Static<typeof SimilarErrors>;

export const PATTERN_TYPES = ['isolated', 'recurring', 'burst', 'intermittent'] as const;
export const ErrorPattern = Type.Object({ type: StringEnum(PATTERN_TYPES), description: Type.String() });
export type ErrorPattern = Static<typeof ErrorPattern>;
export type PatternType = ErrorPattern['type'];

export const ProbeResult = Type.Object({
  name: Type.String(),
  ok: Type.Boolean(),
  error: Type.Optional(Type.String()),
});
export type ProbeResult = Static<typeof ProbeResult>;

export const GroupLag = Type.Object({
  groupId: Type.String(),
  topics: Type.Array(Type.String()),
  /** Messages behind, summed over the group's partitions. */
  lag: Count,
  ok: Type.Boolean(),
  error: Type.Optional(Type.String()),
});
export type GroupLag = Static<typeof GroupLag>;

export const SystemHealth = Type.Object({
  status: StringEnum(['healthy', 'degraded'] as const),
  /** Each service's `/readyz`. */
  services: Type.Array(ProbeResult),
  /** Kafka, Redis, ClickHouse. */
  infrastructure: Type.Array(ProbeResult),
  consumerLag: Type.Array(GroupLag),
  /** Fractions 0..1 of the resolution service's host. */
  host: Type.Object({ memoryUsage: Type.Number(), cpuUsage: Type.Number() }),
});
export type SystemHealth = Static<typeof SystemHealth>;

/** The runbook's investigation of one event (a group's: its newest event). */
export const Investigation = Type.Object({
  subject: Type.Object({
    projectId: Type.String(),
    eventId: Type.String(),
    groupId: Type.String(),
    severity: Type.String(),
    category: Type.String(),
    team: Type.String(),
  }),
  startedAt: Time,
  completedAt: Time,
  /** The runbook's steps, in the order they ran. */
  steps: Type.Array(Type.String()),
  /** The subject event's context; a field the event lacks is left out. */
  context: Type.Object({
    component: Type.Optional(Type.String()),
    action: Type.Optional(Type.String()),
    userId: Type.Optional(Type.String()),
    sessionId: Type.Optional(Type.String()),
    url: Type.Optional(Type.String()),
    userAgent: Type.Optional(Type.String()),
    timestamp: Time,
    message: Type.String(),
    release: Type.Optional(Type.String()),
  }),
  similar: SimilarErrors,
  pattern: ErrorPattern,
  health: SystemHealth,
  findings: Type.Array(Type.String()),
  recommendations: Type.Array(Type.String()),
});
export type Investigation = Static<typeof Investigation>;
