import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testInfra } from './support/infra.js';
import { type Harness, startIngest } from './support/ingest-harness.js';

const run = promisify(execFile);
let ingest: Harness;
let project: { id: string; key: string; dsn: string };

/** What the browser SDK sends: text/plain (no preflight), key in the query string. */
function envelope(
  items: { header: Record<string, unknown>; payload: string }[],
  header: Record<string, unknown> = {},
): string {
  return [
    JSON.stringify(header),
    ...items.flatMap(({ header: h, payload }) => [JSON.stringify(h), payload]),
  ].join('\n');
}

async function postEnvelope(
  body: string | Buffer,
  options: { query?: string; headers?: Record<string, string>; projectId?: string } = {},
) {
  const query = options.query ?? `?sentry_key=${project.key}&sentry_version=7`;
  const response = await fetch(`${ingest.url}/api/${options.projectId ?? project.id}/envelope/${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...options.headers },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const eventId = (n: number) => n.toString(16).padStart(32, 'a');

beforeAll(async () => {
  ingest = await startIngest(testInfra());
  project = await ingest.createProject({ name: 'web', allowedOrigins: ['https://shop.example'] });
});

afterAll(async () => {
  await ingest?.close();
});

describe('Sentry protocol', () => {
  it('takes an exception from the real @sentry/node SDK, with its stack frames', async () => {
    const app = fileURLToPath(new URL('./fixtures/sentry-node-app.mjs', import.meta.url));
    const { stdout } = await run(process.execPath, [app], {
      env: { ...process.env, SENTRY_DSN: project.dsn },
      timeout: 30_000,
    });
    const id = stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const { key, event } = await ingest.reader.waitFor((e) => e.eventId === id);
    expect(key).toBe(project.id);
    expect(event).toMatchObject({
      projectId: project.id,
      level: 'error',
      source: 'other',
      component: 'payment',
      release: 'fixture@1.0.0',
      environment: 'test',
    });
    const thrown = event.exception?.at(-1);
    expect(thrown).toMatchObject({ type: 'TypeError', value: expect.stringContaining('toFixed') });
    expect(thrown?.frames?.at(-1)).toMatchObject({
      function: 'chargeCard',
      inApp: true,
      lineno: expect.any(Number),
      contextLine: expect.stringContaining('toFixed'),
    });
    expect(event.sdk?.name).toBe('sentry.javascript.node');
  });

  it('takes a gzip envelope as the browser SDK sends it, skipping other items', async () => {
    const payload = JSON.stringify({
      event_id: eventId(1),
      level: 'warning',
      message: 'browser says hi',
      platform: 'javascript',
      tags: { source: 'global-handler' },
    });
    const body = envelope(
      [
        { header: { type: 'event', length: Buffer.byteLength(payload) }, payload },
        { header: { type: 'session' }, payload: '{"sid":"s","status":"ok"}' },
        { header: { type: 'client_report' }, payload: '{"discarded_events":[]}' },
        { header: { type: 'mystery_item' }, payload: '{}' },
      ],
      { event_id: eventId(1), sent_at: new Date().toISOString() },
    );
    const response = await postEnvelope(gzipSync(body), {
      headers: { 'content-encoding': 'gzip', origin: 'https://shop.example' },
    });
    expect(response).toMatchObject({ status: 200, body: { id: eventId(1) } });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const { event } = await ingest.reader.waitFor((e) => e.eventId === eventId(1));
    expect(event).toMatchObject({
      level: 'warning',
      message: 'browser says hi',
      source: 'global-handler',
      extra: { platform: 'javascript' },
    });
  });

  it('accepts an envelope with no event and forwards nothing', async () => {
    const body = envelope([{ header: { type: 'transaction' }, payload: '{"event_id":"x"}' }], {
      event_id: eventId(2),
    });
    expect(await postEnvelope(body)).toMatchObject({ status: 200, body: { id: eventId(2) } });
  });

  it('takes /store/ with X-Sentry-Auth and deflate', async () => {
    const { deflateSync } = await import('node:zlib');
    const response = await fetch(`${ingest.url}/api/${project.id}/store/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'deflate',
        'x-sentry-auth': `Sentry sentry_version=7, sentry_key=${project.key}`,
      },
      body: deflateSync(JSON.stringify({ event_id: eventId(3), message: 'stored' })),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: eventId(3) });
    await ingest.reader.waitFor((e) => e.eventId === eventId(3));
  });

  it('answers a CORS preflight with the project origins', async () => {
    const allowed = await fetch(`${ingest.url}/api/${project.id}/envelope/`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const refused = await fetch(`${ingest.url}/api/${project.id}/envelope/`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(refused.status).toBe(403);
  });

  const refusedPayload = JSON.stringify({ event_id: eventId(99), message: 'must not arrive' });
  const refusedBody = envelope([{ header: { type: 'event' }, payload: refusedPayload }], {
    event_id: eventId(99),
  });
  it.each([
    {
      name: 'no key anywhere',
      options: () => ({ query: '' }),
      body: () => refusedBody,
      status: 403,
      error: 'FL_INGEST_AUTH_MISSING',
    },
    {
      name: 'header and query naming different keys',
      options: () => ({ headers: { 'x-sentry-auth': 'Sentry sentry_key=ffffffffffffffffffffffffffffffff' } }),
      body: () => refusedBody,
      status: 403,
      error: 'FL_INGEST_AUTH_MISMATCH',
    },
    {
      name: 'a DSN naming another key',
      options: () => ({}),
      body: () =>
        envelope([{ header: { type: 'event' }, payload: refusedPayload }], {
          dsn: 'http://ffffffffffffffffffffffffffffffff@h/1',
        }),
      status: 403,
      error: 'FL_INGEST_AUTH_MISMATCH',
    },
    {
      name: 'a DSN naming another project',
      options: () => ({}),
      body: () =>
        envelope([{ header: { type: 'event' }, payload: refusedPayload }], {
          dsn: `http://${project.key}@h/424242`,
        }),
      status: 403,
      error: 'FL_INGEST_AUTH_MISMATCH',
    },
    {
      name: 'an unknown project',
      options: () => ({ projectId: '987654321' }),
      body: () => refusedBody,
      status: 403,
      error: 'FL_INGEST_KEY_INVALID',
    },
    {
      name: 'an origin the project does not allow',
      options: () => ({ headers: { origin: 'https://evil.example' } }),
      body: () => refusedBody,
      status: 403,
      error: 'FL_INGEST_ORIGIN_NOT_ALLOWED',
    },
    {
      name: 'a broken envelope',
      options: () => ({}),
      body: () => 'not json\n',
      status: 400,
      error: 'FL_INGEST_INVALID_ENVELOPE',
    },
    {
      name: 'an event item that is not JSON',
      options: () => ({}),
      body: () => envelope([{ header: { type: 'event' }, payload: '{nope' }]),
      status: 400,
      error: 'FL_INGEST_INVALID_BODY',
    },
  ])('refuses $name', async ({ options, body, status, error }) => {
    const response = await postEnvelope(body(), options());
    expect(response).toMatchObject({ status, body: { error } });
  });

  it('rate-limits per project with Retry-After and X-Sentry-Rate-Limits', async () => {
    const limited = await ingest.createProject({
      name: 'noisy',
      rateLimit: { ratePerSecond: 0.1, burst: 2 },
    });
    const send = (n: number) => {
      const payload = JSON.stringify({ event_id: eventId(1000 + n), message: `noisy ${n}` });
      return postEnvelope(envelope([{ header: { type: 'event' }, payload }]), {
        projectId: limited.id,
        query: `?sentry_key=${limited.key}`,
      });
    };
    expect((await send(1)).status).toBe(200);
    expect((await send(2)).status).toBe(200);
    const refused = await send(3);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(9);
    expect(refused.headers.get('x-sentry-rate-limits')).toMatch(/^\d+:error;default:project:rate_limited$/);
    const own = await postEnvelope(
      envelope([{ header: { type: 'event' }, payload: JSON.stringify({ event_id: eventId(4) }) }]),
    );
    expect(own.status).toBe(200);
    await ingest.reader.waitFor((e) => e.eventId === eventId(4));
    expect(ingest.reader.byEventId(eventId(1003))).toEqual([]);
    expect(ingest.reader.byEventId(eventId(99))).toEqual([]);
  });
});
