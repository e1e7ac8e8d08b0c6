import { type AccessRecord, accessKey, type TokenRecord } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { newSessionId } from '../../src/index.js';
import { applyAccessChange, emptyAccessState } from '../../src/model/access-state.js';
import { identityFromSession, identityFromToken } from '../../src/model/identity.js';
import { member, token, user } from '../support/records.js';

const NOW = new Date('2026-11-29T06:00:00.000Z');

function stateWith(...records: AccessRecord[]) {
  const state = emptyAccessState();
  for (const record of [
    user('owner', { owner: true }),
    user('alice'),
    user('gone', { disabled: true }),
    member('checkout', { userId: 'alice' }, 'admin'),
    ...records,
  ])
    applyAccessChange(state, accessKey(record), record);
  return state;
}

describe('identityFromToken', () => {
  const refusals: {
    name: string;
    fields: Partial<TokenRecord> & Pick<TokenRecord, 'projects' | 'scope'>;
    reason: string;
  }[] = [
    {
      name: 'revoked',
      fields: { projects: ['*'], scope: 'read', revokedAt: '2026-11-29T05:00:00.000Z' },
      reason: 'token revoked',
    },
    {
      name: 'revoked by a clock ahead of ours',
      fields: { projects: ['*'], scope: 'read', revokedAt: '2026-11-29T07:00:00.000Z' },
      reason: 'token revoked',
    },
    {
      name: 'expired',
      fields: { projects: ['*'], scope: 'read', expiresAt: '2026-11-29T05:59:59.999Z' },
      reason: 'token expired',
    },
    {
      name: 'expiring this instant',
      fields: { projects: ['*'], scope: 'read', expiresAt: NOW.toISOString() },
      reason: 'token expired',
    },
    {
      name: 'of a disabled user',
      fields: { userId: 'gone', projects: ['*'], scope: 'read' },
      reason: "token's user disabled",
    },
    {
      name: 'of a removed user',
      fields: { userId: 'nobody', projects: ['*'], scope: 'read' },
      reason: "token's user removed",
    },
  ];
  it.each(refusals)('refuses a token $name', ({ fields, reason }) => {
    const { record, secret } = token(fields);
    expect(identityFromToken(stateWith(record), secret, NOW)).toEqual({ ok: false, reason });
  });

  it('refuses an unknown secret', () => {
    expect(identityFromToken(stateWith(), token({ projects: ['*'], scope: 'read' }).secret, NOW)).toEqual({
      ok: false,
      reason: 'unknown token',
    });
  });

  it('a machine token is a machine identity with its scope, never the owner', () => {
    const { record, secret } = token({
      projects: ['checkout'],
      scope: 'respond',
      name: 'grafana',
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
    const result = identityFromToken(stateWith(record), secret, NOW);
    if (!result.ok) throw new Error(result.reason);
    expect(result.identity).toMatchObject({
      kind: 'machine',
      tokenId: record.tokenId,
      name: 'grafana',
      owner: false,
    });
    expect(result.identity.userId).toBeUndefined();
    expect(result.identity.can('responder', 'checkout')).toBe(true);
    expect(result.identity.can('admin', 'checkout')).toBe(false);
    expect(result.identity.canSomewhere('responder')).toBe(true);
    expect(result.identity.canSomewhere('admin')).toBe(false);
  });

  it.each([
    { name: 'admin on *', fields: { projects: ['*'], scope: 'admin' as const }, owner: true },
    { name: 'respond on *', fields: { projects: ['*'], scope: 'respond' as const }, owner: false },
    { name: 'admin on a list', fields: { projects: ['checkout'], scope: 'admin' as const }, owner: false },
  ])("the owner's token $name is the owner: $owner", ({ fields, owner }) => {
    const { record, secret } = token({ ...fields, userId: 'owner' });
    const result = identityFromToken(stateWith(record), secret, NOW);
    if (!result.ok) throw new Error(result.reason);
    expect(result.identity).toMatchObject({
      kind: 'user',
      userId: 'owner',
      tokenId: record.tokenId,
      owner,
      name: 'User owner',
    });
  });
});

describe('identityFromSession', () => {
  const claims = (userId: string) => ({
    userId,
    sessionId: newSessionId(),
    expiresAt: new Date('2026-11-30T00:00:00Z'),
  });

  it('a present, enabled user with the session named', () => {
    const c = claims('alice');
    const result = identityFromSession(stateWith(), c);
    if (!result.ok) throw new Error(result.reason);
    expect(result.identity).toMatchObject({
      kind: 'user',
      userId: 'alice',
      sessionId: c.sessionId,
      owner: false,
    });
    expect(result.identity.tokenId).toBeUndefined();
    expect(result.identity.can('admin', 'checkout')).toBe(true);
    expect(result.identity.can('viewer', 'billing')).toBe(false);
  });

  it('the owner can everything', () => {
    const result = identityFromSession(stateWith(), claims('owner'));
    expect(result.ok && result.identity.owner && result.identity.can('admin', 'any')).toBe(true);
  });

  it.each([
    { name: 'removed', userId: 'nobody', reason: 'user removed' },
    { name: 'disabled', userId: 'gone', reason: 'user disabled' },
  ])('refuses a $name user', ({ userId, reason }) => {
    expect(identityFromSession(stateWith(), claims(userId))).toEqual({ ok: false, reason });
  });
});
