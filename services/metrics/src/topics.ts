import { TOPICS, type TopicName, topicNames } from '@faultline/contracts';
import { defaultTopicSpecs, type TopicSpec } from '@faultline/kafka';

const USED: readonly TopicName[] = ['errorsCategorized', 'alertEvents', 'tickets', 'dlq'];

/** The topics metrics reads (and the dlq it writes), with partition counts from config. */
export function metricsTopicSpecs(kafka: {
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
