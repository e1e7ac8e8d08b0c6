/** I/O: each probe asks one part of the system and answers with Checks; none throws. */
import { open, readdir, statfs } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { createClickHouse, pingClickHouse } from '@faultline/clickhouse';
import { consumerLag } from '@faultline/kafka';
import { redactSecrets } from '@faultline/observability';
import { createRedis, isCluster } from '@faultline/redis';
import { Kafka, logLevel } from 'kafkajs';
import { httpClient } from '../api/http-client.js';
import { CliError } from '../cli-error.js';
import { errorLines } from './log-errors.js';
import type { Check, LogLine } from './report.js';

// Clients say only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, a timeout).
// Redacted: a client's message may repeat the URL it was given, password and all.
const message = (error: unknown): string => redactSecrets(describe(error));
const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof CliError) return error.message;
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause ? `${error.message} (${cause.code ?? cause.message})` : error.message;
};

async function withTimeout<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** `/healthz` (the process lives) and `/readyz` (its dependencies answer) of one service. */
export async function probeService(name: string, baseUrl: string, timeoutMs: number): Promise<Check> {
  const http = httpClient({ service: name, baseUrl, timeoutMs });
  const shown = redactSecrets(baseUrl);
  const data = { url: shown };
  try {
    await http.request('/healthz', { answer: 'text' });
  } catch (error) {
    const status = error instanceof CliError ? error.status : undefined;
    return down(name, status ? `/healthz answered ${status}` : message(error), shown);
  }
  try {
    await http.request('/readyz', { answer: 'text' });
    return { name, area: 'services', status: 'ok', detail: `${shown} ready`, data };
  } catch (error) {
    if (error instanceof CliError && error.status)
      return { name, area: 'services', status: 'warn', detail: `not ready: ${error.message}`, data };
    return down(name, message(error), shown);
  }
}

const down = (name: string, detail: string, url: string): Check => ({
  name,
  area: 'services',
  status: 'down',
  detail,
  data: { url },
});

export interface KafkaProbeOptions {
  brokers: string[];
  /** Topics that should exist (full names). */
  expectedTopics: string[];
  /** Consumer group -> full topic names. */
  groups: Record<string, string[]>;
  maxLag: number;
  timeoutMs: number;
}

/** Brokers, expected topics, and per-group lag. Kafka down makes every lag unknown, reported once. */
export async function probeKafka(options: KafkaProbeOptions): Promise<Check[]> {
  const kafka = new Kafka({
    clientId: 'faultline-doctor',
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: options.timeoutMs,
    requestTimeout: options.timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    const cluster = await withTimeout(
      options.timeoutMs,
      admin.connect().then(() => admin.describeCluster()),
    );
    const checks: Check[] = [
      {
        name: 'kafka',
        area: 'kafka',
        status: 'ok',
        detail: `${cluster.brokers.length} broker(s): ${cluster.brokers.map((b) => `${b.host}:${b.port}`).join(', ')}`,
        data: { brokers: cluster.brokers },
      },
    ];
    const topics = new Set(await admin.listTopics());
    const missing = options.expectedTopics.filter((t) => !topics.has(t));
    checks.push({
      name: 'topics',
      area: 'kafka',
      status: missing.length ? 'warn' : 'ok',
      detail: missing.length
        ? `missing: ${missing.join(', ')}`
        : `${options.expectedTopics.length} expected topic(s) present`,
      data: { missing, present: options.expectedTopics.filter((t) => topics.has(t)) },
    });
    for (const [groupId, groupTopics] of Object.entries(options.groups)) {
      const present = groupTopics.filter((t) => topics.has(t));
      if (present.length === 0) {
        checks.push({
          name: `lag ${groupId}`,
          area: 'kafka',
          status: 'warn',
          detail: `no topic of ${groupTopics.join(', ')}`,
        });
        continue;
      }
      try {
        const partitions = await consumerLag(admin, groupId, present);
        const lag = partitions.reduce((sum, p) => sum + p.lag, 0);
        checks.push({
          name: `lag ${groupId}`,
          area: 'kafka',
          status: lag > options.maxLag ? 'warn' : 'ok',
          detail: `lag ${lag} on ${present.join(', ')}${lag > options.maxLag ? ` (above ${options.maxLag})` : ''}`,
          data: { groupId, lag, partitions },
        });
      } catch (error) {
        checks.push({ name: `lag ${groupId}`, area: 'kafka', status: 'warn', detail: message(error) });
      }
    }
    return checks;
  } catch (error) {
    return [
      {
        name: 'kafka',
        area: 'kafka',
        status: 'down',
        detail: `${options.brokers.join(',')}: ${message(error)}`,
      },
    ];
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/**
 * PING and memory (INFO memory; maxmemory 0 means unbounded). On a Redis Cluster (`clusterNodes`
 * set) every master is asked, the fullest one decides the warning, and CLUSTER INFO must say ok.
 */
export async function probeRedis(
  connection: { url: string; clusterNodes?: readonly string[] },
  timeoutMs: number,
): Promise<Check> {
  // Shown, never the password of a `redis://:password@host` URL.
  const where = redactSecrets(
    connection.clusterNodes?.length ? connection.clusterNodes.join(',') : connection.url,
  );
  const client = createRedis(connection, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {}); // a refused connection is the answer, reported below
  try {
    await withTimeout(timeoutMs, client.connect());
    await client.ping();
    const nodes = isCluster(client) ? client.nodes('master') : [client];
    const memory = await Promise.all(nodes.map(async (node) => parseInfo(await node.info('memory'))));
    const shares = memory.map((info) => {
      const max = Number(info.maxmemory ?? 0);
      return max > 0 ? Number(info.used_memory ?? 0) / max : 0;
    });
    const used = memory.reduce((sum, info) => sum + Number(info.used_memory ?? 0), 0);
    const state = isCluster(client) ? parseInfo(await client.cluster('INFO')).cluster_state : undefined;
    const single = memory.length === 1 ? memory[0] : undefined;
    const max = Number(single?.maxmemory ?? 0);
    return {
      name: 'redis',
      area: 'redis',
      status: state !== undefined && state !== 'ok' ? 'down' : Math.max(...shares) > 0.9 ? 'warn' : 'ok',
      detail: single
        ? `${where} PONG, memory ${single.used_memory_human ?? used}${max > 0 ? ` of ${single.maxmemory_human}` : ''}`
        : `${where} PONG, cluster ${state} with ${nodes.length} masters, memory ${used} bytes in all`,
      data: {
        url: where,
        usedMemory: used,
        maxMemory: max,
        ...(state ? { clusterState: state, masters: nodes.length } : {}),
      },
    };
  } catch (error) {
    return {
      name: 'redis',
      area: 'redis',
      status: 'down',
      detail: `${where}: ${message(error)}`,
      data: { url: where },
    };
  } finally {
    client.disconnect();
  }
}

export function parseInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) fields[line.slice(0, at)] = line.slice(at + 1).trim();
  }
  return fields;
}

/** Ping, then disks from system.disks when the engine has it (the embedded one may not). */
export async function probeClickHouse(url: string, timeoutMs: number): Promise<Check> {
  const client = createClickHouse({ url, requestTimeoutMs: timeoutMs, application: 'faultline-doctor' });
  const shown = redactSecrets(url);
  try {
    await pingClickHouse(client);
    let detail = `${shown} answers`;
    let status: Check['status'] = 'ok';
    let disks: { name: string; free: number; total: number }[] = [];
    try {
      const result = await client.query({
        query: 'SELECT name, toUInt64(free_space) AS free, toUInt64(total_space) AS total FROM system.disks',
        format: 'JSONEachRow',
      });
      disks = (await result.json<{ name: string; free: string; total: string }>()).map((d) => ({
        name: d.name,
        free: Number(d.free),
        total: Number(d.total),
      }));
      detail += `, ${disks.map((d) => `disk ${d.name} ${gb(d.free)} free of ${gb(d.total)}`).join(', ')}`;
      if (disks.some((d) => d.total > 0 && d.free / d.total < 0.1)) status = 'warn';
    } catch {
      detail += ' (disk usage not available from this engine)';
    }
    return { name: 'clickhouse', area: 'clickhouse', status, detail, data: { url: shown, disks } };
  } catch (error) {
    return {
      name: 'clickhouse',
      area: 'clickhouse',
      status: 'down',
      detail: `${shown}: ${message(error)}`,
      data: { url: shown },
    };
  } finally {
    await client.close();
  }
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

/** Host memory and the free space where Faultline keeps its data. */
export async function probeHost(dataPath: string): Promise<Check[]> {
  const total = os.totalmem();
  const free = os.freemem();
  const checks: Check[] = [
    {
      name: 'memory',
      area: 'host',
      status: free / total < 0.05 ? 'warn' : 'ok',
      detail: `${gb(free)} free of ${gb(total)}, load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
      data: { free, total, loadavg: os.loadavg() },
    },
  ];
  try {
    const fs = await statfs(dataPath);
    const diskFree = fs.bavail * fs.bsize;
    const diskTotal = fs.blocks * fs.bsize;
    checks.push({
      name: 'disk',
      area: 'host',
      status: diskFree / diskTotal < 0.1 ? 'warn' : 'ok',
      detail: `${dataPath}: ${gb(diskFree)} free of ${gb(diskTotal)}`,
      data: { path: dataPath, free: diskFree, total: diskTotal },
    });
  } catch (error) {
    checks.push({ name: 'disk', area: 'host', status: 'warn', detail: `${dataPath}: ${message(error)}` });
  }
  return checks;
}

// Enough for the last few hundred lines of a busy service without reading a large log whole.
const TAIL_BYTES = 512 * 1024;

/** Error lines of the last `sinceMs` from every `*.log` in the logs folder (its tail only). */
export async function recentErrors(logsDir: string, sinceMs: number): Promise<LogLine[]> {
  let files: string[];
  try {
    files = (await readdir(logsDir)).filter((f) => f.endsWith('.log'));
  } catch {
    return [];
  }
  const found = await Promise.all(
    files.map(async (file) => {
      const handle = await open(join(logsDir, file), 'r');
      try {
        const { size } = await handle.stat();
        const length = Math.min(size, TAIL_BYTES);
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, size - length);
        return errorLines(file, buffer.toString('utf8'), sinceMs);
      } finally {
        await handle.close();
      }
    }),
  );
  return found.flat();
}
