import type { TopicName } from '@faultline/contracts';
import { serviceTopicSpecs, type TopicSpec } from '@faultline/kafka';

const USED: readonly TopicName[] = ['errorsCategorized', 'alertEvents', 'tickets', 'dlq'];

/** The topics metrics reads (and the dlq it writes), with partition counts from config. */
export function metricsTopicSpecs(kafka: {
  topicPrefix: string;
  partitions: Record<string, number>;
}): TopicSpec[] {
  return serviceTopicSpecs(kafka, USED);
}
