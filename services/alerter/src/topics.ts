import type { TopicName } from '@faultline/contracts';
import { serviceTopicSpecs, type TopicSpec } from '@faultline/kafka';

// `access`: read into the API's view; `audit`: the API's changes.
const USED: readonly TopicName[] = [
  'alerts',
  'alertCommands',
  'alertEvents',
  'tickets',
  'access',
  'audit',
  'dlq',
];

/** The topics the alerter reads and writes, with partition counts from config. */
export function alerterTopicSpecs(kafka: {
  topicPrefix: string;
  partitions: Record<string, number>;
}): TopicSpec[] {
  return serviceTopicSpecs(kafka, USED);
}
