import Type from 'typebox';

/** Request and answer schemas of the audit API. */
const Time = Type.String({ format: 'date-time', description: 'ISO 8601, e.g. 2026-11-29T05:00:00Z' });

export const AuditProjectParams = Type.Object({ projectId: Type.String({ minLength: 1, maxLength: 128 }) });

const filters = {
  /** @default 30 days before `to` */
  from: Type.Optional(Time),
  /** @default now */
  to: Type.Optional(Time),
  /** A dotted verb, e.g. `token.create`. */
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  /** The actor's id: a userId, a tokenId or a service's name. */
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  /** @default 100 */
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
};

export const AuditQuery = Type.Object(filters, { additionalProperties: false });

export const InstanceAuditQuery = Type.Object(
  {
    ...filters,
    /** One project's changes, or `-` for the instance-wide ones; left out, everything. */
    project: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  },
  { additionalProperties: false },
);
