/**
 * The whole pipeline, as processes: ingest -> categorizer -> detector -> alerter -> metrics, and resolution,
 * started by the `pnpm start` supervisor in a private namespace, with every channel of every
 * recipient pointed at loopback receivers and the critical escalation shortened to seconds.
 * Every topic has one partition but errors.raw and errors.categorized, so alert-events are
 * stored in the order the alerter wrote them.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorEvent } from '../support/events.js';
import { Receivers, receiverEnv } from '../support/receivers.js';
import { type Project, type Stack, startStack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';

const run = promisify(execFile);

// Stage 1 soon, stage 2 long enough after it for an acknowledgement to land in between.
const ESCALATION_MS = [3000, 15_000];

interface AlertRow {
  alert_id: string;
  type: string;
  stage: number;
  project_id: string;
  notification_channel: string;
  notification_recipient: string;
  notification_stage: number;
  notification_status: string;
}

let stack: Stack;
let receivers: Receivers;
let failed = false;

beforeAll(async () => {
  receivers = new Receivers();
  await receivers.start();
  stack = await startStack({
    infra: inject('infra'),
    env: {
      ...receiverEnv(receivers),
      FAULTLINE_ESCALATION_AFTER_MS_CRITICAL: ESCALATION_MS.join(','),
      FAULTLINE_DELIVERY: JSON.stringify({ attemptTimeoutMs: 2000, backoffBaseMs: 100, backoffMaxMs: 500 }),
      FAULTLINE_SCHEDULER: JSON.stringify({ pollIntervalMs: 100, leaseMs: 5000 }),
      // Metrics inserts as soon as anything is waiting: the test waits for rows, not for a full batch.
      FAULTLINE_CONSUMER_MIN_BYTES: '1',
      FAULTLINE_CONSUMER_MAX_WAIT_MS: '200',
    },
  });
}, 180_000);

afterAll(async () => {
  if (failed && stack) console.error(`service logs kept in ${stack.logsDir}\n${stack.logTails()}`);
  await stack?.stop({ keepLogs: failed });
  await receivers?.close();
}, 60_000);

async function alertEvents(projectId: string): Promise<AlertRow[]> {
  return stack.queryOrEmpty<AlertRow>(
    `SELECT alert_id, type, stage, project_id, notification_channel, notification_recipient,
            notification_stage, notification_status
       FROM alert_events WHERE project_id = {projectId:String} ORDER BY at, kafka_offset`,
    { projectId },
  );
}

/** Waits for the project's alert-event of `type` (at `stage`) to be stored, and answers its alertId. */
async function waitForAlertEvent(projectId: string, type: string, stage?: number): Promise<string> {
  let found: AlertRow | undefined;
  await waitFor(
    async () => {
      found = (await alertEvents(projectId)).find(
        (e) => e.type === type && (stage === undefined || e.stage === stage),
      );
      return found !== undefined;
    },
    60_000,
    `a ${type}${stage === undefined ? '' : ` stage ${stage}`} alert-event of project ${projectId} in ClickHouse`,
  );
  return (found as AlertRow).alert_id;
}

async function accepted(project: Project, events: Record<string, unknown>[]): Promise<string[]> {
  const { status, ids } = await stack.sendEvents(project.key, events);
  expect(status).toBe(202);
  return ids;
}

function track<T>(body: () => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await body();
    } catch (error) {
      failed = true;
      throw error;
    }
  };
}

describe('the pipeline, service processes end to end', () => {
  it(
    'stores a posted error as a categorized row, readable through the analytics API',
    track(async () => {
      const project = await stack.createProject('categorized');
      const [critical, security, slow, plain] = [
        errorEvent('Database connection failed: ECONNREFUSED 10.0.0.5:5432', { component: 'database' }),
        errorEvent('Unauthorized access attempt on /admin', { component: 'security' }),
        errorEvent('Checkout page slow', { component: 'api', responseTimeMs: 7200 }),
        errorEvent('Cannot read properties of undefined (reading "name")', { component: 'profile' }),
      ] as Record<string, unknown>[];
      const ids = await accepted(project, [critical, security, slow, plain] as Record<string, unknown>[]);
      expect(ids).toEqual([critical, security, slow, plain].map((e) => e?.eventId));

      type Row = {
        event_id: string;
        severity: string;
        category: string;
        priority: string;
        team: string;
        rule_id: string;
      };
      let rows: Row[] = [];
      await waitFor(
        async () => {
          rows = await stack.queryOrEmpty<Row>(
            'SELECT event_id, severity, category, priority, team, rule_id FROM events WHERE project_id = {p:String}',
            { p: project.id },
          );
          return rows.length >= 4;
        },
        60_000,
        'four rows in events',
      );
      const byId = new Map(rows.map((r) => [r.event_id, r]));
      expect(rows).toHaveLength(4);
      expect(byId.get(ids[0] as string)).toMatchObject({
        severity: 'critical',
        category: 'system',
        priority: 'P0',
        team: 'infrastructure-team',
        rule_id: 'runbook-critical',
      });
      expect(byId.get(ids[1] as string)).toMatchObject({
        severity: 'high',
        category: 'security',
        team: 'security-team',
      });
      expect(byId.get(ids[2] as string)).toMatchObject({
        severity: 'medium',
        category: 'performance',
        team: 'backend-team',
      });
      expect(byId.get(ids[3] as string)).toMatchObject({
        severity: 'low',
        category: 'general',
        priority: 'P3',
        team: 'development-team',
        rule_id: 'default',
      });

      const response = await fetch(`${stack.url('metrics')}/api/v1/projects/${project.id}/top/severity`, {
        headers: stack.auth,
      });
      expect(response.status).toBe(200);
      const top = JSON.stringify(await response.json());
      for (const severity of ['critical', 'high', 'medium', 'low']) expect(top).toContain(severity);

      // Resolution opens a ticket for the critical and the high group by itself; metrics stores their history.
      type TicketRow = { title: string; assignee: string; status: string };
      let tickets: TicketRow[] = [];
      await waitFor(
        async () => {
          tickets = await stack.queryOrEmpty<TicketRow>(
            'SELECT title, assignee, status FROM tickets WHERE project_id = {p:String} ORDER BY title',
            { p: project.id },
          );
          return tickets.length >= 2;
        },
        60_000,
        'two automatic tickets in ClickHouse',
      );
      expect(tickets).toEqual([
        {
          title: 'database: Database connection failed: ECONNREFUSED [ip]:5432',
          assignee: 'infrastructure-team',
          status: 'open',
        },
        {
          title: 'security: Unauthorized access attempt on /admin',
          assignee: 'security-team',
          status: 'open',
        },
      ]);
      const listed = await fetch(`${stack.url('resolution')}/api/v1/projects/${project.id}/tickets`, {
        headers: stack.auth,
      });
      expect(((await listed.json()) as { tickets: TicketRow[] }).tickets).toHaveLength(2);
    }),
  );

  it(
    'pages every receiver of a critical error, stops escalating once acknowledged, and closes on resolve',
    track(async () => {
      const acked = await stack.createProject('acked');
      const control = await stack.createProject('control');
      await accepted(acked, [errorEvent('Payment processing failed: gateway 502', { component: 'payment' })]);
      const alertId = await waitForAlertEvent(acked.id, 'fired');
      // The control alert fires after the acknowledged one, so its escalations fall due later.
      await accepted(control, [
        errorEvent('Payment processing failed: gateway 502', { component: 'payment' }),
      ]);
      const controlId = await waitForAlertEvent(control.id, 'fired');

      // The first page: every channel of every critical recipient, each once.
      const pageKeys = (rows: AlertRow[], stage: number) =>
        rows
          .filter(
            (r) =>
              r.type === 'notified' && r.notification_status === 'sent' && r.notification_stage === stage,
          )
          .map((r) => `${r.notification_channel}:${r.notification_recipient}`)
          .sort();
      const expectedPages = ['email', 'pagerduty', 'slack', 'sms']
        .flatMap((channel) => ['cto', 'on-call-engineer', 'tech-lead'].map((r) => `${channel}:${r}`))
        .sort();
      await waitFor(
        async () => pageKeys(await alertEvents(acked.id), 0).length >= expectedPages.length,
        60_000,
        'twelve first-page deliveries',
      );
      const dedupKey = `${acked.id}:critical`;
      // Stage 1 falls due after 3 s and may already have paged again on a slow machine: count stage 0.
      const firstStage = (r: { body: Record<string, unknown> }) =>
        !(r.body.payload as { custom_details?: Record<string, unknown> } | undefined)?.custom_details?.[
          'Escalation stage'
        ];
      const triggers = receivers.of(
        'pagerduty',
        (r) => r.body.dedup_key === dedupKey && r.body.event_action === 'trigger' && firstStage(r),
      );
      expect(triggers.map((r) => r.address).sort()).toEqual([
        'rk-cto',
        'rk-on-call-engineer',
        'rk-tech-lead',
      ]);
      expect(
        receivers.of('email', (r) => String(r.body.subject).includes('CRITICAL')).length,
      ).toBeGreaterThanOrEqual(3);
      expect(receivers.of('slack').length).toBeGreaterThanOrEqual(3);
      expect(receivers.of('sms').length).toBeGreaterThanOrEqual(3);
      expect(receivers.problems).toEqual([]);

      // Not acknowledged: it escalates to stage 1. Then acknowledge it.
      await waitForAlertEvent(acked.id, 'escalated', 1);
      expect(await stack.alertCommand(alertId, 'acknowledge')).toBe(202);
      await waitForAlertEvent(acked.id, 'acknowledged');

      // Once the control alert reached stage 2, the acknowledged one's stage 2 was due too: it must not have run.
      await waitForAlertEvent(control.id, 'escalated', 2);
      const ackedEvents = await alertEvents(acked.id);
      expect(ackedEvents.filter((e) => e.type === 'escalated').map((e) => e.stage)).toEqual([1]);
      expect(pageKeys(ackedEvents, 0)).toEqual(expectedPages);
      expect(pageKeys(ackedEvents, 2)).toEqual([]);
      expect(
        receivers.of(
          'pagerduty',
          (r) => r.body.dedup_key === dedupKey && r.body.event_action === 'acknowledge',
        ).length,
      ).toBeGreaterThan(0);

      // The alerter's own state agrees: still at stage 1, acknowledged.
      const acknowledged = await fetch(`${stack.url('alerter')}/api/v1/alerts/${alertId}`, {
        headers: stack.auth,
      });
      expect(await acknowledged.json()).toMatchObject({ stage: 1, status: 'acknowledged' });

      // Resolving closes it: a resolved event, PagerDuty resolved, and it leaves the active list.
      expect(await stack.alertCommand(alertId, 'resolve')).toBe(202);
      await waitForAlertEvent(acked.id, 'resolved');
      await waitFor(
        () =>
          receivers.of('pagerduty', (r) => r.body.dedup_key === dedupKey && r.body.event_action === 'resolve')
            .length > 0,
        30_000,
        'a PagerDuty resolve',
      );
      const active = async (projectId: string) => {
        const response = await fetch(`${stack.url('metrics')}/api/v1/projects/${projectId}/alerts/active`, {
          headers: stack.auth,
        });
        expect(response.status).toBe(200);
        return JSON.stringify(await response.json());
      };
      expect(await active(acked.id)).not.toContain(alertId);
      expect(await active(control.id)).toContain(controlId);
      const state = await fetch(`${stack.url('alerter')}/api/v1/alerts/${alertId}`, {
        headers: stack.auth,
      });
      expect(JSON.stringify(await state.json())).toContain('resolved');
      expect(receivers.problems).toEqual([]);
    }),
    120_000,
  );

  it(
    'takes an event from the real @sentry/node SDK the same way: categorized row and a page',
    track(async () => {
      const project = await stack.createProject('sentry');
      const app = fileURLToPath(new URL('./fixtures/sentry-app.mjs', import.meta.url));
      const { stdout } = await run(process.execPath, [app], {
        env: { ...process.env, SENTRY_DSN: project.dsn },
        timeout: 30_000,
      });
      const eventId = stdout.trim();
      expect(eventId).toMatch(/^[0-9a-f]{32}$/);

      type Row = {
        event_id: string;
        severity: string;
        category: string;
        team: string;
        component: string;
        release: string;
        exception_type: string;
      };
      let rows: Row[] = [];
      await waitFor(
        async () => {
          rows = await stack.queryOrEmpty<Row>(
            `SELECT event_id, severity, category, team, component, release, exception_type
               FROM events WHERE project_id = {p:String}`,
            { p: project.id },
          );
          return rows.length > 0;
        },
        60_000,
        'the Sentry event in events',
      );
      expect(rows).toEqual([
        {
          event_id: eventId,
          severity: 'critical',
          category: 'system',
          team: 'payment-team',
          component: 'payment',
          release: 'shop@2.1.0',
          exception_type: 'Error',
        },
      ]);
      await waitForAlertEvent(project.id, 'fired');
      const dedupKey = `${project.id}:critical`;
      await waitFor(
        () => receivers.of('pagerduty', (r) => r.body.dedup_key === dedupKey).length >= 3,
        60_000,
        'PagerDuty pages for the Sentry event',
      );
    }),
    90_000,
  );
});
