import os from 'node:os';
import type { ClickHouseClient } from '@clickhouse/client';
import type { GroupLag, ProbeResult, SystemHealth } from '@faultline/api-contracts';
import { pingClickHouse } from '@faultline/clickhouse';
import { consumerLag } from '@faultline/kafka';
import type { RedisClient } from '@faultline/redis';
import type { Admin } from 'kafkajs';
import type { HealthSummary } from './recommendations.js';

export interface SystemHealthOptions {
  /** name -> base URL; `/readyz` is asked. */
  services: Record<string, string>;
  /** consumer group -> full topic names. */
  consumerGroups: Record<string, string[]>;
  maxHealthyLag: number;
  probeTimeoutMs: number;
  admin: Admin;
  redis: RedisClient;
  clickhouse: ClickHouseClient;
}

async function probe(name: string, timeoutMs: number, check: () => Promise<unknown>): Promise<ProbeResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { name, ok: true };
  } catch (error) {
    return { name, ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function readyz(baseUrl: string, timeoutMs: number): Promise<void> {
  const response = await fetch(new URL('/readyz', baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`/readyz answered ${response.status}`);
}

/** Every service's readiness, Kafka, Redis, ClickHouse, each group's lag and the host's usage, probed side by side. */
export async function checkSystemHealth(options: SystemHealthOptions): Promise<SystemHealth> {
  const timeout = options.probeTimeoutMs;
  const [services, infrastructure, lags] = await Promise.all([
    Promise.all(
      Object.entries(options.services).map(([name, url]) => probe(name, timeout, () => readyz(url, timeout))),
    ),
    Promise.all([
      probe('kafka', timeout, () => options.admin.describeCluster()),
      probe('redis', timeout, () => options.redis.ping()),
      probe('clickhouse', timeout, () => pingClickHouse(options.clickhouse)),
    ]),
    Promise.all(
      Object.entries(options.consumerGroups).map(async ([groupId, topics]): Promise<GroupLag> => {
        let lag = 0;
        const result = await probe(groupId, timeout, async () => {
          const partitions = await consumerLag(options.admin, groupId, topics);
          lag = partitions.reduce((sum, p) => sum + p.lag, 0);
        });
        return {
          groupId,
          topics,
          lag,
          ok: result.ok && lag <= options.maxHealthyLag,
          ...(result.error ? { error: result.error } : {}),
        };
      }),
    ),
  ]);
  const host = {
    memoryUsage: 1 - os.freemem() / os.totalmem(),
    cpuUsage: (os.loadavg()[0] ?? 0) / Math.max(1, os.cpus().length),
  };
  const healthy = [...services, ...infrastructure, ...lags].every((part) => part.ok);
  return { status: healthy ? 'healthy' : 'degraded', services, infrastructure, consumerLag: lags, host };
}

export function summarizeHealth(health: SystemHealth): HealthSummary {
  return {
    ...health.host,
    down: [...health.services, ...health.infrastructure].filter((p) => !p.ok).map((p) => p.name),
    lagging: health.consumerLag
      .filter((g) => !g.ok && !g.error)
      .map(({ groupId, lag }) => ({ groupId, lag })),
  };
}
