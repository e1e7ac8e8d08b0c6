import type { TopicName } from '@faultline/contracts';
import { serviceTopicSpecs, type TopicSpec } from '@faultline/kafka';

const USED: readonly TopicName[] = ['errorsCategorized', 'alerts', 'alertEvents', 'dlq'];

/** The topics the detector reads and writes, with partition counts from config. */
export function detectorTopicSpecs(kafka: {
  topicPrefix: string;
  partitions: Record<string, number>;
}): TopicSpec[] {
  return serviceTopicSpecs(kafka, USED);
}
