import type { TopicName } from '@faultline/contracts';
import { serviceTopicSpecs, type TopicSpec } from '@faultline/kafka';

// `access`: the admin API is its one writer; `audit`: read into audit_log (and written by the admin API).
const USED: readonly TopicName[] = ['errorsCategorized', 'alertEvents', 'tickets', 'access', 'audit', 'dlq'];

/** The topics metrics reads (and the dlq, access and audit it writes), with partition counts from config. */
export function metricsTopicSpecs(kafka: {
  topicPrefix: string;
  partitions: Record<string, number>;
}): TopicSpec[] {
  return serviceTopicSpecs(kafka, USED);
}
