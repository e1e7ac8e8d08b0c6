import { describe, expect, it } from 'vitest';
import { defaultTopicSpecs, serviceTopicSpecs } from '../../src/admin/topic-specs.js';

describe('defaultTopicSpecs', () => {
  it('names every topic with the prefix and sizes errors.raw largest, the dlq smallest', () => {
    const specs = defaultTopicSpecs({ prefix: 'ft.' });
    expect(Object.fromEntries(specs.map((s) => [s.topic, s.partitions]))).toEqual({
      'ft.errors.raw': 6,
      'ft.errors.categorized': 3,
      'ft.alerts': 3,
      'ft.alert-events': 3,
      'ft.alert-commands': 3,
      'ft.tickets': 3,
      'ft.access': 1,
      'ft.audit': 3,
      'ft.dlq': 1,
    });
    expect(specs.every((s) => s.replicationFactor === undefined)).toBe(true);
    // Only the access topic carries a config of its own: compaction keeps the latest record per key.
    expect(specs.filter((s) => s.configs).map((s) => [s.topic, s.configs])).toEqual([
      ['ft.access', { 'cleanup.policy': 'compact' }],
    ]);
  });

  it('takes overrides per topic', () => {
    const specs = defaultTopicSpecs({
      partitions: { errorsRaw: 24, dlq: 2 },
      replicationFactor: 3,
      configs: { dlq: { 'retention.ms': '1209600000' } },
    });
    const byTopic = new Map(specs.map((s) => [s.topic, s]));
    expect(byTopic.get('faultline.errors.raw')).toEqual({
      topic: 'faultline.errors.raw',
      partitions: 24,
      replicationFactor: 3,
    });
    expect(byTopic.get('faultline.dlq')).toEqual({
      topic: 'faultline.dlq',
      partitions: 2,
      replicationFactor: 3,
      configs: { 'retention.ms': '1209600000' },
    });
    expect(byTopic.get('faultline.alerts')?.partitions).toBe(3);
  });
});

describe('serviceTopicSpecs', () => {
  it('keeps only the topics a service uses, sized by config keyed on unprefixed names', () => {
    const specs = serviceTopicSpecs(
      { topicPrefix: 'staging.', partitions: { 'errors.raw': 12, alerts: 9 } },
      ['errorsRaw', 'dlq'],
    );
    expect(specs).toEqual([
      { topic: 'staging.errors.raw', partitions: 12 },
      { topic: 'staging.dlq', partitions: 1 },
    ]);
  });
});
