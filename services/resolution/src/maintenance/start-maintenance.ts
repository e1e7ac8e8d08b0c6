import type { ClickHouseClient } from '@clickhouse/client';
import { createRedis } from '@faultline/redis';
import type { Logger } from 'pino';
import type { ResolutionConfig } from '../config.js';
import { type ArchiveResult, archiveResolvedGroups } from './archive-resolved-groups.js';
import { withRedisLock } from './redis-lock.js';

type MaintenanceConfig = Pick<ResolutionConfig, 'archive' | 'clickhouse' | 'redis'>;

export interface MaintenanceDeps {
  clickhouse: ClickHouseClient;
  logger: Pick<Logger, 'info' | 'error'>;
  /** @default Date.now */
  now?: () => number;
}

/**
 * The key every resolution instance competes for; one hash tag so it works on a cluster too. Its
 * name is the one metrics used before the move, so old and new instances never archive at once.
 */
export const maintenanceLockKey = (config: Pick<ResolutionConfig, 'redis'>) =>
  `${config.redis.keyPrefix}{fl:metrics:maintenance}:lock`;

/**
 * One maintenance run under the Redis lock: archives resolved groups. Skipped (`null`) while another
 * instance runs. Redis is connected per run: the timer holds no connection between runs, and the
 * service's shutdown needs no extra step (a run cut short leaves the lock to expire).
 */
export async function runMaintenanceOnce(
  config: MaintenanceConfig,
  deps: MaintenanceDeps,
): Promise<ArchiveResult | null> {
  const redis = createRedis(config.redis, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {}); // failures surface as the rejected commands below
  try {
    await redis.connect();
    const outcome = await withRedisLock(redis, maintenanceLockKey(config), config.archive.lockTtlMs, () =>
      archiveResolvedGroups(
        deps.clickhouse,
        config.clickhouse.database,
        config.archive.resolvedAfterDays,
        (deps.now ?? Date.now)(),
      ),
    );
    return outcome.ran ? outcome.value : null;
  } finally {
    redis.disconnect();
  }
}

/** Runs maintenance every `archive.intervalMs`; runs never overlap in this process, the lock keeps instances apart. */
export function startMaintenance(config: MaintenanceConfig, deps: MaintenanceDeps): { stop(): void } {
  if (!config.archive.enabled) return { stop: () => {} };
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const result = await runMaintenanceOnce(config, deps);
      if (result === null) deps.logger.info({}, 'maintenance skipped: another instance holds the lock');
      else deps.logger.info(result, 'maintenance: resolved groups archived');
    } catch (error) {
      deps.logger.error({ err: error }, 'maintenance run failed');
    }
    if (!stopped) schedule();
  };
  // unref: a pending run never keeps the process alive at shutdown.
  const schedule = () => {
    timer = setTimeout(tick, config.archive.intervalMs);
    timer.unref();
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
