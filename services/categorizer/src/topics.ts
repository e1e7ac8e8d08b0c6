import { TOPICS, type TopicName, topicNames } from '@faultline/contracts';
import { defaultTopicSpecs, type TopicSpec } from '@faultline/kafka';

const USED: readonly TopicName[] = ['errorsRaw', 'errorsCategorized', 'dlq'];

/** The topics the categorizer reads and writes, with partition counts from config (unprefixed name -> count). */
export function categorizerTopicSpecs(kafka: {
  topicPrefix: string;
  partitions: Record<string, number>;
}): TopicSpec[] {
  const names = topicNames(kafka.topicPrefix);
  const partitions = Object.fromEntries(
    USED.flatMap((name) => {
      const count = kafka.partitions[TOPICS[name]];
      return count === undefined ? [] : [[name, count]];
    }),
  );
  const wanted = new Set(USED.map((name) => names[name]));
  return defaultTopicSpecs({ prefix: kafka.topicPrefix, partitions }).filter((spec) =>
    wanted.has(spec.topic),
  );
}
