import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTopicSpecs, ensureTopics } from '../../src/index.js';
import { deleteTopics, testKafka, uniqueName } from '../support/infra.js';

let admin: Admin;
const created: string[] = [];

async function partitionCounts(topics: string[]): Promise<Record<string, number>> {
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
  return Object.fromEntries(metadata.map((t) => [t.name, t.partitions.length]));
}

beforeAll(async () => {
  admin = testKafka().admin();
  await admin.connect();
});

afterAll(async () => {
  await deleteTopics(admin, created);
  await admin.disconnect();
});

describe('ensureTopics against a real broker', () => {
  it('creates the default topics once, then grows partitions when asked and never shrinks them', async () => {
    const prefix = `${uniqueName('ensure')}.`;
    const specs = defaultTopicSpecs({ prefix, configs: { dlq: { 'retention.ms': '1209600000' } } });
    const names = specs.map((s) => s.topic);
    created.push(...names);

    const first = await ensureTopics(admin, specs);
    expect(first).toEqual({ created: names, grown: [], unchanged: [] });
    expect(await partitionCounts(names)).toEqual(
      Object.fromEntries(specs.map((s) => [s.topic, s.partitions])),
    );
    const [dlqConfig] = (
      await admin.describeConfigs({
        resources: [{ type: 2, name: `${prefix}dlq`, configNames: ['retention.ms'] }],
        includeSynonyms: false,
      })
    ).resources;
    expect(dlqConfig?.configEntries[0]?.configValue).toBe('1209600000');

    const again = await ensureTopics(admin, specs);
    expect(again).toEqual({ created: [], grown: [], unchanged: names });

    const grown = defaultTopicSpecs({ prefix, partitions: { errorsRaw: 8, alerts: 1 } });
    const third = await ensureTopics(admin, grown);
    expect(third.grown).toEqual([{ topic: `${prefix}errors.raw`, from: 6, to: 8 }]);
    expect(third.unchanged).toContain(`${prefix}alerts`);
    const counts = await partitionCounts([`${prefix}errors.raw`, `${prefix}alerts`]);
    expect(counts).toEqual({ [`${prefix}errors.raw`]: 8, [`${prefix}alerts`]: 3 });
  });
});
