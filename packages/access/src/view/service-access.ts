import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { AccessView } from './access-view.js';
import { type RunningAccessView, startAccessView } from './start-access-view.js';

export interface ServiceAccessOptions {
  kafka: Kafka;
  /** The prefixed `access` topic. */
  topic: string;
  logger: Logger;
  /** The service's `auth.sessionSecret`; empty: a random one for this process (with a warning). */
  sessionSecret: string;
  /** Start of the view's consumer group id (e.g. `<consumer.groupId>.access`). */
  groupIdPrefix?: string;
  /** The runtime's `service.consumer`: the view stops with the consumers, a dead reader stops the service. */
  watch(running: RunningAccessView): void;
}

/** What an HTTP service passes to its app: the view, the session secret, and its readiness check. */
export interface ServiceAccess {
  view: AccessView;
  sessionSecret: string;
  readiness: { name: string; check: () => Promise<void> };
}

/**
 * The access wiring every HTTP service shares: starts the AccessView, hands it to the runtime,
 * and resolves once it caught up (a service is not ready before it can verify a credential).
 */
export async function startServiceAccess(options: ServiceAccessOptions): Promise<ServiceAccess> {
  const running = await startAccessView({
    kafka: options.kafka,
    topic: options.topic,
    logger: options.logger,
    ...(options.groupIdPrefix ? { groupIdPrefix: options.groupIdPrefix } : {}),
  });
  options.watch(running);
  await running.view.ready();
  const { view } = running;
  return {
    view,
    sessionSecret: sessionSecretOrRandom(options.sessionSecret, options.logger),
    readiness: {
      name: 'access-view',
      check: async () => {
        if (!view.isReady()) throw new Error('the access view is not following the access topic');
      },
    },
  };
}

/** The configured session secret, else a random one: sessions then end with the process. */
function sessionSecretOrRandom(configured: string, logger: Pick<Logger, 'warn'>): string {
  if (configured) return configured;
  logger.warn(
    'auth.sessionSecret is not set: sessions end when this process does, and other services refuse them',
  );
  return randomBytes(32).toString('base64url');
}
