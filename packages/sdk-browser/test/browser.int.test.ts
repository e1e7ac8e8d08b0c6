import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestUnderTest, startIngest } from '../../sdk-node/test/support/ingest.js';
import { bundle } from '../scripts/build.js';

const CHROMIUM = '/usr/bin/chromium';

/** What fixtures/page.ts puts on window. */
interface PageWindow {
  triggers: Record<string, (id: string) => unknown> & { message(id: string): void; queued(): number };
}

let ingest: IngestUnderTest;
let browser: Browser;
let page: Page;
let pageServer: Server;
let pageOrigin: string;
/** Ingest scrubs IP addresses by default, the page's loopback address in URLs and messages included. */
const scrubbedIp = (url: string) => url.replace('127.0.0.1', '[ip]');
let deadUrl: string;

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The app: its page, the bundle, endpoints answering a chosen status, one that never answers. */
async function startPageServer(script: string): Promise<Server> {
  const html = `<!doctype html><html><body><div id="root"></div>
<script>window.FAULTLINE_TEST = ${JSON.stringify({ endpoint: ingest.url, key: ingest.key, deadUrl })};</script>
<script src="/app.js"></script></body></html>`;
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const status = /^\/status\/(\d{3})\//.exec(url)?.[1];
    if (url.startsWith('/app.js')) response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (status) response.writeHead(Number(status)).end('failed on purpose');
    else if (url.startsWith('/slow/')) request.on('close', () => response.destroy());
    else response.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  return server;
}

async function openPage(query = ''): Promise<Page> {
  const opened = await browser.newPage();
  await opened.goto(`${pageOrigin}/${query}`);
  await opened.waitForFunction(() => 'triggers' in window);
  return opened;
}

function trigger(name: string): Promise<string> {
  // Letters in ids: ingest scrubs long digit runs that pass the Luhn check as card numbers.
  const id = `${name}-${randomBytes(6).toString('hex')}`;
  return page
    .evaluate(([fn, arg]) => (window as unknown as PageWindow).triggers[fn]?.(arg), [name, id] as const)
    .then(() => id);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  ingest = await startIngest('sdk-browser');
  const dead = createServer();
  deadUrl = await listen(dead);
  await new Promise((resolve) => dead.close(resolve));
  const script = await bundle({
    entryFile: fileURLToPath(new URL('fixtures/page.ts', import.meta.url)),
    format: 'iife',
    minify: false,
  });
  pageServer = await startPageServer(script);
  pageOrigin = await listen(pageServer);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await openPage();
});

afterAll(async () => {
  await browser?.close();
  pageServer?.closeAllConnections();
  await new Promise((resolve) => pageServer?.close(resolve));
  await ingest?.close();
});

describe('browser SDK in Chromium, through ingest to errors.raw', () => {
  it('global error handler: an uncaught exception, with frames from the bundle', async () => {
    const id = await trigger('globalError');
    const event = await ingest.waitFor((e) => e.message === `Checkout button exploded ${id}`);
    expect(event).toMatchObject({
      projectId: ingest.projectId,
      source: 'global-handler',
      level: 'error',
      release: 'web@1.2.3',
      environment: 'test',
      userId: 'user-7',
      sessionId: expect.stringMatching(/^[0-9a-f]{32}$/),
      tags: { page: 'checkout' },
      request: { url: `${scrubbedIp(pageOrigin)}/`, userAgent: expect.stringContaining('Chrome') },
      sdk: { name: 'faultline.browser', version: '0.1.0' },
    });
    const [caught] = event.exception ?? [];
    expect(caught).toMatchObject({ type: 'Error', mechanism: { type: 'onerror', handled: false } });
    expect(caught?.frames?.at(-1)).toMatchObject({
      filename: `${scrubbedIp(pageOrigin)}/app.js`,
      lineno: expect.any(Number),
    });
  });

  it('unhandled rejection handler', async () => {
    const id = await trigger('rejection');
    const event = await ingest.waitFor((e) => e.message === `Cannot read properties of undefined ${id}`);
    expect(event).toMatchObject({ source: 'unhandled-rejection', exception: [{ type: 'TypeError' }] });
  });

  it.each([
    {
      trigger: 'fetch5xx',
      message: (id: string) => `HTTP 503 on GET /status/503/${id}`,
      expected: (id: string) => ({
        request: { method: 'GET', url: `${scrubbedIp(pageOrigin)}/status/503/${id}?token=[Filtered]&x=1` },
        tags: { transport: 'fetch', status: '503' },
      }),
    },
    {
      trigger: 'fetchFailure',
      message: (id: string) => `Network request failed: POST ${scrubbedIp(deadUrl)}/down/${id}`,
      expected: () => ({
        tags: { transport: 'fetch' },
        exception: [{ type: 'TypeError', value: 'Failed to fetch' }],
      }),
    },
    {
      trigger: 'xhr5xx',
      message: (id: string) => `HTTP 500 on PUT /status/500/${id}`,
      expected: () => ({ request: { method: 'PUT' }, tags: { transport: 'xhr', status: '500' } }),
    },
    {
      trigger: 'xhrFailure',
      message: (id: string) => `Network request failed: GET ${scrubbedIp(deadUrl)}/down/${id}`,
      expected: () => ({ tags: { transport: 'xhr' } }),
    },
    {
      trigger: 'xhrTimeout',
      message: (id: string) => `Network request timeout: GET /slow/${id}`,
      expected: () => ({ tags: { transport: 'xhr' } }),
    },
  ])('network capture: $trigger', async ({ trigger: name, message, expected }) => {
    const id = await trigger(name);
    const event = await ingest.waitFor((e) => e.message === message(id));
    expect(event).toMatchObject({
      source: 'network',
      component: 'network',
      responseTimeMs: expect.any(Number),
      ...expected(id),
    });
  });

  it('network capture ignores requests the app aborted, and the SDK never reports its own requests', async () => {
    const aborted = await trigger('fetchAborted');
    // The page's queue sends in order: once a later event arrived, an earlier one would have.
    const later = await trigger('rejection');
    await ingest.waitFor((e) => e.message.endsWith(later));
    expect(ingest.events.filter((e) => e.message.includes(aborted))).toEqual([]);
    expect(ingest.events.filter((e) => e.request?.url?.startsWith(ingest.url))).toEqual([]);
  });

  it('React ErrorBoundary: reports the render error with the component stack and shows the fallback', async () => {
    const id = await trigger('boundary');
    const event = await ingest.waitFor((e) => e.message === `Audio decoder crashed ${id}`);
    expect(event).toMatchObject({
      source: 'error-boundary',
      component: 'audio-player',
      action: 'render',
      exception: [{ mechanism: { type: 'react.error-boundary', handled: true } }],
      extra: { componentStack: expect.stringContaining('Player') },
    });
    expect(await page.textContent('#fallback')).toBe('Something went wrong');
  });

  it('sends what is queued by beacon when the page is left', async () => {
    // Nothing leaves by timer on this page: only the pagehide beacon can deliver.
    const leaving = await openPage('?flushIntervalMs=600000');
    // Records, in this origin's storage, which URL the SDK handed to sendBeacon and whether it took it.
    await leaving.evaluate(() => {
      const sendBeacon = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url, data) => {
        const queued = sendBeacon(url, data);
        localStorage.setItem('beacon', `${queued} ${url}`);
        return queued;
      };
    });
    const id = `beacon-${randomBytes(6).toString('hex')}`;
    await leaving.evaluate((arg) => (window as unknown as PageWindow).triggers.message(arg), id);
    expect(await leaving.evaluate(() => (window as unknown as PageWindow).triggers.queued())).toBe(1);
    await leaving.goto('about:blank');
    const event = await ingest.waitFor((e) => e.message === `leaving the page ${id}`);
    expect(event).toMatchObject({ level: 'info', source: 'other', release: 'web@1.2.3' });
    await leaving.goto(`${pageOrigin}/`);
    expect(await leaving.evaluate(() => localStorage.getItem('beacon'))).toBe(
      `true ${ingest.url}/api/v1/events?sentry_key=${ingest.key}`,
    );
    await leaving.close();
  });
});
