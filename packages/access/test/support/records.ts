import type {
  MemberRecord,
  ProjectRole,
  TeamMemberRecord,
  TeamRecord,
  TokenRecord,
  UserRecord,
} from '@faultline/contracts';
import { newToken } from '../../src/index.js';

const CREATED = '2026-11-29T05:00:00.000Z';

export function user(userId: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    schemaVersion: 1,
    kind: 'user',
    userId,
    email: `${userId}@example.com`,
    name: `User ${userId}`,
    owner: false,
    disabled: false,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

export const team = (teamId: string): TeamRecord => ({
  schemaVersion: 1,
  kind: 'team',
  teamId,
  name: `Team ${teamId}`,
});

export const teamMember = (teamId: string, userId: string): TeamMemberRecord => ({
  schemaVersion: 1,
  kind: 'team-member',
  teamId,
  userId,
});

export const member = (
  projectId: string,
  principal: MemberRecord['principal'],
  role: ProjectRole,
): MemberRecord => ({
  schemaVersion: 1,
  kind: 'member',
  projectId,
  principal,
  role,
});

/** A token record and its secret. */
export function token(overrides: Partial<TokenRecord> & Pick<TokenRecord, 'projects' | 'scope'>): {
  record: TokenRecord;
  secret: string;
} {
  const { tokenId, secret, sha256 } = newToken();
  const record: TokenRecord = {
    schemaVersion: 1,
    kind: 'token',
    tokenId,
    sha256,
    name: `token ${tokenId}`,
    createdAt: CREATED,
    createdBy: 'test',
    ...overrides,
  };
  if (record.userId === undefined) delete record.userId;
  return { record, secret };
}
