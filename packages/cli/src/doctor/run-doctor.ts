/** Runs every probe side by side and, only when asked, restarts local infrastructure that is down. */
import { bringUp, type InfraEndpoints } from '@faultline/infra';
import { newest } from './log-errors.js';
import { probeClickHouse, probeHost, probeKafka, probeRedis, probeService, recentErrors } from './probes.js';
import { buildReport, type DoctorReport, restartable } from './report.js';

export interface DoctorOptions {
  endpoints: InfraEndpoints;
  /** Redis Cluster seeds (FAULTLINE_REDIS_CLUSTER_NODES), as the services are given them. */
  redisClusterNodes?: string[];
  services: Record<string, string>;
  expectedTopics: string[];
  groups: Record<string, string[]>;
  maxLag: number;
  timeoutMs: number;
  logsDir: string;
  dataPath: string;
  sinceMs: number;
  errorLimit: number;
  restart: boolean;
  /** Passed to @faultline/infra so a restart uses the same FAULTLINE_HOME and ports. */
  env: NodeJS.ProcessEnv;
  onStep?: (done: number, total: number, label: string) => void;
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  let report = await probeAll(options);
  const down = options.restart ? restartable(report.checks) : [];
  if (down.length === 0) return report;
  options.onStep?.(0, 1, `restarting ${down.join(', ')}`);
  const outcomes = await bringUp({ services: down, env: options.env });
  report = await probeAll(options);
  report.restarted = outcomes.filter((o) => o.ok).map((o) => o.name);
  for (const o of outcomes)
    if (!o.ok)
      report.checks.push({
        name: `restart ${o.name}`,
        area: o.name,
        status: 'down',
        detail: o.error.message,
      });
  return buildReport(report.checks, report.errors, report.restarted);
}

async function probeAll(options: DoctorOptions): Promise<DoctorReport> {
  const { endpoints, timeoutMs } = options;
  const steps: [string, Promise<unknown>][] = [];
  let done = 0;
  const track = <T>(label: string, work: Promise<T>): Promise<T> => {
    steps.push([label, work]);
    return work.finally(() => options.onStep?.(++done, steps.length, label));
  };
  const [services, kafka, redis, clickhouse, host, errors] = await Promise.all([
    track(
      'services',
      Promise.all(Object.entries(options.services).map(([name, url]) => probeService(name, url, timeoutMs))),
    ),
    track(
      'kafka',
      probeKafka({
        brokers: endpoints.kafkaBrokers,
        expectedTopics: options.expectedTopics,
        groups: options.groups,
        maxLag: options.maxLag,
        timeoutMs,
      }),
    ),
    track(
      'redis',
      probeRedis({ url: endpoints.redisUrl, clusterNodes: options.redisClusterNodes }, timeoutMs),
    ),
    track('clickhouse', probeClickHouse(endpoints.clickhouseUrl, timeoutMs)),
    track('host', probeHost(options.dataPath)),
    track('logs', recentErrors(options.logsDir, options.sinceMs)),
  ]);
  return buildReport([...services, ...kafka, redis, clickhouse, ...host], newest(errors, options.errorLimit));
}
