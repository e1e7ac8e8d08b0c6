import {
  type AccessRecord,
  accessKey,
  type ProjectRole,
  type TokenRecord,
  type UserRecord,
} from '@faultline/contracts';
import {
  type AccessChangeOutcome,
  type AccessState,
  applyAccessChange,
  emptyAccessState,
} from '../model/access-state.js';
import {
  NO_GRANTS,
  roleOn,
  tokenGrants,
  userGrants,
  type VisibleProjects,
  visibleProjects,
} from '../model/grants.js';
import {
  type IdentityResult,
  identityFromSession,
  identityFromToken,
  tokenRefusal,
} from '../model/identity.js';
import type { SessionClaims } from '../secrets/session-cookie.js';
import { tokenSha256 } from '../secrets/token-secret.js';

/** Whose roles to look up: a person, or a token (a person's token is capped by the person). */
export type Principal = { userId: string } | { tokenId: string };

export interface AccessViewOptions {
  /** @default () => new Date() */
  clock?: () => Date;
}

/**
 * The `access` topic in memory and every lookup the services need. Fed by `startAccessView`
 * (or by `apply` in tests); `ready()` resolves once the feed has caught up with the topic as it
 * was at start, and a view that is not ready must not be used to refuse or admit anyone.
 */
export class AccessView {
  private readonly state: AccessState = emptyAccessState();
  private readonly clock: () => Date;
  private caughtUp = false;
  private failure: Error | undefined;
  private readonly readiness: Promise<void>;
  private settle!: { resolve: () => void; reject: (error: Error) => void };

  constructor(options: AccessViewOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.readiness = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // A failure before anyone awaits ready() must not become an unhandled rejection.
    this.readiness.catch(() => {});
  }

  /** A ready view holding these records (tests, tools). */
  static of(records: readonly AccessRecord[], options?: AccessViewOptions): AccessView {
    const view = new AccessView(options);
    for (const record of records) view.apply(accessKey(record), record);
    view.markReady();
    return view;
  }

  /** Applies one message of the topic: a record under its key, or a tombstone (null). */
  apply(key: string, record: AccessRecord | null): AccessChangeOutcome {
    return applyAccessChange(this.state, key, record);
  }

  /** Resolves once caught up with the topic as it was at start; rejects if the feed failed first. */
  ready(): Promise<void> {
    return this.readiness;
  }

  /** Caught up, and the feed has not failed since. */
  isReady(): boolean {
    return this.caughtUp && this.failure === undefined;
  }

  markReady(): void {
    this.caughtUp = true;
    this.settle.resolve();
  }

  /** The feed stopped for good: the view no longer follows revocations, so it reports not ready. */
  markFailed(error: Error): void {
    this.failure ??= error;
    this.settle.reject(error);
  }

  user(userId: string): UserRecord | undefined {
    return this.state.users.get(userId);
  }

  userByEmail(email: string): UserRecord | undefined {
    const userId = this.state.userIdByEmail.get(email.toLowerCase());
    return userId === undefined ? undefined : this.state.users.get(userId);
  }

  token(tokenId: string): TokenRecord | undefined {
    return this.state.tokensById.get(tokenId);
  }

  tokenBySha256(sha256: string): TokenRecord | undefined {
    const tokenId = this.state.tokenIdBySha256.get(sha256);
    return tokenId === undefined ? undefined : this.state.tokensById.get(tokenId);
  }

  /** The record of a presented secret, valid or not (see `identityFromToken` for the verdict). */
  tokenBySecret(secret: string): TokenRecord | undefined {
    return this.tokenBySha256(tokenSha256(secret));
  }

  /** Every current record of one kind (the admin API's lists). */
  list<K extends AccessRecord['kind']>(kind: K): Extract<AccessRecord, { kind: K }>[] {
    const out: Extract<AccessRecord, { kind: K }>[] = [];
    for (const record of this.state.records.values())
      if (record.kind === kind) out.push(record as Extract<AccessRecord, { kind: K }>);
    return out;
  }

  /** Effective role on a project; undefined for none, or for a token that may not be used now. */
  roleOf(principal: Principal, projectId: string): ProjectRole | undefined {
    return roleOn(this.grantsOf(principal), projectId);
  }

  /** Projects the principal may see (`all` for the owner and `*` tokens). */
  visibleProjects(principal: Principal): VisibleProjects {
    return visibleProjects(this.grantsOf(principal));
  }

  identityFromToken(secret: string): IdentityResult {
    return identityFromToken(this.state, secret, this.clock());
  }

  identityFromSession(claims: SessionClaims): IdentityResult {
    return identityFromSession(this.state, claims);
  }

  private grantsOf(principal: Principal) {
    if ('userId' in principal) return userGrants(this.state, principal.userId);
    const token = this.state.tokensById.get(principal.tokenId);
    if (!token || tokenRefusal(this.state, token, this.clock())) return NO_GRANTS;
    return tokenGrants(this.state, token);
  }
}
