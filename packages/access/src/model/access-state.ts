import {
  type AccessRecord,
  accessKey,
  type MemberRecord,
  type ProjectRole,
  type TokenRecord,
  type UserRecord,
} from '@faultline/contracts';

/**
 * The `access` topic folded into memory: the latest record per key plus the indexes every
 * lookup needs. Changed only through `applyAccessChange`, which keeps the indexes in step.
 */
export interface AccessState {
  readonly records: Map<string, AccessRecord>;
  readonly users: Map<string, UserRecord>;
  /** Lower-cased email -> userId. */
  readonly userIdByEmail: Map<string, string>;
  readonly tokensById: Map<string, TokenRecord>;
  /** Hex SHA-256 of the secret -> tokenId. */
  readonly tokenIdBySha256: Map<string, string>;
  readonly teams: Map<string, string>;
  /** userId -> teamIds. */
  readonly teamsOfUser: Map<string, Set<string>>;
  /** userId -> projectId -> role held directly. */
  readonly userRoles: Map<string, Map<string, ProjectRole>>;
  /** teamId -> projectId -> role every member of the team holds. */
  readonly teamRoles: Map<string, Map<string, ProjectRole>>;
}

export function emptyAccessState(): AccessState {
  return {
    records: new Map(),
    users: new Map(),
    userIdByEmail: new Map(),
    tokensById: new Map(),
    tokenIdBySha256: new Map(),
    teams: new Map(),
    teamsOfUser: new Map(),
    userRoles: new Map(),
    teamRoles: new Map(),
  };
}

export type AccessChangeOutcome = { applied: 'set' | 'removed' } | { applied: false; reason: string };

/**
 * Applies one message of the compacted topic: a record replaces whatever its key held, a
 * tombstone (null) removes it. A record whose key is not `accessKey(record)` is refused (its
 * tombstone could never find it) and, like a tombstone, removes what the key held.
 */
export function applyAccessChange(
  state: AccessState,
  key: string,
  record: AccessRecord | null,
): AccessChangeOutcome {
  const previous = state.records.get(key);
  if (previous) unindex(state, previous);
  if (record !== null && accessKey(record) !== key) {
    // Fail closed: whatever the key held may have been superseded by this unusable record.
    state.records.delete(key);
    return {
      applied: false,
      reason: `key ${JSON.stringify(key)} is not the record's key ${accessKey(record)}`,
    };
  }
  if (record === null) {
    state.records.delete(key);
    return { applied: 'removed' };
  }
  state.records.set(key, record);
  index(state, record);
  return { applied: 'set' };
}

function index(state: AccessState, record: AccessRecord): void {
  switch (record.kind) {
    case 'user':
      state.users.set(record.userId, record);
      state.userIdByEmail.set(record.email.toLowerCase(), record.userId);
      return;
    case 'team':
      state.teams.set(record.teamId, record.name);
      return;
    case 'team-member':
      setOf(state.teamsOfUser, record.userId).add(record.teamId);
      return;
    case 'member':
      roleTable(state, record).set(record.projectId, record.role);
      return;
    case 'token':
      state.tokensById.set(record.tokenId, record);
      state.tokenIdBySha256.set(record.sha256, record.tokenId);
      return;
  }
}

function unindex(state: AccessState, record: AccessRecord): void {
  switch (record.kind) {
    case 'user': {
      state.users.delete(record.userId);
      const email = record.email.toLowerCase();
      // Another user may have taken the address since; its entry stays.
      if (state.userIdByEmail.get(email) === record.userId) state.userIdByEmail.delete(email);
      return;
    }
    case 'team':
      state.teams.delete(record.teamId);
      return;
    case 'team-member': {
      const teams = state.teamsOfUser.get(record.userId);
      teams?.delete(record.teamId);
      if (teams?.size === 0) state.teamsOfUser.delete(record.userId);
      return;
    }
    case 'member': {
      const [table, owner] =
        'userId' in record.principal
          ? [state.userRoles, record.principal.userId]
          : [state.teamRoles, record.principal.teamId];
      const roles = table.get(owner);
      roles?.delete(record.projectId);
      if (roles?.size === 0) table.delete(owner);
      return;
    }
    case 'token':
      state.tokensById.delete(record.tokenId);
      if (state.tokenIdBySha256.get(record.sha256) === record.tokenId)
        state.tokenIdBySha256.delete(record.sha256);
      return;
  }
}

function roleTable(state: AccessState, record: MemberRecord): Map<string, ProjectRole> {
  return 'userId' in record.principal
    ? mapOf(state.userRoles, record.principal.userId)
    : mapOf(state.teamRoles, record.principal.teamId);
}

function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  const found = map.get(key);
  if (found) return found;
  const set = new Set<V>();
  map.set(key, set);
  return set;
}

function mapOf<K, K2, V>(map: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  const found = map.get(key);
  if (found) return found;
  const inner = new Map<K2, V>();
  map.set(key, inner);
  return inner;
}
