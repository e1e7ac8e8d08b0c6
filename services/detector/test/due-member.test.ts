import { describe, expect, it } from 'vitest';
import { dueMemberOf, parseDueMember } from '../src/flush/due-member.js';

describe('due index member', () => {
  it.each([
    [{ projectId: 'shop', severity: 'high' as const }],
    [{ projectId: 'shop', severity: 'low' as const, component: 'pay:group=x' }],
    [{ projectId: 'shop', severity: 'critical' as const, groupId: 'g1' }],
    [{ projectId: 'shop', severity: 'medium' as const, component: '{c}', groupId: 'g"2' }],
  ])('round-trips %o', (scope) => {
    expect(parseDueMember(dueMemberOf({ alertId: 'a1', scope }))).toEqual({ alertId: 'a1', scope });
  });

  it('tells apart the alerts of one scope', () => {
    const scope = { projectId: 'shop', severity: 'high' as const };
    expect(dueMemberOf({ alertId: 'a1', scope })).not.toBe(dueMemberOf({ alertId: 'a2', scope }));
  });

  it.each([
    'shop:high',
    '{}',
    '["a1","shop","urgent",null,null]',
    '["","shop","high",null,null]',
    '["a1","shop","high",1,null]',
    '["a1","shop","high",null]',
  ])('rejects %s', (member) => {
    expect(parseDueMember(member)).toBeUndefined();
  });
});
