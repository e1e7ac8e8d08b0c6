import type {
  AccessRecord,
  MemberRecord,
  TeamMemberRecord,
  TeamRecord,
  TokenRecord,
  UserRecord,
} from '@faultline/contracts';
import type { AccessRecords } from './access-writer.js';

/** Pure lookups over the folded `access` topic for the admin API's lists and cascades. */
type Kind = AccessRecord['kind'];
type OfKind<K extends Kind> = Extract<AccessRecord, { kind: K }>;

export function recordsOf<K extends Kind>(records: AccessRecords, kind: K): OfKind<K>[] {
  const out: OfKind<K>[] = [];
  for (const record of records.values()) if (record.kind === kind) out.push(record as OfKind<K>);
  return out;
}

export function findUser(records: AccessRecords, userId: string): UserRecord | undefined {
  const record = records.get(`user:${userId}`);
  return record?.kind === 'user' ? record : undefined;
}

export function findUserByEmail(records: AccessRecords, email: string): UserRecord | undefined {
  const wanted = email.toLowerCase();
  return recordsOf(records, 'user').find((user) => user.email.toLowerCase() === wanted);
}

export function findTeam(records: AccessRecords, teamId: string): TeamRecord | undefined {
  const record = records.get(`team:${teamId}`);
  return record?.kind === 'team' ? record : undefined;
}

export function findToken(records: AccessRecords, tokenId: string): TokenRecord | undefined {
  const record = records.get(`token:${tokenId}`);
  return record?.kind === 'token' ? record : undefined;
}

export function teamMembers(records: AccessRecords, teamId: string): TeamMemberRecord[] {
  return recordsOf(records, 'team-member').filter((m) => m.teamId === teamId);
}

export function projectMembers(records: AccessRecords, projectId: string): MemberRecord[] {
  return recordsOf(records, 'member').filter((m) => m.projectId === projectId);
}

/** Memberships held by a user or a team directly (not through teams). */
export function membershipsOf(
  records: AccessRecords,
  principal: { userId: string } | { teamId: string },
): MemberRecord[] {
  return recordsOf(records, 'member').filter((m) =>
    'userId' in principal
      ? 'userId' in m.principal && m.principal.userId === principal.userId
      : 'teamId' in m.principal && m.principal.teamId === principal.teamId,
  );
}

export const byName =
  <T>(name: (item: T) => string) =>
  (a: T, b: T) =>
    name(a).localeCompare(name(b));
