import { serviceTopicSpecs, type TopicSpec } from '@faultline/kafka';

/** The topic the dashboard's buttons write to (the alerter creates it too; whoever starts first does). */
export function alertCommandsTopicSpecs(kafka: {
  topicPrefix: string;
  partitions: Record<string, number>;
}): TopicSpec[] {
  return serviceTopicSpecs(kafka, ['alertCommands']);
}
