import { describe, expect, it } from 'vitest';
import { judgeRegression } from '../../src/regressions/regression-rule.js';
import { isNewerRelease } from '../../src/regressions/release-order.js';

describe('isNewerRelease', () => {
  it.each([
    { id: 'minor by number, not by string', candidate: '1.10.0', resolved: '1.2.0', newer: true },
    { id: 'same version', candidate: '1.2.0', resolved: '1.2.0', newer: false },
    { id: 'older patch', candidate: '1.1.9', resolved: '1.2.0', newer: false },
    { id: 'v prefix and build metadata', candidate: 'v2.0.0+abc', resolved: '1.9.9', newer: true },
    { id: 'release above its prerelease', candidate: '1.2.0', resolved: '1.2.0-rc.1', newer: true },
    { id: 'prerelease below its release', candidate: '1.2.0-rc.2', resolved: '1.2.0', newer: false },
    { id: 'numeric prerelease identifiers', candidate: '1.2.0-rc.10', resolved: '1.2.0-rc.9', newer: true },
    { id: 'not semver: any other string', candidate: 'build-42', resolved: 'build-41', newer: true },
    { id: 'not semver: same string', candidate: 'abc123', resolved: 'abc123', newer: false },
  ])('$id', ({ candidate, resolved, newer }) => {
    expect(isNewerRelease(candidate, resolved)).toBe(newer);
  });
});

describe('judgeRegression', () => {
  const now = { resolvedAtMs: 1000, resolve: { mode: 'now' as const } };
  const next = { resolvedAtMs: 1000, resolve: { mode: 'next-release' as const, release: '2.0.0' } };
  it.each([
    { id: 'resolved now: a later event regresses', group: now, event: { seenAtMs: 1001 }, regressed: true },
    {
      id: 'an event in flight before the resolution does not',
      group: now,
      event: { seenAtMs: 1000 },
      regressed: false,
    },
    {
      id: 'next release: same release does not',
      group: next,
      event: { seenAtMs: 2000, release: '2.0.0' },
      regressed: false,
    },
    { id: 'next release: no release does not', group: next, event: { seenAtMs: 2000 }, regressed: false },
    {
      id: 'next release: newer release does',
      group: next,
      event: { seenAtMs: 2000, release: '2.0.1' },
      regressed: true,
    },
  ])('$id', ({ group, event, regressed }) => {
    expect(judgeRegression(group, event).regressed).toBe(regressed);
  });
});
