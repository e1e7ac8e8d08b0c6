/**
 * Faults under a steady stream: kill -9 each service in turn, then restart Kafka (down while an
 * alert's escalation falls due), then Redis.
 * Afterwards every event ingest answered 202 for is in ClickHouse exactly once, every critical
 * alert fired once, was paged once and still escalated once (its escalation fell due during the
 * later faults). Kafka and Redis are private instances on free ports (the shared ones are never
 * stopped); ClickHouse is the shared one, with a private database.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInfra, resolveConfig, stopInfra } from '@faultline/infra';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorEvent } from '../support/events.js';
import { freePort } from '../support/free-port.js';
import { Receivers, receiverEnv } from '../support/receivers.js';
import { type Project, SERVICE_NAMES, type Stack, startStack } from '../support/stack.js';
import { sleep, waitFor } from '../support/wait.js';

const ESCALATION_MS = 20_000;
const FAULTS = [...SERVICE_NAMES, 'kafka', 'redis'] as const;

let home: string;
let infraOptions: { home: string; env: NodeJS.ProcessEnv; services: ('kafka' | 'redis')[] };
let stack: Stack;
let receivers: Receivers;
let failed = false;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'faultline-faults-'));
  symlinkSync(join(resolveConfig().home, 'cache'), join(home, 'cache'));
  infraOptions = {
    home,
    env: {
      FAULTLINE_KAFKA_PORT: String(await freePort()),
      FAULTLINE_KAFKA_CONTROLLER_PORT: String(await freePort()),
      FAULTLINE_KAFKA_HEAP: '512m',
      FAULTLINE_REDIS_PORT: String(await freePort()),
    },
    services: ['kafka', 'redis'],
  };
  const { kafkaBrokers, redisUrl } = await ensureInfra(infraOptions);
  receivers = new Receivers();
  await receivers.start();
  stack = await startStack({
    infra: { kafkaBrokers, redisUrl, clickhouseUrl: inject('infra').clickhouseUrl },
    label: 'faults',
    env: {
      ...receiverEnv(receivers),
      // One page per alert and stage, to one place: the signed webhook says which alert and stage.
      FAULTLINE_ROUTING_CRITICAL_CHANNELS: 'webhook',
      FAULTLINE_ROUTING_CRITICAL_RECIPIENTS: 'on-call-engineer',
      FAULTLINE_ESCALATION_AFTER_MS_CRITICAL: String(ESCALATION_MS),
      FAULTLINE_DELIVERY: JSON.stringify({
        attemptTimeoutMs: 2000,
        backoffBaseMs: 200,
        backoffMaxMs: 2000,
        maxAttempts: 20,
      }),
      FAULTLINE_SCHEDULER: JSON.stringify({ pollIntervalMs: 100, leaseMs: 5000 }),
      FAULTLINE_INGEST_PRODUCE_TIMEOUT_MS: '3000',
      FAULTLINE_INGEST_UNAVAILABLE_RETRY_AFTER_SECONDS: '1',
      FAULTLINE_CONSUMER_MIN_BYTES: '1',
      FAULTLINE_CONSUMER_MAX_WAIT_MS: '200',
    },
    serviceEnv: {
      // A killed detector's partitions move on after 10 s rather than 30.
      detector: {
        FAULTLINE_CONSUMER_SESSION_TIMEOUT_MS: '10000',
        FAULTLINE_CONSUMER_HEARTBEAT_INTERVAL_MS: '1000',
      },
    },
  });
}, 240_000);

afterAll(async () => {
  if (failed && stack) console.error(`service logs kept in ${stack.logsDir}\n${stack.logTails()}`);
  await stack?.stop({ keepLogs: failed });
  await receivers?.close();
  if (infraOptions) await stopInfra(['kafka', 'redis'], infraOptions);
  if (home) rmSync(home, { recursive: true, force: true });
}, 120_000);

/** Clients posting small batches for as long as `running`; what got 202 is `accepted`. */
class Stream {
  readonly accepted: string[] = [];
  readonly statuses = new Map<string, number>();
  private running = true;
  private readonly clients: Promise<void>[];

  constructor(
    private readonly project: Project,
    clients: number,
  ) {
    this.clients = Array.from({ length: clients }, (_, i) => this.client(i));
  }

  private count(what: string): void {
    this.statuses.set(what, (this.statuses.get(what) ?? 0) + 1);
  }

  private async client(index: number): Promise<void> {
    let sequence = 0;
    while (this.running) {
      const batch = Array.from({ length: 5 }, () =>
        errorEvent(`Cart total mismatch for basket ${index}-${sequence++}`, { component: 'checkout' }),
      );
      try {
        const { status, ids } = await stack.sendEvents(this.project.key, batch);
        this.count(String(status));
        this.accepted.push(...ids);
        await sleep(status === 202 ? 100 : 500);
      } catch {
        this.count('connection error');
        await sleep(500);
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.clients);
  }
}

async function firedProjects(): Promise<string[]> {
  const rows = await stack.queryOrEmpty<{ project_id: string }>(
    "SELECT DISTINCT project_id FROM alert_events WHERE type = 'fired'",
  );
  return rows.map((r) => r.project_id);
}

/** Posts one critical error until ingest accepts it (ingest itself may be down). */
async function sendCritical(project: Project): Promise<void> {
  await waitFor(
    async () => {
      const event = errorEvent('Database connection failed: too many clients', { component: 'database' });
      return (await stack.sendEvents(project.key, [event]).catch(() => ({ status: 0 }))).status === 202;
    },
    120_000,
    `ingest to accept the critical event of ${project.id}`,
    500,
  );
}

async function progress(stream: Stream, what: string): Promise<void> {
  const target = stream.accepted.length + 50;
  await waitFor(() => stream.accepted.length >= target, 120_000, `50 more accepted events after ${what}`);
}

describe('faults mid-stream', () => {
  it('loses no accepted event, doubles none, and pages each alert once per stage', async () => {
    try {
      const main = await stack.createProject('stream');
      const alerting: Project[] = [];
      for (const fault of FAULTS) alerting.push(await stack.createProject(`alert-${fault}`));
      const stream = new Stream(main, 2);
      await progress(stream, 'the start');

      for (const [index, fault] of FAULTS.entries()) {
        await sendCritical(alerting[index] as Project);
        await sleep(500);
        if (fault === 'kafka') {
          // Down from just after the alert fired until past its escalation: the stage falls due mid-outage.
          await waitFor(
            async () => (await firedProjects()).includes((alerting[index] as Project).id),
            60_000,
            'the alert of the Kafka phase to fire',
          );
          const downUntil = Date.now() + ESCALATION_MS + 3000;
          await stopInfra([fault], infraOptions);
          await sleep(Math.max(0, downUntil - Date.now()));
          await ensureInfra({ ...infraOptions, services: [fault] });
        } else if (fault === 'redis') {
          await stopInfra([fault], infraOptions);
          await sleep(3000);
          await ensureInfra({ ...infraOptions, services: [fault] });
        } else {
          const before = stack.kill(fault);
          expect(before).toBeDefined();
          await waitFor(() => (stack.pid(fault) ?? before) !== before, 30_000, `${fault} to be restarted`);
        }
        await stack.waitReady();
        await progress(stream, `the ${fault} fault`);
      }
      await stream.stop();

      // Every accepted event, each once.
      let stored = new Map<string, number>();
      const missing = () => stream.accepted.filter((id) => !stored.has(id));
      await waitFor(
        async () => {
          const rows = await stack.query<{ event_id: string; n: string }>(
            'SELECT event_id, count() AS n FROM events WHERE project_id = {p:String} GROUP BY event_id',
            { p: main.id },
          );
          stored = new Map(rows.map((r) => [r.event_id, Number(r.n)]));
          return missing().length === 0;
        },
        180_000,
        'every accepted event in ClickHouse',
        1000,
      ).catch(() => {}); // the counts below say what is missing
      const doubled = [...stored].filter(([, n]) => n > 1);

      // Every alert: fired once, first page once, escalation page once.
      type Fired = { project_id: string; alert_id: string };
      let fired: Fired[] = [];
      await waitFor(
        async () => {
          fired = await stack.query<Fired>(
            "SELECT DISTINCT project_id, alert_id FROM alert_events WHERE type = 'fired' AND project_id != {p:String}",
            { p: main.id },
          );
          return fired.length >= alerting.length;
        },
        120_000,
        'an alert for every critical event',
        1000,
      );
      const pages = (alertId: string, stage: number) =>
        receivers.of('webhook', (r) => {
          const alert = r.body.alert as { alertId?: string } | undefined;
          return (
            alert?.alertId === alertId && r.body.stage === stage && String(r.body.type).startsWith('alert.')
          );
        }).length;
      await waitFor(
        () => fired.every((f) => pages(f.alert_id, 1) >= 1),
        90_000,
        'the escalation page of every alert',
        500,
      ).catch(() => {}); // the counts below say which
      await sleep(2000); // a late duplicate would arrive now
      const report = {
        accepted: stream.accepted.length,
        stored: stored.size,
        storedRows: [...stored.values()].reduce((a, b) => a + b, 0),
        doubled: doubled.length,
        missing: missing().length,
        statuses: Object.fromEntries(stream.statuses),
        alerts: fired.length,
        firstPages: fired.map((f) => pages(f.alert_id, 0)),
        escalationPages: fired.map((f) => pages(f.alert_id, 1)),
        projects: fired.map((f) => f.project_id),
      };
      console.log(`fault run: ${JSON.stringify(report)}`);

      expect(missing()).toEqual([]);
      expect(doubled).toEqual([]);
      expect(fired.map((f) => f.project_id).sort()).toEqual(alerting.map((p) => p.id).sort());
      expect(report.firstPages).toEqual(fired.map(() => 1));
      expect(report.escalationPages).toEqual(fired.map(() => 1));
      expect(receivers.problems).toEqual([]);
      // Outages answer 503 (or the connection drops while ingest itself restarts), never 500.
      expect(report.statuses['500'] ?? 0).toBe(0);
    } catch (error) {
      failed = true;
      throw error;
    }
  }, 420_000);
});
