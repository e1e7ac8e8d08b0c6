import { createLogger, createMetricsRegistry, type Logger } from '@faultline/observability';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { startHealthServer } from './health-server.js';
import type { ConsumerLiveness } from './liveness.js';
import type { ReadinessCheck } from './readiness.js';
import { StopPlan, type StopStage, type StopStep } from './stop-plan.js';

export interface ServiceOptions {
  /** On every log line (`service`) and every metric (`service` label). */
  name: string;
  /** @default 'info' */
  logLevel?: string;
  /** A shutdown still running after this long exits with code 1: a stuck close must not keep a pod alive. @default 10000 */
  shutdownTimeoutMs?: number;
  /** Shut down on SIGTERM, SIGINT, an uncaught error or an unhandled rejection. @default true */
  handleProcessEvents?: boolean;
  /** Called once the shutdown is over. @default process.exit */
  exit?: (code: number) => void;
}

/** What `consumer()` watches: a `RunningConsumer` of @faultline/kafka, or a service's bundle of them. */
export interface WatchedConsumer {
  /** Rejects when the consumer gives up (crash, DLQ limit). */
  done: Promise<unknown>;
  stop(): Promise<unknown>;
  /** Whether a chunk is in flight past its deadline (`RunningConsumer.liveness`, `combinedLiveness` for a bundle); /healthz fails while it is. */
  liveness?(): ConsumerLiveness;
}

export interface ListenOptions {
  host: string;
  port: number;
}

export interface ShutdownReason {
  signal?: NodeJS.Signals;
  /** Set: the service crashed, and exits with code 1. */
  error?: unknown;
}

export interface Service {
  readonly name: string;
  readonly logger: Logger;
  readonly registry: Registry;
  /** Runs `step` at shutdown in its stage (STOP_STAGES: consumers, producers, servers, clients). */
  onStop(stage: StopStage, step: StopStep): void;
  /** Stopped in the `consumers` stage; when its `done` rejects, the service shuts down with exit code 1. */
  consumer<C extends WatchedConsumer>(consumer: C): C;
  /** Every watched consumer's liveness, for health routes. */
  liveness(): ConsumerLiveness[];
  /**
   * Listens with an app that has its own health routes; closed in the `servers` stage. The app
   * registers `healthRoutes` with `liveness: service.liveness`, so its /healthz answers 503
   * FL_RUNTIME_CONSUMER_STUCK while a watched consumer is stuck (an app is ready before it
   * gets here, too late to add a hook).
   */
  listen(app: FastifyInstance, options: ListenOptions): Promise<void>;
  /** For a service with no HTTP API: a server with only /healthz, /readyz (these checks) and /metrics. */
  listenHealth(options: ListenOptions, checks: readonly ReadinessCheck[]): Promise<FastifyInstance>;
  /** Logs `<name> started` with `details` and the address it listens at (tests and the supervisor wait for it). */
  started(details?: Record<string, unknown>): void;
  /** Runs the stop stages once, then exits: 0 after a signal, 1 after a crash, a failed step or the timeout. */
  shutdown(reason?: ShutdownReason): Promise<void>;
}

/**
 * The one way to run a service: call it first in `main.ts`, then create clients, consumers and
 * the server top-down, registering each with the stage it stops in. Every service then starts,
 * answers health checks, crashes and stops the same way.
 */
export function startService(options: ServiceOptions): Service {
  const { name } = options;
  const logger = createLogger({ service: name, level: options.logLevel });
  const registry = createMetricsRegistry(name);
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const plan = new StopPlan();
  const watched: WatchedConsumer[] = [];
  const liveness = () => watched.flatMap((consumer) => (consumer.liveness ? [consumer.liveness()] : []));
  let address: string | undefined;
  let stopping: Promise<void> | undefined;
  let failedWhileStopping = false;

  function shutdown(reason: ShutdownReason = {}): Promise<void> {
    if (stopping) {
      if (reason.signal) {
        logger.warn({ signal: reason.signal }, 'second signal while shutting down; exiting now');
        exit(1);
      } else if (reason.error !== undefined) {
        failedWhileStopping = true;
        logger.error({ err: reason.error }, 'error while shutting down');
      }
      return stopping;
    }
    if (reason.error !== undefined) logger.error({ err: reason.error }, `${name} crashed; shutting down`);
    else logger.info({ signal: reason.signal }, `${name} shutting down`);
    stopping = (async () => {
      const timer = setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown did not finish in time; exiting');
        exit(1);
      }, timeoutMs);
      const ok = await plan.run(logger);
      clearTimeout(timer);
      const code = reason.error !== undefined || !ok || failedWhileStopping ? 1 : 0;
      logger.info({ code }, `${name} stopped`);
      exit(code);
    })();
    return stopping;
  }

  if (options.handleProcessEvents ?? true) {
    const onSignal = (signal: NodeJS.Signals) => void shutdown({ signal });
    // A rejected top-level await in main.ts arrives here too: what had started is closed.
    const onError = (error: unknown) => void shutdown({ error });
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    process.on('uncaughtException', onError);
    process.on('unhandledRejection', onError);
  }

  return {
    name,
    logger,
    registry,
    onStop: (stage, step) => plan.add(stage, step),
    liveness,
    consumer(consumer) {
      watched.push(consumer);
      plan.add('consumers', () => consumer.stop());
      consumer.done.catch((error: unknown) => void shutdown({ error }));
      return consumer;
    },
    async listen(app, { host, port }) {
      plan.add('servers', () => app.close());
      address = await app.listen({ host, port });
    },
    async listenHealth({ host, port }, checks) {
      const server = await startHealthServer({ host, port, logger, registry, checks, liveness });
      plan.add('servers', () => server.close());
      const bound = server.server.address();
      address = typeof bound === 'object' && bound ? `http://${host}:${bound.port}` : String(bound);
      return server;
    },
    started(details = {}) {
      logger.info({ ...details, address }, `${name} started`);
    },
    shutdown,
  };
}
