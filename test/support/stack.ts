/**
 * The six services as real processes under the `pnpm start` supervisor, each on a free port,
 * sharing one private namespace: topic prefix, consumer groups, Redis key prefix and ClickHouse
 * database. Several stacks (test files, a bench) can run against the same Kafka, Redis and
 * ClickHouse without seeing each other. `stop()` removes everything the stack made.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { newToken } from '@faultline/access';
import { createClickHouse } from '@faultline/clickhouse';
import { TOPICS, topicNames } from '@faultline/contracts';
import { resolveConfig } from '@faultline/infra';
import { defaultTopicSpecs, ensureTopics } from '@faultline/kafka';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { FAULTLINE_SERVICES, type ServiceSpec } from '../../packages/infra/src/stack/faultline-services.js';
import { Supervisor } from '../../packages/infra/src/stack/supervisor.js';
import { waitReady } from '../../packages/infra/src/stack/wait-ready.js';
import { freePort } from './free-port.js';

export type ServiceName = 'ingest' | 'categorizer' | 'detector' | 'alerter' | 'metrics' | 'resolution';
export const SERVICE_NAMES: readonly ServiceName[] = [
  'ingest',
  'categorizer',
  'detector',
  'alerter',
  'metrics',
  'resolution',
];

export interface StackEndpoints {
  kafkaBrokers: string[];
  redisUrl: string;
  clickhouseUrl: string;
}

export interface StackOptions {
  infra: StackEndpoints;
  /** Extra environment for every service (e.g. the receivers, shorter escalation). */
  env?: Record<string, string>;
  /** How to run a service instead of from source (e.g. its built bundle). */
  command?: (name: ServiceName) => ServiceSpec['command'];
  /** Extra environment for one service. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Partitions per unprefixed topic name. @default 2 for errors.raw and errors.categorized, else 1 */
  partitions?: Record<string, number>;
  /** Name part of the namespace, for finding leftovers. @default 'e2e' */
  label?: string;
  /** @default 'info' */
  logLevel?: string;
  /** Progress and supervisor lines. @default silent */
  log?: (line: string) => void;
}

export interface Project {
  id: string;
  key: string;
  dsn: string;
}

export class Stack {
  readonly run = randomBytes(4).toString('hex');
  readonly prefix: string;
  readonly database: string;
  readonly topics: ReturnType<typeof topicNames>;
  /** The owner's API token (admin on every project): metrics makes it at start, every service accepts it. */
  readonly ownerToken = newToken().secret;
  /** Every HTTP service's `auth.sessionSecret`: a session cookie signed with it is good everywhere. */
  readonly sessionSecret = randomBytes(32).toString('base64url');
  readonly logsDir: string;
  readonly ports = {} as Record<ServiceName, number>;
  readonly clickhouse: ClickHouseClient;
  private readonly supervisor: Supervisor;
  private readonly redis: Redis;
  private readonly kafka: Kafka;
  private specs: ServiceSpec[] = [];

  constructor(private readonly options: StackOptions) {
    const label = options.label ?? 'e2e';
    this.prefix = `${label}-${this.run}.`;
    this.database = `${label.replace(/[^A-Za-z0-9_]/g, '_')}_${this.run}`;
    this.topics = topicNames(this.prefix);
    this.logsDir = mkdtempSync(join(tmpdir(), `faultline-${label}-logs-`));
    this.supervisor = new Supervisor({
      repoRoot: resolveConfig().repoRoot,
      logsDir: this.logsDir,
      env: {},
      log: options.log ?? (() => {}),
      // Crashes in fault tests should come back quickly.
      backoffMs: 200,
      maxBackoffMs: 2000,
    });
    this.clickhouse = createClickHouse({ url: options.infra.clickhouseUrl, database: this.database });
    this.redis = new Redis(options.infra.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
    this.kafka = new Kafka({
      clientId: this.prefix,
      brokers: options.infra.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
  }

  url(name: ServiceName): string {
    return `http://127.0.0.1:${this.ports[name]}`;
  }

  /** Every topic's count (unprefixed name -> partitions), given to the services too, so none grows a topic. */
  get partitions(): Record<string, number> {
    const given = this.options.partitions ?? { [TOPICS.errorsRaw]: 2, [TOPICS.errorsCategorized]: 2 };
    return Object.fromEntries(Object.values(TOPICS).map((topic) => [topic, given[topic] ?? 1]));
  }

  /** Topics first (ingest writes before the consumers would create them), then every service, ready. */
  async start(timeoutMs = 120_000): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const partitions = Object.fromEntries(
        Object.entries(TOPICS).map(([name, topic]) => [name, this.partitions[topic] as number]),
      );
      await ensureTopics(admin, defaultTopicSpecs({ prefix: this.prefix, partitions }));
    } finally {
      await admin.disconnect();
    }
    for (const name of SERVICE_NAMES) this.ports[name] = await freePort();
    const { infra } = this.options;
    const common: Record<string, string> = {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      REDIS_URL: infra.redisUrl,
      CLICKHOUSE_URL: infra.clickhouseUrl,
      CLICKHOUSE_DATABASE: this.database,
      FAULTLINE_TOPIC_PREFIX: this.prefix,
      FAULTLINE_KAFKA_PARTITIONS: JSON.stringify(this.partitions),
      FAULTLINE_REDIS_KEY_PREFIX: this.prefix,
      FAULTLINE_AUTH_SESSION_SECRET: this.sessionSecret,
      FAULTLINE_INGEST_PUBLIC_URL: `http://127.0.0.1:${this.ports.ingest}`,
      // Fresh private topics: every consumer reads them whole, however late its group joins.
      FAULTLINE_CONSUMER_FROM_BEGINNING: 'true',
      LOG_LEVEL: this.options.logLevel ?? 'info',
      ...this.options.env,
    };
    // The dashboard reads tickets and investigations from resolution, which checks every service's health.
    const wiring: Partial<Record<ServiceName, Record<string, string>>> = {
      // Metrics, the writer of `access`, makes the owner and its token (as `pnpm start` does).
      metrics: {
        FAULTLINE_DASHBOARD_RESOLUTION_URL: this.url('resolution'),
        FAULTLINE_ADMIN_OWNER_TOKEN: this.ownerToken,
      },
      resolution: {
        FAULTLINE_CORS_ORIGINS: this.url('metrics'),
        FAULTLINE_INVESTIGATION_SERVICES: JSON.stringify(
          Object.fromEntries(SERVICE_NAMES.map((name) => [name, this.url(name)])),
        ),
      },
    };
    this.specs = FAULTLINE_SERVICES.map((spec) => {
      const name = spec.name as ServiceName;
      return {
        ...spec,
        port: this.ports[name],
        command: this.options.command?.(name),
        env: {
          ...common,
          FAULTLINE_CONSUMER_GROUP_ID: `${this.prefix}${name}`,
          ...wiring[name],
          ...this.options.serviceEnv?.[name],
        },
      };
    });
    for (const spec of this.specs) this.supervisor.start(spec);
    await this.waitReady(SERVICE_NAMES, timeoutMs);
    await this.waitOwnerToken(timeoutMs);
  }

  /** `Authorization: Bearer <owner token>`, for every API of the stack. */
  get auth(): { authorization: string } {
    return { authorization: `Bearer ${this.ownerToken}` };
  }

  /** Until every service with an API accepts the owner token (each reads it from `access` on its own). */
  private async waitOwnerToken(timeoutMs: number): Promise<void> {
    const probes: [ServiceName, string][] = [
      ['ingest', '/admin/projects'],
      ['alerter', '/api/v1/alerts?limit=1'],
      ['metrics', '/api/v1/projects'],
      ['resolution', '/api/v1/projects/owner-probe/tickets?limit=1'],
    ];
    const deadline = Date.now() + timeoutMs;
    for (const [name, path] of probes) {
      for (;;) {
        const status = await fetch(`${this.url(name)}${path}`, { headers: this.auth })
          .then((r) => r.arrayBuffer().then(() => r.status))
          .catch(() => 0);
        if (status === 200) break;
        if (Date.now() > deadline)
          throw new Error(`${name} does not accept the owner token (${status})\n${this.logTails([name])}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  async waitReady(names: readonly ServiceName[] = SERVICE_NAMES, timeoutMs = 120_000): Promise<void> {
    try {
      await Promise.all(names.map((name) => waitReady(`${this.url(name)}/readyz`, timeoutMs)));
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${this.logTails(names)}`);
    }
  }

  pid(name: ServiceName): number | undefined {
    return this.supervisor.pid(name);
  }

  /** kill -9: the supervisor restarts it. */
  kill(name: ServiceName): number | undefined {
    const pid = this.pid(name);
    this.supervisor.kill(name, 'SIGKILL');
    return pid;
  }

  /** The last lines of each service's log, for a failure message. */
  logTails(names: readonly ServiceName[] = SERVICE_NAMES, lines = 15): string {
    return names
      .map((name) => {
        let text = '';
        try {
          text = readFileSync(join(this.logsDir, `${name}.log`), 'utf8');
        } catch {}
        return `--- ${name}.log\n${text.trimEnd().split('\n').slice(-lines).join('\n')}`;
      })
      .join('\n');
  }

  async createProject(name: string, rateLimit?: { ratePerSecond: number; burst: number }): Promise<Project> {
    const response = await fetch(`${this.url('ingest')}/admin/projects`, {
      method: 'POST',
      headers: { ...this.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name, ...(rateLimit ? { rateLimit } : {}) }),
    });
    if (response.status !== 201)
      throw new Error(`create project: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { id: string; publicKey: string; dsn: string };
    return { id: body.id, key: body.publicKey, dsn: body.dsn };
  }

  /** POST /api/v1/events; answers the status and, on 202, the accepted eventIds. */
  async sendEvents(key: string, events: object[]): Promise<{ status: number; ids: string[] }> {
    const response = await fetch(`${this.url('ingest')}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    const body = (await response.json().catch(() => ({}))) as { ids?: string[] };
    return { status: response.status, ids: response.status === 202 ? (body.ids ?? []) : [] };
  }

  /** POST /api/v1/alerts/:id/acknowledge|resolve on the alerter, as `token`'s holder (default the owner). */
  async alertCommand(
    alertId: string,
    action: 'acknowledge' | 'resolve',
    token = this.ownerToken,
  ): Promise<number> {
    const response = await fetch(`${this.url('alerter')}/api/v1/alerts/${alertId}/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: `${action} from the e2e test` }),
    });
    await response.arrayBuffer();
    return response.status;
  }

  async query<T = Record<string, unknown>>(
    query: string,
    params: Record<string, unknown> = {},
  ): Promise<T[]> {
    const result = await this.clickhouse.query({ query, query_params: params, format: 'JSONEachRow' });
    return result.json<T>();
  }

  /** Tables may not exist until metrics has migrated; until then nothing is stored. */
  async queryOrEmpty<T = Record<string, unknown>>(
    query: string,
    params: Record<string, unknown> = {},
  ): Promise<T[]> {
    try {
      return await this.query<T>(query, params);
    } catch (error) {
      if (/UNKNOWN_TABLE|UNKNOWN_DATABASE|doesn't exist/i.test((error as Error).message)) return [];
      throw error;
    }
  }

  /** Stops the services, deletes the topics, Redis keys and database. Logs are kept when `keepLogs`. */
  async stop(options: { keepLogs?: boolean; cleanInfra?: boolean } = {}): Promise<void> {
    await this.supervisor.stopAll();
    if (options.cleanInfra !== false) {
      const admin = this.kafka.admin();
      await admin
        .connect()
        .then(() => admin.deleteTopics({ topics: Object.values(this.topics) }))
        .catch(() => {})
        .finally(() => admin.disconnect());
      await this.deleteRedisKeys().catch(() => {});
      await this.clickhouse.command({ query: `DROP DATABASE IF EXISTS ${this.database}` }).catch(() => {});
    }
    this.redis.disconnect();
    await this.clickhouse.close();
    if (!options.keepLogs) rmSync(this.logsDir, { recursive: true, force: true });
  }

  private async deleteRedisKeys(): Promise<void> {
    await this.redis.connect().catch(() => {});
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `*${this.prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await this.redis.del(...keys);
    } while (cursor !== '0');
  }
}

/** Builds and starts a stack; on a failed start it cleans up and the error carries the log tails. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const stack = new Stack(options);
  try {
    await stack.start();
  } catch (error) {
    await stack.stop({ keepLogs: true }).catch(() => {});
    throw error;
  }
  return stack;
}
