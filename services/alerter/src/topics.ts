import type { TopicName } from '@faultline/contracts';
import { serviceTopicSpecs, type TopicSpec } from '@faultline/kafka';

const USED: readonly TopicName[] = ['alerts', 'alertCommands', 'alertEvents', 'tickets', 'dlq'];

/** The topics the alerter reads and writes, with partition counts from config. */
export function alerterTopicSpecs(kafka: {
  topicPrefix: string;
  partitions: Record<string, number>;
}): TopicSpec[] {
  return serviceTopicSpecs(kafka, USED);
}
