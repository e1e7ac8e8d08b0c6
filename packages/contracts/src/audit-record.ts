import Type, { type Static } from 'typebox';
import { Id, IsoTime, SchemaVersion, StringEnum } from './common.js';

/**
 * The `audit` topic (append-only, key: projectId, or `-` for instance-wide changes): every change
 * made through an API, who made it and from where. Never secrets, never erased personal data.
 */
export const AUDIT_ACTOR_KINDS = ['user', 'token', 'system'] as const;

export const AuditRecord = Type.Object(
  {
    schemaVersion: SchemaVersion,
    auditId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    at: IsoTime,
    actor: Type.Object(
      {
        kind: StringEnum(AUDIT_ACTOR_KINDS),
        /** userId, tokenId, or the service's name for `system`. */
        id: Type.String({ minLength: 1, maxLength: 128 }),
        name: Type.String({ maxLength: 256 }),
      },
      { additionalProperties: false },
    ),
    /** The credential used: a dashboard session or an API token (never its secret). */
    via: Type.Optional(
      Type.Object(
        {
          sessionId: Type.Optional(Type.String({ maxLength: 64 })),
          tokenId: Type.Optional(Type.String({ maxLength: 32 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** The client's address as the service saw it. */
    ip: Type.Optional(Type.String({ maxLength: 64 })),
    /** Dotted verb: `alert.acknowledge`, `ticket.resolve`, `token.create`, `member.add`, ... */
    action: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z-]*(\\.[a-z][a-z-]*)+$' }),
    projectId: Type.Optional(Id),
    /** What was changed: an alertId, ticketId, tokenId, userId. */
    target: Type.Optional(Type.String({ maxLength: 256 })),
    details: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 1024 }), { maxProperties: 32 }),
    ),
  },
  { additionalProperties: false },
);
export type AuditRecord = Static<typeof AuditRecord>;

/** The `audit` topic's key. */
export function auditKey(record: Pick<AuditRecord, 'projectId'>): string {
  return record.projectId ?? '-';
}
