import { TOPICS, type TopicName } from '@faultline/contracts';
import { defaultTopicSpecs, type TopicSpec } from '@faultline/kafka';

const USED: readonly TopicName[] = ['errorsCategorized', 'alerts', 'alertEvents', 'dlq'];

/** The topics the detector reads and writes, with partition counts from config (unprefixed name -> count). */
export function detectorTopicSpecs(kafka: {
  topicPrefix: string;
  partitions: Record<string, number>;
}): TopicSpec[] {
  const partitions: Partial<Record<TopicName, number>> = {};
  for (const name of USED) {
    const count = kafka.partitions[TOPICS[name]];
    if (count !== undefined) partitions[name] = count;
  }
  const specs = defaultTopicSpecs({ prefix: kafka.topicPrefix, partitions });
  const wanted = new Set(USED.map((name) => kafka.topicPrefix + TOPICS[name]));
  return specs.filter((spec) => wanted.has(spec.topic));
}
