import { accessKey } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { applyAccessChange, emptyAccessState } from '../../src/model/access-state.js';
import { member, team, teamMember, token, user } from '../support/records.js';

describe('applyAccessChange', () => {
  it('indexes each kind of record and a tombstone removes it again', () => {
    const state = emptyAccessState();
    const { record: tok } = token({ projects: ['checkout'], scope: 'read' });
    const records = [
      user('alice'),
      team('payments'),
      teamMember('payments', 'alice'),
      member('checkout', { userId: 'alice' }, 'responder'),
      member('checkout', { teamId: 'payments' }, 'viewer'),
      tok,
    ];
    for (const record of records)
      expect(applyAccessChange(state, accessKey(record), record)).toEqual({ applied: 'set' });
    expect(state.users.get('alice')?.name).toBe('User alice');
    expect(state.userIdByEmail.get('alice@example.com')).toBe('alice');
    expect(state.teams.get('payments')).toBe('Team payments');
    expect(state.teamsOfUser.get('alice')).toEqual(new Set(['payments']));
    expect(state.userRoles.get('alice')).toEqual(new Map([['checkout', 'responder']]));
    expect(state.teamRoles.get('payments')).toEqual(new Map([['checkout', 'viewer']]));
    expect(state.tokenIdBySha256.get(tok.sha256)).toBe(tok.tokenId);

    for (const record of records)
      expect(applyAccessChange(state, accessKey(record), null)).toEqual({ applied: 'removed' });
    expect(state.records.size).toBe(0);
    for (const index of [
      state.users,
      state.userIdByEmail,
      state.teams,
      state.teamsOfUser,
      state.userRoles,
      state.teamRoles,
      state.tokensById,
      state.tokenIdBySha256,
    ])
      expect(index.size).toBe(0);
  });

  it('replaces what a key held: a changed email and a changed role leave nothing stale', () => {
    const state = emptyAccessState();
    applyAccessChange(state, 'user:bob', user('bob', { email: 'bob@old.example' }));
    applyAccessChange(state, 'user:bob', user('bob', { email: 'Bob@New.example' }));
    expect([...state.userIdByEmail]).toEqual([['bob@new.example', 'bob']]);
    applyAccessChange(state, 'member:checkout:u:bob', member('checkout', { userId: 'bob' }, 'admin'));
    applyAccessChange(state, 'member:checkout:u:bob', member('checkout', { userId: 'bob' }, 'viewer'));
    expect(state.userRoles.get('bob')?.get('checkout')).toBe('viewer');
  });

  it('removing a user keeps the email index of the user who took the address since', () => {
    const state = emptyAccessState();
    applyAccessChange(state, 'user:a', user('a', { email: 'shared@example.com' }));
    applyAccessChange(state, 'user:b', user('b', { email: 'shared@example.com' }));
    applyAccessChange(state, 'user:a', null);
    expect(state.userIdByEmail.get('shared@example.com')).toBe('b');
  });

  it('a tombstone for a key never seen changes nothing', () => {
    const state = emptyAccessState();
    expect(applyAccessChange(state, 'token:nothing', null)).toEqual({ applied: 'removed' });
    expect(state.records.size).toBe(0);
  });

  it('refuses a record under another key and, failing closed, drops what that key held', () => {
    const state = emptyAccessState();
    const { record } = token({ projects: ['*'], scope: 'admin' });
    applyAccessChange(state, `token:${record.tokenId}`, record);
    const outcome = applyAccessChange(state, `token:${record.tokenId}`, user('eve'));
    expect(outcome).toEqual({ applied: false, reason: expect.stringContaining('user:eve') });
    expect(state.tokensById.size).toBe(0);
    expect(state.users.size).toBe(0);
  });
});
