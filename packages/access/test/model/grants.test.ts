import { type AccessRecord, accessKey, type ProjectRole, type TokenRecord } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { applyAccessChange, emptyAccessState } from '../../src/model/access-state.js';
import { roleOn, tokenGrants, userGrants, visibleProjects } from '../../src/model/grants.js';
import { higherRole, lowerRole, roleAtLeast } from '../../src/model/roles.js';
import { member, team, teamMember, token, user } from '../support/records.js';

function stateOf(records: AccessRecord[]) {
  const state = emptyAccessState();
  for (const record of records) applyAccessChange(state, accessKey(record), record);
  return state;
}

describe('roles', () => {
  it.each([
    ['viewer', 'viewer', true],
    ['responder', 'viewer', true],
    ['admin', 'responder', true],
    ['viewer', 'responder', false],
    ['responder', 'admin', false],
    [undefined, 'viewer', false],
  ] as const)('%s is at least %s: %s', (held, needed, expected) => {
    expect(roleAtLeast(held, needed)).toBe(expected);
  });

  it('higher and lower treat undefined as no role', () => {
    expect(higherRole(undefined, 'viewer')).toBe('viewer');
    expect(higherRole('admin', 'viewer')).toBe('admin');
    expect(lowerRole('admin', 'viewer')).toBe('viewer');
    expect(lowerRole(undefined, 'admin')).toBeUndefined();
  });
});

const world: AccessRecord[] = [
  user('owner', { owner: true }),
  user('alice'),
  user('bob'),
  user('carol', { disabled: true }),
  user('dave'),
  team('payments'),
  teamMember('payments', 'bob'),
  teamMember('payments', 'carol'),
  teamMember('ghost-team', 'dave'),
  member('checkout', { userId: 'alice' }, 'responder'),
  member('billing', { userId: 'alice' }, 'viewer'),
  member('billing', { userId: 'bob' }, 'viewer'),
  member('billing', { teamId: 'payments' }, 'admin'),
  member('checkout', { teamId: 'payments' }, 'viewer'),
  member('checkout', { userId: 'carol' }, 'admin'),
  member('checkout', { teamId: 'ghost-team' }, 'admin'),
];

describe("userGrants: a user's effective role on a project", () => {
  const state = stateOf(world);
  it.each<{ name: string; userId: string; projectId: string; expected: ProjectRole | undefined }>([
    { name: 'direct membership', userId: 'alice', projectId: 'checkout', expected: 'responder' },
    { name: 'no membership', userId: 'alice', projectId: 'search', expected: undefined },
    { name: 'team role above the direct one', userId: 'bob', projectId: 'billing', expected: 'admin' },
    { name: 'team role only', userId: 'bob', projectId: 'checkout', expected: 'viewer' },
    { name: 'disabled user', userId: 'carol', projectId: 'checkout', expected: undefined },
    {
      name: 'team record removed (or never written)',
      userId: 'dave',
      projectId: 'checkout',
      expected: undefined,
    },
    { name: 'owner on any project', userId: 'owner', projectId: 'anything', expected: 'admin' },
    { name: 'unknown user', userId: 'nobody', projectId: 'checkout', expected: undefined },
  ])('$name', ({ userId, projectId, expected }) => {
    expect(roleOn(userGrants(state, userId), projectId)).toBe(expected);
  });

  it('lists the projects a user may see, and all of them for the owner', () => {
    expect(visibleProjects(userGrants(state, 'alice'))).toEqual({
      all: false,
      projectIds: ['billing', 'checkout'],
    });
    expect(visibleProjects(userGrants(state, 'bob'))).toEqual({
      all: false,
      projectIds: ['billing', 'checkout'],
    });
    expect(visibleProjects(userGrants(state, 'carol'))).toEqual({ all: false, projectIds: [] });
    expect(visibleProjects(userGrants(state, 'owner'))).toEqual({ all: true });
  });
});

describe("tokenGrants: scope on its projects, a person's token capped by the person", () => {
  const state = stateOf(world);
  const cases: {
    name: string;
    token: Pick<TokenRecord, 'projects' | 'scope'> & { userId?: string };
    projectId: string;
    expected: ProjectRole | undefined;
  }[] = [
    {
      name: 'machine read on its project',
      token: { projects: ['checkout'], scope: 'read' },
      projectId: 'checkout',
      expected: 'viewer',
    },
    {
      name: 'machine respond on its project',
      token: { projects: ['checkout'], scope: 'respond' },
      projectId: 'checkout',
      expected: 'responder',
    },
    {
      name: 'machine admin on its project',
      token: { projects: ['checkout'], scope: 'admin' },
      projectId: 'checkout',
      expected: 'admin',
    },
    {
      name: 'machine on another project',
      token: { projects: ['checkout'], scope: 'admin' },
      projectId: 'billing',
      expected: undefined,
    },
    {
      name: 'machine on *',
      token: { projects: ['*'], scope: 'respond' },
      projectId: 'anything',
      expected: 'responder',
    },
    {
      name: 'person: scope below role',
      token: { userId: 'alice', projects: ['checkout'], scope: 'read' },
      projectId: 'checkout',
      expected: 'viewer',
    },
    {
      name: 'person: capped by role',
      token: { userId: 'alice', projects: ['checkout'], scope: 'admin' },
      projectId: 'checkout',
      expected: 'responder',
    },
    {
      name: 'person: listed project without membership',
      token: { userId: 'alice', projects: ['search'], scope: 'admin' },
      projectId: 'search',
      expected: undefined,
    },
    {
      name: 'person: member but not listed',
      token: { userId: 'alice', projects: ['billing'], scope: 'admin' },
      projectId: 'checkout',
      expected: undefined,
    },
    {
      name: 'person on *: each membership capped',
      token: { userId: 'bob', projects: ['*'], scope: 'respond' },
      projectId: 'billing',
      expected: 'responder',
    },
    {
      name: 'person on *: no membership',
      token: { userId: 'bob', projects: ['*'], scope: 'admin' },
      projectId: 'search',
      expected: undefined,
    },
    {
      name: 'owner on *',
      token: { userId: 'owner', projects: ['*'], scope: 'respond' },
      projectId: 'anything',
      expected: 'responder',
    },
    {
      name: 'owner on a list',
      token: { userId: 'owner', projects: ['checkout'], scope: 'admin' },
      projectId: 'checkout',
      expected: 'admin',
    },
    {
      name: 'owner on a list, elsewhere',
      token: { userId: 'owner', projects: ['checkout'], scope: 'admin' },
      projectId: 'billing',
      expected: undefined,
    },
    {
      name: 'person disabled',
      token: { userId: 'carol', projects: ['*'], scope: 'admin' },
      projectId: 'checkout',
      expected: undefined,
    },
  ];
  it.each(cases)('$name', ({ token: fields, projectId, expected }) => {
    const { record } = token(fields);
    expect(roleOn(tokenGrants(state, record), projectId)).toBe(expected);
  });

  it('lists what a token may see', () => {
    const see = (fields: (typeof cases)[number]['token']) =>
      visibleProjects(tokenGrants(state, token(fields).record));
    expect(see({ projects: ['*'], scope: 'read' })).toEqual({ all: true });
    expect(see({ projects: ['b', 'a'], scope: 'read' })).toEqual({ all: false, projectIds: ['a', 'b'] });
    expect(see({ userId: 'alice', projects: ['*'], scope: 'read' })).toEqual({
      all: false,
      projectIds: ['billing', 'checkout'],
    });
    expect(see({ userId: 'alice', projects: ['checkout', 'search'], scope: 'read' })).toEqual({
      all: false,
      projectIds: ['checkout'],
    });
    expect(see({ userId: 'owner', projects: ['*'], scope: 'read' })).toEqual({ all: true });
  });
});
