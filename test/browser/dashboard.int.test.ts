/**
 * The dashboard in headless Chromium against the whole pipeline run as processes: errors
 * posted to ingest are counted on the page, a critical error fires an alert that appears
 * without a reload, and acknowledge / resolve on the page change the alert in the alerter
 * and back on the page. Screenshots of each state go to test/artifacts/dashboard/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { newSessionId, SESSION_COOKIE, signSession } from '@faultline/access';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type IssuedToken, TestAccess } from '../support/access.js';
import { errorEvent } from '../support/events.js';
import { type Project, type Stack, startStack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';

const REPO = resolve(import.meta.dirname, '../..');
const ARTIFACTS = join(REPO, 'test/artifacts/dashboard');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let stack: Stack;
let project: Project;
let browser: Browser;
let page: Page;
let webRoot: string;
let failed = false;
let access: TestAccess;
/** The responder who signs in to the page (a session cookie) and writes the ticket step (a token). */
let dana: IssuedToken;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (scripts/setup.sh)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  // The page as the sources are now, not whatever a past install built.
  webRoot = mkdtempSync(join(tmpdir(), 'fl-dashboard-web-'));
  const build = spawnSync(
    'pnpm',
    [
      '--filter',
      '@faultline/metrics',
      'exec',
      'vite',
      'build',
      '--config',
      'web/vite.config.ts',
      '--outDir',
      webRoot,
      '--emptyOutDir',
    ],
    { cwd: REPO, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`vite build failed: ${build.stderr}${build.stdout}`);

  stack = await startStack({
    infra: inject('infra'),
    label: 'dash',
    env: { FAULTLINE_CONSUMER_MIN_BYTES: '1', FAULTLINE_CONSUMER_MAX_WAIT_MS: '200' },
    serviceEnv: { metrics: { FAULTLINE_DASHBOARD_WEB_ROOT: webRoot } },
  });
  project = await stack.createProject('dashboard');
  // A real user record on the stack's access topic (metrics made the owner): Dana, responder of the project.
  access = await TestAccess.start({
    topicPrefix: stack.prefix,
    brokers: inject('infra').kafkaBrokers,
    owner: false,
  });
  dana = await access.person(project.id, 'responder', 'dana', 'Dana Oncall');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Signed in as Dana: the session cookie the sign-in would set, signed with the stack's session secret.
  // Cookies ignore ports: the page's calls to resolution (another origin, same site) carry it too.
  const session = signSession(
    { userId: 'dana', sessionId: newSessionId(), expiresAt: new Date(Date.now() + 3_600_000) },
    stack.sessionSecret,
  );
  await page
    .context()
    .addCookies([
      { name: SESSION_COOKIE, value: session, url: stack.url('metrics'), httpOnly: true, sameSite: 'Lax' },
    ]);
}, 240_000);

afterAll(async () => {
  if (failed && stack) console.error(`service logs kept in ${stack.logsDir}\n${stack.logTails()}`);
  await browser?.close();
  await access?.stop();
  await stack?.stop({ keepLogs: failed });
  if (webRoot) rmSync(webRoot, { recursive: true, force: true });
}, 60_000);

async function send(events: object[]): Promise<void> {
  const answer = await stack.sendEvents(project.key, events);
  expect(answer.status).toBe(202);
}

async function metrics<T>(path: string): Promise<T> {
  const response = await fetch(`${stack.url('metrics')}/api/v1/projects/${project.id}${path}`, {
    headers: stack.auth,
  });
  return (await response.json()) as T;
}

/**
 * The resolution API (tickets), which the page calls cross-origin for a group's ticket and
 * investigation: reads as the owner, changes as Dana.
 */
async function resolution<T>(path: string, body?: object): Promise<{ status: number; body: T }> {
  const response = await fetch(`${stack.url('resolution')}/api/v1/projects/${project.id}${path}`, {
    ...(body
      ? {
          method: 'POST',
          headers: { ...dana.headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }
      : { headers: stack.auth }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

interface TicketView {
  ticketId: string;
  title: string;
  assignee: string;
  status: string;
}

const text = async (testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

describe('dashboard page', () => {
  it('loads and shows the seeded counts and the trend chart', async () => {
    try {
      await send([
        ...Array.from({ length: 4 }, () =>
          errorEvent('Cannot read properties of undefined (reading "name")', { component: 'profile' }),
        ),
        ...Array.from({ length: 2 }, () =>
          errorEvent('Checkout page slow', { component: 'api', responseTimeMs: 7200 }),
        ),
      ]);
      await waitFor(
        async () => (await metrics<{ total: number }>('/top/severity')).total === 6,
        60_000,
        'the six seeded events in ClickHouse',
      );

      await page.goto(`${stack.url('metrics')}/dashboard/?project=${encodeURIComponent(project.id)}`);
      await page.getByTestId('live-state').filter({ hasText: 'Live' }).waitFor();
      await page.getByTestId('errors-low').filter({ hasText: '4' }).waitFor();
      expect(await text('errors-low')).toBe('4');
      expect(await text('errors-medium')).toBe('2');
      expect(await text('errors-critical')).toBe('0');
      expect(await text('active-critical')).toBe('0');
      expect(await text('rate-total')).toBe('6');
      expect(await text('trend-total')).toBe('6');
      await expect(page.getByTestId('top-categories').textContent()).resolves.toMatch(/general\s*4/);
      expect(await page.getByTestId('no-alerts').isVisible()).toBe(true);
      expect(await text('groups-total')).toBe('2 groups');

      // uPlot draws the series in the chart's orange: count such pixels on its canvas.
      const seriesPixels = await page
        .locator('[data-testid=trend] canvas')
        .evaluate((canvas: HTMLCanvasElement) => {
          const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
          let count = 0;
          for (let i = 0; i < data.length; i += 4)
            if (
              (data[i] ?? 0) > 150 &&
              (data[i + 1] ?? 255) < 110 &&
              (data[i + 2] ?? 255) < 60 &&
              (data[i + 3] ?? 0) > 200
            )
              count++;
          return count;
        });
      expect(seriesPixels).toBeGreaterThan(20);
      await page.getByText('Show the numbers').click();
      const bucketSum = await page
        .locator('[data-testid=trend-table] tbody td:nth-child(2)')
        .allTextContents()
        .then((cells) => cells.reduce((sum, cell) => sum + Number(cell), 0));
      expect(bucketSum).toBe(6);
      await shot('1-loaded');

      await page.getByRole('button', { name: '7 days' }).click();
      await expect(page.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')).resolves.toBe(
        'true',
      );
      await page.getByTestId('trend-total').filter({ hasText: '6' }).waitFor();
    } catch (error) {
      failed = true;
      throw error;
    }
  });

  it('shows an alert fired by a posted error live, and acknowledges and resolves it end to end', async () => {
    try {
      // A marker on window survives only if the page is never reloaded.
      await page.evaluate(() => {
        (window as unknown as { marker: number }).marker = 42;
      });
      await send([
        errorEvent('Database connection failed: ECONNREFUSED 10.0.0.5:5432', { component: 'database' }),
      ]);

      const row = page.locator('.alert-row.sev-critical').first();
      await row.waitFor({ timeout: 60_000 });
      expect(await row.getAttribute('data-status')).toBe('firing');
      expect(await row.textContent()).toContain('database');
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
      await page.getByTestId('active-critical').filter({ hasText: '1' }).waitFor();
      await shot('2-alert-fired');
      const alertId = (await row.getAttribute('data-alert-id')) ?? '';

      // Without a name the button explains instead of sending.
      await row.getByRole('button', { name: 'Acknowledge' }).click();
      await row.getByRole('alert').filter({ hasText: 'Enter your name' }).waitFor();
      await page.getByLabel(/Your name/).fill('Dana Oncall');
      await row.getByRole('button', { name: 'Acknowledge' }).click();
      await page
        .locator(`[data-alert-id="${alertId}"][data-status=acknowledged]`)
        .waitFor({ timeout: 30_000 });
      expect(await row.textContent()).toContain('acknowledged by Dana Oncall');
      expect(await alerterStatus(alertId)).toMatchObject({
        status: 'acknowledged',
        acknowledgedBy: 'Dana Oncall',
      });
      await shot('3-acknowledged');

      // Keyboard only: focus the button and press Enter.
      await row.getByRole('button', { name: 'Resolve' }).focus();
      await page.keyboard.press('Enter');
      await page.locator(`[data-alert-id="${alertId}"][data-status=resolved]`).waitFor({ timeout: 30_000 });
      expect(await row.textContent()).toContain('resolved by Dana Oncall');
      expect(await alerterStatus(alertId)).toMatchObject({ status: 'resolved' });
      await page.getByTestId('active-critical').filter({ hasText: '0' }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
      await shot('4-resolved');
    } catch (error) {
      failed = true;
      throw error;
    }
  });

  it('shows a group with its ticket, investigation, stack trace and fingerprint, and fits a phone screen', async () => {
    try {
      // The critical database error opened a ticket by itself; a step moves it to in-progress.
      let found: TicketView | undefined;
      await waitFor(
        async () => {
          const { tickets } = (await resolution<{ tickets: TicketView[] }>('/tickets?limit=100')).body;
          found = tickets.find((t) => t.title.startsWith('database:'));
          return found !== undefined;
        },
        60_000,
        'the automatic ticket of the critical database error',
      );
      const ticket = found as TicketView;
      const step = await resolution(`/tickets/${ticket.ticketId}/steps`, {
        action: 'checked-pool',
        description: 'Connection pool exhausted on db-2',
        status: 'in-progress',
      });
      expect(step.status).toBe(200);

      await page.getByLabel('Search messages').fill('database');
      await page.getByTestId('groups-total').filter({ hasText: '1 group' }).waitFor();
      await page.getByRole('link', { name: /Database connection failed/ }).click();
      await page.getByRole('heading', { name: 'Fingerprint' }).waitFor();
      expect(await text('group-total')).toBe('1');

      const ticketPanel = page.getByRole('region', { name: 'Ticket' });
      await ticketPanel.getByTestId('ticket-title').waitFor();
      expect(await text('ticket-title')).toBe(ticket.title);
      expect(await text('ticket-status')).toBe('in-progress');
      expect(await text('ticket-assignee')).toBe(ticket.assignee);
      expect(ticket.assignee).not.toBe('');
      expect(await text('ticket-steps')).toMatch(
        /checked-pool by Dana Oncall.*Connection pool exhausted on db-2/s,
      );

      // One database error and nothing like it: the runbook calls that isolated.
      const investigation = page.getByRole('region', { name: 'Investigation' });
      await investigation.getByTestId('investigation-pattern').waitFor({ timeout: 30_000 });
      expect(await text('investigation-pattern')).toBe('isolated');
      expect(await text('investigation-similar')).toBe('0');
      expect(await text('investigation-health')).toMatch(/^(healthy|degraded) memory \d+%, CPU \d+%/);
      expect(await page.getByTestId('investigation-recommendations').locator('li').count()).toBeGreaterThan(
        0,
      );
      await shot('5-group');

      // The group page on a phone: nothing wider than the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('investigation-pattern').waitFor();
      expect(await horizontalOverflow()).toBeLessThanOrEqual(0);
      await shot('6-group-phone');

      // Another group has no ticket (low severity opens none).
      await page.goto(`${stack.url('metrics')}/dashboard/?project=${encodeURIComponent(project.id)}`);
      await page.getByLabel('Search messages').fill('Checkout page slow');
      await page.getByTestId('groups-total').filter({ hasText: '1 group' }).waitFor();
      await page.getByRole('link', { name: /Checkout page slow/ }).click();
      await page.getByTestId('no-ticket').waitFor();
      expect(await text('no-ticket')).toBe('No ticket for this group.');

      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${stack.url('metrics')}/dashboard/?project=${encodeURIComponent(project.id)}`);
      await page.getByTestId('errors-low').filter({ hasText: '4' }).waitFor();
      expect(await horizontalOverflow()).toBeLessThanOrEqual(0);
      await shot('7-phone');
    } catch (error) {
      failed = true;
      throw error;
    }
  });
});

function horizontalOverflow(): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function alerterStatus(alertId: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${stack.url('alerter')}/api/v1/alerts/${alertId}`, {
    headers: stack.auth,
  });
  const body = (await response.json()) as { alert?: Record<string, unknown> } & Record<string, unknown>;
  return body.alert ?? body;
}
