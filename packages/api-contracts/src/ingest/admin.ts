import Type, { type Static } from 'typebox';

/** Answers of ingest's `/admin/projects` API. Keys show as fingerprints; a public key is answered once, when made. */

const Time = Type.String({ format: 'date-time' });

export const RateLimit = Type.Object({
  ratePerSecond: Type.Number({ exclusiveMinimum: 0 }),
  burst: Type.Integer({ minimum: 1 }),
});
export type RateLimit = Static<typeof RateLimit>;

export const ProjectView = Type.Object({
  /** Digits only: Sentry SDKs require a numeric project id in the DSN. */
  id: Type.String(),
  name: Type.String(),
  createdAt: Time,
  allowedOrigins: Type.Array(Type.String()),
  /** Overrides the service default when set. */
  rateLimit: Type.Optional(RateLimit),
  keys: Type.Array(
    Type.Object({
      /** The first 12 hex digits of the key's SHA-256. */
      fingerprint: Type.String(),
      createdAt: Time,
      revokedAt: Type.Optional(Time),
    }),
  ),
});
export type ProjectView = Static<typeof ProjectView>;

export const ProjectViewList = Type.Object({ projects: Type.Array(ProjectView) });
export type ProjectViewList = Static<typeof ProjectViewList>;

/** 201 of a new key: the public key and its DSN. */
export const IssuedKey = Type.Object({ publicKey: Type.String(), dsn: Type.String() });
export type IssuedKey = Static<typeof IssuedKey>;

/** 201 of a new project: the project with its first key and DSN. */
export const CreatedProject = Type.Object({ ...ProjectView.properties, ...IssuedKey.properties });
export type CreatedProject = Static<typeof CreatedProject>;

/** How many active keys a revoke ended. */
export const RevokedKeys = Type.Object({ revoked: Type.Integer({ minimum: 0 }) });
export type RevokedKeys = Static<typeof RevokedKeys>;
