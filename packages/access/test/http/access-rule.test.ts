import { describe, expect, it } from 'vitest';
import { parseAccessRule, projectIdAt } from '../../src/http/access-rule.js';

describe('parseAccessRule', () => {
  it.each([
    { public: true },
    { authenticated: true },
    { owner: true },
    { role: 'viewer', project: 'params.projectId' },
    { role: 'responder', project: 'query.project' },
    { role: 'admin', project: 'body.projectId' },
    { role: 'viewer', project: 'none' },
  ])('accepts %j', (rule) => {
    expect(parseAccessRule(rule)).toEqual({ ok: true, rule });
  });

  it.each([
    { name: 'no rule', value: undefined, problem: /has no config.access rule/ },
    { name: 'a string', value: 'public', problem: /not an object/ },
    { name: 'public: false', value: { public: false }, problem: /expected/ },
    { name: 'owner: false', value: { owner: false }, problem: /expected/ },
    { name: 'a role without a project', value: { role: 'viewer' }, problem: /expected/ },
    { name: 'an unknown role', value: { role: 'owner', project: 'none' }, problem: /expected/ },
    { name: 'an unknown location', value: { role: 'viewer', project: 'params.id' }, problem: /expected/ },
    { name: 'two rules at once', value: { public: true, owner: true }, problem: /expected/ },
  ])('refuses $name', ({ value, problem }) => {
    const parsed = parseAccessRule(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });
});

describe('projectIdAt', () => {
  const request = { params: { projectId: 'p1' }, query: { project: 'p2' }, body: { projectId: 'p3' } };
  it.each([
    { location: 'params.projectId' as const, request, expected: 'p1' },
    { location: 'query.project' as const, request, expected: 'p2' },
    { location: 'body.projectId' as const, request, expected: 'p3' },
    {
      location: 'query.project' as const,
      request: { ...request, query: { project: ['a', 'b'] } },
      expected: undefined,
    },
    {
      location: 'query.project' as const,
      request: { ...request, query: { project: '' } },
      expected: undefined,
    },
    { location: 'body.projectId' as const, request: { ...request, body: undefined }, expected: undefined },
    {
      location: 'body.projectId' as const,
      request: { ...request, body: { projectId: 7 } },
      expected: undefined,
    },
    { location: 'params.projectId' as const, request: { ...request, params: {} }, expected: undefined },
  ])('$location of $request.query / $request.body -> $expected', ({ location, request: r, expected }) => {
    expect(projectIdAt(location, r)).toBe(expected);
  });
});
