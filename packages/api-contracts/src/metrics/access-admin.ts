import { ProjectRole, TokenRecord, TokenScope, UserRecord } from '@faultline/contracts/access-record';
import { AuditRecord } from '@faultline/contracts/audit-record';
import { Id, IsoTime } from '@faultline/contracts/common';
import Type, { type Static } from 'typebox';

/**
 * The metrics service's admin API (the one writer of `access`): requests and answers, shared by
 * the routes and the CLI. Secrets appear in exactly two answers, once: a new token and a new password.
 */

const Name = Type.String({ minLength: 1, maxLength: 128 });
const Password = Type.String({ minLength: 12, maxLength: 256 });

/** A user as the API shows it: never the password hash. */
export const UserView = Type.Object({
  userId: Id,
  email: Type.String(),
  name: Type.String(),
  owner: Type.Boolean(),
  disabled: Type.Boolean(),
  /** How the user signs in: with a password, and/or linked to an OpenID Connect issuer. */
  password: Type.Boolean(),
  oidcIssuer: Type.Optional(Type.String()),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type UserView = Static<typeof UserView>;

export function userView(user: UserRecord): UserView {
  return {
    userId: user.userId,
    email: user.email,
    name: user.name,
    owner: user.owner,
    disabled: user.disabled,
    password: user.passwordHash !== undefined,
    ...(user.oidc ? { oidcIssuer: user.oidc.issuer } : {}),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export const NewUserRequest = Type.Object(
  {
    email: UserRecord.properties.email,
    /** @default the part of the email before `@` */
    name: Type.Optional(Name),
    /**
     * `password`: signs in with a password (`password`, or one generated and answered once);
     * `oidc`: no password, signs in through the OpenID Connect provider with this email. @default 'password'
     */
    signIn: Type.Optional(Type.Union([Type.Literal('password'), Type.Literal('oidc')])),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
export type NewUserRequest = Static<typeof NewUserRequest>;

/** `password` only when the server generated it: shown this once. */
export const NewUserAnswer = Type.Object({ user: UserView, password: Type.Optional(Type.String()) });
export type NewUserAnswer = Static<typeof NewUserAnswer>;

export const UsersAnswer = Type.Object({ users: Type.Array(UserView) });
export type UsersAnswer = Static<typeof UsersAnswer>;
export const UserAnswer = Type.Object({ user: UserView });
export type UserAnswer = Static<typeof UserAnswer>;

export const PasswordRequest = Type.Object(
  { password: Type.Optional(Password) },
  { additionalProperties: false },
);
/** `password` only when the server generated it. */
export const PasswordAnswer = Type.Object({ userId: Id, password: Type.Optional(Type.String()) });
export type PasswordAnswer = Static<typeof PasswordAnswer>;

/** What removing a user took with it. */
export const RemovedUserAnswer = Type.Object({
  userId: Id,
  memberships: Type.Integer(),
  teams: Type.Integer(),
  tokensRevoked: Type.Integer(),
});
export type RemovedUserAnswer = Static<typeof RemovedUserAnswer>;

export const TeamView = Type.Object({ teamId: Id, name: Type.String(), members: Type.Array(Id) });
export type TeamView = Static<typeof TeamView>;
export const NewTeamRequest = Type.Object(
  { teamId: Id, name: Type.Optional(Name) },
  { additionalProperties: false },
);
export const TeamsAnswer = Type.Object({ teams: Type.Array(TeamView) });
export type TeamsAnswer = Static<typeof TeamsAnswer>;
export const TeamAnswer = Type.Object({ team: TeamView });
export type TeamAnswer = Static<typeof TeamAnswer>;

export const Principal = Type.Union([
  Type.Object({ userId: Id }, { additionalProperties: false }),
  Type.Object({ teamId: Id }, { additionalProperties: false }),
]);
export type Principal = Static<typeof Principal>;

export const MemberView = Type.Object({
  projectId: Id,
  principal: Principal,
  role: ProjectRole,
  /** The user's email or the team's name. */
  name: Type.String(),
});
export type MemberView = Static<typeof MemberView>;
export const MemberRequest = Type.Object(
  { principal: Principal, role: ProjectRole },
  { additionalProperties: false },
);
export type MemberRequest = Static<typeof MemberRequest>;
export const MembersAnswer = Type.Object({ members: Type.Array(MemberView) });
export type MembersAnswer = Static<typeof MembersAnswer>;
export const MemberAnswer = Type.Object({ member: MemberView });
export type MemberAnswer = Static<typeof MemberAnswer>;

/** A token as lists show it: never its secret or hash. `lastUsedAt`: see services/metrics/README.md. */
export const TokenView = Type.Object({
  tokenId: TokenRecord.properties.tokenId,
  name: Type.String(),
  userId: Type.Optional(Id),
  projects: Type.Array(Type.String()),
  scope: TokenScope,
  createdAt: IsoTime,
  createdBy: Type.String(),
  expiresAt: Type.Optional(IsoTime),
  revokedAt: Type.Optional(IsoTime),
  lastUsedAt: Type.Optional(IsoTime),
});
export type TokenView = Static<typeof TokenView>;

export function tokenView(token: TokenRecord, lastUsedAt?: string): TokenView {
  const { schemaVersion: _, kind: __, sha256: ___, ...shown } = token;
  return { ...shown, ...(lastUsedAt ? { lastUsedAt } : {}) };
}

const tokenFields = {
  /** @default `<scope> token` */
  name: Type.Optional(Name),
  scope: TokenScope,
  /** Left out: the token does not expire. */
  expiresAt: Type.Optional(IsoTime),
};

/** A project admin's token for one project: a machine token (no person behind it). */
export const NewProjectTokenRequest = Type.Object(tokenFields, { additionalProperties: false });
export type NewProjectTokenRequest = Static<typeof NewProjectTokenRequest>;

/** The owner's token on any projects (`*`: all, now and later); `userId`: a person's token, capped by their role. */
export const NewTokenRequest = Type.Object(
  { ...tokenFields, projects: TokenRecord.properties.projects, userId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type NewTokenRequest = Static<typeof NewTokenRequest>;

/** `token` is the secret, answered this once; only its SHA-256 is stored. */
export const NewTokenAnswer = Type.Object({ token: Type.String(), tokenId: Type.String(), view: TokenView });
export type NewTokenAnswer = Static<typeof NewTokenAnswer>;
export const TokensAnswer = Type.Object({ tokens: Type.Array(TokenView) });
export type TokensAnswer = Static<typeof TokensAnswer>;
export const TokenAnswer = Type.Object({ token: TokenView });
export type TokenAnswer = Static<typeof TokenAnswer>;

/** `GET /api/v1/projects/:projectId/audit` and `GET /api/v1/audit`: newest first. */
export const AuditListAnswer = Type.Object({ entries: Type.Array(AuditRecord) });
export type AuditListAnswer = Static<typeof AuditListAnswer>;
