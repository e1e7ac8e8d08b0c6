import { TOPICS, topicNames } from '@faultline/contracts';
import { defaultTopicSpecs, type TopicSpec } from '@faultline/kafka';

/** The topic the dashboard's buttons write to (the alerter creates it too; whoever starts first does). */
export function alertCommandsTopicSpecs(kafka: {
  topicPrefix: string;
  partitions: Record<string, number>;
}): TopicSpec[] {
  const topic = topicNames(kafka.topicPrefix).alertCommands;
  const count = kafka.partitions[TOPICS.alertCommands];
  return defaultTopicSpecs({
    prefix: kafka.topicPrefix,
    partitions: count === undefined ? {} : { alertCommands: count },
  }).filter((spec) => spec.topic === topic);
}
