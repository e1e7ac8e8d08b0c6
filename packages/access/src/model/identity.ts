import type { ProjectRole, TokenRecord } from '@faultline/contracts';
import type { SessionClaims } from '../secrets/session-cookie.js';
import { tokenSha256 } from '../secrets/token-secret.js';
import type { AccessState } from './access-state.js';
import {
  type Grants,
  holdsSomewhere,
  NO_GRANTS,
  roleOn,
  tokenGrants,
  userGrants,
  type VisibleProjects,
  visibleProjects,
} from './grants.js';
import { roleAtLeast } from './roles.js';

/**
 * Who is asking, as verified for one request. `user`: a person, through a session or one of
 * the person's tokens; `machine`: a token without a person; `anonymous`: no valid credential
 * (only public routes see it). The actor of every change is taken from here, never from a body.
 */
export interface Identity {
  kind: 'anonymous' | 'user' | 'machine';
  userId?: string;
  /** The token used, if any. */
  tokenId?: string;
  /** The session used, if any. */
  sessionId?: string;
  /** The person's name, or the machine token's name. */
  name: string;
  /** The instance owner: a session of the owner, or an owner's admin token on `*`. */
  owner: boolean;
  grants: Grants;
  roleOn(projectId: string): ProjectRole | undefined;
  /** True when the identity holds at least `role` on `projectId`. */
  can(role: ProjectRole, projectId: string): boolean;
  /** True when the identity holds at least `role` on some project. */
  canSomewhere(role: ProjectRole): boolean;
  visibleProjects(): VisibleProjects;
}

export type IdentityResult = { ok: true; identity: Identity } | { ok: false; reason: string };

export const ANONYMOUS: Identity = makeIdentity(
  { kind: 'anonymous', name: 'anonymous', owner: false },
  NO_GRANTS,
);

/** The identity behind a presented API token secret, or why it is refused. */
export function identityFromToken(state: AccessState, secret: string, now: Date): IdentityResult {
  const tokenId = state.tokenIdBySha256.get(tokenSha256(secret));
  const token = tokenId === undefined ? undefined : state.tokensById.get(tokenId);
  if (!token) return { ok: false, reason: 'unknown token' };
  const refusal = tokenRefusal(state, token, now);
  if (refusal) return { ok: false, reason: refusal };
  const grants = tokenGrants(state, token);
  if (token.userId === undefined)
    return {
      ok: true,
      identity: makeIdentity(
        { kind: 'machine', tokenId: token.tokenId, name: token.name, owner: false },
        grants,
      ),
    };
  const user = state.users.get(token.userId);
  const owner = user?.owner === true && token.scope === 'admin' && token.projects.includes('*');
  return {
    ok: true,
    identity: makeIdentity(
      { kind: 'user', userId: token.userId, tokenId: token.tokenId, name: user?.name ?? token.userId, owner },
      grants,
    ),
  };
}

/** The identity behind a verified session cookie, or why it is refused (the user was removed or disabled). */
export function identityFromSession(state: AccessState, claims: SessionClaims): IdentityResult {
  const user = state.users.get(claims.userId);
  if (!user) return { ok: false, reason: 'user removed' };
  if (user.disabled) return { ok: false, reason: 'user disabled' };
  const fields = {
    kind: 'user',
    userId: user.userId,
    sessionId: claims.sessionId,
    name: user.name,
    owner: user.owner,
  };
  return { ok: true, identity: makeIdentity(fields as IdentityFields, userGrants(state, user.userId)) };
}

/** Why a token may not be used now, or undefined when it may. */
export function tokenRefusal(state: AccessState, token: TokenRecord, now: Date): string | undefined {
  // Any revokedAt revokes at once (the writer's clock may run ahead of ours); an unreadable expiry counts as past.
  if (token.revokedAt !== undefined) return 'token revoked';
  if (token.expiresAt !== undefined && !(Date.parse(token.expiresAt) > now.getTime())) return 'token expired';
  if (token.userId !== undefined) {
    const user = state.users.get(token.userId);
    if (!user) return "token's user removed";
    if (user.disabled) return "token's user disabled";
  }
  return undefined;
}

type IdentityFields = Pick<Identity, 'kind' | 'userId' | 'tokenId' | 'sessionId' | 'name' | 'owner'>;

function makeIdentity(fields: IdentityFields, grants: Grants): Identity {
  return {
    ...fields,
    grants,
    roleOn: (projectId) => roleOn(grants, projectId),
    can: (role, projectId) => roleAtLeast(roleOn(grants, projectId), role),
    canSomewhere: (role) => holdsSomewhere(grants, role),
    visibleProjects: () => visibleProjects(grants),
  };
}
