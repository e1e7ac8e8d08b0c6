import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CategorizedEvent, TicketEvent } from '@faultline/contracts';
import { createMetricsRegistry } from '@faultline/observability';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildMetricsApp } from '../../../../services/metrics/src/api/build-app.js';
import { eventRow, ticketRow } from '../../../../services/metrics/src/ingest/rows.js';
import { logger, seed, testDatabase } from '../../../../services/metrics/test/support/database.js';
import {
  categorized,
  type GroupSpec,
  ticketEvent,
} from '../../../../services/metrics/test/support/fixtures.js';
import { TestAccess } from '../../../../test/support/access.js';
import { uniqueName } from '../../../../test/support/endpoints.js';
import type { ReportModel } from '../../src/report/report-model.js';
import { runCli } from '../support/run-cli.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Recent, so the events' 30-day TTL never removes the seeded rows during the test.
const NOW = Math.floor(Date.now() / HOUR) * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const ago = (ms: number) => iso(NOW - ms);

const group = (id: string, spec: Omit<GroupSpec, 'groupId'>): GroupSpec => ({
  groupId: id.padEnd(16, '0'),
  ...spec,
});
const GA = group('a', {
  severity: 'critical',
  category: 'system',
  component: 'database',
  team: 'infrastructure-team',
  message: 'Database connection failed',
});
const GB = group('b', {
  severity: 'critical',
  category: 'payment',
  component: 'payment',
  team: 'payment-team',
  message: 'Payment declined by provider',
});
const GC = group('c', {
  severity: 'low',
  category: 'frontend',
  component: 'checkout-ui',
  team: 'frontend-team',
  message: 'Button render failed',
});
const GD = group('d', {
  severity: 'medium',
  category: 'performance',
  component: 'api-gateway',
  team: 'backend-team',
  message: 'Upstream timeout',
});

// Every expectation below is counted by hand from these lines.
const EVENTS: CategorizedEvent[] = [
  // Last 24 h: GA 3, GB 2, GC 4 = 9 (critical 5 in 2 groups).
  ...[2 * HOUR, 90 * 60_000, 30 * 60_000].map((t) => categorized('rpt', GA, ago(t))),
  ...[5 * HOUR, 10 * 60_000].map((t) => categorized('rpt', GB, ago(t))),
  ...[20 * HOUR, 12 * HOUR, 6 * HOUR, 1 * HOUR].map((t) => categorized('rpt', GC, ago(t))),
  // The day before: GD 1. Three days ago: GA 1, so GA is no new pattern today but is one this week.
  categorized('rpt', GD, ago(30 * HOUR)),
  categorized('rpt', GA, ago(3 * DAY)),
  // Another project never shows.
  ...[1, 2, 3].map((h) => categorized('other', GA, ago(h * HOUR))),
];

const TICKETS: TicketEvent[] = [
  // GA: opened 2 h ago, resolved 1 h ago (60 min); GB: opened 20 min ago, still open.
  ticketEvent('created', ago(2 * HOUR), {
    ticketId: 't1',
    projectId: 'rpt',
    groupId: GA.groupId,
    severity: 'critical',
    createdAt: ago(2 * HOUR),
  }),
  ticketEvent('resolved', ago(HOUR), {
    ticketId: 't1',
    projectId: 'rpt',
    groupId: GA.groupId,
    severity: 'critical',
    createdAt: ago(2 * HOUR),
    status: 'resolved',
    resolvedAt: ago(HOUR),
    resolution: { description: 'pool size', resolver: 'alice' },
  }),
  ticketEvent('created', ago(20 * 60_000), {
    ticketId: 't2',
    projectId: 'rpt',
    groupId: GB.groupId,
    severity: 'critical',
    createdAt: ago(20 * 60_000),
  }),
];

let db: Awaited<ReturnType<typeof testDatabase>>;
let app: Awaited<ReturnType<typeof buildMetricsApp>>;
let env: NodeJS.ProcessEnv;
let dir: string;
let access: TestAccess;

beforeAll(async () => {
  db = await testDatabase();
  await seed(db.client, 'events', 'seed.events', eventRow, EVENTS);
  await seed(db.client, 'tickets', 'seed.tickets', ticketRow, TICKETS);
  access = await TestAccess.start({
    topicPrefix: `${uniqueName('cli-report')}.`,
    brokers: inject('infra').kafkaBrokers,
  });
  app = await buildMetricsApp({
    access: access.serviceAccess(),
    clickhouse: db.client,
    registry: createMetricsRegistry('cli-report'),
    logger,
    now: () => NOW,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const viewer = await access.person('rpt', 'viewer');
  env = { ...process.env, FAULTLINE_METRICS_URL: `http://127.0.0.1:${port}`, FAULTLINE_TOKEN: viewer.secret };
  dir = mkdtempSync(join(tmpdir(), 'faultline-report-'));
});

afterAll(async () => {
  await app?.close();
  await access?.stop();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const report = async (...args: string[]) => {
  const result = await runCli(['report', ...args, '--project', 'rpt', '--at', iso(NOW), '--json'], env, true);
  expect(result.stderr).not.toMatch(/error/);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { report: ReportModel; delivered: string[] };
};

describe('faultline report daily', () => {
  it('summarizes the last 24 h of the seeded data set', async () => {
    const { report: daily } = await report('daily');
    expect(daily.summary).toMatchObject({
      total: 9,
      previousTotal: 1,
      changePercent: 800,
      critical: 5,
      criticalGroups: 2,
    });
    expect(daily.summary.bySeverity.map((e) => [e.key, e.count])).toEqual([
      ['critical', 5],
      ['low', 4],
    ]);
    expect(daily.trend).toHaveLength(24);
    expect(daily.trend.reduce((sum, b) => sum + b.count, 0)).toBe(9);
    expect(daily.trend.at(-1)?.count).toBe(3); // [now - 1 h, now): GC at its start, GA 30 min and GB 10 min ago
    expect(daily.newPatterns.map((g) => g.groupId).sort()).toEqual([GB.groupId, GC.groupId]);
    expect(daily.unresolvedCritical.map((g) => [g.groupId, g.status])).toEqual([[GB.groupId, 'open']]);
    expect(daily.resolution).toMatchObject({ tickets: 2, resolved: 1, open: 1, meanMs: HOUR });
    expect(daily.teams).toBeUndefined();
  });

  it('writes HTML with the charts as inline SVG images, and Markdown by default', async () => {
    const out = join(dir, 'daily.html');
    const result = await runCli(
      ['report', 'daily', '--project', 'rpt', '--at', iso(NOW), '--format', 'html', '--out', out],
      env,
      true,
    );
    expect(result.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const images = [...html.matchAll(/<img alt="([^"]+)" src="data:image\/svg\+xml;base64,([^"]+)"/g)];
    expect(images.map((m) => m[1])).toEqual(['Errors per hour (24 h)', 'Errors by severity']);
    const trendSvg = Buffer.from(images[0]?.[2] ?? '', 'base64').toString();
    expect(trendSvg.match(/<rect x=/g)).toHaveLength(24);
    expect(html).toContain('<h2>Unresolved critical errors</h2>');
    expect(html).toContain('Payment declined by provider');

    const markdown = await runCli(['report', 'daily', '--project', 'rpt', '--at', iso(NOW)], env, true);
    expect(markdown.stdout).toMatch(/^# Daily error review: project rpt/);
    expect(markdown.stdout).toContain('- Errors: **9** (+800% against the period before (1))');
  });
});

describe('faultline report weekly', () => {
  let slack: Server;
  let smtp: SMTPServer;
  const slackBodies: string[] = [];
  const mails: string[] = [];

  beforeAll(async () => {
    slack = createServer((req, res) => {
      let body = '';
      req
        .on('data', (chunk) => (body += chunk))
        .on('end', () => {
          slackBodies.push(body);
          res.end('ok');
        });
    });
    await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        let raw = '';
        stream
          .on('data', (chunk: Buffer) => (raw += chunk.toString()))
          .on('end', () => {
            mails.push(raw);
            callback();
          });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => slack?.close(resolve));
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('adds the 7-day trend, team performance and prevention suggestions, and delivers by Slack and email', async () => {
    const slackUrl = `http://127.0.0.1:${(slack.address() as AddressInfo).port}/hook`;
    const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    const { report: weekly, delivered } = await report(
      'weekly',
      '--slack',
      slackUrl,
      '--email',
      'lead@example.test',
      '--smtp',
      smtpUrl,
    );
    expect(weekly.summary).toMatchObject({ total: 11, previousTotal: 0, changePercent: null, critical: 6 });
    // Day buckets ending now, starts inclusive: GA exactly 3 days ago opens the fifth, GD (30 h ago) is in the sixth.
    expect(weekly.trend.map((b) => b.count)).toEqual([0, 0, 0, 0, 1, 1, 9]);
    expect(weekly.newPatterns).toHaveLength(4);
    expect(weekly.teams).toEqual([
      { team: 'frontend-team', errors: 4, ticketsResolved: 0, meanResolutionMs: null },
      { team: 'infrastructure-team', errors: 4, ticketsResolved: 1, meanResolutionMs: HOUR },
      { team: 'payment-team', errors: 2, ticketsResolved: 0, meanResolutionMs: null },
      { team: 'backend-team', errors: 1, ticketsResolved: 0, meanResolutionMs: null },
    ]);
    // Categories at >= 10% of 11 errors: system 4, frontend 4, payment 2 (performance 1 is below); then the top component.
    expect(weekly.prevention?.map((p) => p.about)).toEqual([
      'category frontend',
      'category system',
      'category payment',
      expect.stringMatching(/^component (checkout-ui|database)$/),
    ]);

    expect(delivered).toEqual(['email lead@example.test', 'slack']);
    expect(JSON.parse(slackBodies[0] ?? '{}').text).toMatch(/^# Weekly error analysis: project rpt/);
    expect(mails[0]).toMatch(/Subject: Weekly error analysis/);
    expect(mails[0]).toContain('text/html');
  });
});
