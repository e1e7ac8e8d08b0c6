import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testInfra } from './support/infra.js';
import { type Harness, startIngest } from './support/ingest-harness.js';

let ingest: Harness;
let project: { id: string; key: string };
let revoked: { id: string; key: string };

const event = (message: string, extra: Record<string, unknown> = {}) => ({
  timestamp: new Date().toISOString(),
  level: 'error',
  message,
  source: 'express',
  ...extra,
});

async function post(body: string | Buffer, headers: Record<string, string> = {}, path = '/api/v1/events') {
  const response = await fetch(`${ingest.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${project.key}`, ...headers },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

beforeAll(async () => {
  ingest = await startIngest(testInfra(), { FAULTLINE_INGEST_SCRUB_EMAILS: 'true' });
  project = await ingest.createProject({ name: 'shop' });
  revoked = await ingest.createProject({ name: 'old' });
  await ingest.projects.revoke(revoked.id);
});

afterAll(async () => {
  await ingest?.close();
});

describe('POST /api/v1/events', () => {
  it.each([
    {
      name: 'one event',
      body: JSON.stringify(event('single')),
      type: 'application/json',
      messages: ['single'],
    },
    {
      name: 'a JSON array',
      body: JSON.stringify([event('array-1'), event('array-2')]),
      type: 'application/json',
      messages: ['array-1', 'array-2'],
    },
    {
      name: 'NDJSON',
      body: `${JSON.stringify(event('nd-1'))}\n${JSON.stringify(event('nd-2'))}\n`,
      type: 'application/x-ndjson',
      messages: ['nd-1', 'nd-2'],
    },
    {
      name: 'text/plain JSON',
      body: JSON.stringify(event('plain')),
      type: 'text/plain;charset=UTF-8',
      messages: ['plain'],
    },
  ])(
    'accepts $name and writes each event to errors.raw, keyed by project',
    async ({ body, type, messages }) => {
      const response = await post(body, { 'content-type': type });
      expect(response.status).toBe(202);
      const ids = response.body.ids as string[];
      expect(ids).toHaveLength(messages.length);
      for (const [i, id] of ids.entries()) {
        const arrived = await ingest.reader.waitFor((e) => e.eventId === id);
        expect(arrived.key).toBe(project.id);
        expect(arrived.event).toMatchObject({
          schemaVersion: 1,
          projectId: project.id,
          message: messages[i],
          receivedAt: expect.any(String),
        });
      }
    },
  );

  it('accepts gzip and the X-Faultline-Key header, and scrubs before writing', async () => {
    const body = gzipSync(
      JSON.stringify(
        event('card 4111 1111 1111 1111 for ann@example.com', {
          eventId: 'client-id-1',
          extra: { password: 'p' },
        }),
      ),
    );
    const response = await post(body, {
      'content-encoding': 'gzip',
      authorization: '',
      'x-faultline-key': project.key,
    });
    expect(response).toMatchObject({ status: 202, body: { ids: ['client-id-1'] } });
    const { event: arrived } = await ingest.reader.waitFor((e) => e.eventId === 'client-id-1');
    expect(arrived.message).toBe('card [card] for [email]');
    expect(arrived.extra).toEqual({ password: '[Filtered]' });
  });

  it('records and clamps a broken client clock', async () => {
    const response = await post(JSON.stringify(event('skewed', { timestamp: '2001-01-01T00:00:00.000Z' })));
    const { event: arrived } = await ingest.reader.waitFor(
      (e) => e.eventId === (response.body.ids as string[])[0],
    );
    expect(arrived.timestamp).toBe(arrived.receivedAt);
    expect(arrived.clockSkewMs).toBeLessThan(-1e11);
  });

  const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  it.each([
    {
      name: 'malformed JSON',
      body: () => '{"message": ',
      headers: {},
      status: 400,
      error: 'FL_INGEST_INVALID_BODY',
    },
    {
      name: 'a wrong type',
      body: () => JSON.stringify(event('bad', { level: 7 })),
      headers: {},
      status: 400,
      error: 'FL_INGEST_INVALID_EVENT',
      field: '/level',
    },
    {
      name: 'a bad event in a batch',
      body: () => JSON.stringify([event('ok'), event('bad', { source: 'nowhere' })]),
      headers: {},
      status: 400,
      error: 'FL_INGEST_INVALID_EVENT',
      field: '/source',
      index: 1,
    },
    {
      name: 'a 2 MiB body',
      body: () => JSON.stringify(event('x'.repeat(2 * 1024 * 1024))),
      headers: {},
      status: 413,
      error: 'FL_INGEST_BODY_TOO_LARGE',
    },
    {
      name: 'a gzip bomb',
      body: () => gzipSync(Buffer.alloc(20 * 1024 * 1024, 32)),
      headers: { 'content-encoding': 'gzip' },
      status: 413,
      error: 'FL_INGEST_BODY_TOO_LARGE',
    },
    {
      name: 'deep nesting',
      body: () => JSON.stringify(event('deep', { extra: JSON.parse(deep(40)) })),
      headers: {},
      status: 400,
      error: 'FL_INGEST_TOO_DEEP',
    },
    {
      name: 'invalid UTF-8',
      body: () => Buffer.concat([Buffer.from('{"message":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
      headers: {},
      status: 400,
      error: 'FL_INGEST_INVALID_BODY',
    },
    {
      name: 'an unsupported encoding',
      body: () => JSON.stringify(event('zstd')),
      headers: { 'content-encoding': 'zstd' },
      status: 415,
      error: 'FL_INGEST_UNSUPPORTED_ENCODING',
    },
    {
      name: 'missing auth',
      body: () => JSON.stringify(event('anon')),
      headers: { authorization: '' },
      status: 403,
      error: 'FL_INGEST_AUTH_MISSING',
    },
    {
      name: 'an unknown key',
      body: () => JSON.stringify(event('who')),
      headers: { authorization: 'Bearer 0123456789abcdef0123456789abcdef' },
      status: 403,
      error: 'FL_INGEST_KEY_INVALID',
    },
    {
      name: 'mismatched keys',
      body: () => JSON.stringify(event('two')),
      headers: { 'x-faultline-key': '0123456789abcdef0123456789abcdef' },
      status: 403,
      error: 'FL_INGEST_AUTH_MISMATCH',
    },
    {
      name: "another project's id in the event",
      body: () => JSON.stringify(event('other', { projectId: '999999' })),
      headers: {},
      status: 403,
      error: 'FL_INGEST_AUTH_MISMATCH',
    },
  ])('refuses $name with $status', async ({ name: _name, body, headers, status, error, ...details }) => {
    const response = await post(body(), headers as Record<string, string>);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ error, ...details });
  });

  it('refuses a revoked key with 403', async () => {
    const response = await post(JSON.stringify(event('revoked')), { authorization: `Bearer ${revoked.key}` });
    expect(response).toMatchObject({ status: 403, body: { error: 'FL_INGEST_KEY_REVOKED' } });
  });

  it('lets nothing refused reach Kafka', async () => {
    // Written after every refused request above: once it is read, anything refused would have been read too.
    const sentinel = await post(JSON.stringify(event('sentinel')));
    await ingest.reader.waitFor((e) => e.eventId === (sentinel.body.ids as string[])[0]);
    const refused = ['bad', 'ok', 'x', 'deep', 'zstd', 'anon', 'who', 'two', 'other', 'revoked'];
    expect(
      ingest.reader.messages.filter(
        (m) => refused.includes(m.event.message) || m.event.message.startsWith('xxx'),
      ),
    ).toEqual([]);
  });

  it('serves health, readiness and metrics', async () => {
    expect((await fetch(`${ingest.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${ingest.url}/readyz`);
    expect(await ready.json()).toMatchObject({
      ready: true,
      checks: { kafka: { ok: true }, redis: { ok: true } },
    });
    const metrics = await (await fetch(`${ingest.url}/metrics`)).text();
    expect(metrics).toMatch(/faultline_ingest_events_accepted_total\{[^}]*endpoint="events"[^}]*\} [1-9]/);
    expect(metrics).toMatch(
      /faultline_ingest_requests_rejected_total\{[^}]*reason="FL_INGEST_TOO_DEEP"[^}]*\} 1/,
    );
    expect(metrics).toContain('faultline_ingest_request_duration_seconds_bucket');
  });
});
