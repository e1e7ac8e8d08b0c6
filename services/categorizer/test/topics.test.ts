import { describe, expect, it } from 'vitest';
import { categorizerTopicSpecs } from '../src/topics.js';

describe('categorizerTopicSpecs', () => {
  it('asks for the topics it reads and writes, partition counts from config by unprefixed name', () => {
    const specs = categorizerTopicSpecs({ topicPrefix: 'x.', partitions: { 'errors.raw': 12, alerts: 9 } });
    expect(specs.map(({ topic, partitions }) => [topic, partitions])).toEqual([
      ['x.errors.raw', 12],
      ['x.errors.categorized', 3],
      ['x.dlq', 1],
    ]);
  });
});
