import Type, { type Static } from 'typebox';
import { Id, IsoTime, SchemaVersion, StringEnum } from './common.js';

/**
 * The `access` topic (compacted): users, teams, memberships and API tokens. One writer (the
 * metrics service's admin API); every HTTP service reads it from the start into memory. Key:
 * `accessKey(record)`; a null value (tombstone) removes what the key named.
 */
export const PROJECT_ROLES = ['viewer', 'responder', 'admin'] as const;
export const ProjectRole = StringEnum(PROJECT_ROLES);
export type ProjectRole = Static<typeof ProjectRole>;

/** What a token may do on its projects: read -> viewer, respond -> responder, admin -> admin. */
export const TOKEN_SCOPES = ['read', 'respond', 'admin'] as const;
export const TokenScope = StringEnum(TOKEN_SCOPES);
export type TokenScope = Static<typeof TokenScope>;

const Name = Type.String({ minLength: 1, maxLength: 128 });
const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' });
/** `*` stands for every project, now and later. */
const ProjectScope = Type.Array(Type.Union([Id, Type.Literal('*')]), { minItems: 1, maxItems: 256 });

export const UserRecord = Type.Object(
  {
    schemaVersion: SchemaVersion,
    kind: Type.Literal('user'),
    userId: Id,
    email: Email,
    name: Name,
    /** Self-describing slow hash: `scrypt$N$r$p$<salt base64>$<hash base64>`; absent for OIDC-only users. */
    passwordHash: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    /** Set once the user signed in with an OpenID Connect provider. */
    oidc: Type.Optional(
      Type.Object(
        {
          issuer: Type.String({ minLength: 1, maxLength: 512 }),
          subject: Type.String({ minLength: 1, maxLength: 256 }),
        },
        { additionalProperties: false },
      ),
    ),
    /** The instance owner: every role on every project, and the instance's settings. */
    owner: Type.Boolean(),
    disabled: Type.Boolean(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  },
  { additionalProperties: false },
);
export type UserRecord = Static<typeof UserRecord>;

export const TeamRecord = Type.Object(
  { schemaVersion: SchemaVersion, kind: Type.Literal('team'), teamId: Id, name: Name },
  { additionalProperties: false },
);
export type TeamRecord = Static<typeof TeamRecord>;

export const TeamMemberRecord = Type.Object(
  { schemaVersion: SchemaVersion, kind: Type.Literal('team-member'), teamId: Id, userId: Id },
  { additionalProperties: false },
);
export type TeamMemberRecord = Static<typeof TeamMemberRecord>;

/** A role on one project, held by a user or by every member of a team. */
export const MemberRecord = Type.Object(
  {
    schemaVersion: SchemaVersion,
    kind: Type.Literal('member'),
    projectId: Id,
    principal: Type.Union([
      Type.Object({ userId: Id }, { additionalProperties: false }),
      Type.Object({ teamId: Id }, { additionalProperties: false }),
    ]),
    role: ProjectRole,
  },
  { additionalProperties: false },
);
export type MemberRecord = Static<typeof MemberRecord>;

/**
 * An API token. The secret (`flt_<tokenId>_<random>`) is shown once; only its SHA-256 is kept.
 * A person's token (`userId`) never exceeds that person's own role; a machine token has its
 * scope on its projects.
 */
export const TokenRecord = Type.Object(
  {
    schemaVersion: SchemaVersion,
    kind: Type.Literal('token'),
    tokenId: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9]+$' }),
    /** Hex SHA-256 of the whole secret. */
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    name: Name,
    userId: Type.Optional(Id),
    projects: ProjectScope,
    scope: TokenScope,
    createdAt: IsoTime,
    createdBy: Type.String({ minLength: 1, maxLength: 128 }),
    expiresAt: Type.Optional(IsoTime),
    revokedAt: Type.Optional(IsoTime),
  },
  { additionalProperties: false },
);
export type TokenRecord = Static<typeof TokenRecord>;

export const AccessRecord = Type.Union([UserRecord, TeamRecord, TeamMemberRecord, MemberRecord, TokenRecord]);
export type AccessRecord = Static<typeof AccessRecord>;

/** The compacted topic's key: the latest record under a key is the truth, a tombstone removes it. */
export function accessKey(record: AccessRecord): string {
  switch (record.kind) {
    case 'user':
      return `user:${record.userId}`;
    case 'team':
      return `team:${record.teamId}`;
    case 'team-member':
      return `team-member:${record.teamId}:${record.userId}`;
    case 'member':
      return 'userId' in record.principal
        ? `member:${record.projectId}:u:${record.principal.userId}`
        : `member:${record.projectId}:t:${record.principal.teamId}`;
    case 'token':
      return `token:${record.tokenId}`;
  }
}
