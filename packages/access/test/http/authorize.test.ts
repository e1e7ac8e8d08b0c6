import type { AccessRecord } from '@faultline/contracts';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/http/authorize.js';
import { type AccessRule, AccessView, ANONYMOUS, type Identity, newSessionId } from '../../src/index.js';
import { member, token, user } from '../support/records.js';

const machine = token({ projects: ['checkout'], scope: 'respond' });
const records: AccessRecord[] = [
  user('owner', { owner: true }),
  user('viewer'),
  user('loner'),
  member('checkout', { userId: 'viewer' }, 'viewer'),
  machine.record,
];
const view = AccessView.of(records);
const session = (userId: string): Identity => {
  const result = view.identityFromSession({
    userId,
    sessionId: newSessionId(),
    expiresAt: new Date(Date.now() + 60_000),
  });
  if (!result.ok) throw new Error(result.reason);
  return result.identity;
};
const machineIdentity = (() => {
  const result = view.identityFromToken(machine.secret);
  if (!result.ok) throw new Error(result.reason);
  return result.identity;
})();

const who = {
  anonymous: ANONYMOUS,
  owner: session('owner'),
  viewer: session('viewer'),
  loner: session('loner'),
  machine: machineIdentity,
};

describe('authorize', () => {
  it.each<{
    rule: AccessRule;
    identity: keyof typeof who;
    projectId?: string;
    expected: 'ok' | 'FL_AUTH_REQUIRED' | 'FL_FORBIDDEN';
  }>([
    { rule: { public: true }, identity: 'anonymous', expected: 'ok' },
    { rule: { authenticated: true }, identity: 'anonymous', expected: 'FL_AUTH_REQUIRED' },
    { rule: { authenticated: true }, identity: 'loner', expected: 'ok' },
    { rule: { owner: true }, identity: 'anonymous', expected: 'FL_AUTH_REQUIRED' },
    { rule: { owner: true }, identity: 'viewer', expected: 'FL_FORBIDDEN' },
    { rule: { owner: true }, identity: 'machine', expected: 'FL_FORBIDDEN' },
    { rule: { owner: true }, identity: 'owner', expected: 'ok' },
    {
      rule: { role: 'viewer', project: 'params.projectId' },
      identity: 'anonymous',
      projectId: 'checkout',
      expected: 'FL_AUTH_REQUIRED',
    },
    {
      rule: { role: 'viewer', project: 'params.projectId' },
      identity: 'viewer',
      projectId: 'checkout',
      expected: 'ok',
    },
    {
      rule: { role: 'responder', project: 'params.projectId' },
      identity: 'viewer',
      projectId: 'checkout',
      expected: 'FL_FORBIDDEN',
    },
    {
      rule: { role: 'viewer', project: 'params.projectId' },
      identity: 'viewer',
      projectId: 'billing',
      expected: 'FL_FORBIDDEN',
    },
    {
      rule: { role: 'viewer', project: 'params.projectId' },
      identity: 'viewer',
      projectId: undefined,
      expected: 'FL_FORBIDDEN',
    },
    {
      rule: { role: 'responder', project: 'body.projectId' },
      identity: 'machine',
      projectId: 'checkout',
      expected: 'ok',
    },
    {
      rule: { role: 'admin', project: 'query.project' },
      identity: 'machine',
      projectId: 'checkout',
      expected: 'FL_FORBIDDEN',
    },
    {
      rule: { role: 'admin', project: 'query.project' },
      identity: 'owner',
      projectId: 'anything',
      expected: 'ok',
    },
    { rule: { role: 'viewer', project: 'none' }, identity: 'viewer', expected: 'ok' },
    { rule: { role: 'viewer', project: 'none' }, identity: 'loner', expected: 'FL_FORBIDDEN' },
    { rule: { role: 'responder', project: 'none' }, identity: 'viewer', expected: 'FL_FORBIDDEN' },
    { rule: { role: 'responder', project: 'none' }, identity: 'machine', expected: 'ok' },
    { rule: { role: 'admin', project: 'none' }, identity: 'owner', expected: 'ok' },
  ])('$identity on $rule ($projectId): $expected', ({ rule, identity, projectId, expected }) => {
    const verdict = authorize(rule, who[identity], projectId);
    expect(verdict.allowed ? 'ok' : verdict.code).toBe(expected);
  });
});
