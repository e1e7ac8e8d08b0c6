import type { TopicName } from '@faultline/contracts';
import { serviceTopicSpecs, type TopicSpec } from '@faultline/kafka';

/** Reads errors.categorized; writes tickets, regression alerts, alert commands and dead letters. */
// `access`: read into the API's view; `audit`: the API's changes.
const USED: readonly TopicName[] = [
  'errorsCategorized',
  'tickets',
  'alerts',
  'alertCommands',
  'access',
  'audit',
  'dlq',
];

/** The topics resolution reads and writes, with partition counts from config; whoever starts first creates them. */
export function resolutionTopicSpecs(kafka: {
  topicPrefix: string;
  partitions: Record<string, number>;
}): TopicSpec[] {
  return serviceTopicSpecs(kafka, USED);
}
