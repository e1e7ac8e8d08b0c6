/** Where doctor looks unless told otherwise: the local stack's ports, topics and consumer groups. */
import { DEFAULT_TOPIC_PREFIX, TOPICS, topicNames } from '@faultline/contracts';
import { serviceUrl } from '../api/service-endpoints.js';

export const SERVICE_NAMES = [
  'ingest',
  'categorizer',
  'detector',
  'alerter',
  'metrics',
  'resolution',
] as const;

/** Each service at its default local port; `FAULTLINE_<NAME>_URL` moves one. */
export function defaultServices(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(SERVICE_NAMES.map((name) => [name, serviceUrl(name, env)]));
}

export function topicPrefix(env: NodeJS.ProcessEnv): string {
  return env.FAULTLINE_TOPIC_PREFIX ?? DEFAULT_TOPIC_PREFIX;
}

export function expectedTopics(prefix: string): string[] {
  return Object.values(topicNames(prefix));
}

/** Every service's default consumer group and what it reads (the services' READMEs). */
export function defaultGroups(prefix: string): Record<string, string[]> {
  const t = (name: keyof typeof TOPICS) => prefix + TOPICS[name];
  return {
    'faultline-categorizer': [t('errorsRaw')],
    'faultline-detector': [t('errorsCategorized')],
    'faultline-alerter': [t('alerts')],
    'faultline-alerter.commands': [t('alertCommands')],
    'faultline-metrics.events': [t('errorsCategorized')],
    'faultline-metrics.alert-events': [t('alertEvents')],
    'faultline-metrics.tickets': [t('tickets')],
    'faultline-metrics.resolution': [t('errorsCategorized')],
  };
}
