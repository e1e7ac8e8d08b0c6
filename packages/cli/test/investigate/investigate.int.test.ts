import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Investigation } from '@faultline/api-contracts';
import type { CategorizedEvent } from '@faultline/contracts';
import { createKafka } from '@faultline/kafka';
import { createLogger } from '@faultline/observability';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildResolutionApp } from '../../../../services/resolution/src/index.js';
import { checkSystemHealth } from '../../../../services/resolution/src/investigation/system-health.js';
import { TestAccess } from '../../../../test/support/access.js';
import { uniqueName } from '../../../../test/support/endpoints.js';
import {
  type HistoryDatabase,
  historyDatabase,
  seedHistory,
} from '../../../../test/support/history-database.js';
import { categorized, type GroupSpec } from '../../../../test/support/history-fixtures.js';

const bin = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Recent, so the events' 30-day TTL never removes the seeded rows; the API's clock is pinned to it.
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;
const logger = createLogger({ service: 'cli-test', level: 'silent' });
const project = uniqueName('cli-inv', '_');

const spec = (groupId: string, component: string, message: string): GroupSpec => ({
  groupId,
  severity: 'high',
  category: 'performance',
  component,
  team: 'backend-team',
  message,
});
const timeouts = spec('dddddddddddddd01', 'api', 'Upstream Timeout for order 1');
const limits = spec('dddddddddddddd02', 'checkout', 'rate limit exceeded');
const event = (s: GroupSpec, agoMs: number, eventId: string, message: string): CategorizedEvent => {
  const value = categorized(project, s, new Date(NOW - agoMs).toISOString(), { eventId, message });
  value.event.action = 'place-order';
  return value;
};

// Every expectation below is counted from these lines.
const EVENTS: CategorizedEvent[] = [
  // The timeouts group's newest event, and 11 similar ones (other order numbers) over 5 hours: recurring.
  event(timeouts, MINUTE, 'to-newest', 'Upstream Timeout for order 123'),
  ...Array.from({ length: 11 }, (_, i) =>
    event(timeouts, 10 * MINUTE + i * 30 * MINUTE, `to-${i}`, `Upstream Timeout for order ${1000 + i}`),
  ),
  // Not similar: same message in another component, another message in the component, one 25 h old.
  event(limits, 5 * MINUTE, 'to-elsewhere', 'Upstream Timeout for order 7'),
  event(timeouts, 5 * MINUTE, 'to-other-message', 'Upstream refused order 7'),
  event(timeouts, 25 * HOUR, 'to-too-old', 'Upstream Timeout for order 8'),
  // Four rate-limit errors within 20 minutes: the one investigated has 3 similar, a burst.
  ...[0, 1, 2, 3].map((i) =>
    event(limits, 20 * MINUTE + i * 5 * MINUTE, `rl-${i}`, `rate limit exceeded for user u${i}@b.io`),
  ),
];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let db: HistoryDatabase;
let admin: ReturnType<ReturnType<typeof createKafka>['admin']>;
let redis: Redis;
let app: Awaited<ReturnType<typeof buildResolutionApp>>;
let env: NodeJS.ProcessEnv;
let access: TestAccess;

function investigate(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'investigate', '--project', project, ...args],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  db = await historyDatabase();
  await seedHistory(db.client, 'events', `${project}.errors.categorized`, EVENTS);
  redis = new Redis(inject('infra').redisUrl);
  admin = createKafka({ brokers: inject('infra').kafkaBrokers, clientId: project, logger }).admin();
  await admin.connect();
  access = await TestAccess.start({ topicPrefix: `${project}.`, brokers: inject('infra').kafkaBrokers });
  app = await buildResolutionApp({
    access: access.serviceAccess(),
    clickhouse: db.client,
    logger,
    investigation: {
      clickhouse: db.client,
      now: () => NOW,
      // Only the infrastructure this test owns a connection to, so health is healthy by construction.
      checkHealth: () =>
        checkSystemHealth({
          services: {},
          consumerGroups: {},
          maxHealthyLag: 1000,
          probeTimeoutMs: 2000,
          admin,
          redis,
          clickhouse: db.client,
        }),
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  // A viewer of the project: reading an investigation takes no more.
  const viewer = await access.person(project, 'viewer');
  env = {
    ...process.env,
    FAULTLINE_RESOLUTION_URL: `http://127.0.0.1:${port}`,
    FAULTLINE_TOKEN: viewer.secret,
  };
});

afterAll(async () => {
  await app?.close();
  await access?.stop();
  await admin?.disconnect();
  await redis?.quit();
  await db?.drop();
});

describe('faultline investigate', () => {
  it('investigates a group through its newest event: 11 similar errors, recurring (--json)', async () => {
    const result = await investigate('--group', timeouts.groupId, '--json');
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Investigation;
    expect(report.subject).toMatchObject({
      projectId: project,
      eventId: 'to-newest',
      groupId: timeouts.groupId,
    });
    expect(report.context).toMatchObject({
      component: 'api',
      action: 'place-order',
      message: 'Upstream Timeout for order 123',
    });
    expect(report.similar.count).toBe(11);
    expect(report.similar.samples.map((s) => s.eventId).sort()).toEqual(
      Array.from({ length: 11 }, (_, i) => `to-${i}`).sort(),
    );
    expect(report.similar.firstSeen).toBe(new Date(NOW - 310 * MINUTE).toISOString());
    expect(report.similar.lastSeen).toBe(new Date(NOW - 10 * MINUTE).toISOString());
    expect(report.pattern.type).toBe('recurring');
    expect(report.health.status).toBe('healthy');
    expect(report.recommendations).toEqual(
      expect.arrayContaining([
        'Investigate root cause - this error is occurring frequently',
        'Increase timeout values or optimize slow operations',
      ]),
    );
  });

  it('investigates one event: 3 similar errors within 20 minutes, a burst, printed as text', async () => {
    const json = await investigate('--event', 'rl-1', '--json');
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as Investigation;
    expect(report.subject).toMatchObject({ eventId: 'rl-1', groupId: limits.groupId });
    expect(report.similar.count).toBe(3);
    expect(report.pattern.type).toBe('burst');

    const plain = await investigate('--event', 'rl-1');
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('  component: checkout\n');
    expect(plain.stdout).toContain('  message: rate limit exceeded for user u1@b.io\n');
    expect(plain.stdout).toContain('  - Found 3 similar errors in the last 24 hours\n');
    expect(plain.stdout).toContain('  - Error pattern: burst - Error burst in short time period\n');
    expect(plain.stdout).toContain('  - System health: healthy\n');
    expect(plain.stdout).toMatch(/^Recommendations:\n {2}- /m);
  });

  it('fails with a coded error for an unknown group or event, and with usage without a subject', async () => {
    const group = await investigate('--group', 'ffffffffffffffff');
    expect(group.code).toBe(1);
    expect(group.stderr).toMatch(/^error: FL_TICKET_GROUP_NOT_FOUND: /);
    const event = await investigate('--event', 'nope', '--json');
    expect(event.code).toBe(1);
    expect(JSON.parse(event.stdout)).toMatchObject({ error: { code: 'FL_TICKET_EVENT_NOT_FOUND' } });
    const usage = await investigate();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^usage: faultline investigate /m);
  });
});
