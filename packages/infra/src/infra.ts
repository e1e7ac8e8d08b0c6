import { join } from 'node:path';
import { clickhouseService, clickhouseUrl } from './clickhouse.js';
import {
  type ConfigOptions,
  type InfraConfig,
  resolveConfig,
  runDir,
  SERVICE_NAMES,
  type ServiceName,
} from './config.js';
import { kafkaBrokers, kafkaService } from './kafka.js';
import { withLock } from './lock.js';
import { redisService, redisUrl } from './redis.js';
import {
  ensureService,
  type Log,
  type Service,
  type ServiceStatus,
  serviceStatus,
  stopService,
} from './service.js';

export interface InfraOptions extends ConfigOptions {
  /** @default all of kafka, redis, clickhouse */
  services?: readonly ServiceName[];
  /** Progress lines (starting, fetching, stale pid file). @default silent */
  log?: Log;
}

export interface InfraEndpoints {
  kafkaBrokers: string[];
  redisUrl: string;
  clickhouseUrl: string;
}

export type ServiceOutcome = { name: ServiceName } & (
  | { ok: true; status: ServiceStatus }
  | { ok: false; error: Error }
);

// Another `up` may be fetching jars and waiting for Kafka, which can take minutes on a cold machine.
const LOCK_TIMEOUT_MS = 10 * 60_000;

const SERVICES: Record<ServiceName, (config: InfraConfig) => Service> = {
  kafka: kafkaService,
  redis: redisService,
  clickhouse: clickhouseService,
};

export function infraEndpoints(options: ConfigOptions = {}): InfraEndpoints {
  const config = resolveConfig(options);
  return {
    kafkaBrokers: kafkaBrokers(config),
    redisUrl: redisUrl(config),
    clickhouseUrl: clickhouseUrl(config),
  };
}

/** Brings each service up independently (in parallel) and reports each outcome; one failure stops none. */
export async function bringUp(options: InfraOptions = {}): Promise<ServiceOutcome[]> {
  const config = resolveConfig(options);
  const log = options.log ?? (() => {});
  return withLock(lockPath(config), LOCK_TIMEOUT_MS, () =>
    Promise.all(
      selected(options).map(async (name): Promise<ServiceOutcome> => {
        try {
          return { name, ok: true, status: await ensureService(SERVICES[name](config), config, log) };
        } catch (error) {
          return { name, ok: false, error: error as Error };
        }
      }),
    ),
  );
}

/**
 * Makes sure Kafka, Redis and ClickHouse answer, starting the local ones that do not.
 * All or nothing: if one cannot be brought up, what this call started is stopped again.
 * `started` lists what this call started, for `stopInfra` when the caller is done.
 */
export async function ensureInfra(
  options: InfraOptions = {},
): Promise<InfraEndpoints & { started: ServiceName[] }> {
  const outcomes = await bringUp(options);
  const started = outcomes.flatMap((o) => (o.ok && o.status.state === 'started' ? [o.name] : []));
  const errors = outcomes.flatMap((o) => (o.ok ? [] : [o.error.message]));
  if (errors.length > 0) {
    await stopInfra(started, options);
    throw new Error(`local infrastructure is not available:\n${errors.join('\n')}`);
  }
  return { ...infraEndpoints(options), started };
}

/** Stops the named services if faultline started them; returns the ones it stopped. */
export async function stopInfra(
  names: readonly ServiceName[] = SERVICE_NAMES,
  options: ConfigOptions = {},
): Promise<ServiceName[]> {
  const config = resolveConfig(options);
  return withLock(lockPath(config), LOCK_TIMEOUT_MS, async () => {
    const stopped = await Promise.all(names.map((name) => stopService(SERVICES[name](config), config)));
    return names.filter((_, i) => stopped[i]);
  });
}

export function infraStatus(options: InfraOptions = {}): Promise<ServiceStatus[]> {
  const config = resolveConfig(options);
  return Promise.all(selected(options).map((name) => serviceStatus(SERVICES[name](config), config)));
}

const selected = (options: InfraOptions) => options.services ?? SERVICE_NAMES;
const lockPath = (config: InfraConfig) => join(runDir(config), 'infra.lock');
