import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bringUp, stopInfra } from '@faultline/infra';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../../test/support/free-port.js';
import type { Check, DoctorReport } from '../../src/doctor/report.js';
import { runCli } from '../support/run-cli.js';

const infra = inject('infra');
const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const prefix = `doctor-${run}.`;
const topic = `${prefix}lagging`;
const behindGroup = `doctor-${run}-behind`;
const neverGroup = `doctor-${run}-never`;

let home: string;
let redisPort: number;
let service: Server;
let serviceUrl: string;
let env: NodeJS.ProcessEnv;
const kafka = new Kafka({ clientId: 'doctor-test', brokers: infra.kafkaBrokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();

const infraOptions = () => ({ home, env, services: ['redis'] as ['redis'] });
const check = (report: DoctorReport, name: string): Check | undefined =>
  report.checks.find((c) => c.name === name);

async function doctor(...extra: string[]) {
  return runCli(
    [
      'doctor',
      '--service',
      `fake=${serviceUrl}`,
      '--group',
      `${behindGroup}=${topic}`,
      '--group',
      `${neverGroup}=${topic}`,
      '--max-lag',
      '4',
      ...extra,
    ],
    env,
  );
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'faultline-doctor-'));
  redisPort = await freePort();
  const { REDIS_URL: _ignored, ...rest } = process.env;
  env = {
    ...rest,
    FAULTLINE_HOME: home,
    FAULTLINE_REDIS_PORT: String(redisPort),
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    CLICKHOUSE_URL: infra.clickhouseUrl,
    FAULTLINE_TOPIC_PREFIX: prefix,
  };
  // A private Redis doctor can find down, and bring back, without touching the shared one.
  const [outcome] = await bringUp(infraOptions());
  if (!outcome?.ok) throw outcome?.error ?? new Error('redis did not start');

  // A stand-in for a Faultline service: only its /healthz and /readyz matter to doctor.
  service = createServer((req, res) => {
    res.writeHead(req.url === '/healthz' || req.url === '/readyz' ? 200 : 404).end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;

  const now = Date.now();
  mkdirSync(join(home, 'logs'), { recursive: true });
  writeFileSync(
    join(home, 'logs', 'detector.log'),
    [
      {
        level: 'error',
        time: new Date(now - 2 * 3600_000).toISOString(),
        service: 'detector',
        msg: 'too old to show',
      },
      { level: 'info', time: new Date(now - 60_000).toISOString(), service: 'detector', msg: 'just info' },
      {
        level: 'error',
        time: new Date(now - 60_000).toISOString(),
        service: 'detector',
        msg: 'window flush failed',
      },
      { level: 60, time: now - 30_000, msg: 'fatal crash' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n'),
  );

  // Five messages; one group committed two of them, the other nothing.
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [1, 2, 3, 4, 5].map((n) => ({ value: String(n) })) });
  await producer.disconnect();
  await admin.setOffsets({ groupId: behindGroup, topic, partitions: [{ partition: 0, offset: '2' }] });
});

afterAll(async () => {
  await admin.deleteGroups([behindGroup]).catch(() => {});
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
  await new Promise((resolve) => service?.close(resolve));
  if (home) {
    await stopInfra(['redis'], infraOptions());
    rmSync(home, { recursive: true, force: true });
  }
});

describe('faultline doctor', () => {
  it('reports everything up, consumer lag per group and recent error log lines', async () => {
    const result = await doctor('--json');
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(check(report, 'redis')).toMatchObject({ status: 'ok' });
    expect(check(report, 'kafka')).toMatchObject({ status: 'ok' });
    expect(check(report, 'clickhouse')).toMatchObject({ status: 'ok' });
    expect(check(report, 'fake')).toMatchObject({ status: 'ok' });
    // Lag is a warning, not an outage: the command still succeeds.
    expect(check(report, `lag ${behindGroup}`)).toMatchObject({ status: 'ok', data: { lag: 3 } });
    expect(check(report, `lag ${neverGroup}`)).toMatchObject({ status: 'warn', data: { lag: 5 } });
    expect(report.errors.map((e) => e.msg)).toEqual(['window flush failed', 'fatal crash']);
    expect(result.code).toBe(0);
  });

  it('exits non-zero naming Redis when Redis is stopped, and does not restart it on its own', async () => {
    await stopInfra(['redis'], infraOptions());
    const result = await doctor();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/DOWN\s+redis\s+redis/);
    expect(result.stdout).toContain('DOWN: redis');
    expect(result.stdout).toMatch(new RegExp(`lag ${behindGroup}\\s+lag 3`));
    expect(result.stdout).not.toContain('restarted:');
  });

  it('brings Redis back with --restart', async () => {
    const result = await doctor('--restart', '--json');
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(report.restarted).toEqual(['redis']);
    expect(check(report, 'redis')).toMatchObject({ status: 'ok' });
    expect(result.code).toBe(0);
  });
});
