import { TOPICS, type TopicName, topicNames } from '@faultline/contracts';

export interface TopicSpec {
  topic: string;
  partitions: number;
  /** @default -1 (the broker's default.replication.factor) */
  replicationFactor?: number;
  /** Topic configs, applied when the topic is created. */
  configs?: Record<string, string>;
}

/** errors.raw takes ingest's full rate, so it gets the most partitions; the DLQ needs no parallelism. */
export const DEFAULT_PARTITIONS: Readonly<Record<TopicName, number>> = {
  errorsRaw: 6,
  errorsCategorized: 3,
  alerts: 3,
  alertEvents: 3,
  alertCommands: 3,
  tickets: 3,
  // Read whole by every HTTP service at start: one partition keeps that a single ordered scan.
  access: 1,
  audit: 3,
  dlq: 1,
};

/** Configs a topic needs to mean what its contract says: `access` keeps the latest record per key. */
export const DEFAULT_CONFIGS: Readonly<Partial<Record<TopicName, Record<string, string>>>> = {
  access: { 'cleanup.policy': 'compact' },
};

export interface DefaultTopicSpecsOptions {
  /** @default 'faultline.' */
  prefix?: string;
  partitions?: Partial<Record<TopicName, number>>;
  replicationFactor?: number;
  configs?: Partial<Record<TopicName, Record<string, string>>>;
}

export function defaultTopicSpecs(options: DefaultTopicSpecsOptions = {}): TopicSpec[] {
  const names = topicNames(options.prefix);
  return (Object.keys(DEFAULT_PARTITIONS) as TopicName[]).map((name) => {
    const spec: TopicSpec = {
      topic: names[name],
      partitions: options.partitions?.[name] ?? DEFAULT_PARTITIONS[name],
    };
    if (options.replicationFactor !== undefined) spec.replicationFactor = options.replicationFactor;
    const configs = { ...DEFAULT_CONFIGS[name], ...options.configs?.[name] };
    if (Object.keys(configs).length > 0) spec.configs = configs;
    return spec;
  });
}

/**
 * The specs of the topics one service uses, with partition counts from its config, where they
 * are keyed by the unprefixed topic name (`errors.raw: 12`) as operators write them.
 */
export function serviceTopicSpecs(
  kafka: { topicPrefix: string; partitions: Record<string, number> },
  used: readonly TopicName[],
): TopicSpec[] {
  const partitions: Partial<Record<TopicName, number>> = {};
  for (const name of used) {
    const count = kafka.partitions[TOPICS[name]];
    if (count !== undefined) partitions[name] = count;
  }
  const wanted = new Set<string>(used.map((name) => topicNames(kafka.topicPrefix)[name]));
  return defaultTopicSpecs({ prefix: kafka.topicPrefix, partitions }).filter((spec) =>
    wanted.has(spec.topic),
  );
}
