import { loadConfig } from '@faultline/config';
import { describe, expect, it } from 'vitest';
import { DetectorConfig } from '../src/config.js';
import { dedupKeyOf, hashTagOf, resolveScope } from '../src/scope.js';
import { categorized } from './support/events.js';

function detection(env: Record<string, string> = {}) {
  return loadConfig(DetectorConfig, { env }).detection;
}

describe('resolveScope', () => {
  it.each([
    [
      'project + severity by default',
      {},
      { component: 'payment' },
      'shop:high',
      { projectId: 'shop', severity: 'high' },
    ],
    [
      'component when grouped by it',
      { FAULTLINE_DETECTION_GROUP_BY: 'component' },
      { component: 'payment' },
      'shop:high:component=payment',
      { projectId: 'shop', severity: 'high', component: 'payment' },
    ],
    [
      'no component part for an event without one',
      { FAULTLINE_DETECTION_GROUP_BY: 'component' },
      {},
      'shop:high',
      { projectId: 'shop', severity: 'high' },
    ],
    [
      'component and group',
      { FAULTLINE_DETECTION_GROUP_BY: 'component,groupId' },
      { component: 'api', groupId: 'ffffffffffffffff' },
      'shop:high:component=api:group=ffffffffffffffff',
      { projectId: 'shop', severity: 'high', component: 'api', groupId: 'ffffffffffffffff' },
    ],
    [
      "a project's own groupBy",
      { FAULTLINE_DETECTION_PROJECTS: '{"shop":{"groupBy":["groupId"]}}' },
      { groupId: 'eeeeeeeeeeeeeeee' },
      'shop:high:group=eeeeeeeeeeeeeeee',
      { projectId: 'shop', severity: 'high', groupId: 'eeeeeeeeeeeeeeee' },
    ],
  ] as const)('%s', (_name, env, event, dedupKey, scope) => {
    const resolved = resolveScope(categorized(event), detection(env));
    expect(resolved.dedupKey).toBe(dedupKey);
    expect(resolved.scope).toEqual(scope);
    expect(dedupKeyOf(resolved.scope)).toBe(dedupKey);
  });

  it("takes the runbook's thresholds, then the project's overrides", () => {
    const config = detection({
      FAULTLINE_DETECTION_PROJECTS: '{"shop":{"thresholds":{"high":{"threshold":3}}}}',
    });
    expect(resolveScope(categorized({ projectId: 'blog', severity: 'high' }), config).rule).toEqual({
      threshold: 5,
      windowMs: 300_000,
    });
    expect(resolveScope(categorized({ projectId: 'shop', severity: 'high' }), config).rule).toEqual({
      threshold: 3,
      windowMs: 300_000,
    });
    expect(resolveScope(categorized({ severity: 'critical' }), config).rule).toEqual({
      threshold: 1,
      windowMs: 0,
    });
    expect(resolveScope(categorized({ severity: 'medium' }), config).rule).toEqual({
      threshold: 20,
      windowMs: 900_000,
    });
    expect(resolveScope(categorized({ severity: 'low' }), config).rule).toEqual({
      threshold: 100,
      windowMs: 3_600_000,
    });
  });

  it('tags every scope of a project and severity alike, for Redis Cluster', () => {
    expect(hashTagOf({ projectId: 'shop', severity: 'high', component: 'api' })).toBe('{shop:high}');
  });
});
