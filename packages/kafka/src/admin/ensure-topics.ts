import type { Admin } from 'kafkajs';
import type { TopicSpec } from './topic-specs.js';
import { waitForPartitions } from './wait-for-partitions.js';

export interface EnsureTopicsReport {
  created: string[];
  /** Topics that had fewer partitions than asked and were grown. */
  grown: { topic: string; from: number; to: number }[];
  /** Topics already as asked, or with more partitions than asked (never shrunk: Kafka cannot, and keys would move). */
  unchanged: string[];
}

/**
 * Idempotent: creates missing topics, adds partitions where a spec asks for more, never
 * removes any; returns once the broker serves what it created. Configs apply at creation only; changing a live topic's configs is a
 * deliberate operation, not a side effect of starting a service.
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<EnsureTopicsReport> {
  const report: EnsureTopicsReport = { created: [], grown: [], unchanged: [] };
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.topic));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor ?? -1,
        configEntries: Object.entries(spec.configs ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    await waitForPartitions(admin, missing);
    report.created.push(...missing.map((spec) => spec.topic));
  }

  const present = specs.filter((spec) => existing.has(spec.topic));
  if (present.length === 0) return report;
  const { topics } = await admin.fetchTopicMetadata({ topics: present.map((spec) => spec.topic) });
  const current = new Map(topics.map((topic) => [topic.name, topic.partitions.length]));
  const toGrow = present.flatMap((spec) => {
    const from = current.get(spec.topic) ?? 0;
    return spec.partitions > from ? [{ topic: spec.topic, from, to: spec.partitions }] : [];
  });
  if (toGrow.length > 0) {
    await admin.createPartitions({ topicPartitions: toGrow.map(({ topic, to }) => ({ topic, count: to })) });
    await waitForPartitions(
      admin,
      toGrow.map(({ topic, to }) => ({ topic, partitions: to })),
    );
  }
  report.grown.push(...toGrow);
  const grownNames = new Set(toGrow.map((entry) => entry.topic));
  report.unchanged.push(...present.filter((spec) => !grownNames.has(spec.topic)).map((spec) => spec.topic));
  return report;
}
