import type { TopicName } from '@faultline/contracts';
import { serviceTopicSpecs, type TopicSpec } from '@faultline/kafka';

const USED: readonly TopicName[] = ['errorsRaw', 'errorsCategorized', 'dlq'];

/** The topics the categorizer reads and writes, with partition counts from config. */
export function categorizerTopicSpecs(kafka: {
  topicPrefix: string;
  partitions: Record<string, number>;
}): TopicSpec[] {
  return serviceTopicSpecs(kafka, USED);
}
