/** Topic names without their prefix, and what each topic is keyed by (ARCHITECTURE.md). */
export const TOPICS = {
  errorsRaw: 'errors.raw',
  errorsCategorized: 'errors.categorized',
  alerts: 'alerts',
  alertEvents: 'alert-events',
  alertCommands: 'alert-commands',
  tickets: 'tickets',
  access: 'access',
  audit: 'audit',
  dlq: 'dlq',
} as const;

export type TopicName = keyof typeof TOPICS;
export type TopicNames = { readonly [K in TopicName]: string };

export const DEFAULT_TOPIC_PREFIX = 'faultline.';

export function topicNames(prefix: string = DEFAULT_TOPIC_PREFIX): TopicNames {
  if (!/^[A-Za-z0-9._-]*$/.test(prefix)) {
    throw new Error(`topic prefix ${JSON.stringify(prefix)} may only hold letters, digits, '.', '_' and '-'`);
  }
  const names = {} as Record<TopicName, string>;
  for (const [name, suffix] of Object.entries(TOPICS) as [TopicName, string][]) names[name] = prefix + suffix;
  return names;
}

/** `errors.categorized` key: one group's events stay in one partition, in order. */
export function categorizedKey(projectId: string, groupId: string): string {
  return `${projectId}:${groupId}`;
}
