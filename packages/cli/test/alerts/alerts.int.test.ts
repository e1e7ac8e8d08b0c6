import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AlertSignal, alertSignalCodec, SCHEMA_VERSION } from '@faultline/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TestAccess } from '../../../../test/support/access.js';
import { freePort } from '../../../../test/support/free-port.js';
import type { AlertView, SilenceView } from '../../src/api/alerter-client.js';
import { runCli } from '../support/run-cli.js';

const infra = inject('infra');
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const prefix = `cli-alerts-${run}.`;
const projectId = `p${run}`;
const alerterMain = fileURLToPath(new URL('../../../../services/alerter/src/main.ts', import.meta.url));

let alerter: ChildProcess;
let baseUrl: string;
let home: string;
let env: NodeJS.ProcessEnv;
let access: TestAccess;
/** A responder of the project named oncall-ann: the CLI's FAULTLINE_TOKEN, and so the actor. */
let token: string;
const kafka = new Kafka({
  clientId: 'cli-alerts-test',
  brokers: infra.kafkaBrokers,
  logLevel: logLevel.NOTHING,
});
const producer = kafka.producer();
const admin = kafka.admin();

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function apiAlert(alertId: string): Promise<AlertView | undefined> {
  const response = await fetch(`${baseUrl}/api/v1/alerts/${alertId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return response.ok ? ((await response.json()) as AlertView) : undefined;
}

function signal(alertId: string): AlertSignal {
  const now = new Date().toISOString();
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'new',
    alertId,
    dedupKey: `${projectId}:low:${alertId}`,
    scope: { projectId, severity: 'low' },
    severity: 'low',
    errorCount: 7,
    affectedComponents: ['checkout'],
    message: 'LOW: 7 errors detected in checkout while charging the card of a returning customer',
    samples: [
      { eventId: 'e1', groupId: 'g1', message: 'card declined', component: 'checkout', timestamp: now },
    ],
    window: { sizeMs: 300_000, threshold: 5 },
    firstSeen: now,
    lastSeen: now,
    emittedAt: now,
  };
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'faultline-cli-alerts-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // Credentials the alerter reads from its access topic (under the same prefix).
  access = await TestAccess.start({ topicPrefix: prefix, brokers: infra.kafkaBrokers });
  token = (await access.person(projectId, 'responder', 'oncall-ann', 'oncall-ann')).secret;
  const alerterEnv = {
    ...process.env,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    REDIS_URL: infra.redisUrl,
    FAULTLINE_TOPIC_PREFIX: prefix,
    FAULTLINE_REDIS_KEY_PREFIX: prefix,
    FAULTLINE_CONSUMER_GROUP_ID: `${prefix}alerter`,
    FAULTLINE_HTTP_PORT: String(port),
    FAULTLINE_LOG_LEVEL: 'warn',
  };
  // The real alerter as `pnpm start` runs it, on its own topics, keys and port.
  alerter = spawn(process.execPath, ['--import', 'tsx', alerterMain], { env: alerterEnv, stdio: 'ignore' });
  await waitFor(
    'the alerter to be ready',
    async () => ((await fetch(`${baseUrl}/readyz`)).ok ? true : undefined),
    90_000,
  );
  env = {
    ...process.env,
    FAULTLINE_ALERTER_URL: baseUrl,
    FAULTLINE_TOKEN: token,
    FAULTLINE_HOME: home,
    COLUMNS: '70',
  };
  await producer.connect();
  await admin.connect();
});

afterAll(async () => {
  alerter?.kill('SIGTERM');
  await access?.stop();
  await producer.disconnect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  await admin.deleteTopics({ topics }).catch(() => {});
  await admin.disconnect();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('faultline alerts', () => {
  it('lists, acknowledges and resolves an alert the alerter fired', async () => {
    const alertId = `a-${run}`;
    await producer.send({
      topic: `${prefix}alerts`,
      messages: [{ key: alertId, value: alertSignalCodec.encode(signal(alertId)) }],
    });
    await waitFor('the alert', () => apiAlert(alertId));

    const listed = await runCli(['alerts', 'list', '--json'], env);
    expect(listed.code).toBe(0);
    const alerts = (JSON.parse(listed.stdout) as { alerts: AlertView[] }).alerts;
    expect(alerts).toEqual([
      expect.objectContaining({ alertId, status: 'firing', severity: 'low', errorCount: 7 }),
    ]);

    const table = await runCli(['alerts', 'list', '--status', 'firing'], env, true);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+severity\s+status/);
    expect(lines[1]).toContain(alertId);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(70);

    const ack = await runCli(['alerts', 'ack', alertId, '--json'], env, true);
    expect(JSON.parse(ack.stdout)).toMatchObject({
      alertId,
      action: 'acknowledge',
      commandId: expect.any(String),
    });
    await waitFor('acknowledged', async () =>
      (await apiAlert(alertId))?.status === 'acknowledged' ? true : undefined,
    );
    const shown = await runCli(['alerts', 'show', alertId, '--json'], env, true);
    expect(JSON.parse(shown.stdout)).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'oncall-ann' });

    const resolved = await runCli(['alerts', 'resolve', alertId, '--reason', 'fixed'], env, true);
    expect(resolved.code).toBe(0);
    await waitFor('resolved', async () =>
      (await apiAlert(alertId))?.status === 'resolved' ? true : undefined,
    );
  });

  it('fails with the coded error for an unknown alert, a wrong token and no token', async () => {
    const missing = await runCli(['alerts', 'show', 'nope', '--json'], env, true);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'FL_ALERTER_NOT_FOUND' } });

    const wrong = await runCli(['alerts', 'list'], { ...env, FAULTLINE_TOKEN: 'wrong' }, true);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/error: FL_AUTH_REQUIRED/);

    const none = await runCli(['alerts', 'list'], { ...env, FAULTLINE_TOKEN: '' }, true);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('FL_CLI_NO_TOKEN');
  });
});

describe('faultline silences', () => {
  it('creates, lists and expires a silence', async () => {
    const created = await runCli(
      [
        'silences',
        'create',
        '--match',
        `projectId=${projectId}`,
        '--match',
        'severity=low',
        '--for',
        '2h',
        '--comment',
        'deploy',
        '--json',
      ],
      env,
    );
    expect(created.code).toBe(0);
    const silence = JSON.parse(created.stdout) as SilenceView;
    expect(silence.matchers).toEqual({ projectId, severity: 'low' });
    expect(Date.parse(silence.endsAt) - Date.parse(silence.startsAt)).toBe(2 * 3_600_000);

    const listed = JSON.parse((await runCli(['silences', 'list', '--json'], env, true)).stdout) as {
      silences: SilenceView[];
    };
    expect(listed.silences).toContainEqual(
      expect.objectContaining({ id: silence.id, active: true, comment: 'deploy' }),
    );

    const expired = await runCli(['silences', 'expire', silence.id], env, true);
    expect(expired.code).toBe(0);
    const after = JSON.parse((await runCli(['silences', 'list', '--json'], env, true)).stdout) as {
      silences: SilenceView[];
    };
    expect(after.silences.find((s) => s.id === silence.id)?.active).toBe(false);

    const bad = await runCli(['silences', 'create', '--match', 'severity=low', '--for', 'soon'], env, true);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a duration');
  });
});
